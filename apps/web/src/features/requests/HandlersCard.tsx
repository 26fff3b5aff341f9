import { useState } from 'react';
import { App, Button, Card, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isFinishedState } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import type { HandlerView, RequestDetail } from '../../api/types.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useSession } from '../../shell/session.tsx';
import type { DepartmentOption } from './catalogue.ts';

/** Props of {@link HandlersCard}. */
export interface HandlersCardProps {
  request: RequestDetail;
  departments: readonly DepartmentOption[];
  onChanged: (r: RequestDetail) => void;
}

type Dialog = { kind: 'add' } | { kind: 'done'; handler: HandlerView } | null;

/** What the two dialogs collect. */
interface HandlerValues { note?: string; targetKind?: 'dept' | 'region'; regionId?: string; organisationId?: string; task?: string }

/**
 * The lead handler and co-handlers with their sub-tasks (后台协同办理): add a co-handler, and mark a
 * sub-task done with a note. The API decides who may; a refusal is shown in the dialog.
 */
export function HandlersCard({ request, departments, onChanged }: HandlersCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const handle = can('request.handle') && !isFinishedState(request.state);

  const send = (v: HandlerValues) => (dialog?.kind === 'done'
    ? unwrap(gz.POST('/api/v1/requests/{id}/handlers/{handlerId}/done', {
      params: { path: { id: request.id, handlerId: dialog.handler.id } }, body: v.note?.trim() ? { note: v.note.trim() } : {},
    }))
    : unwrap(gz.POST('/api/v1/requests/{id}/handlers', {
      params: { path: { id: request.id } },
      body: { task: String(v.task).trim(), ...(v.targetKind === 'region' ? { regionId: v.regionId } : { organisationId: v.organisationId }) },
    })));
  const done = (next: RequestDetail) => {
    void message.success(t('common.action.saved'));
    setDialog(null);
    onChanged(next);
  };
  const openDialog = (d: Dialog) => setDialog(d);

  const who = (h: HandlerView) => h.organisation?.name ?? h.region?.name ?? '—';
  return (
    <Card
      title={t('requests.handlers.title')}
      data-testid="handlers-card"
      extra={handle && <Button size="small" icon={<PlusOutlined />} onClick={() => openDialog({ kind: 'add' })} data-testid="handler-add">{t('requests.handlers.add')}</Button>}
    >
      {request.handlers.length === 0 ? (
        <Typography.Text type="secondary">{t('requests.handlers.none')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          {request.handlers.map((h) => (
            <div key={h.id} data-testid="handler-row" style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
              <Space wrap size={6}>
                <Tag color={h.role === 'lead' ? 'blue' : 'default'}>{t(`requests.handlers.${h.role}`)}</Tag>
                <Typography.Text strong>{who(h)}</Typography.Text>
                <Tag color={h.status === 'done' ? 'success' : 'processing'}>{t(`requests.handlers.${h.status}`)}</Tag>
                {h.status === 'open' && h.role === 'co' && can('request.handle') && (
                  <Button size="small" icon={<CheckOutlined />} onClick={() => openDialog({ kind: 'done', handler: h })} data-testid="handler-done">
                    {t('requests.handlers.markDone')}
                  </Button>
                )}
              </Space>
              {h.task && <div style={{ whiteSpace: 'pre-wrap' }}>{t('requests.handlers.task')}：{h.task}</div>}
              {h.note && <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{h.note}</Typography.Text>}
            </div>
          ))}
        </Space>
      )}
      {dialog && (
        <ModalForm<HandlerValues, RequestDetail>
          title={dialog.kind === 'done' ? `${t('requests.handlers.markDone')} · ${who(dialog.handler)}` : t('requests.handlers.add')}
          onClose={() => setDialog(null)} submit={send} onDone={done} initialValues={{ targetKind: 'dept' }} errorTestId="handler-error"
        >
          {dialog.kind === 'done' ? (
            <Form.Item name="note" label={t('requests.handlers.doneNote')}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="handler-done-note" />
            </Form.Item>
          ) : <TargetFields departments={departments} />}
        </ModalForm>
      )}
    </Card>
  );
}

/** A co-handler's target (a department, or a grid) and task; the target's field follows the choice. */
function TargetFields({ departments }: { departments: readonly DepartmentOption[] }) {
  const { t } = useTranslation();
  const targetKind = Form.useWatch<'dept' | 'region'>('targetKind', Form.useFormInstance());
  return (
    <>
      <Form.Item name="targetKind" label={t('requests.handlers.targetKind')}>
        <Radio.Group optionType="button" options={[{ value: 'dept', label: t('requests.handlers.targetDept') }, { value: 'region', label: t('requests.handlers.targetRegion') }]} />
      </Form.Item>
      {targetKind === 'region' ? (
        <Form.Item name="regionId" label={t('requests.handlers.targetRegion')} rules={[{ required: true, message: t('requests.handlers.targetRequired') }]}>
          <RegionTreeSelect style={{ width: '100%' }} testId="handler-region" />
        </Form.Item>
      ) : (
        <Form.Item name="organisationId" label={t('requests.handlers.targetDept')} rules={[{ required: true, message: t('requests.handlers.targetRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={departments.map((d) => ({ value: d.id, label: d.name }))} data-testid="handler-department" />
        </Form.Item>
      )}
      <Form.Item name="task" label={t('requests.handlers.task')} rules={[{ required: true, whitespace: true, message: t('requests.handlers.taskRequired') }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="handler-task" />
      </Form.Item>
    </>
  );
}
