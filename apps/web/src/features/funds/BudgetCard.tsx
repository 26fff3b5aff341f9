import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatHundredths } from '@gongzhi/core';
import type { BudgetView } from '@gongzhi/contracts';
import { useQuery } from '@tanstack/react-query';
import { yuan } from './money.ts';
import { budgetQuery } from './funds.queries.ts';

/** Budget against actual spending, by line and month, for a compound's common fund. */
export function BudgetCard({ code, year }: { code: string; year: number }) {
  const { t } = useTranslation();
  const { data } = useQuery(budgetQuery(code, year));
  if (!data) return <Typography.Text type="secondary">—</Typography.Text>;
  const months = [...new Set(data.lines.flatMap((l) => l.months.map((m) => m.month)))].sort();
  return (
    <div data-testid="budget-card">
      <Typography.Paragraph>
        {data.year} · {data.resolutionRef ?? ''} {data.approvedOn ?? ''}
        {data.assembly && <> · <Link to={`/public/assemblies/${data.assembly.id}`} data-testid="budget-assembly-link">{t('funds.ops.resolutionLink')}</Link></>}
      </Typography.Paragraph>
      {data.resolutionText && <Typography.Paragraph type="secondary">{data.resolutionText}</Typography.Paragraph>}
      <Table size="small" rowKey="id" pagination={false} scroll={{ x: 'max-content' }} dataSource={data.lines}
        columns={[
          { title: <span style={{ whiteSpace: 'nowrap' }}>{t('funds.ops.label')}</span>, dataIndex: 'label', fixed: 'left', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
          { title: t('funds.ops.budgetAmount'), render: (_, l) => yuan(l.budgetFen) },
          { title: t('funds.ops.actual'), render: (_, l) => yuan(l.actualFen) },
          { title: t('funds.ops.rate'), render: (_, l) => (BigInt(l.budgetFen) > 0n ? `${formatHundredths((BigInt(l.actualFen) * 10_000n) / BigInt(l.budgetFen))}%` : '') },
          ...months.map((m) => ({ title: m, render: (_: unknown, l: BudgetView['lines'][number]) => yuan(l.months.find((x) => x.month === m)?.actualFen ?? '0') })),
        ]} />
    </div>
  );
}
