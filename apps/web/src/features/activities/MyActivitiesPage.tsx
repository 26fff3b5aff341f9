import { Button, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageError } from '../../components/PageError.tsx';
import { mineQuery } from './activities.queries.ts';
import { ActivityCard } from './ActivityCards.tsx';

/** /my-activities — what I signed up for: confirmed, waiting (with my place), attended. */
export default function MyActivitiesPage() {
  const { t } = useTranslation();
  const list = useQuery(mineQuery());
  return (
    <div className="gz-report" data-testid="my-activities">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('activities.mine.title')}</Typography.Title>
      {list.isPending ? <Spin /> : list.isError ? <PageError error={list.error} /> : list.data.length === 0
        ? <Typography.Paragraph type="secondary">{t('activities.mine.empty')} <Link to="/activities"><Button type="link">{t('activities.mine.browse')}</Button></Link></Typography.Paragraph>
        : list.data.map((a) => <ActivityCard key={a.id} a={a} me={a.me} href={`/activities/${a.id}`} />)}
    </div>
  );
}
