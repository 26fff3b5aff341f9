import { useState } from 'react';
import { Card, Empty, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { windowEndLabel } from '../councils/types.ts';
import { noticesQuery, type NoticeState, type PublicNotice } from './notices.queries.ts';

export const NOTICE_COLOR = { open: 'blue', closed: 'green', withdrawn: 'red' } as const;

/** A notice's kind label: the known kinds by name, any other as "notice". */
export function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string) => (kind === 'council_resolution' || kind === 'tender_award' || kind === 'project_list' ? t(`notices.kind.${kind}`) : t('notices.kind.other'));
}

/**
 * /notices — the public board (公示栏) of every kind of notice, grouped by community, with each
 * notice's window and its objections' count. No sign-in; nothing personal is shown.
 */
export default function NoticesPage() {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const [state, setState] = useState<'' | NoticeState>('open');
  const [page, setPage] = useState(1);
  const { data, error, refetch } = useQuery(noticesQuery({ state: state || undefined, limit: 30, offset: (page - 1) * 30 }));
  // Grouped by the community (or place) each notice is posted in, in the order they first appear.
  const groups = new Map<string, PublicNotice[]>();
  for (const n of data?.items ?? []) {
    const key = n.region?.name ?? '—';
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  return (
    <PublicFrame title={t('notices.title')} home="/notices">
      <div data-testid="notices-board">
        <Typography.Title level={2}>{t('notices.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('notices.subtitle')}</Typography.Paragraph>
        <Segmented value={state} onChange={(v) => { setState(v as typeof state); setPage(1); }} style={{ marginBottom: 12 }}
          options={[{ value: '', label: t('notices.all') }, ...(['open', 'closed', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`notices.state.${s}`) }))]} />
        {error ? <PageError error={error} onRetry={() => void refetch()} /> : data?.items.length === 0 ? <Empty description={t('notices.empty')} /> : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {[...groups].map(([region, items]) => (
              <section key={region} data-testid="notices-group">
                <Typography.Title level={4} style={{ marginTop: 8 }}>{region}</Typography.Title>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {items.map((n) => (
                    <Card key={n.id} size="small" data-testid="public-notice-card"
                      title={<Link to={`/notices/${n.id}`} className="gz-tap">{n.title}</Link>}
                      extra={<Tag color={NOTICE_COLOR[n.state]}>{t(`notices.state.${n.state}`)}</Tag>}>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>{n.body}</Typography.Paragraph>
                      <Typography.Text type="secondary">
                        {kindLabel(n.kind)} · <Trans i18nKey="notices.window" values={{ end: windowEndLabel(n.windowEndsAt), days: n.workingDays }} components={{ d: <span className="gz-date" /> }} /> · {t('notices.objections', { count: n.objectionCount, open: n.unansweredCount })}
                      </Typography.Text>
                    </Card>
                  ))}
                </Space>
              </section>
            ))}
            <Pagination current={page} pageSize={30} total={data?.total ?? 0} onChange={setPage} hideOnSinglePage />
          </Space>
        )}
      </div>
    </PublicFrame>
  );
}
