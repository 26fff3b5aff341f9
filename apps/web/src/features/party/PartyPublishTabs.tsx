import { useState } from 'react';
import { App, Button, Form, InputNumber, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { todayInChina } from '../../components/time.ts';
import { partyKeys } from './party.queries.ts';
import { YearSelect } from './PartyStaffTabs.tsx';

/** The quarter's feedback to members' own party organisations, as a workbook (and a letter). */
export function PartyFeedbackTab() {
  const { t } = useTranslation();
  const today = todayInChina();
  const [year, setYear] = useState(today.year());
  const [quarter, setQuarter] = useState(Math.floor(today.month() / 3) + 1);
  const q = `year=${year}&quarter=${quarter}`;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('party.staff.feedbackIntro')}</Typography.Paragraph>
      <Space wrap>
        <YearSelect value={year} onChange={setYear} />
        <Select aria-label={t('party.staff.quarter')} value={quarter} onChange={setQuarter} style={{ width: 100 }} options={[1, 2, 3, 4].map((n) => ({ value: n, label: `Q${n}` }))} />
        <Button href={`/api/v1/party/feedback.xlsx?${q}`} data-testid="party-feedback-xlsx">{t('party.staff.downloadXlsx')}</Button>
        <Button href={`/api/v1/party/feedback.pdf?${q}`} data-testid="party-feedback-pdf">{t('party.staff.downloadPdf')}</Button>
      </Space>
    </>
  );
}

/** Publishing a half-year's red and black lists; frozen once published. */
export function PartyRankingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = todayInChina();
  const [form] = Form.useForm<{ year: number; half: 1 | 2; size: number }>();
  const publish = useApiMutation<{ year: number; half: 1 | 2; size: number }>({
    mutationFn: (body) => unwrap(gz.POST('/api/v1/party/rankings', { body })), invalidates: [partyKeys.all], form,
    onSuccess: () => void message.success(t('party.staff.publishedOk')),
  });
  return (
    <>
      <Typography.Paragraph type="secondary">{t('party.staff.publishIntro')}</Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ year: today.year(), half: today.month() < 6 ? 1 : 2, size: 10 }} onFinish={(v) => publish.mutate(v)} data-testid="party-rankings-form">
        <Form.Item name="year" label={t('party.staff.year')}><YearSelect value={today.year()} onChange={() => undefined} /></Form.Item>
        <Form.Item name="half" label={t('party.staff.half')}>
          <Select style={{ width: 120 }} options={[{ value: 1, label: t('party.staff.h1') }, { value: 2, label: t('party.staff.h2') }]} />
        </Form.Item>
        <Form.Item name="size" label={t('party.staff.size')}><InputNumber min={1} max={50} precision={0} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="party-rankings-publish">{t('party.staff.publish')}</Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}><Link to="/public/party-rankings">{t('party.staff.viewPublic')}</Link></Typography.Paragraph>
    </>
  );
}
