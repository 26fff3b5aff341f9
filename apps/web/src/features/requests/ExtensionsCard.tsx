import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isFinishedState } from '@gongzhi/core';
import { useMutation } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { failureText } from '../../components/useNotifyError.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import type { RequestDetail } from '../../api/types.ts';
import { formatMinute } from '../../components/time.ts';
import { useSession } from '../../shell/session.tsx';

/** Props of {@link ExtensionsCard}. */
export interface ExtensionsCardProps {
  request: RequestDetail;
  onChanged: (r: RequestDetail) => void;
}

const STATUS_COLOUR = { pending: 'warning', approved: 'success', refused: 'default' } as const;

/**
 * Extensions of the resolve deadline: a handler asks (hours and a reason) before replying; a
 * supervisor approves or refuses, which moves the deadline and its warnings.
 */
export function ExtensionsCard({ request, onChanged }: ExtensionsCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const [asking, setAsking] = useState(false);
  const mayAsk = can('request.handle') && !request.repliedAt && !isFinishedState(request.state);
  const maySupervise = can('request.supervise');
  const saved = (next: RequestDetail) => {
    onChanged(next);
    void message.success(t('common.action.saved'));
  };

  // A supervisor's decision; the refusal is shown on the card, `variables` says which button spins.
  const deciding = useMutation({
    mutationFn: ({ extensionId, approve }: { extensionId: string; approve: boolean }) =>
      unwrap(gz.POST('/api/v1/requests/{id}/extensions/{extensionId}/decide', { params: { path: { id: request.id, extensionId } }, body: { approve } })),
    onSuccess: saved,
  });
  const failure = failureText(deciding.error);
  const busy = deciding.isPending ? deciding.variables.extensionId + (deciding.variables.approve ? 'y' : 'n') : null;
  const decide = (extensionId: string, approve: boolean) => deciding.mutate({ extensionId, approve });
  const ask = (v: { hours: number; reason: string }) =>
    unwrap(gz.POST('/api/v1/requests/{id}/extensions', { params: { path: { id: request.id } }, body: { hours: v.hours, reason: v.reason.trim() } }));

  return (
    <Card
      title={t('requests.extensions.title')}
      data-testid="extensions-card"
      extra={mayAsk && (
        <Button size="small" icon={<ClockCircleOutlined />} onClick={() => { deciding.reset(); setAsking(true); }} data-testid="extension-request">
          {t('requests.extensions.request')}
        </Button>
      )}
    >
      {!asking && failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 8 }} />}
      {request.extensions.length === 0 ? (
        <Typography.Text type="secondary">{t('requests.extensions.none')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {request.extensions.map((x) => (
            <div key={x.id} data-testid="extension-row">
              <Space wrap size={6}>
                <Typography.Text strong>+{x.hours} h</Typography.Text>
                <Tag color={STATUS_COLOUR[x.status]}>{t(`requests.extensions.${x.status}`)}</Tag>
                <Typography.Text type="secondary">{formatMinute(x.createdAt)}</Typography.Text>
                {x.status === 'pending' && maySupervise && (
                  <>
                    <Button size="small" type="primary" loading={busy === x.id + 'y'} data-testid="extension-approve"
                      onClick={() => decide(x.id, true)}>
                      {t('requests.extensions.approve')}
                    </Button>
                    <Button size="small" loading={busy === x.id + 'n'} data-testid="extension-refuse"
                      onClick={() => decide(x.id, false)}>
                      {t('requests.extensions.refuse')}
                    </Button>
                  </>
                )}
              </Space>
              <div style={{ whiteSpace: 'pre-wrap' }}>{x.reason}</div>
            </div>
          ))}
        </Space>
      )}
      {asking && (
        <ModalForm<{ hours: number; reason: string }, RequestDetail> title={t('requests.extensions.request')} onClose={() => setAsking(false)}
          submit={ask} onDone={(next) => { saved(next); setAsking(false); }} initialValues={{ hours: 24 }} errorTestId="extension-error">
          <Form.Item name="hours" label={t('requests.extensions.hours')} rules={[{ required: true }]}>
            <InputNumber min={1} max={720} precision={0} style={{ width: 160 }} data-testid="extension-hours" />
          </Form.Item>
          <Form.Item name="reason" label={t('requests.extensions.reason')} rules={[{ required: true, whitespace: true, message: t('requests.extensions.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="extension-reason" />
          </Form.Item>
        </ModalForm>
      )}
    </Card>
  );
}
