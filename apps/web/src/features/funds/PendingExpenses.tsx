import { App, Button, Card, List, Popconfirm, Space, Tag, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExpenseView, FundDetail } from '@gongzhi/contracts';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { useSession } from '../../shell/session.tsx';
import { yuan } from './money.ts';
import { expensesQuery, fundKeys } from './funds.queries.ts';

/**
 * Expenses, dividends and reversals waiting for a second person's approval. An approver never sees
 * "approve" on one they prepared themselves (and the server refuses it anyway), and confirms before
 * approving or refusing: an approval posts at once and can only be undone by a reversal.
 */
export function PendingExpenses({ fund }: { fund: FundDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const { data } = useQuery(expensesQuery(fund.id));
  const deciding = useApiMutation({
    mutationFn: ({ e, approve }: { e: ExpenseView; approve: boolean }) =>
      unwrap(gz.POST('/api/v1/funds/{id}/expenses/{expenseId}/decide', { params: { path: { id: fund.id, expenseId: e.id } }, body: { approve } })),
    invalidates: [fundKeys.all],
    onSuccess: () => void message.success(t('common.action.saved')),
  });
  const pending = (data ?? []).filter((e) => e.state === 'pending');
  if (pending.length === 0) return null;
  const mayApprove = fund.abilities.includes('fund.approve');
  const decide = (e: ExpenseView, approve: boolean) => deciding.mutate({ e, approve });

  return (
    <Card title={t('funds.ops.pendingTitle')} style={{ marginBottom: 16 }} data-testid="pending-expenses">
      <List
        dataSource={pending}
        renderItem={(e) => (
          <List.Item key={e.id} data-testid={`pending-${e.id}`}
            actions={mayApprove && e.preparedById !== session?.user.id ? [
              <Popconfirm key="ok" title={t('funds.ops.approveConfirm', { kind: t(`funds.ops.kindOfPending.${e.kind}`), amount: yuan(e.amountFen) })}
                onConfirm={() => decide(e, true)} okButtonProps={{ 'data-testid': 'expense-approve-confirm' } as ButtonProps}>
                <Button type="primary" size="small" loading={deciding.isPending && deciding.variables?.e.id === e.id} data-testid="expense-approve">{t('funds.ops.approve')}</Button>
              </Popconfirm>,
              <Popconfirm key="no" title={t('funds.ops.refuseConfirm', { kind: t(`funds.ops.kindOfPending.${e.kind}`) })} onConfirm={() => decide(e, false)}>
                <Button size="small">{t('funds.ops.refuse')}</Button>
              </Popconfirm>,
            ] : []}>
            <List.Item.Meta
              title={<Space wrap><Tag color={e.kind === 'expense' ? undefined : 'purple'} data-testid="pending-kind">{t(`funds.ops.kindOfPending.${e.kind}`)}</Tag><Tag>{e.category}</Tag>{e.project}<Typography.Text strong>{yuan(e.amountFen)}</Typography.Text></Space>}
              description={(
                <span>
                  {e.payee} · {e.reason} · {t('funds.fund.preparedBy')} {e.preparedBy} ·{' '}
                  {e.attachments.map((a) => <Tag key={a.id}>{a.filename}</Tag>)}
                </span>
              )}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
