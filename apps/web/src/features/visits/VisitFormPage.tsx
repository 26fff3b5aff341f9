import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ResidentTag } from '@gongzhi/core';
import { useSignedIn } from '../../shell/session.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import { cachedList, enqueue, syncVisits, visitId } from './offline.ts';
import type { RecordVisitBody, VisitListItem } from './types.ts';
import { HouseholdCard } from './HouseholdCard.tsx';

/** Tags a worker typically finds changed at the door. */
const EDITABLE_TAGS: ResidentTag[] = ['elderly_alone', 'disabled', 'key_care', 'low_income'];

interface Values {
  outcome: 'visited' | 'not_home'; notes?: string; propose?: boolean; address?: string; tenure?: VisitListItem['tenure'];
  movedOut?: boolean; tags?: Record<string, ResidentTag[]>; fileRequest?: boolean; request?: string;
}

/** Only what differs from the phone's copy of the record goes into the proposal. */
function changeOf(h: VisitListItem, v: Values): RecordVisitBody['change'] {
  if (!v.propose) return undefined;
  const members = h.members.flatMap((m) => {
    const kept = m.tags.filter((x) => !(EDITABLE_TAGS as string[]).includes(x)) as ResidentTag[];
    const next = [...kept, ...(v.tags?.[m.residentId] ?? [])];
    const same = next.length === m.tags.length && next.every((x) => m.tags.includes(x));
    return same ? [] : [{ residentId: m.residentId, tags: next }];
  });
  const c: NonNullable<RecordVisitBody['change']> = { baseVersion: h.version };
  if (v.address && v.address.trim() !== h.address) c.address = v.address.trim();
  if (v.tenure && v.tenure !== h.tenure) c.tenure = v.tenure;
  if (v.movedOut) c.movedOut = true;
  if (members.length) c.members = members;
  return Object.keys(c).length > 1 ? c : undefined;
}

/**
 * /visits/h/:householdId — the visit form on the phone. It needs no connection: the household comes
 * from the list kept on the phone and the visit goes into the phone's queue first, with its own id.
 */
export default function VisitFormPage() {
  const { householdId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useDomainLabels();
  const navigate = useNavigate();
  const userId = useSignedIn().user.id;
  const [form] = Form.useForm<Values>();
  const h = cachedList(userId)?.items.find((x) => x.householdId === householdId);
  const propose = Form.useWatch('propose', form);
  const fileRequest = Form.useWatch('fileRequest', form);
  // The visit goes into the phone's queue first, then (when online) is sent with the rest of it; the
  // mutation runs with or without a network, as the queue is the phone's own.
  const saving = useMutation({
    networkMode: 'always',
    mutationFn: async (body: RecordVisitBody) => {
      enqueue(userId, body, h?.address ?? '');
      const r = navigator.onLine ? await syncVisits(userId) : null;
      return r?.sent.some((x) => x.id === body.id) ?? false;
    },
    onSuccess: (sent) => {
      void message.success(sent ? t('visits.form.saved') : t('visits.form.savedOffline'));
      navigate('/visits');
    },
  });
  // Back to the list as it was left (its search kept in the URL); opened directly, to the list.
  const goBack = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/visits'));
  const back = (
    <Button icon={<ArrowLeftOutlined />} size="large" style={{ marginBottom: 8 }} onClick={goBack} data-testid="visit-back">{t('visits.form.back')}</Button>
  );
  if (!h) return <div>{back}<Alert type="warning" showIcon message={t('visits.form.missing')} /></div>;

  const save = (v: Values) => saving.mutate({
    id: visitId(), householdId: h.householdId, visitedAt: new Date().toISOString(), outcome: v.outcome, notes: v.notes?.trim() ?? '',
    change: changeOf(h, v), request: v.fileRequest && v.request?.trim() ? { description: v.request.trim() } : undefined,
  });

  const initialTags = Object.fromEntries(h.members.map((m) => [m.residentId, m.tags.filter((x) => (EDITABLE_TAGS as string[]).includes(x))]));
  return (
    <div data-testid="visit-form-page" style={{ maxWidth: 640 }}>
      {back}
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('visits.form.title')}</Typography.Title>
      <HouseholdCard household={h} />
      <Form form={form} layout="vertical" onFinish={save}
        initialValues={{ outcome: 'visited', address: h.address, tenure: h.tenure, tags: initialTags }}>
        <Form.Item name="outcome" label={t('visits.form.outcome')}>
          <Radio.Group data-testid="visit-outcome">
            <Space direction="vertical">
              <Radio value="visited">{t('visits.form.visited')}</Radio>
              <Radio value="not_home">{t('visits.form.not_home')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="notes" label={t('visits.form.notes')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('visits.form.notesPlaceholder')} data-testid="visit-notes" />
        </Form.Item>
        <Form.Item name="propose" valuePropName="checked">
          <Checkbox data-testid="visit-propose">{t('visits.form.propose')}</Checkbox>
        </Form.Item>
        {propose && (
          <Card size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('visits.form.changeNote')}</Typography.Paragraph>
            <Form.Item name="address" label={t('visits.form.address')}><Input maxLength={300} data-testid="visit-change-address" /></Form.Item>
            <Form.Item name="tenure" label={t('visits.form.tenure')}>
              <Select options={[{ value: 'owner', label: t('visits.form.tenureOwner') }, { value: 'tenant', label: t('visits.form.tenureTenant') }, { value: 'other', label: t('visits.form.tenureOther') }]} />
            </Form.Item>
            <Typography.Text strong>{t('visits.form.members')}</Typography.Text>
            {h.members.map((m) => (
              <Form.Item key={m.residentId} name={['tags', m.residentId]} label={`${m.name}（${m.relation}）`}>
                <Checkbox.Group options={EDITABLE_TAGS.map((x) => ({ value: x, label: labels.tag(x) }))} />
              </Form.Item>
            ))}
            <Form.Item name="movedOut" valuePropName="checked"><Checkbox>{t('visits.form.movedOut')}</Checkbox></Form.Item>
          </Card>
        )}
        <Form.Item name="fileRequest" valuePropName="checked">
          <Checkbox data-testid="visit-file-request">{t('visits.form.request')}</Checkbox>
        </Form.Item>
        {fileRequest && (
          <Form.Item name="request" rules={[{ min: 5, required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('visits.form.requestPlaceholder')} data-testid="visit-request" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={saving.isPending} data-testid="visit-save">{t('visits.form.save')}</Button>
      </Form>
    </div>
  );
}
