import { Button, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { projectKeys } from './projects.queries.ts';
import type { DeliveryView } from './delivery.queries.ts';

const score = (hundredths: number) => (hundredths / 100).toFixed(2);
type Member = { name: string; capacity: string };

/** The acceptances so far: each panel's state, score and finding, with a link to its scoring page. */
export function AcceptanceList({ view }: { view: DeliveryView }) {
  const { t } = useTranslation();
  if (!view.acceptances.length) return null;
  return (
    <div data-testid="delivery-acceptances">
      {view.acceptances.map((a) => (
        <div key={a.id} style={{ marginBottom: 8 }}>
          <Space wrap>
            <Tag color={a.state === 'passed' ? 'green' : a.state === 'failed' ? 'red' : 'blue'}>{t(`delivery.acceptance.state.${a.state}`)}</Tag>
            {a.score !== null && <span>{t('delivery.acceptance.score', { score: score(a.score), mark: view.passMark })}</span>}
            {a.state === 'open' && <Link to={`/panels/${a.panelId}`} data-testid="delivery-acceptance-panel">{t('delivery.acceptance.panel')}</Link>}
          </Space>
          {a.finding && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{a.finding}</Typography.Paragraph>}
        </div>
      ))}
    </div>
  );
}

/** Staff open an acceptance: five members by default (party organisation, council, supervisors, residents' representative). */
export function OpenAcceptanceForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ members: Member[] }>();
  const c = (k: 'party' | 'council' | 'supervisor' | 'rep') => t(`delivery.acceptance.capacities.${k}`);
  const open = useApiMutation({
    mutationFn: (v: { members: Member[] }) => unwrap(gz.POST('/api/v1/projects/{id}/acceptance', { params: { path: { id } }, body: { members: v.members.map((m) => ({ ...m, organisationIds: [] })) } })),
    invalidates: [projectKeys.all], form,
  });
  const initial = [c('party'), c('council'), c('council'), c('supervisor'), c('rep')].map((capacity) => ({ name: '', capacity }));
  return (
    <Form form={form} layout="vertical" initialValues={{ members: initial }} onFinish={(v) => open.mutate(v)} data-testid="delivery-acceptance-form">
      <Typography.Title level={5}>{t('delivery.acceptance.members')}</Typography.Title>
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 40 }]}><Input placeholder={t('delivery.acceptance.memberName')} data-testid={`delivery-acceptance-member-${i}`} /></Form.Item>
                <Form.Item name={[f.name, 'capacity']} rules={[{ required: true, max: 20 }]}><Input placeholder={t('delivery.acceptance.capacity')} /></Form.Item>
                {fields.length > 3 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', capacity: c('rep') })}>{t('delivery.acceptance.addMember')}</Button>
          </>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={open.isPending} style={{ marginTop: 8 }} data-testid="delivery-acceptance-open">{t('delivery.acceptance.open')}</Button>
    </Form>
  );
}

/** Staff record the outcome once the panel has closed: the finding goes on the trail with the score. */
export function OutcomeForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ finding: string }>();
  const record = useApiMutation({
    mutationFn: (v: { finding: string }) => unwrap(gz.POST('/api/v1/projects/{id}/acceptance/outcome', { params: { path: { id } }, body: v })),
    invalidates: [projectKeys.all], form,
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => record.mutate(v)} data-testid="delivery-outcome-form">
      <Form.Item name="finding" label={t('delivery.acceptance.finding')} rules={[{ required: true, max: 1000 }]}><Input.TextArea rows={2} data-testid="delivery-outcome-finding" /></Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="delivery-outcome-submit">{t('delivery.acceptance.outcome')}</Button>
    </Form>
  );
}

/** Staff close an accepted project before its rating window ends. */
export function CloseButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const close = useApiMutation({ mutationFn: () => unwrap(gz.POST('/api/v1/projects/{id}/close', { params: { path: { id } } })), invalidates: [projectKeys.all] });
  return (
    <Popconfirm title={t('delivery.closeConfirm')} onConfirm={() => close.mutate()}>
      <Button danger loading={close.isPending} data-testid="delivery-close">{t('delivery.close')}</Button>
    </Popconfirm>
  );
}
