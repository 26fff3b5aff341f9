import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResidentTag } from '@gongzhi/core';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { useDomainLabels } from '../../components/labels.ts';
import type { ChangeReview } from './types.ts';
import { changesQuery, visitKeys } from './visits.queries.ts';

type Tab = 'pending' | 'conflict';

/** One proposal beside the current record; a stale one can only be approved with "approve anyway". */
function ChangeCard({ c }: { c: ChangeReview }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useDomainLabels();
  const [note, setNote] = useState('');
  const tags = (xs: readonly string[]) => xs.map((x) => labels.tag(x as ResidentTag)).join('、') || '—';
  const rows: { key: string; field: string; proposed: string; current: string }[] = [];
  if (c.changes.address !== undefined) rows.push({ key: 'a', field: t('visits.review.address'), proposed: c.changes.address, current: c.current.address });
  if (c.changes.tenure !== undefined) rows.push({ key: 't', field: t('visits.review.tenure'), proposed: c.changes.tenure, current: c.current.tenure });
  if (c.changes.movedOut) rows.push({ key: 'm', field: t('visits.review.movedOut'), proposed: t('visits.review.yes'), current: c.current.movedOut ? t('visits.review.yes') : '—' });
  for (const m of c.changes.members ?? []) {
    const now = c.current.members.find((x) => x.residentId === m.residentId);
    rows.push({ key: m.residentId, field: t('visits.review.tags', { name: now?.name ?? '' }), proposed: tags(m.tags), current: tags(now?.tags ?? []) });
  }
  const deciding = useApiMutation({
    mutationFn: ({ decision, override }: { decision: 'approve' | 'reject'; override: boolean }) =>
      unwrap(gz.POST('/api/v1/visits/changes/{id}/decision', {
        params: { path: { id: c.id } }, body: { decision, override, ...(note.trim() ? { note: note.trim() } : {}) },
      })),
    invalidates: [visitKeys.all],
    onSuccess: (_, { decision }) => void message.success(decision === 'approve' ? t('visits.review.approved') : t('visits.review.rejected')),
  });
  const busy = deciding.isPending;
  const decide = (decision: 'approve' | 'reject', override = false) => deciding.mutate({ decision, override });
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="change-card" data-change={c.id} data-status={c.status}
      title={<Space wrap>{c.current.address}{c.status === 'conflict' && <Tag color="error">{t('visits.review.conflict')}</Tag>}</Space>}
      extra={<Typography.Text type="secondary">{t('visits.review.proposedBy', { name: c.proposedBy, at: formatMinute(c.proposedAt) })}</Typography.Text>}>
      {c.stale && <Alert type="warning" showIcon message={t('visits.review.stale')} style={{ marginBottom: 8 }} data-testid="change-stale" />}
      <Table size="small" pagination={false} rowKey="key" dataSource={rows} columns={[
        { key: 'f', title: t('visits.review.field'), dataIndex: 'field' },
        { key: 'p', title: t('visits.review.proposed'), dataIndex: 'proposed' },
        { key: 'c', title: t('visits.review.current'), dataIndex: 'current' },
      ]} />
      <Input placeholder={t('visits.review.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ margin: '8px 0' }} />
      <Space wrap>
        {c.stale
          ? <Button danger loading={busy} onClick={() => decide('approve', true)} data-testid="change-override">{t('visits.review.override')}</Button>
          : <Button type="primary" loading={busy} onClick={() => decide('approve')} data-testid="change-approve">{t('visits.review.approve')}</Button>}
        <Button loading={busy} onClick={() => decide('reject')} data-testid="change-reject">{t('visits.review.reject')}</Button>
      </Space>
    </Card>
  );
}

/** /visits/review — changes to household records proposed during visits, and conflicts from stale offline edits. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('pending');
  const { data, error, refetch } = useQuery(changesQuery(tab));
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <div data-testid="visit-review-page" style={{ maxWidth: 900 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('visits.review.title')}</Typography.Title>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as Tab)} items={(['pending', 'conflict'] as const).map((k) => ({ key: k, label: t(`visits.review.${k}`) }))} />
      {data && data.length === 0 ? <Empty description={t('visits.review.empty')} /> : data?.map((c) => <ChangeCard key={c.id} c={c as ChangeReview} />)}
    </div>
  );
}
