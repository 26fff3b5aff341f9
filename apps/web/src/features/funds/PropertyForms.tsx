import { Button, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { DividendView, FundDetail } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { useFundWrite } from './IncomeForms.tsx';
import { resolutionsQuery } from './funds.queries.ts';
import { amountRule, checkedFen, yuan } from './money.ts';

type Props = { fund: FundDetail };

/** Every owner's statement line of a dividend: "72 m² × ¥4.00/m² = ¥288.00". */
export function DividendLines({ view }: { view: DividendView }) {
  const { t } = useTranslation();
  return (
    <Table size="small" rowKey="unit" pagination={{ pageSize: 20 }} dataSource={view.lines} data-testid="dividend-lines"
      title={() => `${t('funds.ops.statementLines')} · ${yuan(view.totalFen)}`}
      columns={[{ title: t('funds.fund.account'), dataIndex: 'unit' }, { title: t('funds.receipt.amount'), dataIndex: 'statement' }]} />
  );
}

/**
 * A dividend of common revenue by registered floor area. It is prepared here and waits for a second
 * person's approval (in the pending list, like an expense); the approval divides and posts it, and the
 * entry's page shows every owner's line. The approval is refused if any unit lacks an area.
 */
export function DividendForm({ fund }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const write = useFundWrite((v: { amount: string; purpose: string }) => unwrap(gz.POST('/api/v1/funds/{id}/dividends', {
    params: { path: { id: fund.id } }, body: { amountFen: checkedFen(v.amount), purpose: v.purpose },
  })), () => form.resetFields(), 'funds.ops.submitted');
  return (
    <>
      <Form form={form} layout="vertical" data-testid="form-dividend" style={{ maxWidth: 520 }} onFinish={(v) => write.mutate(v)}>
        <Typography.Paragraph type="secondary">{t('funds.ops.dividendHint')} {t('funds.ops.needsApproval')}</Typography.Paragraph>
        <Form.Item name="amount" label={t('funds.ops.amount')} rules={[amountRule(t('funds.ops.amount'))]}><Input inputMode="decimal" data-testid="dividend-amount" /></Form.Item>
        <Form.Item name="purpose" label={t('funds.ops.purpose')} rules={[{ required: true }]}><Input maxLength={300} data-testid="dividend-purpose" /></Form.Item>
        <Button type="primary" htmlType="submit" loading={write.isPending} data-testid="dividend-submit">{t('funds.ops.submit')}</Button>
      </Form>
    </>
  );
}

/** The year's budget as approved by the owners' assembly: the resolution and the lines. */
export function BudgetForm({ fund }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { data: resolutions } = useQuery(resolutionsQuery(fund.id));
  // The form keeps its values after saving, so the next year's budget can start from them.
  const write = useFundWrite((v: { year: number; assemblyMatterId?: string; resolutionRef?: string; resolutionText?: string; lines: { label: string; amount: string }[] }) =>
    unwrap(gz.POST('/api/v1/funds/{id}/budgets', {
      params: { path: { id: fund.id } },
      body: {
        year: v.year, assemblyMatterId: v.assemblyMatterId || undefined, resolutionRef: v.resolutionRef || undefined, resolutionText: v.resolutionText || undefined,
        lines: v.lines.map((l) => ({ label: l.label, amountFen: checkedFen(l.amount) })),
      },
    })), () => undefined, 'common.action.saved');
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 620 }} initialValues={{ year: new Date().getFullYear() + 1, lines: [{}] }} onFinish={(v) => write.mutate(v)}>
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
      <Button type="primary" htmlType="submit" loading={write.isPending}>{t('funds.ops.submit')}</Button>
    </Form>
  );
}
