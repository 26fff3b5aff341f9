import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { formatMinute } from '../../components/time.ts';
import { activityKeys, attendanceQuery } from './activities.queries.ts';

/**
 * The organiser's attendance list, with marking by hand (present now / absent); once an activity that
 * credits hours has ended, one button turns the attendance into volunteers' service records, which a
 * second member of staff then approves.
 */
export function AttendanceCard({ id, hoursReady }: { id: string; hoursReady: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const hours = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/activities/{id}/volunteer-hours', { params: { path: { id } } })),
    invalidates: [activityKeys.all],
    onSuccess: (r) => { void message.success(t('activities.organiser.hoursRecorded', { created: r.created, skipped: r.skipped })); },
  });
  const list = useQuery({ ...attendanceQuery(id), refetchInterval: 10_000 });
  const mark = useApiMutation({
    mutationFn: (v: { signupId: string; present: boolean }) => unwrap(gz.POST('/api/v1/activities/{id}/attendance/{signupId}', {
      params: { path: { id, signupId: v.signupId } }, body: v.present ? { present: true, checkedInAt: new Date().toISOString() } : { present: false },
    })),
    invalidates: [activityKeys.all],
  });
  type Row = NonNullable<typeof list.data>[number];
  return (
    <Card title={t('activities.organiser.attendance')} data-testid="attendance"
      extra={hoursReady && <Button onClick={() => hours.mutate()} loading={hours.isPending} data-testid="record-hours">{t('activities.organiser.recordHours')}</Button>}>
      <Table<Row> size="small" rowKey="signupId" loading={list.isPending} dataSource={list.data ?? []} pagination={false} scroll={{ x: true }}
        columns={[
          { key: 'name', title: t('activities.organiser.name'), render: (_, r) => r.name },
          { key: 'state', title: t('activities.organiser.state'), render: (_, r) => r.status === 'waiting'
            ? <Tag color="orange">{t('activities.status.waiting', { position: r.waitingPosition })}</Tag>
            : r.status === 'cancelled' ? <Tag>{t('activities.status.cancelled')}</Tag>
            : <Space size={4}>{r.present ? <Tag color="green">{t('activities.organiser.present')}</Tag> : <Tag>{t('activities.status.confirmed')}</Tag>}{r.markedByHand && <Tag>{t('activities.organiser.byHand')}</Tag>}</Space> },
          { key: 'in', title: t('activities.organiser.inAt'), render: (_, r) => (r.checkedInAt ? formatMinute(r.checkedInAt).slice(-5) : '—') },
          { key: 'out', title: t('activities.organiser.outAt'), render: (_, r) => (r.checkedOutAt ? formatMinute(r.checkedOutAt).slice(-5) : '—') },
          { key: 'mark', title: t('activities.organiser.mark'), render: (_, r) => r.status !== 'confirmed' ? null : (
            <Space size={4}>
              <Button size="small" disabled={r.present} onClick={() => mark.mutate({ signupId: r.signupId, present: true })}>{t('activities.organiser.present')}</Button>
              <Button size="small" disabled={!r.present} onClick={() => mark.mutate({ signupId: r.signupId, present: false })}>{t('activities.organiser.absent')}</Button>
            </Space>) },
        ]} />
    </Card>
  );
}
