import { Alert, Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FundDetail } from '@gongzhi/contracts';
import { DonationForm, IncomeForm, TurnoverForm } from './IncomeForms.tsx';
import { ExpenseForm } from './ExpenseForm.tsx';
import { DividendForm, BudgetForm } from './PropertyForms.tsx';

/** The bookkeeping forms a fund's staff may use, by kind of fund. */
export function OperationsCard({ fund }: { fund: FundDetail }) {
  const { t } = useTranslation();
  const tabs = [
    ...(fund.kind === 'charity' || fund.kind === 'development' ? [{ key: 'donation', label: t('funds.ops.donation'), children: <DonationForm fund={fund} /> }] : []),
    ...(fund.kind === 'development' ? [{ key: 'turnover', label: t('funds.ops.turnover'), children: <TurnoverForm fund={fund} /> }] : []),
    { key: 'income', label: t('funds.ops.income'), children: <IncomeForm fund={fund} /> },
    { key: 'expense', label: t('funds.ops.expense'), children: <ExpenseForm fund={fund} /> },
    ...(fund.kind === 'common' ? [
      { key: 'dividend', label: t('funds.ops.dividend'), children: <DividendForm fund={fund} /> },
      { key: 'budget', label: t('funds.ops.budget'), children: <BudgetForm fund={fund} /> },
    ] : []),
  ];
  return (
    <Card title={t('funds.ops.title')} data-testid="fund-operations" style={{ marginBottom: 16 }}>
      {fund.kind === 'protection' && <Alert type="info" showIcon message={t('funds.ops.negative')} style={{ marginBottom: 12 }} />}
      <Tabs items={tabs} destroyOnHidden />
    </Card>
  );
}
