import { useState } from 'react';
import { Card, Empty, List, Pagination, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { panelsQuery } from './panels.queries.ts';

/** /panels — the panels of the user's area and those they sit on, newest first. */
export default function PanelsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, error, refetch } = useQuery(panelsQuery({ limit: 20, offset: (page - 1) * 20 }));
  return (
    <Card title={t('panels.list')} data-testid="panels-page">
      {error ? <PageError error={error} onRetry={() => void refetch()} /> : data?.items.length === 0 ? <Empty description={t('panels.empty')} /> : (
        <>
          <List dataSource={data?.items ?? []} renderItem={(p) => (
            <List.Item extra={<Tag color={p.state === 'open' ? 'blue' : 'green'}>{t(`panels.state.${p.state}`)}</Tag>}>
              <List.Item.Meta title={<Link to={`/panels/${p.id}`} className="gz-tap">{p.title}</Link>} description={<Typography.Text type="secondary" className="gz-date">{formatMinute(p.createdAt)}</Typography.Text>} />
            </List.Item>
          )} />
          <Pagination current={page} pageSize={20} total={data?.total ?? 0} onChange={setPage} hideOnSinglePage />
        </>
      )}
    </Card>
  );
}
