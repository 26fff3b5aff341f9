import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { failureText } from '../../components/useNotifyError.ts';
import { formatMinute } from '../../components/time.ts';
import { activityKeys } from './activities.queries.ts';

/**
 * "我的签到": the resident types the 6-character code shown under the organiser's QR (or arrives from
 * scanning it, which opens this page with the signed token in `?code=`). Whether it is a check-in or
 * a check-out is in the code itself.
 */
export function CheckInCard({ id, me, scanned }: { id: string; me: { checkedInAt: string | null; checkedOutAt: string | null }; scanned?: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const check = useApiMutation({
    mutationFn: (value: string) => unwrap(gz.POST('/api/v1/activities/{id}/check', { params: { path: { id } }, body: { code: value } })),
    invalidates: [activityKeys.all], inPlace: true,
  });
  const failure = failureText(check.error);
  return (
    <Card title={t('activities.myCheck')} data-testid="my-check">
      <Space direction="vertical" style={{ width: '100%' }}>
        {me.checkedInAt && <Typography.Text strong data-testid="checked-in-at">{t('activities.checkedInAt', { time: formatMinute(me.checkedInAt) })}</Typography.Text>}
        {me.checkedOutAt && <Typography.Text strong data-testid="checked-out-at">{t('activities.checkedOutAt', { time: formatMinute(me.checkedOutAt) })}</Typography.Text>}
        {!me.checkedOutAt && <>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('activities.scanHint')}</Typography.Paragraph>
          {scanned && <Button type="primary" size="large" block loading={check.isPending} onClick={() => check.mutate(scanned)} data-testid="check-scanned">
            {me.checkedInAt ? t('activities.checkOut') : t('activities.checkIn')}
          </Button>}
          <label htmlFor="activity-code">{t('activities.codeLabel')}</label>
          <Input id="activity-code" size="large" maxLength={6} value={code} placeholder={t('activities.codePlaceholder')} autoComplete="off"
            style={{ letterSpacing: 4, textTransform: 'uppercase', fontSize: 24 }} onChange={(e) => setCode(e.target.value.toUpperCase())} data-testid="check-code" />
          <Button type="primary" size="large" block disabled={code.length !== 6} loading={check.isPending} onClick={() => check.mutate(code)} data-testid="check-submit">
            {me.checkedInAt ? t('activities.checkOut') : t('activities.checkIn')}
          </Button>
        </>}
        {check.isSuccess && <Alert type="success" showIcon message={check.data.kind === 'in' ? t('activities.checkedIn') : t('activities.checkedOut')} data-testid="check-ok" />}
        {failure && <Alert type="error" showIcon message={failure} data-testid="check-error" />}
      </Space>
    </Card>
  );
}
