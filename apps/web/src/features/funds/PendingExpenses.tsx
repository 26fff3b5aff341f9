import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExpenseView, FundDetail } from '@gongzhi/contracts';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { useSession } from '../../shell/session.tsx';
import { yuan } from './money.ts';
import { expensesQuery, fundKeys } from './funds.queries.ts';

/**
 * Expenses waiting for a second person's approval. An approver never sees "approve" on an expense
 * they prepared themselves (and the server refuses it anyway).
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
    <Card title={t('funds.ops.pending')} style={{ marginBottom: 16 }} data-testid="pending-expenses">
      <List
        dataSource={pending}
        renderItem={(e) => (
          <List.Item key={e.id} data-testid={`pending-${e.id}`}
            actions={mayApprove && e.preparedById !== session?.user.id ? [
              <Button key="ok" type="primary" size="small" onClick={() => decide(e, true)} data-testid="expense-approve">{t('funds.ops.approve')}</Button>,
              <Button key="no" size="small" onClick={() => decide(e, false)}>{t('funds.ops.refuse')}</Button>,
            ] : []}>
            <List.Item.Meta
              title={<Space><Tag>{e.category}</Tag>{e.project}<Typography.Text strong>{yuan(e.amountFen)}</Typography.Text></Space>}
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
