import { App, Button, Checkbox, DatePicker, Descriptions, Form, Input, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { addDays, chinaDay } from '@gongzhi/core';
import type { FundDetail } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { ApiBody } from '../../api/types.ts';
import { fundKeys, monthClosesQuery } from './funds.queries.ts';
import { amountRule, checkedFen, yuan } from './money.ts';

type Props = { fund: FundDetail };

/**
 * One of the fund's bookkeeping writes: on success "saved", the form emptied, and the whole fund
 * (balance, months, entries) marked stale.
 */
export function useFundWrite<V, R = unknown>(send: (v: V) => Promise<R>, reset: () => void, saved: 'funds.ops.saved' | 'funds.ops.submitted' | 'common.action.saved' = 'funds.ops.saved') {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useApiMutation<V, R>({
    mutationFn: send,
    invalidates: [fundKeys.all],
    onSuccess: () => {
      void message.success(t(saved));
      reset();
    },
  });
}

/** What the donation form holds. */
type DonationValues = { amount: string; anonymous?: boolean; donor?: string; purpose: string; project?: string; day?: Dayjs };

/**
 * A donation: amount, donor or anonymous, purpose and its date (today by default, never after today nor
 * before the ledger's window — the server refuses those too), confirmed on a summary before it is
 * recorded, since a posted entry can only be reversed. The receipt number comes back on the entry.
 */
export function DonationForm({ fund }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<DonationValues>();
  const path = { path: { id: fund.id } };
  const today = chinaDay(new Date());
  // The earliest day an entry may carry (closed months and the backdating window), for the date picker.
  const dates = useQuery(monthClosesQuery(fund.id));
  const earliest = dates.data?.earliestDay;
  const write = useFundWrite((v: DonationValues) => unwrap(gz.POST('/api/v1/funds/{id}/donations', {
    params: path, body: {
      amountFen: checkedFen(v.amount), donor: v.anonymous ? undefined : v.donor, anonymous: Boolean(v.anonymous), purpose: v.purpose,
      project: v.project || undefined, occurredOn: (v.day ?? dayjs(today)).format('YYYY-MM-DD'),
    },
  })), () => form.resetFields());
  const anonymous = Form.useWatch('anonymous', form);
  const confirm = (v: DonationValues) => modal.confirm({
    title: t('funds.ops.donationConfirmTitle'),
    content: (
      <Descriptions column={1} size="small" data-testid="donation-summary">
        <Descriptions.Item label={t('funds.ops.amount')}>{yuan(checkedFen(v.amount))}</Descriptions.Item>
        <Descriptions.Item label={t('funds.ops.donor')}>{v.anonymous ? t('funds.fund.anonymous') : v.donor || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('funds.ops.purpose')}>{v.purpose}</Descriptions.Item>
        {v.project ? <Descriptions.Item label={t('funds.ops.project')}>{v.project}</Descriptions.Item> : null}
        <Descriptions.Item label={t('funds.receipt.date')}>{(v.day ?? dayjs(today)).format('YYYY-MM-DD')}</Descriptions.Item>
        <Descriptions.Item label={t('funds.receipt.fund')}>{fund.name}</Descriptions.Item>
      </Descriptions>
    ),
    okText: t('funds.ops.donationConfirmOk'),
    okButtonProps: { 'data-testid': 'donation-confirm-ok' } as ButtonProps,
    onOk: () => write.mutateAsync(v).catch(() => undefined),
  });
  return (
    <Form form={form} layout="vertical" data-testid="form-donation" style={{ maxWidth: 520 }} initialValues={{ day: dayjs(today) }}
      onFinish={confirm}>
      <Form.Item name="amount" label={t('funds.ops.amount')} rules={[amountRule(t('funds.ops.amount'))]}><Input inputMode="decimal" data-testid="donation-amount" /></Form.Item>
      <Form.Item name="anonymous" valuePropName="checked"><Checkbox data-testid="donation-anonymous">{t('funds.ops.anonymous')}</Checkbox></Form.Item>
      {!anonymous && <Form.Item name="donor" label={t('funds.ops.donor')}><Input maxLength={80} data-testid="donation-donor" /></Form.Item>}
      <Form.Item name="purpose" label={t('funds.ops.purpose')} rules={[{ required: true }]}><Input maxLength={300} data-testid="donation-purpose" /></Form.Item>
      <Form.Item name="project" label={t('funds.ops.project')}><Input maxLength={60} data-testid="donation-project" /></Form.Item>
      <Form.Item name="day" label={t('funds.ops.donationDate')} rules={[{ required: true }]}>
        <DatePicker allowClear={false} data-testid="donation-date"
          disabledDate={(d) => d.format('YYYY-MM-DD') > today || (earliest !== undefined && d.format('YYYY-MM-DD') < earliest)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={write.isPending} data-testid="donation-submit">{t('funds.ops.submit')}</Button>
    </Form>
  );
}

/** An operator's monthly turnover; the levy is computed by the server, once, for a month that has ended. */
export function TurnoverForm({ fund }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  // Last month in China time: the usual report, and the latest one the server takes.
  const lastMonth = addDays(`${chinaDay(new Date()).slice(0, 7)}-01`, -1).slice(0, 7);
  const write = useFundWrite((v: { operator: string; month: string; turnover: string }) => unwrap(gz.POST('/api/v1/funds/{id}/turnover', {
    params: { path: { id: fund.id } }, body: { operator: v.operator, month: v.month, turnoverFen: checkedFen(v.turnover) },
  })), () => form.resetFields());
  return (
    <Form form={form} layout="vertical" data-testid="form-turnover" style={{ maxWidth: 520 }} initialValues={{ month: lastMonth }}
      onFinish={(v) => write.mutate(v)}>
      <Typography.Paragraph type="secondary">{t('funds.ops.levyHint')}</Typography.Paragraph>
      <Form.Item name="operator" label={t('funds.ops.operator')} rules={[{ required: true }]}><Input maxLength={80} data-testid="turnover-operator" /></Form.Item>
      <Form.Item name="month" label={t('funds.ops.month')} rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/ }]}
        extra={t('funds.ops.turnoverMonthHint')}><Input placeholder={lastMonth} data-testid="turnover-month" /></Form.Item>
      <Form.Item name="turnover" label={t('funds.ops.turnoverAmount')} rules={[amountRule(t('funds.ops.turnoverAmount'))]}><Input inputMode="decimal" data-testid="turnover-amount" /></Form.Item>
      <Button type="primary" htmlType="submit" loading={write.isPending} data-testid="turnover-submit">{t('funds.ops.submit')}</Button>
    </Form>
  );
}

