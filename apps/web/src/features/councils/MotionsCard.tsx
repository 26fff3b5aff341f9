import { App, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import type { MeetingDetail, MotionView } from './types.ts';
import type { CouncilRun } from './councils.queries.ts';
import { useSession } from '../../shell/session.tsx';

const CHOICES = ['for', 'against', 'abstain'] as const;

/**
 * Motions and their votes. A member who is signed in votes for themself (on their phone); staff can
 * only record a show of hands, which a second staff member confirms. Closing the vote decides it
 * against the members present.
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
  const { modal } = App.useApp();
  const { session } = useSession();
  const manage = m.abilities.includes('manage');
  const started = m.started;
  const path = { path: { id: mo.id } };
  const mine = m.mySeatId ? mo.votes.find((v) => v.seatId === m.mySeatId) : undefined;
  const present = m.members.some((s) => s.seatId === m.mySeatId && s.present);
  const hands = mo.showOfHands;
  const vote = (choice: (typeof CHOICES)[number]) => run(() => unwrap(gz.POST('/api/v1/council-motions/{id}/votes', { params: path, body: { choice } })));
  return (
    <div style={{ padding: '8px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }} data-testid="motion">
      <Space wrap>
        <Typography.Text strong>{mo.text}</Typography.Text>
        <Tag>{t(`councils.majority.${mo.majority}`)}</Tag>
        {mo.result && <Tag color={mo.result === 'passed' ? 'green' : 'red'} data-testid="motion-result" data-result={mo.result}>{t(`councils.meeting.${mo.result}`)}</Tag>}
      </Space>
      <div><Typography.Text type="secondary" data-testid="motion-counts">{t('councils.meeting.counts', mo.counts)}</Typography.Text></div>
      {hands?.note && <div><Tag color="blue" data-testid="hands-note">{hands.note}</Tag></div>}
      {mo.state === 'open' && (
        <Space direction="vertical" style={{ marginTop: 6, width: '100%' }}>
          {/* A member votes for themself, on their phone: big buttons, one tap each. */}
          {m.mySeatId && (mine
            ? <Tag color="green" data-testid="my-vote">{t('councils.meeting.myVoteCast', { choice: t(`councils.meeting.vote.${mine.choice}`) })}</Tag>
            : present && started && !hands && (
              <Space wrap data-testid="vote-self">
                <Typography.Text strong>{t('councils.meeting.voteNow')}</Typography.Text>
                {CHOICES.map((c) => <Button key={c} size="large" type={c === 'for' ? 'primary' : 'default'} onClick={() => void vote(c)} data-testid={`vote-${c}`}>{t(`councils.meeting.vote.${c}`)}</Button>)}
              </Space>
            ))}
          {manage && <ShowOfHands motion={mo} run={run} mine={hands?.recordedByUserId === session?.user.id} confirm={() => modal.confirm({
            content: t('councils.meeting.handsConfirmAsk'),
            onOk: () => run(() => unwrap(gz.POST('/api/v1/council-motions/{id}/show-of-hands/confirm', { params: path, body: {} }))),
          })} />}
          {manage && <Button type="primary" onClick={() => void run(() => unwrap(gz.POST('/api/v1/council-motions/{id}/close', { params: path })))} data-testid="motion-close">{t('councils.meeting.closeVote')}</Button>}
        </Space>
      )}
      {mo.resolutionId && (
        <div style={{ marginTop: 6 }}>
          <Link to={`/notice-board/${mo.resolutionId}`} className="gz-tap" data-testid="resolution-link">{manage ? t('councils.meeting.publish') : t('councils.meeting.viewNotice')}</Link>
        </div>
      )}
    </div>
  );
}

/**
 * Staff record a show of hands (counts only, never a member's vote); it counts once a second staff
 * member confirms it. The one who entered it sees that someone else must confirm.
 */
function ShowOfHands({ motion: mo, run, mine, confirm }: { motion: MotionView; run: CouncilRun; mine: boolean; confirm: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ for: number; against: number; abstain: number }>();
  const hands = mo.showOfHands;
  if (hands && !hands.confirmedAt) {
    return (
      <Space wrap data-testid="hands-pending">
        <Typography.Text>{t('councils.meeting.handsPending', { for: hands.for, against: hands.against, abstain: hands.abstain, by: hands.recordedBy })}</Typography.Text>
        {mine ? <Tag>{t('councils.meeting.handsOwn')}</Tag> : <Button onClick={confirm} data-testid="hands-confirm">{t('councils.meeting.handsConfirm')}</Button>}
      </Space>
    );
  }
  if (hands) return null;
  const record = async () => {
    const v = await form.validateFields();
    await run(() => unwrap(gz.POST('/api/v1/council-motions/{id}/show-of-hands', { params: { path: { id: mo.id } }, body: v })));
  };
  return (
    <Form form={form} layout="inline" initialValues={{ for: 0, against: 0, abstain: 0 }} data-testid="hands-form">
      <Typography.Text type="secondary" style={{ width: '100%', marginBottom: 4 }}>{t('councils.meeting.handsHint')}</Typography.Text>
      {CHOICES.map((c) => (
        <Form.Item key={c} name={c} label={t(`councils.meeting.vote.${c}`)} rules={[{ required: true }]}>
          <InputNumber min={0} max={1000} precision={0} data-testid={`hands-${c}`} />
        </Form.Item>
      ))}
      <Button onClick={() => void record()} data-testid="hands-record">{t('councils.meeting.handsRecord')}</Button>
    </Form>
  );
}
