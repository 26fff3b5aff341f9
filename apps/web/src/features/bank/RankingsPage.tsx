import { Card, Empty, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { rankingsQuery } from './bank.queries.ts';

/** /public/bank/rankings (no sign-in): the published honour rolls, names masked (张*明). */
export default function RankingsPage() {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(rankingsQuery());
  return (
    <div data-testid="bank-rankings">
      <Typography.Title level={2}>{t('bank.rankings.title')}</Typography.Title>
      {error && <PageError error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Spin />}
      {data?.length === 0 && <Empty description={t('bank.rankings.empty')} />}
      {data?.map((r) => (
        <Card key={`${r.month}-${r.region}`} title={`${r.region} · ${r.month}`} style={{ marginBottom: 16 }}>
          <Table size="small" pagination={false} rowKey="rank" dataSource={r.rows} columns={[
            { title: t('bank.rankings.rank'), dataIndex: 'rank', width: 70 },
            { title: t('bank.rankings.name'), dataIndex: 'name' },
            { title: t('bank.rankings.points'), dataIndex: 'points', align: 'right' },
          ]} />
        </Card>
      ))}
    </div>
  );
}
