import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EXPENSE_CATEGORIES } from '@gongzhi/core';
import type { FundDetail } from '@gongzhi/contracts';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap, upload } from '../../api/client.ts';
import type { ApiBody } from '../../api/types.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { useSession } from '../../shell/session.tsx';
import { amountRule, checkedFen } from './money.ts';
import { budgetQuery } from './funds.queries.ts';
import { useFundWrite } from './IncomeForms.tsx';

/**
 * Prepares a grant or expense: amount, category (the protection fund's negative list is greyed out
 * and refused by the server too), project, payee, reason and at least one receipt. It is paid only
 * when a second person approves it in the pending list.
 */
export function ExpenseForm({ fund }: { fund: FundDetail }) {
  const { t, i18n } = useTranslation();
  const notify = useNotifyError();
  const { session } = useSession();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<{ uid: string; name: string; id: string }[]>([]);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const year = new Date().getFullYear();
  const budget = useQuery({ ...budgetQuery(fund.code, year), enabled: fund.kind === 'common' });
  const write = useFundWrite((v: { amount: string; category: ApiBody<'/api/v1/funds/{id}/expenses', 'post'>['category']; project: string; payee: string; reason: string; budgetLineId?: string }) => unwrap(gz.POST('/api/v1/funds/{id}/expenses', {
    params: { path: { id: fund.id } },
    body: {
      amountFen: checkedFen(v.amount), category: v.category, project: v.project, payee: v.payee, reason: v.reason,
      attachmentIds: files.map((f) => f.id), budgetLineId: v.budgetLineId || undefined,
    },
  })), () => {
    form.resetFields();
    setFiles([]);
  }, 'funds.ops.submitted');

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => write.mutate(v)} data-testid="form-expense">
      <Alert type="warning" showIcon message={t('funds.ops.needsApproval')} style={{ marginBottom: 12 }} />
      <Form.Item name="amount" label={t('funds.ops.amount')} rules={[amountRule(t('funds.ops.amount'))]}><Input inputMode="decimal" data-testid="expense-amount" /></Form.Item>
      <Form.Item name="category" label={t('funds.ops.category')} rules={[{ required: true }]}>
        <Select data-testid="expense-category" options={EXPENSE_CATEGORIES.map((c) => ({ value: c.code, label: c[lang], disabled: fund.kind === 'protection' && Boolean(c.negative) }))} />
      </Form.Item>
      {budget.data && (
        <Form.Item name="budgetLineId" label={t('funds.ops.budget')}>
          <Select allowClear options={budget.data.lines.map((l) => ({ value: l.id, label: l.label }))} />
        </Form.Item>
      )}
      <Form.Item name="project" label={t('funds.ops.project')} rules={[{ required: true }]}><Input maxLength={60} data-testid="expense-project" /></Form.Item>
      <Form.Item name="payee" label={t('funds.ops.payee')} rules={[{ required: true }]}><Input maxLength={80} data-testid="expense-payee" /></Form.Item>
      <Form.Item name="reason" label={t('funds.ops.reason')} rules={[{ required: true }]}><Input.TextArea maxLength={1000} data-testid="expense-reason" /></Form.Item>
      <Form.Item label={t('funds.ops.receipt')} required>
        <Upload
          accept=".pdf,image/*"
          fileList={files.map((f) => ({ uid: f.uid, name: f.name, status: 'done' as const }))}
          onRemove={(f) => setFiles(files.filter((x) => x.uid !== f.uid))}
          customRequest={async ({ file, onSuccess, onError }) => {
            const body = new FormData();
            body.append('file', file as Blob);
            try {
              const a = await upload('/api/v1/funds/{id}/attachments', body, { id: fund.id });
              setFiles((prev) => [...prev, { uid: (file as { uid: string }).uid, name: a.filename, id: a.id }]);
              onSuccess?.(a);
            } catch (e) {
              notify(e);
              onError?.(e as Error);
            }
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="expense-upload">{t('funds.ops.upload')}</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" disabled={files.length === 0 || !session} loading={write.isPending} data-testid="expense-submit">{t('funds.ops.submit')}</Button>
    </Form>
  );
}
