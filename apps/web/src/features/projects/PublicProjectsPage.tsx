import { Button, List, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { ProjectRow } from './ProjectsPage.tsx';
import { projectKeys } from './projects.queries.ts';

/** /public/projects — every community's projects with status, cost and votes, no sign-in and no personal data. */
export default function PublicProjectsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const communityId = params.get('communityId') ?? undefined;
  const q = useInfiniteQuery({
    queryKey: projectKeys.public({ communityId }),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => unwrap(gz.GET('/api/v1/public/projects', { params: { query: { limit: 20, ...(communityId ? { communityId } : {}), ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="public-projects">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('projects.public')}</Typography.Title>
      <List loading={q.isPending} dataSource={items} locale={{ emptyText: t('projects.empty') }} renderItem={(p) => <List.Item data-testid="public-project"><Link to={`/public/projects/${p.id}`} style={{ width: '100%' }}><ProjectRow p={p} /></Link></List.Item>} />
      {q.hasNextPage && <Button block onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('projects.more')}</Button>}
    </div>
  );
}
