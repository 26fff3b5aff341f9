import { useState } from 'react';
import { App, Button, Empty, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ServiceRecordView } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { ReasonModal } from './RecordHoursModal.tsx';
import { minutesText, recordsQuery, volunteerKeys } from './volunteers.queries.ts';

/** Pending service records: a second person approves or rejects; one's own records are shown but not offered. */
export function ReviewQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, refetch } = useQuery(recordsQuery('pending'));
  const [rejecting, setRejecting] = useState<ServiceRecordView | null>(null);
  const approving = useApiMutation<string, unknown>({
    mutationFn: (id) => unwrap(gz.POST('/api/v1/volunteers/service-records/{id}/decision', { params: { path: { id } }, body: { decision: 'approve' } })),
    invalidates: [volunteerKeys.all],
    onSuccess: () => void message.success(t('volunteers.queue.approved')),
  });
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (data && data.length === 0) return <Empty description={t('volunteers.queue.empty')} />;
  return (
    <>
      <Table<ServiceRecordView> rowKey="id" size="middle" dataSource={data} pagination={false} scroll={{ x: true }}
        columns={[
          { key: 'v', title: t('volunteers.queue.volunteer'), dataIndex: 'volunteerName' },
          { key: 'w', title: t('volunteers.queue.what'), dataIndex: 'title' },
          { key: 'd', title: t('volunteers.queue.day'), dataIndex: 'serviceDay' },
          { key: 'm', title: t('volunteers.queue.minutes'), render: (_, r) => minutesText(t, r.minutes) },
          { key: 'b', title: t('volunteers.queue.recordedBy'), render: (_, r) => r.recordedByName ?? '—' },
          { key: 'a', title: '', render: (_, r) => r.mayReview ? (
            <Space wrap>
              <Button type="primary" loading={approving.isPending && approving.variables === r.id} onClick={() => approving.mutate(r.id)} data-testid="review-approve">{t('volunteers.queue.approve')}</Button>
              <Button onClick={() => setRejecting(r)} data-testid="review-reject">{t('volunteers.queue.reject')}</Button>
            </Space>
          ) : <Typography.Text type="secondary" data-testid="review-own">{t('volunteers.queue.own')}</Typography.Text> },
        ]} />
      {rejecting && (
        <ReasonModal title={`${t('volunteers.queue.reject')} · ${rejecting.title}`} onClose={() => setRejecting(null)}
          send={(reason) => unwrap(gz.POST('/api/v1/volunteers/service-records/{id}/decision', { params: { path: { id: rejecting.id } }, body: { decision: 'reject', reason } }))} />
      )}
    </>
  );
}
