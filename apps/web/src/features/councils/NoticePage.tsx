import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { useSession } from '../../shell/session.tsx';
import { PublicFrame } from '../../shell/PublicFrame.tsx';
import { STATE_COLOR } from './NoticeBoardPage.tsx';
import { windowEndLabel } from './types.ts';
import { councilKeys, noticeQuery } from './councils.queries.ts';

/**
 * /notice-board/:id — one resolution on notice: its text, window and objections with their answers.
 * Anyone may read; residents of its area object while the window is open; staff publish and answer.
 */
export default function NoticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { session } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { data: n, error, refetch } = useQuery(noticeQuery(id));
  // Each write is one typed call; true when it went through (the failure is shown).
  const write = useApiMutation({ mutationFn: (call: () => Promise<unknown>) => call(), invalidates: [councilKeys.all] });
  const post = (call: () => Promise<unknown>, done?: string) => write.mutateAsync(call).then(() => {
    if (done) void message.success(done);
    return true;
  }, () => false);
  const path = { path: { id } };
  return (
    <PublicFrame title={t('councils.board.title')} home="/notice-board">
      {error ? <PageError error={error} onRetry={() => void refetch()} /> : n && (
        <div data-testid="notice-page">
          <Space align="center" wrap>
            <Typography.Title level={2} style={{ margin: 0 }}>{n.title}</Typography.Title>
            <Tag color={STATE_COLOR[n.state]} data-testid="notice-state" data-state={n.state}>{t(`councils.resolutionState.${n.state}`)}</Tag>
          </Space>
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('councils.board.council')}>{n.council.name} · {n.region.name}</Descriptions.Item>
            <Descriptions.Item label={t('councils.board.publishedAt')}><span className="gz-date">{formatMinute(n.publishedAt)}</span> · {n.publishedAt && <Trans i18nKey="councils.board.window" values={{ end: windowEndLabel(n.windowEndsAt), days: n.noticeDays }} components={{ d: <span className="gz-date" /> }} />}</Descriptions.Item>
            {n.effectiveAt && <Descriptions.Item label={t('councils.board.effectiveAt')}>{formatMinute(n.effectiveAt)}</Descriptions.Item>}
            {n.returnedAt && <Descriptions.Item label={t('councils.board.returnedAt')}>{formatMinute(n.returnedAt)}</Descriptions.Item>}
          </Descriptions>
          <Card title={t('councils.board.text')} size="small"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="notice-text">{n.text}</Typography.Paragraph></Card>
          {n.abilities.includes('publish') && (
            <Button type="primary" style={{ marginTop: 12 }} onClick={() => void post(() => unwrap(gz.POST('/api/v1/council-resolutions/{id}/publish', { params: path, body: {} })))} data-testid="notice-publish">{t('councils.meeting.publish')}</Button>
          )}
          <Card title={t('councils.board.objections', { count: n.objectionCount, open: n.unansweredCount })} size="small" style={{ marginTop: 12 }} data-testid="objections">
            {n.objections.map((o) => (
              <div key={o.id} style={{ padding: '8px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }} data-testid="objection">
                <Space wrap>
                  <Typography.Text>{o.text}</Typography.Text>
                  {o.mine && <Tag color="blue">{t('councils.board.mine')}</Tag>}
                  <Tag color={o.outcome === 'upheld' ? 'red' : o.outcome ? 'green' : 'gold'}>{o.outcome ? t(`councils.board.${o.outcome}`) : t('councils.board.unanswered')}</Tag>
                  <Typography.Text type="secondary">{formatMinute(o.createdAt)}</Typography.Text>
                </Space>
                {o.answer && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('councils.board.answer')}：{o.answer}</Typography.Paragraph>}
                {!o.answeredAt && n.abilities.includes('answer') && <AnswerForm onSubmit={(b) => post(() => unwrap(gz.POST('/api/v1/council-resolutions/{id}/objections/{objectionId}/answer', { params: { path: { id, objectionId: o.id } }, body: b })))} />}
              </div>
            ))}
          </Card>
          {n.abilities.includes('object') && (
            <Card title={t('councils.board.object')} size="small" style={{ marginTop: 12 }}>
              <Form form={form} layout="vertical" onFinish={(v: { text: string }) => void post(() => unwrap(gz.POST('/api/v1/notice-board/{id}/objections', { params: path, body: v })), t('councils.board.objected')).then((ok) => ok && form.resetFields())}>
                <Form.Item name="text" label={t('councils.board.objectionText')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} data-testid="objection-text" /></Form.Item>
                <Button type="primary" htmlType="submit" data-testid="objection-submit">{t('councils.board.objectSubmit')}</Button>
              </Form>
            </Card>
          )}
          {!session && n.windowOpen && <Link to="/login" className="gz-tap" style={{ display: 'flex', marginTop: 12 }}>{t('councils.board.signIn')}</Link>}
        </div>
      )}
    </PublicFrame>
  );
}

function AnswerForm({ onSubmit }: { onSubmit: (b: { outcome: 'rejected' | 'upheld'; reason: string }) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'rejected' | 'upheld'>('rejected');
  const [reason, setReason] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 6 }} data-testid="answer-form">
      <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)}>
        <Radio value="rejected">{t('councils.board.rejected')}</Radio>
        <Radio value="upheld">{t('councils.board.upheld')}</Radio>
      </Radio.Group>
      <Input.TextArea rows={2} placeholder={t('councils.board.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} data-testid="answer-reason" />
      <Button size="small" type="primary" disabled={!reason.trim()} onClick={() => void onSubmit({ outcome, reason })} data-testid="answer-submit">{t('councils.board.answerSubmit')}</Button>
    </Space>
  );
}
