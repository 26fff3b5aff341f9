import { useState } from 'react';
import { App, Button, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VolunteerView } from '@gongzhi/contracts';
import { download, gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { useSession } from '../../shell/session.tsx';
import { ReasonModal, RecordHoursModal } from './RecordHoursModal.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { TeamsTab } from './TeamsTab.tsx';
import { minutesText, skillsQuery, volunteerKeys, volunteerListQuery } from './volunteers.queries.ts';

type Status = 'pending' | 'verified' | 'rejected' | 'all';
const STATUS_COLOR = { pending: 'processing', verified: 'success', rejected: 'error' } as const;

/** The volunteers of the staff's region: verify or reject registrations, record hours, certificates. */
function VolunteerList() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const [status, setStatus] = useState<Status>('pending');
  const { data, error, refetch, isFetching } = useQuery(volunteerListQuery(status));
  const { data: skills } = useQuery(skillsQuery());
  const skillLabel = (code: string) => {
    const s = skills?.find((x) => x.code === code);
    return s ? (i18n.language === 'en' ? s.labelEn : s.labelZh) : code;
  };
  const [recording, setRecording] = useState<VolunteerView | null>(null);
  const [rejecting, setRejecting] = useState<VolunteerView | null>(null);
  const verifying = useApiMutation<string, unknown>({
    mutationFn: (id) => unwrap(gz.POST('/api/v1/volunteers/{id}/decision', { params: { path: { id } }, body: { decision: 'verify' } })),
    invalidates: [volunteerKeys.all],
    onSuccess: () => void message.success(t('volunteers.staff.verified')),
  });
  const certificate = (v: VolunteerView) => download(`/api/v1/volunteers/${v.id}/certificate.pdf`, undefined, 'volunteer-certificate.pdf')
    .catch((err: Error) => void message.error(err.message));
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Segmented<Status> value={status} onChange={setStatus} style={{ marginBottom: 12 }} data-testid="volunteer-status-filter"
        options={(['pending', 'verified', 'rejected', 'all'] as const).map((s) => ({ value: s, label: s === 'all' ? t('volunteers.staff.all') : t(`volunteers.status.${s}`) }))} />
      <Table<VolunteerView> rowKey="id" size="middle" loading={isFetching} dataSource={data} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: true }}
        locale={{ emptyText: t('volunteers.staff.empty') }}
        columns={[
          { key: 'n', title: t('volunteers.staff.name'), dataIndex: 'name' },
          { key: 'p', title: t('volunteers.staff.phone'), render: (_, v) => v.phoneMasked ?? '—' },
          { key: 'k', title: t('volunteers.staff.skills'), render: (_, v) => [...v.skills.map(skillLabel), v.skillsOther].filter(Boolean).join('、') || '—' },
          { key: 's', title: t('volunteers.my.status'), render: (_, v) => <Tag color={STATUS_COLOR[v.status]}>{t(`volunteers.status.${v.status}`)}</Tag> },
          { key: 'h', title: t('volunteers.staff.hours'), render: (_, v) => minutesText(t, v.approvedMinutes) },
          { key: 'a', title: '', render: (_, v) => (
            <Space wrap>
              {v.status === 'pending' && can('volunteer.manage') && <>
                <Button type="primary" onClick={() => verifying.mutate(v.id)} loading={verifying.isPending && verifying.variables === v.id} data-testid="volunteer-verify">{t('volunteers.staff.verify')}</Button>
                <Button onClick={() => setRejecting(v)} data-testid="volunteer-reject">{t('volunteers.staff.reject')}</Button>
              </>}
              {v.status === 'verified' && can('volunteer.record') && <Button onClick={() => setRecording(v)} data-testid="volunteer-record-hours">{t('volunteers.staff.record')}</Button>}
              {v.status === 'verified' && <Button type="link" onClick={() => void certificate(v)}>{t('volunteers.staff.certificate')}</Button>}
            </Space>
          ) },
        ]} />
      {recording && <RecordHoursModal volunteer={recording} onClose={() => setRecording(null)} />}
      {rejecting && (
        <ReasonModal title={`${t('volunteers.staff.reject')} · ${rejecting.name}`} onClose={() => setRejecting(null)}
          send={(reason) => unwrap(gz.POST('/api/v1/volunteers/{id}/decision', { params: { path: { id: rejecting.id } }, body: { decision: 'reject', reason } }))} />
      )}
    </>
  );
}

/** /volunteers — staff: the volunteer list, the hours review queue and the teams. */
export default function VolunteersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [tab, setTab] = useState('list');
  return (
    <div data-testid="volunteers-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('volunteers.staff.title')}</Typography.Title>
      <Tabs activeKey={tab} onChange={setTab} destroyOnHidden items={[
        { key: 'list', label: t('volunteers.staff.volunteers'), children: <VolunteerList /> },
        ...(can('volunteer.review') ? [{ key: 'review', label: <span data-testid="tab-review">{t('volunteers.staff.review')}</span>, children: <ReviewQueue /> }] : []),
        { key: 'teams', label: t('volunteers.staff.teams'), children: <TeamsTab /> },
      ]} />
    </div>
  );
}
