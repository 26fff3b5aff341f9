import { Button, Select, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageError } from '../../components/PageError.tsx';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { categoriesQuery, nearQuery } from './activities.queries.ts';
import { ActivityCard } from './ActivityCards.tsx';

/** /activities — activities near me (my community and its street), upcoming first, by category. */
export default function ActivitiesNearPage() {
  const { t, i18n } = useTranslation();
  const { filters, setFilters } = useUrlFilters({ category: '' });
  const category = filters.category || undefined;
  const list = useQuery(nearQuery(category));
  const menu = useQuery(categoriesQuery());
  const groups = (menu.data ?? []).filter((c) => !c.parentCode);
  return (
    <div className="gz-report" data-testid="activities-near">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('activities.near.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ minWidth: 160 }} size="large" value={filters.category} onChange={(v) => setFilters({ category: v })} data-testid="activities-category"
          options={[{ value: '', label: t('activities.near.allCategories') }, ...groups.map((g) => ({ value: g.code, label: i18n.language === 'en' ? g.nameEn : g.nameZh }))]} />
        <Link to="/my-activities"><Button size="large">{t('activities.near.mine')}</Button></Link>
      </Space>
      {list.isPending ? <Spin /> : list.isError ? <PageError error={list.error} /> : list.data.length === 0
        ? <Typography.Paragraph type="secondary">{t('activities.near.empty')}</Typography.Paragraph>
        : list.data.map((a) => <ActivityCard key={a.id} a={a} href={`/activities/${a.id}`} />)}
    </div>
  );
}
