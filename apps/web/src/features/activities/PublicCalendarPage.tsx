import { Button, Space, Spin, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageError } from '../../components/PageError.tsx';
import { calendarQuery } from './activities.queries.ts';
import { ActivityCard } from './ActivityCards.tsx';

/** /public/activities/:regionId — a community's activity calendar, no sign-in, no personal data, with its .ics. */
export default function PublicCalendarPage() {
  const { t } = useTranslation();
  const { regionId = '' } = useParams();
  const q = useQuery(calendarQuery(regionId));
  if (q.isPending) return <Spin />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div className="gz-report" data-testid="public-calendar">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('activities.calendar.title', { name: q.data.regionName })}</Typography.Title>
      <Space style={{ marginBottom: 12 }}>
        <a href={q.data.icsPath} data-testid="calendar-ics"><Button icon={<CalendarOutlined />}>{t('activities.calendar.subscribe')}</Button></a>
      </Space>
      {q.data.items.length === 0 ? <Typography.Paragraph type="secondary">{t('activities.calendar.empty')}</Typography.Paragraph>
        : q.data.items.map((a) => <ActivityCard key={a.id} a={a} />)}
    </div>
  );
}
