import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Descriptions, List, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExpenseView, FundDetail } from '@gongzhi/contracts';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { useSession } from '../../shell/session.tsx';
import { yuan } from './money.ts';
import { expensesQuery, fundKeys } from './funds.queries.ts';

/** The staff address of a fund's receipt: pending expenses' receipts are not public yet. */
const receiptUrl = (fundId: string, fileId: string) => `/api/v1/funds/${fundId}/attachments/${fileId}`;

/**
 * The receipts of a pending operation as the approver reads them before approving: each photo shown,
 * each PDF embedded, and every file's link to open it on its own.
 */
export function ReceiptViewer({ fundId, files }: { fundId: string; files: ExpenseView['attachments'] }) {
  const { t } = useTranslation();
  if (files.length === 0) return <Typography.Text type="secondary">{t('funds.fund.noAttachments')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="review-receipts">
      {files.map((f) => (
        <div key={f.id}>
          {f.mime.startsWith('image/')
            ? <img src={receiptUrl(fundId, f.id)} alt={f.filename} style={{ maxWidth: '100%', maxHeight: 420, border: '1px solid #eee' }} data-testid="review-receipt-image" />
            : <iframe src={receiptUrl(fundId, f.id)} title={f.filename} style={{ width: '100%', height: 420, border: '1px solid #eee' }} data-testid="review-receipt-pdf" />}
          <div><a href={receiptUrl(fundId, f.id)} target="_blank" rel="noreferrer" data-testid="review-receipt-link">{f.filename}</a></div>
        </div>
      ))}
    </Space>
  );
}

/**
 * Expenses, dividends and reversals waiting for a second person's approval. Everyone on the fund's
 * staff sees who may approve each ("待 XXX 审批"). An approver opens one to review it — the receipts
 * inline, the reason, the balance now and after payment (computed by the server in integer fen) — and
 * confirms there: an approval posts at once and can only be undone by a reversal. Nobody is offered
 * "approve" on what they prepared themselves (and the server refuses it anyway).
 */
export function PendingExpenses({ fund }: { fund: FundDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const { data } = useQuery(expensesQuery(fund.id));
  const [reviewing, setReviewing] = useState<ExpenseView | null>(null);
  const deciding = useApiMutation({
    mutationFn: ({ e, approve }: { e: ExpenseView; approve: boolean }) =>
      unwrap(gz.POST('/api/v1/funds/{id}/expenses/{expenseId}/decide', { params: { path: { id: fund.id, expenseId: e.id } }, body: { approve } })),
    invalidates: [fundKeys.all],
    onSuccess: () => {
      void message.success(t('common.action.saved'));
      setReviewing(null);
    },
  });
  const pending = (data ?? []).filter((e) => e.state === 'pending');
  if (pending.length === 0) return null;
  const mayApprove = fund.abilities.includes('fund.approve');
  const kind = (e: ExpenseView) => t(`funds.ops.kindOfPending.${e.kind}`);

  return (
    <Card title={t('funds.ops.pendingTitle')} style={{ marginBottom: 16 }} data-testid="pending-expenses">
      <List
        dataSource={pending}
        renderItem={(e) => (
          <List.Item key={e.id} data-testid={`pending-${e.id}`}
            actions={mayApprove && e.preparedById !== session?.user.id ? [
              <Button key="review" type="primary" size="small" onClick={() => setReviewing(e)} data-testid="expense-approve">{t('funds.ops.review')}</Button>,
            ] : []}>
            <List.Item.Meta
              title={<Space wrap><Tag color={e.kind === 'expense' ? undefined : 'purple'} data-testid="pending-kind">{kind(e)}</Tag><Tag>{e.category}</Tag>{e.project}<Typography.Text strong>{yuan(e.amountFen)}</Typography.Text></Space>}
              description={(
                <Space direction="vertical" size={2}>
                  <span>
                    {e.payee} · {e.reason} · {t('funds.fund.preparedBy')} {e.preparedBy}
                    {e.attachments.map((a) => <a key={a.id} href={receiptUrl(fund.id, a.id)} target="_blank" rel="noreferrer" style={{ marginLeft: 8 }}>{a.filename}</a>)}
                  </span>
                  <Typography.Text type="warning" data-testid="pending-approvers">
                    {e.approvers.length > 0 ? t('funds.ops.awaiting', { names: e.approvers.map((a) => a.name).join('、') }) : t('funds.ops.noApprover')}
                  </Typography.Text>
                </Space>
              )}
            />
          </List.Item>
        )}
      />
      {reviewing && (
        <Modal open title={t('funds.ops.reviewTitle', { kind: kind(reviewing) })} onCancel={() => setReviewing(null)} width={640} destroyOnHidden
          footer={[
            <Button key="no" danger loading={deciding.isPending && deciding.variables?.approve === false} onClick={() => deciding.mutate({ e: reviewing, approve: false })} data-testid="expense-refuse">{t('funds.ops.refuse')}</Button>,
            <Button key="ok" type="primary" loading={deciding.isPending && deciding.variables?.approve === true} onClick={() => deciding.mutate({ e: reviewing, approve: true })} data-testid="expense-approve-confirm">{t('funds.ops.approveOk')}</Button>,
          ]}>
          <div data-testid="expense-review">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('funds.ops.amount')}><Typography.Text strong>{yuan(reviewing.amountFen)}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label={t('funds.ops.payee')}>{reviewing.payee || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('funds.ops.project')}>{reviewing.category} · {reviewing.project}</Descriptions.Item>
              <Descriptions.Item label={t('funds.ops.reason')}><span data-testid="review-reason">{reviewing.reason}</span></Descriptions.Item>
              <Descriptions.Item label={t('funds.fund.preparedBy')}>{reviewing.preparedBy}</Descriptions.Item>
              {reviewing.reversesId && (
                <Descriptions.Item label={t('funds.fund.reverses')}><Link to={`/public/funds/${fund.code}/entries/${reviewing.reversesId}`} target="_blank">{t('funds.ops.original')}</Link></Descriptions.Item>
              )}
              <Descriptions.Item label={t('funds.ops.balanceNow')}><span data-testid="review-balance-now">{reviewing.balanceFen ? yuan(reviewing.balanceFen) : '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('funds.ops.balanceAfter')}><Typography.Text strong data-testid="review-balance-after">{reviewing.balanceAfterFen ? yuan(reviewing.balanceAfterFen) : '—'}</Typography.Text></Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 12 }}>{t('funds.fund.attachments')}</Typography.Title>
            <ReceiptViewer fundId={fund.id} files={reviewing.attachments} />
            <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('funds.ops.approveConfirm', { kind: kind(reviewing), amount: yuan(reviewing.amountFen) })} />
          </div>
        </Modal>
      )}
    </Card>
  );
}
