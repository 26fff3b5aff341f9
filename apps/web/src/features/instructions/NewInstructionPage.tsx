import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { INSTRUCTION_TASKS, RESIDENT_TAGS, type ResidentTag } from '@gongzhi/core';
import { gz, unwrap, upload } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { instructionKeys } from './instructions.queries.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import type { Attachment, CreateInstructionBody, InstructionPreview } from './types.ts';
import { SendConfirmModal } from './SendConfirmModal.tsx';

interface Values {
  title: string; body: string; regionId: string; tags: ResidentTag[]; task: CreateInstructionBody['task']; question?: string;
  deadline: Dayjs; channels: ('sms' | 'wechat')[];
}

/** /instructions/new — a district, street or community officer drafts and sends an instruction to every door below. */
export default function NewInstructionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const navigate = useNavigate();
  const labels = useDomainLabels();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<Attachment[]>([]);
  const task = Form.useWatch('task', form);

  const bodyOf = (v: Values): CreateInstructionBody => ({
    title: v.title, body: v.body, regionId: v.regionId, tags: v.tags ?? [], task: v.task, deadline: v.deadline.toISOString(),
    channels: v.channels ?? [], attachments: files, ...(v.task === 'collect' ? { question: v.question } : {}),
  });
  // Sending reaches every door below: it is previewed (a dry run) and confirmed in a dialog first.
  const [draft, setDraft] = useState<{ body: CreateInstructionBody; preview: InstructionPreview } | null>(null);
  const previewing = useApiMutation({
    mutationFn: async (body: CreateInstructionBody) => ({ body, preview: await unwrap(gz.POST('/api/v1/instructions/preview', { body })) }),
    onSuccess: setDraft,
    form,
  });
  const sending = useApiMutation({
    mutationFn: (acknowledgeUncovered: boolean) => unwrap(gz.POST('/api/v1/instructions', { body: { ...draft!.body, acknowledgeUncovered } })),
    invalidates: [instructionKeys.all],
    onSuccess: (i) => {
      void message.success(t('instructions.form.sent', { microgrids: i.microgrids, workers: i.workers, households: i.households }));
      navigate(`/instructions/${i.id}`);
    },
    form,
  });
  // The form has no onFinish: Enter in a field (the deadline's picker included) never sends; only this button previews.
  const review = async () => {
    const v = await form.validateFields().catch(() => null);
    if (v) previewing.mutate(bodyOf(v));
  };

  const addFile = async (file: File) => {
    const fd = new FormData();
    fd.append('file', file);
    try {
      const a = await upload('/api/v1/instructions/attachments', fd);
      setFiles((f) => [...f, a]);
    } catch (e) {
      notify(e);
    }
    return false;
  };

  return (
    <Card data-testid="instruction-form-page" style={{ maxWidth: 760 }}>
      <Typography.Title level={3}>{t('instructions.form.title')}</Typography.Title>
      <Form form={form} layout="vertical" initialValues={{ task: 'relay', channels: ['sms'], tags: [], deadline: dayjs().add(3, 'hour').startOf('minute') }}>
        <Form.Item name="title" label={t('instructions.form.name')} rules={[{ required: true, message: t('instructions.form.required') }]}>
          <Input maxLength={100} data-testid="instruction-title" />
        </Form.Item>
        <Form.Item name="body" label={t('instructions.form.body')} rules={[{ required: true, message: t('instructions.form.required') }]}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="instruction-body" />
        </Form.Item>
        <Form.Item name="regionId" label={t('instructions.form.region')} extra={t('instructions.form.regionHint')} rules={[{ required: true, message: t('instructions.form.required') }]}>
          <RegionTreeSelect testId="instruction-region" selectable={(r) => r.level !== 'microgrid'} />
        </Form.Item>
        <Form.Item name="tags" label={t('instructions.form.tags')} extra={t('instructions.form.tagsHint')}>
          <Select mode="multiple" allowClear data-testid="instruction-tags" options={RESIDENT_TAGS.map((x) => ({ value: x, label: labels.tag(x) }))} />
        </Form.Item>
        <Form.Item name="task" label={t('instructions.form.task')}>
          <Radio.Group data-testid="instruction-task" options={INSTRUCTION_TASKS.map((x) => ({ value: x, label: t(`instructions.task.${x}`) }))} />
        </Form.Item>
        {task === 'collect' && (
          <Form.Item name="question" label={t('instructions.form.question')} rules={[{ required: true, message: t('instructions.form.required') }]}>
            <Input maxLength={500} data-testid="instruction-question" />
          </Form.Item>
        )}
        <Form.Item name="deadline" label={t('instructions.form.deadline')} rules={[{ required: true, message: t('instructions.form.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="instruction-deadline" />
        </Form.Item>
        <Form.Item name="channels" label={t('instructions.form.channels')} extra={t('instructions.form.outboxNote')}>
          <Checkbox.Group options={[{ value: 'sms', label: t('instructions.form.sms') }, { value: 'wechat', label: t('instructions.form.wechat') }]} />
        </Form.Item>
        <Form.Item label={t('instructions.form.attachments')}>
          <Upload beforeUpload={addFile} showUploadList={false} accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt">
            <Button icon={<UploadOutlined />}>{t('instructions.form.upload')}</Button>
          </Upload>
          {files.map((f, i) => <Alert key={f.key} style={{ marginTop: 6 }} type="info" message={f.name} closable onClose={() => setFiles((x) => x.filter((_, j) => j !== i))} />)}
        </Form.Item>
        <Button type="primary" htmlType="button" onClick={() => void review()} loading={previewing.isPending} data-testid="instruction-submit">{t('instructions.form.preview')}</Button>
      </Form>
      {draft && (
        <SendConfirmModal
          preview={draft.preview} sending={sending.isPending} onClose={() => setDraft(null)}
          onConfirm={(ack) => sending.mutate(ack)} onRecount={() => previewing.mutate(draft.body)}
        />
      )}
    </Card>
  );
}
