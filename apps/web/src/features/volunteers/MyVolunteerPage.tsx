import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, StarFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type dayjs from 'dayjs';
import { download } from '../../api/client.ts';
import { PageError } from '../../components/PageError.tsx';
import { RegisterForm } from './RegisterForm.tsx';
import { minutesText, myVolunteerQuery } from './volunteers.queries.ts';

const STATUS_COLOR = { pending: 'processing', verified: 'success', rejected: 'error' } as const;

/** /volunteer — a resident's volunteering: sign up, status, hours (approved and pending), stars, certificate. */
export default function MyVolunteerPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me, error, refetch } = useQuery(myVolunteerQuery());
  const [editing, setEditing] = useState(false);
  const [period, setPeriod] = useState<[dayjs.Dayjs | null, dayjs.Dayjs | null] | null>(null);
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!me) return null;
  const reg = me.registration;
  const mins = (m: number) => minutesText(t, m);
  const getCertificate = async () => {
    const query: Record<string, string> = {};
    if (period?.[0]) query.from = period[0].format('YYYY-MM-DD');
    if (period?.[1]) query.to = period[1].format('YYYY-MM-DD');
    try {
      await download('/api/v1/volunteers/me/certificate.pdf', query, 'volunteer-certificate.pdf');
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  return (
    <div className="gz-report" data-testid="my-volunteer-page" style={{ maxWidth: 720 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('volunteers.my.title')}</Typography.Title>
      <Typography.Paragraph>{t('volunteers.my.intro')}</Typography.Paragraph>
      {!me.name && <Alert type="warning" showIcon message={t('volunteers.my.noRecord')} />}
      {me.name && (!reg || editing) && (
        <Card title={reg ? t('volunteers.my.update') : t('volunteers.my.register')} style={{ marginBottom: 16 }}>
          <RegisterForm me={me} onDone={() => { setEditing(false); void message.success(t('volunteers.my.submitted')); }} />
        </Card>
      )}
      {reg && (
        <Card style={{ marginBottom: 16 }} data-testid="volunteer-status" data-status={reg.status}>
          <Descriptions column={1} size="middle">
            <Descriptions.Item label={t('volunteers.my.status')}><Tag color={STATUS_COLOR[reg.status]}>{t(`volunteers.status.${reg.status}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('volunteers.my.approved')}><span data-testid="volunteer-approved">{mins(me.summary.approvedMinutes)}</span></Descriptions.Item>
            <Descriptions.Item label={t('volunteers.my.pending')}><span data-testid="volunteer-pending">{mins(me.summary.pendingMinutes)}</span></Descriptions.Item>
            <Descriptions.Item label={t('volunteers.my.star')}>
              {me.summary.star > 0
                ? <span data-testid="volunteer-star" aria-label={t('volunteers.my.stars', { count: me.summary.star })}>{Array.from({ length: me.summary.star }, (_, i) => <StarFilled key={i} style={{ color: '#d48806' }} />)}</span>
                : <span data-testid="volunteer-star">{t('volunteers.my.noStar', { hours: me.summary.thresholdsHours[0] ?? 100 })}</span>}
            </Descriptions.Item>
          </Descriptions>
          {reg.status === 'rejected' && <Alert type="error" showIcon message={t('volunteers.my.rejected', { reason: reg.rejectReason ?? '' })} style={{ marginBottom: 8 }} />}
          {!editing && <Button size="large" onClick={() => setEditing(true)} data-testid="volunteer-edit">{t('volunteers.my.update')}</Button>}
        </Card>
      )}
      {reg && (
        <Card title={t('volunteers.my.certificate')} style={{ marginBottom: 16 }}>
          {reg.status === 'verified' ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>{t('volunteers.my.certificateHelp')}</Typography.Text>
              <DatePicker.RangePicker aria-label={t('volunteers.my.period')} value={period} onChange={(v) => setPeriod(v)} style={{ width: '100%' }} inputReadOnly />
              <Button type="primary" size="large" block icon={<DownloadOutlined />} onClick={() => void getCertificate()} data-testid="volunteer-certificate">{t('volunteers.my.download')}</Button>
            </Space>
          ) : <Typography.Text type="secondary">{t('volunteers.my.onlyVerified')}</Typography.Text>}
        </Card>
      )}
      {reg && (
        <Card title={t('volunteers.my.records')}>
          {me.records.length === 0 ? <Empty description={t('volunteers.my.noRecords')} /> : (
            <List dataSource={me.records} data-testid="volunteer-records" renderItem={(r) => (
              <List.Item key={r.id} data-testid="volunteer-record" data-status={r.status}>
                <List.Item.Meta title={r.title} description={`${r.serviceDay} · ${mins(r.minutes)}`} />
                <Tag color={r.status === 'approved' ? 'success' : r.status === 'rejected' ? 'error' : 'processing'}>{t(`volunteers.recordStatus.${r.status}`)}</Tag>
              </List.Item>
            )} />
          )}
        </Card>
      )}
    </div>
  );
}
