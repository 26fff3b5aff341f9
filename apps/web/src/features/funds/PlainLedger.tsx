import { Link } from 'react-router';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FundDetail } from '@gongzhi/contracts';
import { PageError } from '../../components/PageError.tsx';
import { yuan } from './money.ts';
import { plainEntriesQuery, purposesQuery } from './funds.queries.ts';

/**
 * Money in or out of a fund in plain words, newest first: date, what for, from or to whom, how much,
 * who prepared and approved it, and its receipt (a donation's receipt, an expense's invoices). An
 * entry that was reversed, and its reversal, are not money in or out and appear only in the accounts.
 */
export function PlainEntries({ fund, side, project }: { fund: FundDetail; side: 'in' | 'out'; project?: string }) {
  const { t } = useTranslation();
  const entries = useInfiniteQuery(plainEntriesQuery(fund.code, side, project));
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid={`plain-${side}`}>
      {entries.error && <PageError error={entries.error} onRetry={() => void entries.refetch()} />}
      <List
        loading={entries.isFetching && items.length === 0}
        locale={{ emptyText: <Empty description={t(side === 'in' ? 'funds.plain.noIncome' : 'funds.plain.noSpending')} /> }}
        dataSource={items}
        renderItem={(e) => (
          <List.Item key={e.id} data-testid={`plain-entry-${e.id}`}>
            <List.Item.Meta
              title={(
                <Space wrap>
                  <Typography.Text type="secondary">{e.originalOn ?? e.occurredOn}</Typography.Text>
                  <Typography.Text strong data-testid="plain-amount">{side === 'in' ? '+' : '−'}{yuan(e.amountFen)}</Typography.Text>
                  <span>{e.memo}</span>
                  {e.project && <Tag>{e.project}</Tag>}
                </Space>
              )}
              description={(
                <span>
                  {side === 'in' ? t('funds.plain.from') : t('funds.plain.to')}：{e.anonymous ? t('funds.fund.anonymous') : e.counterparty ?? '—'}
                  {` · ${t('funds.fund.preparedBy')} ${e.preparedBy}`}
                  {e.approvedBy ? ` · ${t('funds.fund.approvedBy')} ${e.approvedBy}` : ''}
                  {e.receiptNo && <> · <Link to={`/public/funds/${fund.code}/entries/${e.id}`}>{t('funds.fund.receipt')} {e.receiptNo}</Link></>}
                  {e.kind === 'dividend' && <> · <Link to={`/public/funds/${fund.code}/entries/${e.id}`}>{t('funds.ops.statementLines')}</Link></>}
                  {e.attachments.map((a) => (
                    <a key={a.id} href={`/api/v1/public/funds/${fund.code}/attachments/${a.id}`} target="_blank" rel="noreferrer" style={{ marginLeft: 8 }}>{t('funds.fund.receipt')}：{a.filename}</a>
                  ))}
                </span>
              )}
            />
          </List.Item>
        )}
      />
      {entries.hasNextPage && <Button onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage}>{t('funds.fund.more')}</Button>}
    </div>
  );
}

/**
 * Money in and out by project or purpose, with reversals netted away; a row opens to its entries and
 * their receipts. No account names: those are on the accounting tab.
 */
export function PurposesTable({ fund }: { fund: FundDetail }) {
  const { t } = useTranslation();
  const { data, error, refetch, isLoading } = useQuery(purposesQuery(fund.code));
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <Table size="small" loading={isLoading} pagination={false} dataSource={data ?? []} rowKey={(r) => r.project ?? ''} data-testid="fund-purposes"
      expandable={{
        rowExpandable: (r) => r.project !== null,
        expandedRowRender: (r) => (
          <>
            {BigInt(r.outflowFen) > 0n && <PlainEntries fund={fund} side="out" project={r.project!} />}
            {BigInt(r.inflowFen) > 0n && <PlainEntries fund={fund} side="in" project={r.project!} />}
          </>
        ),
      }}
      columns={[
        { title: t('funds.plain.purpose'), render: (_, r) => r.project ?? t('funds.plain.noProject') },
        { title: t('funds.fund.inflow'), render: (_, r) => (BigInt(r.inflowFen) > 0n ? yuan(r.inflowFen) : '—') },
        { title: t('funds.fund.outflow'), render: (_, r) => (BigInt(r.outflowFen) > 0n ? yuan(r.outflowFen) : '—') },
        { title: t('funds.fund.count'), dataIndex: 'count' },
      ]} />
  );
}
