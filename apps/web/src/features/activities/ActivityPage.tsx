import { Alert, Button, Card, Descriptions, Popconfirm, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { activityKeys, activityQuery } from './activities.queries.ts';
import { SignupTag } from './ActivityCards.tsx';
import { CheckInCard } from './CheckInCard.tsx';
import { QrPanel } from './QrPanel.tsx';
import { AttendanceCard } from './AttendanceCard.tsx';

/**
 * /activities/:id — for a resident: sign up, cancel, the waiting place, "我的签到"; for its organiser:
 * the big QR for check-in and check-out and the attendance list.
 */
export default function ActivityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const q = useQuery(activityQuery(id));
  const opts = { params: { path: { id } } };
  const signUp = useApiMutation({ mutationFn: () => unwrap(gz.POST('/api/v1/activities/{id}/signup', opts)), invalidates: [activityKeys.all] });
  const cancel = useApiMutation({ mutationFn: () => unwrap(gz.POST('/api/v1/activities/{id}/signup/cancel', opts)), invalidates: [activityKeys.all] });
  const cancelActivity = useApiMutation({ mutationFn: () => unwrap(gz.POST('/api/v1/activities/{id}/cancel', opts)), invalidates: [activityKeys.all] });
  if (q.isPending) return <Spin />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const cancelled = a.status === 'cancelled';
  return (
    <div className="gz-report" data-testid="activity-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{a.title}</Typography.Title>
      {cancelled && <Alert type="error" showIcon message={t('activities.status.activityCancelled')} style={{ marginBottom: 12 }} />}
      <Card style={{ marginBottom: 12 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('activities.when')}>{formatMinute(a.startsAt)} – {formatMinute(a.endsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('activities.where')}>{a.address}</Descriptions.Item>
          <Descriptions.Item label={t('activities.organiserLabel')}>{a.organiserName}</Descriptions.Item>
          <Descriptions.Item label={t('activities.category')}>{a.categoryName}</Descriptions.Item>
          <Descriptions.Item label={t('activities.capacity')}>{a.capacity}（{t('activities.placesLeft', { count: a.placesLeft })}）</Descriptions.Item>
          <Descriptions.Item label={t('activities.form.audience')}>{t(`activities.audience.${a.audience}`)}</Descriptions.Item>
        </Descriptions>
        {a.creditsHours && <Typography.Paragraph type="secondary">{t('activities.creditsHours', { minutes: a.maxCreditedMinutes })}</Typography.Paragraph>}
        {a.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph>}
        {a.counts && <Typography.Paragraph strong data-testid="activity-counts">{t('activities.organiser.counts', a.counts)}</Typography.Paragraph>}
      </Card>

      {a.me && (
        <Card style={{ marginBottom: 12 }} data-testid="my-signup">
          <Space direction="vertical" style={{ width: '100%' }}>
            <SignupTag me={a.me} />
            {a.me.status === 'waiting' && <Typography.Paragraph data-testid="waiting-note">{t('activities.waitingNote', { position: a.me.waitingPosition })}</Typography.Paragraph>}
            {!a.me.checkedInAt && !cancelled && <>
              <Typography.Text type="secondary">{t('activities.cancelUntil', { time: formatMinute(a.me.cancelUntil) })}</Typography.Text>
              <Popconfirm title={t('activities.cancelConfirm')} onConfirm={() => cancel.mutate()}>
                <Button size="large" block danger loading={cancel.isPending} data-testid="signup-cancel">{t('activities.cancel')}</Button>
              </Popconfirm>
            </>}
          </Space>
        </Card>
      )}
      {a.abilities.signUp && !cancelled && (
        <Button type="primary" size="large" block loading={signUp.isPending} onClick={() => signUp.mutate()} data-testid="signup" style={{ marginBottom: 12 }}>
          {a.placesLeft > 0 ? t('activities.signUp') : t('activities.signUpWaiting')}
        </Button>
      )}
      {a.me?.status === 'confirmed' && !cancelled && <CheckInCard id={a.id} me={a.me} scanned={params.get('code') ?? undefined} />}

      {a.abilities.manage && !cancelled && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <QrPanel id={a.id} />
          <AttendanceCard id={a.id} hoursReady={a.creditsHours && new Date(a.endsAt) <= new Date()} />
          <Popconfirm title={t('activities.organiser.cancelActivityConfirm')} onConfirm={() => cancelActivity.mutate()}>
            <Button danger loading={cancelActivity.isPending}>{t('activities.organiser.cancelActivity')}</Button>
          </Popconfirm>
        </Space>
      )}
    </div>
  );
}
