import { useRef, useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { CameraOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gz, unwrap, upload } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { categoriesQuery } from '../activities/activities.queries.ts';
import { projectKeys } from './projects.queries.ts';
import type { DeliveryView } from './delivery.queries.ts';

/** Staff set the milestones: names and whole weights that must add up to 100. */
export function MilestonesForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ milestones: { name: string; weight: number }[] }>();
  const items = Form.useWatch('milestones', form) ?? [];
  const sum = items.reduce((a, m) => a + (Number(m?.weight) || 0), 0);
  const save = useApiMutation({
    mutationFn: (v: { milestones: { name: string; weight: number }[] }) => unwrap(gz.POST('/api/v1/projects/{id}/milestones', { params: { path: { id } }, body: v })),
    invalidates: [projectKeys.all], form,
  });
  return (
    <Form form={form} layout="vertical" initialValues={{ milestones: [{ name: '', weight: 100 }] }} onFinish={(v) => save.mutate(v)} data-testid="delivery-milestones-form">
      <Typography.Title level={5}>{t('delivery.milestones.set')}</Typography.Title>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 60 }]}><Input placeholder={t('delivery.milestones.name')} data-testid={`delivery-milestone-name-${i}`} /></Form.Item>
                <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}><InputNumber min={1} max={100} placeholder={t('delivery.milestones.weight')} data-testid={`delivery-milestone-weight-${i}`} /></Form.Item>
                {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />}
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', weight: 0 })} data-testid="delivery-milestone-add">{t('delivery.milestones.add')}</Button>
          </>
        )}
      </Form.List>
      <Typography.Paragraph type={sum === 100 ? 'secondary' : 'danger'} style={{ marginTop: 8 }}>{t('delivery.milestones.sum', { sum })}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={save.isPending} disabled={sum !== 100} data-testid="delivery-milestones-save">{t('delivery.milestones.save')}</Button>
    </Form>
  );
}

/** Photos uploaded first (images only; EXIF removed by the API); their keys go with the update or inspection. */
function PhotoPicker({ keys, onChange, testId }: { keys: string[]; onChange: (keys: string[]) => void; testId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    const added: string[] = [];
    for (const file of Array.from(files)) {
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        added.push((await upload('/api/v1/project-photos', form)).key);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    }
    onChange([...keys, ...added].slice(0, 6));
    setBusy(false);
  };
  return (
    <div>
      <input ref={input} type="file" accept="image/*" multiple hidden onChange={(e) => void pick(e.target.files)} data-testid={testId} />
      <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={`${testId}-button`}>
        {t('delivery.post.addPhoto')} {keys.length > 0 && `(${keys.length})`}
      </Button>
      {error && <Typography.Text type="danger" style={{ display: 'block' }}>{error}</Typography.Text>}
    </div>
  );
}

/** The implementer posts progress on one milestone, with photos. */
export function ProgressForm({ id, view }: { id: string; view: DeliveryView }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ milestoneId: string; donePercent: number; note: string }>();
  const [photoKeys, setPhotoKeys] = useState<string[]>([]);
  const post = useApiMutation({
    mutationFn: (v: { milestoneId: string; donePercent: number; note: string }) => unwrap(gz.POST('/api/v1/projects/{id}/progress', { params: { path: { id } }, body: { ...v, photoKeys } })),
    invalidates: [projectKeys.all], form, onSuccess: () => { form.resetFields(); setPhotoKeys([]); },
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => post.mutate(v)} data-testid="delivery-progress-form">
      <Typography.Title level={5}>{t('delivery.post.title')}</Typography.Title>
      <Form.Item name="milestoneId" label={t('delivery.post.milestone')} rules={[{ required: true }]}>
        <Select options={view.milestones.map((m) => ({ value: m.id, label: `${m.name}（${m.weight}%）` }))} data-testid="delivery-progress-milestone" />
      </Form.Item>
      <Form.Item name="donePercent" label={t('delivery.post.percent')} rules={[{ required: true }]}><InputNumber min={0} max={100} data-testid="delivery-progress-percent" /></Form.Item>
      <Form.Item name="note" label={t('delivery.post.note')} rules={[{ required: true, max: 1000 }]}><Input.TextArea rows={2} data-testid="delivery-progress-note" /></Form.Item>
      <Form.Item label={t('delivery.post.photo')}><PhotoPicker keys={photoKeys} onChange={setPhotoKeys} testId="delivery-progress-photo" /></Form.Item>
      <Button type="primary" htmlType="submit" loading={post.isPending} data-testid="delivery-progress-submit">{t('delivery.post.submit')}</Button>
    </Form>
  );
}

type ActivityValues = { title: string; address: string; startsAt: string; hours: number; capacity: number; categoryCode: string };

