import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { SeatsCard } from './SeatsCard.tsx';
import { AgendaCard } from './AgendaCard.tsx';
import { NewMeetingButton } from './NewMeetingModal.tsx';
import { councilQuery } from './councils.queries.ts';

/** /councils/:id — a council: its rules, members and seats (with history), agenda items and meetings. */
export default function CouncilPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data: c, error, refetch } = useQuery(councilQuery(id));
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!c) return null;
  const manage = c.abilities.includes('manage');
  return (
    <div data-testid="council-page">
      <Space align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>{c.name}</Typography.Title>
        <Tag>{t(`councils.kind.${c.kind}`)}</Tag>
      </Space>
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('councils.col.region')}>{c.region.name}</Descriptions.Item>
        {c.matter && <Descriptions.Item label={t('councils.form.matter')}>{c.matter}</Descriptions.Item>}
      </Descriptions>
      <Typography.Paragraph type="secondary">
        {t('councils.rules', { quorum: t(`councils.quorum.${c.quorum}`), majority: t(`councils.majority.${c.majority}`), hours: c.noticeHours, days: c.publicNoticeDays, cosign: c.cosignThreshold })}
      </Typography.Paragraph>
      {/* Meetings not yet closed come first: on a member's phone, one tap to sign in and vote. */}
      {!manage && c.meetings.some((m) => m.state !== 'closed') && (
        <Card size="small" title={t('councils.meetings.openNow')} style={{ marginBottom: 16 }} data-testid="open-meetings">
          {c.meetings.filter((m) => m.state !== 'closed').map((m) => (
            <Link key={m.id} to={`/councils/meetings/${m.id}`} style={{ display: 'block', padding: '8px 0', fontSize: '1.1em' }} data-testid="open-meeting-link">
              {m.title} · {formatMinute(m.startsAt)}
            </Link>
          ))}
        </Card>
      )}
      <SeatsCard council={c} manage={manage} />
      <AgendaCard council={c} manage={manage} />
      <Card title={t('councils.meetings.title')} style={{ marginTop: 16 }} extra={manage && <NewMeetingButton council={c} />} data-testid="meetings-card">
        {c.meetings.length === 0 ? <Typography.Text type="secondary">{t('common.empty')}</Typography.Text> : c.meetings.map((m) => (
          <div key={m.id} style={{ padding: '6px 0' }}>
            <Link to={`/councils/meetings/${m.id}`} data-testid="meeting-link">{m.title}</Link>{' '}
            <Typography.Text type="secondary">{formatMinute(m.startsAt)}{m.location ? ` · ${m.location}` : ''}</Typography.Text>{' '}
            <Tag color={m.state === 'closed' ? 'default' : 'blue'}>{t(`councils.meetingState.${m.state}`)}</Tag>
          </div>
        ))}
      </Card>
    </div>
  );
}
