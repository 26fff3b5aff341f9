import { Card, Space, Spin, Switch, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageError } from '../../components/PageError.tsx';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { formatMinute } from '../../components/time.ts';
import { organiserQuery } from './activities.queries.ts';
import { NewActivityModal } from './NewActivityModal.tsx';

/** /activities/manage — the organiser's activities with counts (signed up / waiting / checked in). */
export default function OrganiserPage() {
  const { t } = useTranslation();
  const { filters, setFilters } = useUrlFilters({ past: false });
  const list = useQuery(organiserQuery(filters.past));
  return (
    <div data-testid="activities-organiser">
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>{t('activities.organiser.title')}</Typography.Title>
        <NewActivityModal />
      </Space>
      <Space style={{ margin: '12px 0' }}><Switch checked={filters.past} onChange={(v) => setFilters({ past: v })} />{t('activities.organiser.past')}</Space>
      {list.isPending ? <Spin /> : list.isError ? <PageError error={list.error} /> : list.data.length === 0
        ? <Typography.Paragraph type="secondary">{t('activities.organiser.empty')}</Typography.Paragraph>
        : list.data.map((a) => (
          <Link key={a.id} to={`/activities/${a.id}`} style={{ display: 'block', marginBottom: 12 }}>
            <Card size="small" hoverable data-testid="organiser-activity">
              <Typography.Text strong>{a.title}</Typography.Text>
              <div>{formatMinute(a.startsAt)} · {a.regionName} · {a.address}</div>
              <Typography.Text type="secondary">{t('activities.organiser.counts', a.counts)}</Typography.Text>
            </Card>
          </Link>
        ))}
    </div>
  );
}
