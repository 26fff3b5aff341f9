import { Alert, App, Button, Card, Descriptions, Progress, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { MotionsCard } from './MotionsCard.tsx';
import { MinutesCard } from './MinutesCard.tsx';
import { meetingQuery, useCouncilRun } from './councils.queries.ts';

/** /councils/meetings/:id — agenda, sign-in with the quorum, motions and votes, minutes. */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { data: m, error, refetch } = useQuery(meetingQuery(id));
  const run = useCouncilRun();
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!m) return null;
  const manage = m.abilities.includes('manage');
  const open = m.state !== 'closed';
  const params = { path: { id } };
  const signIn = (seatId?: string) => run(() => unwrap(gz.POST('/api/v1/council-meetings/{id}/attendance', { params, body: seatId ? { seatId } : {} })));
  const q = m.quorum;
  const memberFirst = m.abilities.includes('member') && !manage;
  return (
    <div data-testid="meeting-page">
      <Space align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>{m.title}</Typography.Title>
        <Tag data-testid="meeting-state" data-state={m.state}>{t(`councils.meetingState.${m.state}`)}</Tag>
        {manage && open && (
          <Button danger onClick={() => modal.confirm({ content: t('councils.meeting.closeConfirm'), onOk: () => run(() => unwrap(gz.POST('/api/v1/council-meetings/{id}/close', { params }))) })} data-testid="meeting-close">
            {t('councils.meeting.close')}
          </Button>
        )}
      </Space>
      {open && !m.started && <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('councils.meeting.notStarted')} data-testid="meeting-not-started" />}
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('councils.board.council')}><Link to={`/councils/${m.council.id}`}>{m.council.name}</Link></Descriptions.Item>
        <Descriptions.Item label={t('councils.meetings.startsAt')}>{formatMinute(m.startsAt)}{m.location ? ` · ${m.location}` : ''}</Descriptions.Item>
      </Descriptions>

      {/* On a member's phone their open motions come first, above the agenda. */}
      {memberFirst && <MotionsCard meeting={m} run={run} />}
      <Card title={t('councils.meeting.agenda')} style={{ marginTop: 16 }}>
        <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="meeting-agenda">
          {m.agenda.map((a) => <li key={a.id}>{a.title} <Tag>{t(`councils.source.${a.source}`)}</Tag><Tag>{t(`councils.agendaState.${a.state}`)}</Tag></li>)}
        </ol>
      </Card>

      <Card title={t('councils.meeting.attendance')} style={{ marginTop: 16 }} data-testid="attendance-card"
        extra={open && m.abilities.includes('member') && <Button size="large" type="primary" onClick={() => void signIn()} data-testid="sign-in-self">{t('councils.meeting.signInSelf')}</Button>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="quorum" data-reached={String(q.reached)}>
            {t('councils.meeting.quorum', { seated: q.seated, present: q.present })} · {q.reached ? <Tag color="green">{t('councils.meeting.reached')}</Tag> : <Tag color="orange">{t('councils.meeting.short', { short: q.short })}</Tag>}
          </Typography.Text>
          <Progress percent={q.seated ? Math.round((q.present * 100) / q.seated) : 0} status={q.reached ? 'success' : 'active'} showInfo={false} aria-label={t('councils.meeting.quorum', { seated: q.seated, present: q.present })} />
          <Space wrap>
            {m.members.map((s) => s.present
              ? <Tag key={s.seatId} color="green" data-testid="member-present">{s.holderName} ✓</Tag>
              : manage && open
                ? <Button key={s.seatId} size="small" onClick={() => void signIn(s.seatId)} data-testid="member-sign-in">{t('councils.meeting.signIn')} {s.holderName}</Button>
                : <Tag key={s.seatId}>{s.holderName}</Tag>)}
          </Space>
        </Space>
      </Card>

      {!memberFirst && <MotionsCard meeting={m} run={run} />}
      <MinutesCard meeting={m} run={run} />
    </div>
  );
}
