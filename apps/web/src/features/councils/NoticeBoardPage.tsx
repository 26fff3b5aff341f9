import { useState } from 'react';
import { Card, Empty, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { windowEndLabel } from './types.ts';
import { boardQuery } from './councils.queries.ts';

export const STATE_COLOR = { adopted: 'default', published: 'blue', effective: 'green', returned: 'red' } as const;

/** /notice-board — the public board (公示栏): council resolutions on notice, in effect or sent back. No sign-in. */
export default function NoticeBoardPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<'' | 'published' | 'effective' | 'returned'>('');
  const [page, setPage] = useState(1);
  const { data, error, refetch } = useQuery(boardQuery({ state: state || undefined, limit: 20, offset: (page - 1) * 20 }));
  return (
    <PublicFrame title={t('councils.board.title')} home="/notice-board">
      <div data-testid="notice-board">
        <Typography.Title level={2}>{t('councils.board.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('councils.board.subtitle')}</Typography.Paragraph>
        <Segmented value={state} onChange={(v) => { setState(v as typeof state); setPage(1); }} style={{ marginBottom: 12 }}
          options={[{ value: '', label: t('councils.board.all') }, ...(['published', 'effective', 'returned'] as const).map((s) => ({ value: s, label: t(`councils.resolutionState.${s}`) }))]} />
        {error ? <PageError error={error} onRetry={() => void refetch()} /> : data?.items.length === 0 ? <Empty description={t('councils.board.empty')} /> : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {data?.items.map((n) => (
              <Card key={n.id} size="small" data-testid="notice-card" title={<Link to={`/notice-board/${n.id}`} className="gz-tap" data-testid="notice-link">{n.title}</Link>}
                extra={<Tag color={STATE_COLOR[n.state]}>{t(`councils.resolutionState.${n.state}`)}</Tag>}>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>{n.text}</Typography.Paragraph>
                <Typography.Text type="secondary">
                  {n.council.name} · {n.region.name} · <Trans i18nKey="councils.board.window" values={{ end: windowEndLabel(n.windowEndsAt), days: n.noticeDays }} components={{ d: <span className="gz-date" /> }} /> · {t('councils.board.objections', { count: n.objectionCount, open: n.unansweredCount })}
                </Typography.Text>
              </Card>
            ))}
            <Pagination current={page} pageSize={20} total={data?.total ?? 0} onChange={setPage} hideOnSinglePage />
          </Space>
        )}
      </div>
    </PublicFrame>
  );
}
