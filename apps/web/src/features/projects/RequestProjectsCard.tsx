import { Button, Card, List, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { requestProjectsQuery, yuan } from './projects.queries.ts';

/**
 * On a resident's request page: the community projects raised from it, with their status (the first
 * links of the closed loop), and a way to raise one ("把这个问题提成项目").
 */
export function RequestProjectsCard({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const q = useQuery(requestProjectsQuery(requestId));
  const items = q.data ?? [];
  return (
    <Card title={t('projects.trail.title')} size="small" data-testid="request-projects">
      {items.length > 0 && (
        <List size="small" dataSource={items} renderItem={(p) => (
          <List.Item><Link to={`/projects/${p.id}`}>{p.title}</Link> <Tag color="blue">{t(`projects.status.${p.status}`)}</Tag> {yuan(p.costFen)}</List.Item>
        )} />
      )}
      <Link to={`/projects/new?requestId=${requestId}`}><Button block data-testid="request-to-project">{t('projects.fromRequest')}</Button></Link>
    </Card>
  );
}
