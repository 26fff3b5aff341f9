import { Card, Descriptions, Result, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { publicProjectQuery, yuan } from './projects.queries.ts';
import { ProjectTrail } from './ProjectTrail.tsx';

/** /public/projects/:id — one project for anyone, no sign-in: what it is for, the money, and every step. */
export default function PublicProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery(publicProjectQuery(id));
  if (q.isPending) return <Spin />;
  if (!q.data) return <Result status="404" title={t('projects.empty')} />;
  const p = q.data;
  return (
    <div data-testid="public-project">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{p.title} <Tag color="blue">{t(`projects.status.${p.status}`)}</Tag></Typography.Title>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }} items={[
        { key: 'c', label: t('projects.col.community'), children: p.communityName },
        { key: 'k', label: t('projects.col.class'), children: t(`projects.class.${p.class}`) },
        { key: 'a', label: t('projects.col.area'), children: p.priorityArea },
        { key: 'm', label: t('projects.col.cost'), children: yuan(p.costFen) },
        { key: 'w', label: t('projects.detail.what'), children: p.summary },
        { key: 'b', label: t('projects.detail.beneficiaries'), children: p.beneficiaries },
      ]} />
      <Card title={t('projects.trail.steps')} size="small"><ProjectTrail trail={p.trail} /></Card>
    </div>
  );
}