/** Staff announce an activity of the project that residents sign up for (the activities feature). */
export function ActivityForm({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<ActivityValues>();
  const menu = useQuery(categoriesQuery());
  const announce = useApiMutation({
    mutationFn: (v: ActivityValues) => {
      const start = new Date(`${v.startsAt}:00+08:00`);
      return unwrap(gz.POST('/api/v1/projects/{id}/activities', { params: { path: { id } }, body: {
        title: v.title, address: v.address, capacity: v.capacity, categoryCode: v.categoryCode, description: '',
        startsAt: start.toISOString(), endsAt: new Date(start.getTime() + v.hours * 3_600_000).toISOString(),
      } }));
    },
    invalidates: [projectKeys.all], form, onSuccess: () => form.resetFields(),
  });
  const name = (c: { nameZh: string; nameEn: string }) => (i18n.language === 'en' ? c.nameEn : c.nameZh);
  return (
    <Form form={form} layout="vertical" initialValues={{ hours: 2, capacity: 30 }} onFinish={(v) => announce.mutate(v)} data-testid="delivery-activity-form">
      <Typography.Title level={5}>{t('delivery.activity.title')}</Typography.Title>
      <Form.Item name="title" label={t('delivery.activity.name')} rules={[{ required: true, max: 100 }]}><Input data-testid="delivery-activity-title" /></Form.Item>
      <Form.Item name="address" label={t('delivery.activity.address')} rules={[{ required: true, max: 200 }]}><Input data-testid="delivery-activity-address" /></Form.Item>
      <Form.Item name="startsAt" label={t('delivery.activity.start')} rules={[{ required: true }]}><Input type="datetime-local" data-testid="delivery-activity-start" /></Form.Item>
      <Space wrap>
        <Form.Item name="hours" label={t('delivery.activity.hours')} rules={[{ required: true }]}><InputNumber min={0.5} max={24} step={0.5} /></Form.Item>
        <Form.Item name="capacity" label={t('delivery.activity.capacity')} rules={[{ required: true }]}><InputNumber min={1} max={100000} /></Form.Item>
      </Space>
      <Form.Item name="categoryCode" label={t('delivery.activity.category')} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" data-testid="delivery-activity-category"
          options={(menu.data ?? []).filter((c) => c.parentCode).map((c) => ({ value: c.code, label: name(c) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={announce.isPending} data-testid="delivery-activity-submit">{t('delivery.activity.submit')}</Button>
    </Form>
  );
}

/** A supervisor (or staff) records an inspection, optionally raising a concern. */
export function InspectionForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string; concern?: boolean }>();
  const [photoKeys, setPhotoKeys] = useState<string[]>([]);
  const record = useApiMutation({
    mutationFn: (v: { note: string; concern?: boolean }) => unwrap(gz.POST('/api/v1/projects/{id}/inspections', { params: { path: { id } }, body: { note: v.note, concern: Boolean(v.concern), photoKeys } })),
    invalidates: [projectKeys.all], form, onSuccess: () => { form.resetFields(); setPhotoKeys([]); },
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => record.mutate(v)} data-testid="delivery-inspection-form">
      <Form.Item name="note" label={t('delivery.inspect.note')} rules={[{ required: true, max: 1000 }]}><Input.TextArea rows={2} data-testid="delivery-inspection-note" /></Form.Item>
      <Form.Item name="concern" valuePropName="checked"><Checkbox data-testid="delivery-inspection-concern">{t('delivery.inspect.concern')}</Checkbox></Form.Item>
      <Form.Item><PhotoPicker keys={photoKeys} onChange={setPhotoKeys} testId="delivery-inspection-photo" /></Form.Item>
      <Button htmlType="submit" loading={record.isPending} data-testid="delivery-inspection-submit">{t('delivery.inspect.submit')}</Button>
    </Form>
  );
}

/** The implementer or staff answer one open concern. */
export function AnswerForm({ id, inspectionId }: { id: string; inspectionId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ answer: string }>();
  const answer = useApiMutation({
    mutationFn: (v: { answer: string }) => unwrap(gz.POST('/api/v1/projects/{id}/inspections/{inspectionId}/answer', { params: { path: { id, inspectionId } }, body: v })),
    invalidates: [projectKeys.all], form,
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => answer.mutate(v)} style={{ marginTop: 8 }}>
      <Form.Item name="answer" rules={[{ required: true, max: 1000 }]}><Input placeholder={t('delivery.inspect.answer')} data-testid={`delivery-answer-${inspectionId}`} /></Form.Item>
      <Button htmlType="submit" loading={answer.isPending} data-testid={`delivery-answer-submit-${inspectionId}`}>{t('delivery.inspect.answerSubmit')}</Button>
    </Form>
  );
}
