import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Empty, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { CloudSyncOutlined, WifiOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { VisitStatus } from '@gongzhi/core';
import { STATUS_COLOURS } from './statusColours.ts';
import { matchesSearch } from './householdSearch.ts';
import { useSignedIn } from '../../shell/session.tsx';
import { formatMinute } from '../../components/time.ts';
import { cachedList, discard } from './offline.ts';
import { visitKeys, visitListQuery } from './visits.queries.ts';
import { useVisitQueue } from './useVisitQueue.ts';

/**
 * /visits — the grid worker's phone page: households of their grid, most overdue first, special
 * households marked. Works offline from the copy kept on the phone; unsent visits wait in a queue that
 * syncs by itself when the phone is back online.
 */
export default function VisitListPage() {
  const { t } = useTranslation();
  const userId = useSignedIn().user.id;
  const [filter, setFilter] = useState<'all' | VisitStatus>('all');
  // The search lives in the URL, so coming back from a household's form finds the list as it was left.
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const setSearch = (q: string) => setParams(q ? { q } : {}, { replace: true });
  const qc = useQueryClient();
  // Offline or the server away: the query waits or fails, and the copy on the phone is shown.
  const { data: fetched } = useQuery(visitListQuery(userId));
  const list = fetched ?? cachedList(userId);
  const queue = useVisitQueue(userId, () => void qc.invalidateQueries({ queryKey: visitKeys.list(userId) }));
  // Fetch the form's code now, while online: the worker may open it at a door with no signal.
  useEffect(() => { void import('./VisitFormPage.tsx'); }, []);

  const waiting = new Set(queue.items.map((q) => q.body.householdId));
  const rows = (list?.items ?? []).filter((h) => (filter === 'all' || h.status === filter) && matchesSearch(h, search));
  return (
    <div data-testid="visit-list-page" style={{ maxWidth: 640 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('visits.list.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag icon={<WifiOutlined />} color={queue.online ? 'success' : 'default'} data-testid="visit-online" data-online={String(queue.online)}>
          {queue.online ? t('visits.list.online') : t('visits.list.offline')}
        </Tag>
        {list && <Typography.Text type="secondary">{t('visits.list.cachedAt', { at: formatMinute(list.at) })}</Typography.Text>}
      </Space>
      {queue.items.length > 0 && (
        <Card size="small" style={{ marginBottom: 8 }} data-testid="visit-queue">
          <Space wrap>
            <Badge count={queue.items.length} color="blue" />
            <span data-testid="visit-queue-count" data-count={queue.items.length}>{t('visits.list.pending', { n: queue.items.length })}</span>
            <Button icon={<CloudSyncOutlined />} loading={queue.syncing} disabled={!queue.online} onClick={queue.sync} data-testid="visit-sync">
              {t('visits.list.sync')}
            </Button>
          </Space>
          {queue.items.filter((q) => q.error).map((q) => (
            <Alert key={q.body.id} type="error" showIcon style={{ marginTop: 8 }} data-testid="visit-refused"
              message={`${q.address}：${t('visits.list.refusedReason', { message: q.error!.message })}`}
              action={<Button size="small" onClick={() => discard(userId, q.body.id)}>{t('visits.list.discard')}</Button>} />
          ))}
        </Card>
      )}
      {!list && !queue.online && <Alert type="warning" showIcon message={t('visits.list.noCache')} />}
      <Input.Search allowClear size="large" value={search} onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 8 }}
        placeholder={t('visits.list.searchHint')} aria-label={t('visits.list.search')} data-testid="visit-search" />
      <Segmented block value={filter} onChange={(v) => setFilter(v as typeof filter)} style={{ marginBottom: 8 }}
        options={(['all', 'overdue', 'due', 'ok'] as const).map((f) => ({ value: f, label: t(`visits.list.filter.${f}`) }))} />
      {list && rows.length === 0 ? <Empty description={t('visits.list.empty')} /> : (
        <List
          dataSource={rows}
          rowKey={(h) => h.householdId}
          renderItem={(h) => (
            <List.Item data-testid="visit-household" data-household={h.householdId}
              actions={[<Link key="v" to={`/visits/h/${h.householdId}`} data-testid="visit-open"><Button type="primary">{t('visits.list.visit')}</Button></Link>]}>
              <List.Item.Meta
                title={<Space wrap size={4}>
                  <span>{h.address}</span>
                  <Tag color={STATUS_COLOURS[h.status]} data-testid="visit-status" data-status={h.status}>{t(`visits.status.${h.status}`)}</Tag>
                  {h.special && <Tag color="magenta">{t('visits.list.special')}</Tag>}
                  {waiting.has(h.householdId) && <Tag color="blue">{t('visits.list.pending', { n: 1 })}</Tag>}
                </Space>}
                description={<>
                  {h.members.map((m) => m.name).join('、')}
                  <br />
                  {t('visits.list.every', { n: h.intervalDays })} · {t('visits.list.due', { day: h.dueDay })}
                  {h.daysOverdue > 0 && <> · {t('visits.list.overdueDays', { n: h.daysOverdue })}</>}
                  {' · '}{h.lastVisitAt ? t('visits.list.last', { at: formatMinute(h.lastVisitAt) }) : t('visits.list.never')}
                </>}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
