import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Button, Card, Select, Space, Spin, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { download } from '../../api/client.ts';
import { PageError } from '../../components/PageError.tsx';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { accountLabel, yuan } from './money.ts';
import { EntriesList } from './EntriesList.tsx';
import { OperationsCard } from './OperationsCard.tsx';
import { PendingExpenses } from './PendingExpenses.tsx';
import { BudgetCard } from './BudgetCard.tsx';
import { MonthCloseCard } from './MonthCloseCard.tsx';
import { PlainEntries, PurposesTable } from './PlainLedger.tsx';
import { fundQuery } from './funds.queries.ts';

/**
 * /public/funds/:code (anyone) and /funds/:code (console): a fund's balance and, in plain words, its
 * money in, money out and spending by purpose with receipts (a reversal and its original cancel out
 * everywhere); the accounts, every entry with its postings, the hledger journal and the monthly
 * statements under 会计账簿（供核查）. Staff of the fund's region also get the bookkeeping forms and
 * the operations awaiting approval.
 */
export default function FundPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const notify = useNotifyError();
  const inConsole = !useLocation().pathname.startsWith('/public');
  const { data: fund, error, refetch } = useQuery(fundQuery(code));
  const [month, setMonth] = useState<string>();
  const staff = fund && (fund.abilities.includes('fund.manage') || fund.abilities.includes('fund.approve'));

  return (
    <div data-testid="fund-page">
      {error && <PageError error={error} onRetry={() => void refetch()} />}
      {!fund && !error && <Spin />}
      {fund && (
        <>
          <Typography.Title level={2}>{fund.name} <Tag>{t(`funds.kind.${fund.kind}`)}</Tag></Typography.Title>
          <Space wrap style={{ marginBottom: 16 }}>
            <Statistic title={t('funds.fund.balance')} value={yuan(fund.balanceFen)} data-testid="fund-balance" />
            <Statistic title={t('funds.list.inflow')} value={yuan(fund.inflowFen)} style={{ marginLeft: 24 }} />
            <Statistic title={t('funds.list.outflow')} value={yuan(fund.outflowFen)} style={{ marginLeft: 24 }} />
            {fund.reservedFen !== '0' && <Statistic title={t('money.reservedOnFund')} value={yuan(fund.reservedFen)} style={{ marginLeft: 24 }} data-testid="fund-reserved" />}
          </Space>
          <Space wrap style={{ marginBottom: 16, display: 'flex' }}>
            <Typography.Text type="secondary">{fund.region.name} · {fund.code}</Typography.Text>
            {inConsole ? <Link to={`/public/funds/${fund.code}`}>{t('funds.fund.publicLink')}</Link> : null}
          </Space>
          {staff && <OperationsCard fund={fund} />}
          {/* Whoever follows the fund as staff (a supervisor too) sees what awaits approval and who must approve it. */}
          {(staff || fund.abilities.includes('fund.read')) && <PendingExpenses fund={fund} />}
          {staff && <MonthCloseCard fund={fund} />}
          <Card>
            {/* Plain words first (money in, money out, for what, with receipts); the accounts, the
                journal and the statements under their own clearly named tab. Staff work there by default. */}
            {/* gz-tabs-wrap: on a phone the four tabs wrap to a second row instead of hiding behind antd's
                "⋯" button, which antd puts inside the tablist (an axe aria-required-children violation). */}
            <Tabs className="gz-tabs-wrap" defaultActiveKey={inConsole ? 'ledger' : 'in'} data-testid="fund-tabs" items={[
              { key: 'in', label: t('funds.plain.income'), children: <PlainEntries fund={fund} side="in" /> },
              { key: 'out', label: t('funds.plain.spending'), children: <PlainEntries fund={fund} side="out" /> },
              { key: 'purposes', label: t('funds.plain.byPurpose'), children: <PurposesTable fund={fund} /> },
              {
                key: 'ledger', label: t('funds.plain.ledger'), children: (
                  <div data-testid="fund-ledger">
                    <Typography.Paragraph type="secondary">{t('funds.plain.ledgerIntro')}</Typography.Paragraph>
                    <Space wrap style={{ marginBottom: 16, display: 'flex' }}>
                      <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/public/funds/${fund.code}/journal`, undefined, `${fund.code}.journal`).catch(notify)} data-testid="fund-journal">{t('funds.fund.journal')}</Button>
                      <Select placeholder={t('funds.fund.month')} aria-label={t('funds.fund.month')} style={{ width: 120 }} value={month} onChange={setMonth} options={fund.months.map((m) => ({ value: m.month, label: m.month }))} />
                      <Button icon={<DownloadOutlined />} disabled={!month} onClick={() => download(`/api/v1/public/funds/${fund.code}/statement.xlsx`, { month }, `${fund.code}-${month}.xlsx`).catch(notify)}>{t('funds.fund.statement')}</Button>
                    </Space>
                    <Typography.Title level={5}>{t('funds.fund.months')}</Typography.Title>
                    <Table size="small" rowKey="month" pagination={false} dataSource={fund.months} data-testid="fund-months" style={{ marginBottom: 16 }} columns={[
                      { title: t('funds.fund.month'), dataIndex: 'month' },
                      { title: t('funds.fund.inflow'), render: (_, m) => yuan(m.inflowFen) },
                      { title: t('funds.fund.outflow'), render: (_, m) => yuan(m.outflowFen) },
                      { title: t('funds.fund.count'), dataIndex: 'count' },
                    ]} />
                    <Typography.Title level={5}>{t('funds.fund.accounts')}</Typography.Title>
                    <Table size="small" rowKey="name" pagination={false} dataSource={fund.accounts} data-testid="fund-accounts" style={{ marginBottom: 16 }} columns={[
                      { title: t('funds.fund.account'), dataIndex: 'name', render: (n: string) => accountLabel(n, t as (k: string) => string) },
                      // Income accounts hold credit balances: shown as the positive amount received, marked 贷.
                      { title: t('funds.fund.balance'), render: (_, a) => { const b = BigInt(a.balanceFen); return `${yuan(b < 0n ? -b : b)} ${t(b < 0n ? 'funds.plain.credit' : 'funds.plain.debit')}`; } },
                    ]} />
                    <Typography.Title level={5}>{t('funds.fund.entries')}</Typography.Title>
                    <EntriesList fund={fund} />
                  </div>
                ),
              },
              ...(fund.kind === 'common' ? [{ key: 'budget', label: t('funds.ops.budgetVsActual'), children: <BudgetCard code={fund.code} year={new Date().getFullYear()} /> }] : []),
            ]} />
          </Card>
        </>
      )}
    </div>
  );
}
