import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExpenseView, FundDetail } from '@gongzhi/contracts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { useSession } from '../../shell/session.tsx';
import { yuan } from './money.ts';

/**
 * Expenses waiting for a second person's approval. An approver never sees "approve" on an expense
 * they prepared themselves (and the server refuses it anyway).
 */
export function PendingExpenses({ fund, version, onChanged }: { fund: FundDetail; version: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const { session } = useSession();
  const { data } = useApi<ExpenseView[]>(`/api/v1/funds/${fund.id}/expenses`, { v: version });
  const pending = (data ?? []).filter((e) => e.state === 'pending');
  if (pending.length === 0) return null;
  const mayApprove = fund.abilities.includes('fund.approve');

  const decide = async (e: ExpenseView, approve: boolean) => {
    try {
      await api.post(`/api/v1/funds/${fund.id}/expenses/${e.id}/decide`, { approve });
      void message.success(t('common.action.saved'));
      onChanged();
    } catch (err) {
      notify(err);
    }
  };

  return (
    <Card title={t('funds.ops.pending')} style={{ marginBottom: 16 }} data-testid="pending-expenses">
      <List
        dataSource={pending}
        renderItem={(e) => (
          <List.Item key={e.id} data-testid={`pending-${e.id}`}
            actions={mayApprove && e.preparedById !== session?.user.id ? [
              <Button key="ok" type="primary" size="small" onClick={() => void decide(e, true)} data-testid="expense-approve">{t('funds.ops.approve')}</Button>,
              <Button key="no" size="small" onClick={() => void decide(e, false)}>{t('funds.ops.refuse')}</Button>,
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