const INCOME_KINDS: Record<string, string[]> = {
  charity: ['allocation'], development: ['enterprise_profit', 'allocation'], protection: ['allocation'], common: ['property_fee', 'common_revenue'],
};

/** Enterprise profit, a government allocation, property fees or common revenue (lift ads, parking). */
export function IncomeForm({ fund }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const write = useFundWrite((v: { kind: ApiBody<'/api/v1/funds/{id}/incomes', 'post'>['kind']; amount: string; source: string; purpose: string; category?: string; day?: { format(f: string): string } }) =>
    unwrap(gz.POST('/api/v1/funds/{id}/incomes', {
      params: { path: { id: fund.id } },
      body: { kind: v.kind, amountFen: checkedFen(v.amount), source: v.source, purpose: v.purpose, category: v.category || undefined, occurredOn: v.day ? v.day.format('YYYY-MM-DD') : undefined },
    })), () => form.resetFields());
  const kinds = INCOME_KINDS[fund.kind] ?? [];
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 520 }} initialValues={{ kind: kinds[0] }}
      onFinish={(v) => write.mutate(v)}>
      <Form.Item name="kind" label={t('funds.ops.incomeKind')}><Select options={kinds.map((k) => ({ value: k, label: t(`funds.ledgerKind.${k}` as 'funds.ledgerKind.donation') }))} /></Form.Item>
      <Form.Item name="amount" label={t('funds.ops.amount')} rules={[amountRule(t('funds.ops.amount'))]}><Input inputMode="decimal" /></Form.Item>
      <Form.Item name="source" label={t('funds.ops.source')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
      <Form.Item name="purpose" label={t('funds.ops.purpose')} rules={[{ required: true }]}><Input maxLength={300} /></Form.Item>
      {fund.kind === 'common' && <Form.Item name="category" label={t('funds.ops.category')}><Input maxLength={40} placeholder="电梯广告 / 停车" /></Form.Item>}
      <Form.Item name="day" label={t('funds.receipt.date')}><DatePicker /></Form.Item>
      <Button type="primary" htmlType="submit" loading={write.isPending}>{t('funds.ops.submit')}</Button>
    </Form>
  );
}
