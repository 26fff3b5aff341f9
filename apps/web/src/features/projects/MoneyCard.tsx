import { useState } from 'react';
import { App, Alert, Button, Card, Descriptions, Form, List, Select, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProjectMoneyView } from '@gongzhi/contracts';
import { gz, unwrap, upload } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { fundKeys } from '../funds/funds.queries.ts';
import { projectKeys, yuan, type ProjectDetail } from './projects.queries.ts';

/** A project's money, under the projects' keys: every project write makes it stale too. */
export const moneyQuery = (id: string) => queryOptions({
  queryKey: [...projectKeys.project(id), 'money'] as const,
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/projects/{id}/instalments', { params: { path: { id } }, signal })),
});

const STATE_COLOUR: Record<ProjectMoneyView['instalments'][number]['state'], string> = { planned: 'default', pending: 'processing', paid: 'success', refused: 'error' };

/**
 * The project's money on its page, from the award on: the fund paying it, reserved / paid / left, the
 * instalment plan with each instalment's state, and for staff who may, asking for an instalment with
 * its receipts (uploaded to the fund). The approval itself is the fund's existing page.
 */
export function MoneyCard({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const q = useQuery(moneyQuery(p.id));
  const [form] = Form.useForm<{ k: number }>();
  const [files, setFiles] = useState<{ uid: string; name: string; id: string }[]>([]);
  const ask = useApiMutation({
    mutationFn: (v: { k: number }) => unwrap(gz.POST('/api/v1/projects/{id}/instalments', { params: { path: { id: p.id } }, body: { k: v.k, attachmentIds: files.map((f) => f.id) } })),
    invalidates: [projectKeys.all, fundKeys.all], form,
    onSuccess: () => {
      form.resetFields();
      setFiles([]);
      void message.success(t('money.requested'));
    },
  });
  const m = q.data;
  if (!m || m.awardedFen === null) return null;
  const askable = m.instalments.filter((i) => i.state === 'planned' || i.state === 'refused');
  return (
    <Card title={t('money.title')} size="small" style={{ marginTop: 16 }} data-testid="money-card">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        {m.fund && <Descriptions.Item label={t('money.fund')}><span data-testid="money-fund">{m.fund.name}</span></Descriptions.Item>}
        {m.payee && <Descriptions.Item label={t('money.payee')}>{m.payee}</Descriptions.Item>}
        <Descriptions.Item label={t('money.awarded')}><span data-testid="money-awarded">{yuan(m.awardedFen)}</span></Descriptions.Item>
        <Descriptions.Item label={t('money.reserved')}><span data-testid="money-reserved">{yuan(m.reservedFen)}</span></Descriptions.Item>
        <Descriptions.Item label={t('money.paid')}><span data-testid="money-paid">{yuan(m.paidFen)}</span></Descriptions.Item>
        {m.pendingFen !== '0' && <Descriptions.Item label={t('money.pending')}><span data-testid="money-pending">{yuan(m.pendingFen)}</span></Descriptions.Item>}
        <Descriptions.Item label={t('money.left')}><span data-testid="money-left">{yuan(m.leftFen)}</span></Descriptions.Item>
        {m.releasedFen !== null && <Descriptions.Item label={t('money.released')}><span data-testid="money-released">{yuan(m.releasedFen)}</span></Descriptions.Item>}
      </Descriptions>
      {!m.reservationId && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('money.notReserved')}</Typography.Paragraph>}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('money.plan')}</Typography.Title>
      <List
        size="small" dataSource={m.instalments} data-testid="money-plan"
        renderItem={(i) => (
          <List.Item data-testid={`money-instalment-${i.k}`} extra={<Tag color={STATE_COLOUR[i.state]} data-testid={`money-instalment-${i.k}-state`}>{t(`money.state.${i.state}`)}</Tag>}>
            <span>{t('money.instalment', { k: i.k, percent: i.percent })}</span>
            <strong style={{ marginLeft: 12 }}>{yuan(i.amountFen)}</strong>
          </List.Item>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('money.when')}</Typography.Paragraph>
      {m.abilities.includes('request') && m.fund && askable.length > 0 && (
        <Form form={form} layout="vertical" onFinish={(v) => ask.mutate(v)} data-testid="money-request-form">
          <Alert type="info" showIcon message={t('money.approveOn')} style={{ marginBottom: 12 }}
            action={<Link to={`/funds/${m.fund.code}`} data-testid="money-fund-link">{t('money.fundPage')}</Link>} />
          <Form.Item name="k" label={t('money.request')} rules={[{ required: true }]}>
            <Select data-testid="money-request-k" options={askable.map((i) => ({ value: i.k, label: `${t('money.instalment', { k: i.k, percent: i.percent })} ${yuan(i.amountFen)}` }))} />
          </Form.Item>
          <Form.Item label={t('money.receipt')} required>
            <Upload
              accept=".pdf,image/*"
              fileList={files.map((f) => ({ uid: f.uid, name: f.name, status: 'done' as const }))}
              onRemove={(f) => setFiles(files.filter((x) => x.uid !== f.uid))}
              customRequest={async ({ file, onSuccess, onError }) => {
                const body = new FormData();
                body.append('file', file as Blob);
                try {
                  const a = await upload('/api/v1/funds/{id}/attachments', body, { id: m.fund!.id });
                  setFiles((prev) => [...prev, { uid: (file as { uid: string }).uid, name: a.filename, id: a.id }]);
                  onSuccess?.(a);
                } catch (e) {
                  notify(e);
                  onError?.(e as Error);
                }
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="money-upload">{t('money.receipt')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" disabled={files.length === 0} loading={ask.isPending} data-testid="money-request-submit">{t('money.submit')}</Button>
        </Form>
      )}
    </Card>
  );
}
