import { Card, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMinute } from '../../components/time.ts';

/** What a card shows of an activity (lists and the public calendar carry no personal data). */
export interface CardActivity {
  id: string; title: string; startsAt: string; endsAt: string; address: string; organiserName: string; categoryName: string;
  placesLeft: number; status: 'published' | 'cancelled';
}
export interface CardSignup { status: 'confirmed' | 'waiting' | 'cancelled'; waitingPosition: number | null; checkedInAt: string | null }

/** The person's place on an activity, in words. */
export function SignupTag({ me }: { me: CardSignup }) {
  const { t } = useTranslation();
  if (me.checkedInAt) return <Tag color="green">{t('activities.status.attended')}</Tag>;
  if (me.status === 'waiting') return <Tag color="orange">{t('activities.status.waiting', { position: me.waitingPosition ?? '' })}</Tag>;
  return <Tag color="blue">{t(`activities.status.${me.status}`)}</Tag>;
}

/** One activity as a big, tappable card (phone first; grows with elder mode). */
export function ActivityCard({ a, me, href }: { a: CardActivity; me?: CardSignup; href?: string }) {
  const { t } = useTranslation();
  const body = (
    <Card size="small" hoverable={Boolean(href)} data-testid="activity-card" style={{ marginBottom: 12 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{a.title}</Typography.Title>
      <Space direction="vertical" size={4}>
        <span><CalendarOutlined /> {formatMinute(a.startsAt)} – {formatMinute(a.endsAt).slice(-5)}</span>
        <span><EnvironmentOutlined /> {a.address}</span>
        <Space wrap>
          <Tag>{a.categoryName}</Tag>
          {a.status === 'cancelled' ? <Tag color="red">{t('activities.status.activityCancelled')}</Tag>
            : me ? <SignupTag me={me} />
            : a.placesLeft > 0 ? <Tag color="green">{t('activities.placesLeft', { count: a.placesLeft })}</Tag> : <Tag color="orange">{t('activities.full')}</Tag>}
        </Space>
      </Space>
    </Card>
  );
  return href ? <Link to={href} style={{ display: 'block' }}>{body}</Link> : body;
}
