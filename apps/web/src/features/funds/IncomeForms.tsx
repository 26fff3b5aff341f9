import { App, Button, Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FundDetail } from '@gongzhi/contracts';
import { api } from '../../api/client.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { amountRule, fenOf } from './money.ts';

type Props = { fund: FundDetail; onDone: () => void };

/** Posts a form's body to one of the fund's operations and reports the outcome. */
function useSubmit(fund: FundDetail, path: string, onDone: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  return async (body: Record<string, unknown>, reset: () => void) => {
    try {
      await api.post(`/api/v1/funds/${fund.id}/${path}`, body);
      void message.success(t('funds.ops.saved'));
      reset();
      onDone();
    } catch (e) {
      notify(e);
    }
  };
}

/** A donation: amount, donor or anonymous, purpose; the receipt number comes back on the entry. */
export function DonationForm({ fund, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = useSubmit(fund, 'donations', onDone);
  const anonymous = Form.useWatch('anonymous', form);
  return (
    <Form form={form} layout="vertical" data-testid="form-donation" style={{ maxWidth: 520 }}
      onFinish={(v) => void submit({ amountFen: fenOf(v.amount), donor: v.anonymous ? undefined : v.donor, anonymous: Boolean(v.anonymous), purpose: v.purpose, project: v.project || undefined }, () => form.resetFields())}>
      <Form.Item name="amount" label={t('funds.ops.amount')} rules={[amountRule(t('funds.ops.amount'))]}><Input inputMode="decimal" data-testid="donation-amount" /></Form.Item>
      <Form.Item name="anonymous" valuePropName="checked"><Checkbox data-testid="donation-anonymous">{t('funds.ops.anonymous')}</Checkbox></Form.Item>
      {!anonymous && <Form.Item name="donor" label={t('funds.ops.donor')}><Input maxLength={80} data-testid="donation-donor" /></Form.Item>}
      <Form.Item name="purpose" label={t('funds.ops.purpose')} rules={[{ required: true }]}><Input maxLength={300} data-testid="donation-purpose" /></Form.Item>
      <Form.Item name="project" label={t('funds.ops.project')}><Input maxLength={60} /></Form.Item>
      <Button type="primary" htmlType="submit" data-testid="donation-submit">{t('funds.ops.submit')}</Button>
    </Form>
  );
}

/** An operator's monthly turnover; the levy is computed by the server, once. */
export function TurnoverForm({ fund, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = useSubmit(fund, 'turnover', onDone);
  return (
    <Form form={form} layout="vertical" data-testid="form-turnover" style={{ maxWidth: 520 }}
      onFinish={(v) => void submit({ operator: v.operator, month: v.month, turnoverFen: fenOf(v.turnover) }, () => form.resetFields())}>
      <Typography.Paragraph type="secondary">{t('funds.ops.levyHint')}</Typography.Paragraph>
      <Form.Item name="operator" label={t('funds.ops.operator')} rules={[{ required: true }]}><Input maxLength={80} data-testid="turnover-operator" /></Form.Item>
      <Form.Item name="month" label={t('funds.ops.month')} rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/ }]}><Input placeholder="2026-10" data-testid="turnover-month" /></Form.Item>
      <Form.Item name="turnover" label={t('funds.ops.turnoverAmount')} rules={[amountRule(t('funds.ops.turnoverAmount'))]}><Input inputMode="decimal" data-testid="turnover-amount" /></Form.Item>
      <Button type="primary" htmlType="submit" data-testid="turnover-submit">{t('funds.ops.submit')}</Button>
    </Form>
  );
}

const INCOME_KINDS: Record<string, string[]> = {
  charity: ['allocation'], development: ['enterprise_profit', 'allocation'], protection: ['allocation'], common: ['property_fee', 'common_revenue'],
};

/** Enterprise profit, a government allocation, property fees or common revenue (lift ads, parking). */
export function IncomeForm({ fund, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const submit = useSubmit(fund, 'incomes', onDone);
  const kinds = INCOME_KINDS[fund.kind] ?? [];
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 520 }} initialValues={{ kind: kinds[0] }}
      onFinish={(v) => void submit({ kind: v.kind, amountFen: fenOf(v.amount), source: v.source, purpose: v.purpose, category: v.category || undefined, occurredOn: v.day ? v.day.format('YYYY-MM-DD') : undefined }, () => form.resetFields())}>
      <Form.Item name="kind" label={t('funds.ops.incomeKind')}><Select options={kinds.map((k) => ({ value: k, label: t(`funds.ledgerKind.${k}` as 'funds.ledgerKind.donation') }))} /></Form.Item>
      <Form.Item name="amount" label={t('funds.ops.amount')} rules={[amountRule(t('funds.ops.amount'))]}><Input inputMode="decimal" /></Form.Item>
      <Form.Item name="source" label={t('funds.ops.source')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
      <Form.Item name="purpose" label={t('funds.ops.purpose')} rules={[{ required: true }]}><Input maxLength={300} /></Form.Item>
      {fund.kind === 'common' && <Form.Item name="category" label={t('funds.ops.category')}><Input maxLength={40} placeholder="电梯广告 / 停车" /></Form.Item>}
      <Form.Item name="day" label={t('funds.receipt.date')}><DatePicker /></Form.Item>
      <Button type="primary" htmlType="submit">{t('funds.ops.submit')}</Button>
    </Form>
  );
}
