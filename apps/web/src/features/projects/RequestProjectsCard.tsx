import { Button, Card, Collapse, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { requestProjectsQuery, yuan } from './projects.queries.ts';
import { ProjectTrail } from './ProjectTrail.tsx';

/**
 * On a resident's request page: the community projects raised from it, each with its whole trail (the
 * closed loop: council, notice, award, progress, money, acceptance, ratings), and a way to raise one.
 */
export function RequestProjectsCard({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const q = useQuery(requestProjectsQuery(requestId));
  const items = q.data ?? [];
  return (
    <Card title={t('projects.trail.title')} size="small" data-testid="request-projects">
      {items.length > 0 && (
        <Collapse defaultActiveKey={items.map((p) => p.id)} style={{ marginBottom: 12 }} items={items.map((p) => ({
          key: p.id,
          label: <span>{p.title} <Tag color="blue">{t(`projects.status.${p.status}`)}</Tag> {yuan(p.costFen)}</span>,
          children: <><ProjectTrail trail={p} /><Link to={`/projects/${p.id}`}>{t('projects.trail.open')}</Link></>,
        }))} />
      )}
      <Link to={`/projects/new?requestId=${requestId}`}><Button block data-testid="request-to-project">{t('projects.fromRequest')}</Button></Link>
    </Card>
  );
}
