import { useState } from 'react';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { FundDetail } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { useSession } from '../../shell/session.tsx';
import { fundKeys, monthClosesQuery } from './funds.queries.ts';

/** The ended months after `closedThrough` (newest first, at most 24): those that may be proposed for closing. */
function closableMonths(closedThrough: string | null, now = new Date()): string[] {
  const out: string[] = [];
  // China time: the current month never closes.
  const china = new Date(now.getTime() + 8 * 3600_000);
  let y = china.getUTCFullYear();
  let m = china.getUTCMonth(); // 0-based: the previous month, 1-based
  for (let i = 0; i < 24; i++) {
    if (m === 0) { y -= 1; m = 12; }
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (closedThrough && month <= closedThrough) break;
    out.push(month);
    m -= 1;
  }
  return out;
}

/**
 * Staff: close a month of the fund by two people. One proposes (after confirming), a different person
 * with the approval right confirms (after confirming again); the proposer may withdraw. A closed month
 * never changes; later entries dated in it go into the open month with their own date beside.
 */
export function MonthCloseCard({ fund }: { fund: FundDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const { data } = useQuery(monthClosesQuery(fund.id));
  const options = closableMonths(data?.closedThrough ?? null);
  const [month, setMonth] = useState<string>();
  const mayManage = fund.abilities.includes('fund.manage');
  const mayApprove = fund.abilities.includes('fund.approve');
  const pending = data?.items.find((c) => c.state === 'proposed');
  const propose = useApiMutation({
    mutationFn: (m: string) => unwrap(gz.POST('/api/v1/funds/{id}/month-closes', { params: { path: { id: fund.id } }, body: { month: m } })),
    invalidates: [fundKeys.all],
    onSuccess: () => { setMonth(undefined); void message.success(t('funds.ops.submitted')); },
  });
  const decide = useApiMutation({
    mutationFn: (confirm: boolean) => unwrap(gz.POST('/api/v1/funds/{id}/month-closes/decide', { params: { path: { id: fund.id } }, body: { confirm } })),
    invalidates: [fundKeys.all],
    onSuccess: () => void message.success(t('common.action.saved')),
  });

  return (
    <Card title={t('funds.ops.close.title')} style={{ marginBottom: 16 }} data-testid="month-close">
      <Typography.Paragraph type="secondary">{t('funds.ops.close.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('funds.ops.close.closedThrough')}：<Typography.Text strong data-testid="closed-through">{data?.closedThrough ?? t('funds.ops.close.none')}</Typography.Text></span>
        {data && <span>{t('funds.ops.close.earliest')}：{data.earliestDay}</span>}
      </Space>
      {pending ? (
        <Space wrap style={{ display: 'flex', marginBottom: 12 }} data-testid="month-close-pending">
          <Tag color="orange">{t('funds.ops.close.pending', { month: pending.month, who: pending.proposedBy })}</Tag>
          {mayApprove && pending.proposedById !== session?.user.id && (
            <Popconfirm title={t('funds.ops.close.confirmConfirm', { month: pending.month })} onConfirm={() => decide.mutate(true)}
              okButtonProps={{ danger: true, 'data-testid': 'month-close-confirm-ok' } as ButtonProps}>
              <Button type="primary" danger loading={decide.isPending} data-testid="month-close-confirm">{t('funds.ops.close.confirm')}</Button>
            </Popconfirm>
          )}
          {pending.proposedById === session?.user.id && (
            <Popconfirm title={t('funds.ops.close.withdrawConfirm', { month: pending.month })} onConfirm={() => decide.mutate(false)}>
              <Button loading={decide.isPending}>{t('funds.ops.close.withdraw')}</Button>
            </Popconfirm>
          )}
        </Space>
      ) : mayManage && (
        <Space wrap style={{ display: 'flex', marginBottom: 12 }}>
          <Select placeholder={t('funds.ops.close.month')} aria-label={t('funds.ops.close.month')} style={{ width: 140 }} value={month} onChange={setMonth} data-testid="month-close-month"
            options={options.map((m) => ({ value: m, label: m }))} />
          <Popconfirm title={t('funds.ops.close.proposeConfirm', { month })} onConfirm={() => month && propose.mutate(month)} disabled={!month}
            okButtonProps={{ 'data-testid': 'month-close-propose-ok' } as ButtonProps}>
            <Button disabled={!month} loading={propose.isPending} data-testid="month-close-propose">{t('funds.ops.close.propose')}</Button>
          </Popconfirm>
        </Space>
      )}
      <Table size="small" rowKey="id" pagination={{ pageSize: 12, hideOnSinglePage: true }} dataSource={data?.items ?? []} data-testid="month-close-list"
        scroll={{ x: true }} columns={[
          { title: t('funds.fund.month'), dataIndex: 'month' },
          { title: '', dataIndex: 'state', render: (s: 'proposed' | 'closed' | 'withdrawn') => <Tag color={s === 'closed' ? 'green' : undefined}>{t(`funds.ops.close.state.${s}`)}</Tag> },
          { title: t('funds.ops.close.proposedBy'), dataIndex: 'proposedBy' },
          { title: t('funds.ops.close.confirmedBy'), render: (_, c) => c.confirmedBy ?? '' },
        ]} />
    </Card>
  );
}
