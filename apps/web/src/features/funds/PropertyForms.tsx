import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { BudgetResolution, DividendView, FundDetail } from '@gongzhi/contracts';
import { useApi } from '../../api/useApi.ts';
import { api } from '../../api/client.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { amountRule, fenOf, yuan } from './money.ts';

type Props = { fund: FundDetail; onDone: () => void };

/** Every owner's statement line of a dividend: "72 m² × ¥4.00/m² = ¥288.00". */
export function DividendLines({ view }: { view: DividendView }) {
  const { t } = useTranslation();
  return (
    <Table size="small" rowKey="unit" pagination={{ pageSize: 20 }} dataSource={view.lines} data-testid="dividend-lines"
      title={() => `${t('funds.ops.statementLines')} · ${yuan(view.totalFen)}`}
      columns={[{ title: t('funds.fund.account'), dataIndex: 'unit' }, { title: t('funds.receipt.amount'), dataIndex: 'statement' }]} />
  );
}

/** A dividend of common revenue by registered floor area; the server refuses if any unit lacks an area. */
export function DividendForm({ fund, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const [form] = Form.useForm();
  const [paid, setPaid] = useState<DividendView | null>(null);
  const submit = async (v: { amount: string; purpose: string }) => {
    try {
      setPaid(await api.post<DividendView>(`/api/v1/funds/${fund.id}/dividends`, { amountFen: fenOf(v.amount), purpose: v.purpose }));
      void message.success(t('funds.ops.saved'));
      form.resetFields();
      onDone();
    } catch (e) {
      notify(e);
    }
  };
  return (
    <>
      <Form form={form} layout="vertical" data-testid="form-dividend" style={{ maxWidth: 520 }} onFinish={(v) => void submit(v)}>
        <Typography.Paragraph type="secondary">{t('funds.ops.dividendHint')}</Typography.Paragraph>
        <Form.Item name="amount" label={t('funds.ops.amount')} rules={[amountRule(t('funds.ops.amount'))]}><Input inputMode="decimal" data-testid="dividend-amount" /></Form.Item>
        <Form.Item name="purpose" label={t('funds.ops.purpose')} rules={[{ required: true }]}><Input maxLength={300} data-testid="dividend-purpose" /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="dividend-submit">{t('funds.ops.submit')}</Button>
      </Form>
      {paid && <DividendLines view={paid} />}
    </>
  );
}

/** The year's budget as approved by the owners' assembly: the resolution and the lines. */
export function BudgetForm({ fund, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const [form] = Form.useForm();
  const { data: resolutions } = useApi<BudgetResolution[]>(`/api/v1/funds/${fund.id}/budget-resolutions`);
  const submit = async (v: { year: number; assemblyMatterId?: string; resolutionRef?: string; resolutionText?: string; lines: { label: string; amount: string }[] }) => {
    try {
      await api.post(`/api/v1/funds/${fund.id}/budgets`, {
        year: v.year, assemblyMatterId: v.assemblyMatterId || undefined, resolutionRef: v.resolutionRef || undefined, resolutionText: v.resolutionText || undefined,
        lines: v.lines.map((l) => ({ label: l.label, amountFen: fenOf(l.amount) })),
      });
      void message.success(t('common.action.saved'));
      onDone();
    } catch (e) {
      notify(e);
    }
  };
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 620 }} initialValues={{ year: new Date().getFullYear() + 1, lines: [{}] }} onFinish={(v) => void submit(v)}>
      <Form.Item name="year" label={t('funds.ops.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
      {resolutions && resolutions.length > 0 && (
        <Form.Item name="assemblyMatterId" label={t('funds.ops.resolutionMatter')} extra={t('funds.ops.resolutionMatterHint')}>
          <Select allowClear data-testid="budget-resolution" options={resolutions.map((r) => ({
            value: r.matterId, label: `${r.title} · ${r.position}. ${r.matterTitle}（${r.closedOn}）`,
          }))} />
        </Form.Item>
      )}
      <Form.Item name="resolutionRef" label={t('funds.ops.resolutionRef')}><Input maxLength={120} /></Form.Item>
      <Form.Item name="resolutionText" label={t('funds.ops.resolutionText')}><Input.TextArea maxLength={4000} /></Form.Item>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline">
                <Form.Item name={[f.name, 'label']} rules={[{ required: true }]}><Input placeholder={t('funds.ops.label')} maxLength={40} /></Form.Item>
                <Form.Item name={[f.name, 'amount']} rules={[amountRule(t('funds.ops.amount'))]}><Input placeholder={t('funds.ops.amount')} inputMode="decimal" /></Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Form.Item><Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>{t('funds.ops.addLine')}</Button></Form.Item>
          </>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit">{t('funds.ops.submit')}</Button>
    </Form>
  );
}
