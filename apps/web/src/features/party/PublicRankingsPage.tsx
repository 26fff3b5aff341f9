import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { publicRankingsQuery } from './party.queries.ts';

type Line = { board: 'red' | 'black'; rank: number; name: string; points: number };

function Board({ title, lines, color, testId }: { title: string; lines: Line[]; color: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<span style={{ color }}>{title}</span>} data-testid={testId}>
      <Table<Line> size="small" rowKey={(l) => `${l.rank}-${l.name}`} pagination={false} dataSource={lines} columns={[
        { key: 'r', title: t('party.public.rank'), dataIndex: 'rank', width: 64 },
        { key: 'n', title: t('party.public.name'), dataIndex: 'name' },
        { key: 'p', title: t('party.public.points'), dataIndex: 'points' },
      ]} />
    </Card>
  );
}

/** /public/party-rankings — the published red and black lists (红黑榜) of party points, names masked. */
export default function PublicRankingsPage() {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(publicRankingsQuery());
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <div data-testid="party-public-rankings">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('party.public.title')}</Typography.Title>
      {data && data.length === 0 && <Empty description={t('party.public.empty')} />}
      {data?.map((r) => (
        <section key={r.id} style={{ marginBottom: 24 }} data-testid="party-ranking">
          <Typography.Title level={4}>{r.communityName} · {t('party.public.period', { year: r.year, half: t(r.half === 1 ? 'party.staff.h1' : 'party.staff.h2') })}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('party.public.publishedAt', { at: formatMinute(r.publishedAt) })}</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}><Board title={t('party.public.red')} lines={r.red} color="#c41d1d" testId="party-red" /></Col>
            <Col xs={24} md={12}><Board title={t('party.public.black')} lines={r.black} color="#262626" testId="party-black" /></Col>
          </Row>
        </section>
      ))}
    </div>
  );
}
