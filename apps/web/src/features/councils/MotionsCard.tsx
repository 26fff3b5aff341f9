import { Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import type { MeetingDetail, MotionView } from './types.ts';
import type { CouncilRun } from './councils.queries.ts';

const CHOICES = ['for', 'against', 'abstain'] as const;

/**
 * Motions and their votes. Staff record each present member's vote (a show of hands); a member who
 * is signed in votes for themself. Closing the vote decides it against the members present.
 */
export function MotionsCard({ meeting: m, run }: { meeting: MeetingDetail; run: CouncilRun }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const manage = m.abilities.includes('manage');
  const open = m.state !== 'closed';
  const put = async () => {
    const v = await form.validateFields();
    await run(() => unwrap(gz.POST('/api/v1/council-meetings/{id}/motions', { params: { path: { id: m.id } }, body: { text: v.text, agendaItemId: v.agendaItemId } })));
    form.resetFields();
  };
  return (
    <Card title={t('councils.meeting.motions')} style={{ marginTop: 16 }} data-testid="motions-card">
      {m.motions.map((mo) => <Motion key={mo.id} meeting={m} motion={mo} run={run} />)}
      {manage && open && (
        <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
          <Form.Item name="agendaItemId" label={t('councils.meeting.forItem')}>
            <Select allowClear options={m.agenda.filter((a) => a.state !== 'resolved').map((a) => ({ value: a.id, label: a.title }))} data-testid="motion-item" />
          </Form.Item>
          <Form.Item name="text" label={t('councils.meeting.motionText')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={2000} data-testid="motion-text" /></Form.Item>
          <Button type="primary" onClick={() => void put()} data-testid="motion-put">{t('councils.meeting.newMotion')}</Button>
        </Form>
      )}
    </Card>
  );
}

function Motion({ meeting: m, motion: mo, run }: { meeting: MeetingDetail; motion: MotionView; run: CouncilRun }) {
  const { t } = useTranslation();
  const manage = m.abilities.includes('manage');
  const voted = new Map(mo.votes.map((v) => [v.seatId, v.choice]));
  const path = { path: { id: mo.id } };
  const vote = (choice: (typeof CHOICES)[number], seatId?: string) => run(() => unwrap(gz.POST('/api/v1/council-motions/{id}/votes', { params: path, body: { choice, seatId } })));
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }} data-testid="motion">
      <Space wrap>
        <Typography.Text strong>{mo.text}</Typography.Text>
        <Tag>{t(`councils.majority.${mo.majority}`)}</Tag>
        {mo.result && <Tag color={mo.result === 'passed' ? 'green' : 'red'} data-testid="motion-result" data-result={mo.result}>{t(`councils.meeting.${mo.result}`)}</Tag>}
      </Space>
      <div><Typography.Text type="secondary" data-testid="motion-counts">{t('councils.meeting.counts', mo.counts)}</Typography.Text></div>
      {mo.state === 'open' && (
        <Space direction="vertical" style={{ marginTop: 6 }}>
          {manage && m.members.filter((s) => s.present).map((s) => (
            <Space key={s.seatId} wrap data-testid="vote-row">
              <span style={{ minWidth: 80, display: 'inline-block' }}>{s.holderName}</span>
              {voted.has(s.seatId)
                ? <Tag data-testid="vote-cast">{t(`councils.meeting.vote.${voted.get(s.seatId)!}`)}</Tag>
                : CHOICES.map((c) => <Button key={c} size="small" onClick={() => void vote(c, s.seatId)} data-testid={`vote-${c}`}>{t(`councils.meeting.vote.${c}`)}</Button>)}
            </Space>
          ))}
          {!manage && m.abilities.includes('member') && (
            <Space>{t('councils.meeting.voteSelf')}: {CHOICES.map((c) => <Button key={c} size="small" onClick={() => void vote(c)}>{t(`councils.meeting.vote.${c}`)}</Button>)}</Space>
          )}
          {manage && <Button type="primary" onClick={() => void run(() => unwrap(gz.POST('/api/v1/council-motions/{id}/close', { params: path })))} data-testid="motion-close">{t('councils.meeting.closeVote')}</Button>}
        </Space>
      )}
      {mo.resolutionId && (
        <div style={{ marginTop: 6 }}>
          <Link to={`/notice-board/${mo.resolutionId}`} data-testid="resolution-link">{manage ? t('councils.meeting.publish') : t('councils.meeting.viewNotice')}</Link>
        </div>
      )}
    </div>
  );
}
