import { Alert, Button, Space, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Matter, RequestState } from '@gongzhi/core';
import type { RequestSummary } from '../../api/types.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import type { Column } from '../../components/ResponsiveTable.tsx';
import { formatMinute } from '../../components/time.ts';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { requestsQuery } from './requests.queries.ts';
import { useSession } from '../../shell/session.tsx';
import { QueueFilters, type QueueFilterValues } from './QueueFilters.tsx';
import { MatterTag, SlaBadge, StateTag } from './RequestTags.tsx';
import { useRequestLabels } from './requestLabels.ts';

/** Where a request is: its grid, or "待定位" and the address it came with. */
export function PlaceText({ r }: { r: RequestSummary }) {
  const { t } = useTranslation();
  if (r.region) return <span>{r.region.name}</span>;
  return (
    <span>
      <Typography.Text type="warning" strong>{t('requests.unplaced')}</Typography.Text>
      {r.address && <> · {r.address}</>}
    </span>
  );
}

/**
 * /requests — the staff work queue. Filters live in the URL so a queue ("red cards in my street")
 * can be bookmarked. Newest first; the SLA card and both deadlines are in every row.
 */
export default function QueuePage() {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const { can } = useSession();
  const { filters: raw, setFilter, key } = useUrlFilters<{
    scope: string; state?: RequestState; matter?: Matter; sla?: 'yellow' | 'red'; unplaced: boolean; mine: boolean; regionId?: string; q: string;
  }>({ scope: 'open', state: undefined, matter: undefined, sla: undefined, unplaced: false, mine: false, regionId: undefined, q: '' });
  const filters: QueueFilterValues = { ...raw, scope: raw.scope === 'all' ? 'all' : 'open' };
  const query = {
    open: filters.scope === 'open' ? 'true' : undefined, state: filters.state, matter: filters.matter, slaState: filters.sla,
    unplaced: filters.unplaced ? 'true' : undefined, mine: filters.mine ? 'true' : undefined, regionId: filters.regionId, q: filters.q,
  };

  const columns: Column<RequestSummary>[] = [
    {
      key: 'number',
      title: t('requests.col.number'),
      render: (r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Link to={`/requests/${r.id}`} className="gz-mono" data-testid="queue-number">{r.number}</Link>
          <br />
          <Typography.Text type="secondary" title={t('requests.col.created')}>{formatMinute(r.createdAt)}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'description',
      title: t('requests.col.description'),
      render: (r) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 280 }}>{r.description}</Typography.Paragraph>,
    },
    {
      key: 'category',
      title: t('requests.col.category'),
      render: (r) => (
        <Space size={4} wrap>
          <MatterTag matter={r.matter} />
          {r.category && <span>{labels.category(r.category)}</span>}
        </Space>
      ),
    },
    { key: 'place', title: t('requests.col.place'), render: (r) => <PlaceText r={r} /> },
    { key: 'state', title: t('requests.col.state'), render: (r) => <StateTag state={r.state} />, hideOnCard: true },
    { key: 'sla', title: t('requests.col.sla'), render: (r) => <SlaBadge sla={r.slaState} escalation={r.escalationLevel} /> },
    {
      key: 'due',
      title: t('requests.col.due'),
      render: (r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {t('requests.due.respond')} {formatMinute(r.respondDueAt)}
          <br />
          {t('requests.due.resolve')} {formatMinute(r.resolveDueAt)}
        </span>
      ),
    },
  ];

  return (
    <div data-testid="queue-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('requests.queue.title')}</Typography.Title>
        {can('request.handle') && (
          <Link to="/requests/new">
            <Button type="primary" icon={<FormOutlined />} data-testid="queue-new">{t('requests.queue.newRequest')}</Button>
          </Link>
        )}
      </div>
      <QueueFilters value={filters} onChange={setFilter} showUnplaced={can('request.sort')} />
      {filters.unplaced && <Alert type="info" showIcon title={t('requests.queue.unplacedHint')} style={{ marginBottom: 12 }} />}
      <PagedTable
        query={(page) => requestsQuery({ ...query, ...page })}
        resetKey={key}
        columns={columns}
        rowKey={(r) => r.id}
        rowHref={(r) => `/requests/${r.id}`}
        cardExtra={(r) => <StateTag state={r.state} />}
        testId="queue-table"
      />
    </div>
  );
}
