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
import { windowEndLabel } from '../councils/types.ts';
import { NOTICE_COLOR, useKindLabel } from './NoticesPage.tsx';
import { noticeKeys, publicNoticeQuery } from './notices.queries.ts';

/**
 * /notices/:id — one notice: what is published, its window, and every objection with its answer.
 * Anyone reads it; residents of its area object while the window runs; staff of the area answer.
 */
export default function PublicNoticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const { session } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { data: n, error, refetch } = useQuery(publicNoticeQuery(id));
  const write = useApiMutation({ mutationFn: (call: () => Promise<unknown>) => call(), invalidates: [noticeKeys.all] });
  const post = (call: () => Promise<unknown>, done?: string) => write.mutateAsync(call).then(() => {
    if (done) void message.success(done);
    return true;
  }, () => false);
  return (
    <PublicFrame title={t('notices.title')} home="/notices">
      {error ? <PageError error={error} onRetry={() => void refetch()} /> : n && (
        <div data-testid="public-notice">
          <Space align="center" wrap>
            <Typography.Title level={2} style={{ margin: 0 }}>{n.title}</Typography.Title>
            <Tag color={NOTICE_COLOR[n.state]} data-testid="public-notice-state" data-state={n.state}>{t(`notices.state.${n.state}`)}</Tag>
          </Space>
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('notices.community')}>{kindLabel(n.kind)}{n.region ? ` · ${n.region.name}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('notices.publishedAt')}><span className="gz-date">{formatMinute(n.publishedAt)}</span> · <Trans i18nKey="notices.window" values={{ end: windowEndLabel(n.windowEndsAt), days: n.workingDays }} components={{ d: <span className="gz-date" /> }} /></Descriptions.Item>
            {n.closedAt && <Descriptions.Item label={t('notices.closedAt')}>{formatMinute(n.closedAt)}</Descriptions.Item>}
            {n.withdrawnAt && <Descriptions.Item label={t('notices.withdrawnAt')}>{formatMinute(n.withdrawnAt)}</Descriptions.Item>}
          </Descriptions>
          <Card title={t('notices.body')} size="small"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{n.body}</Typography.Paragraph></Card>
          <Card title={t('notices.objections', { count: n.objectionCount, open: n.unansweredCount })} size="small" style={{ marginTop: 12 }} data-testid="public-objections">
            {n.objections.map((o) => (
              <div key={o.id} style={{ padding: '8px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }} data-testid="public-objection">
                <Space wrap>
                  <Typography.Text>{o.text}</Typography.Text>
                  {o.mine && <Tag color="blue">{t('notices.mine')}</Tag>}
                  <Tag color={o.outcome === 'upheld' ? 'red' : o.outcome ? 'green' : 'gold'}>{o.outcome ? t(`notices.${o.outcome}`) : t('notices.unanswered')}</Tag>
                  <Typography.Text type="secondary" className="gz-date">{formatMinute(o.createdAt)}</Typography.Text>
                </Space>
                {o.answer && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('notices.answer')}：{o.answer}</Typography.Paragraph>}
                {!o.answeredAt && n.abilities.includes('answer') && (
                  <AnswerForm onSubmit={(b) => post(() => unwrap(gz.POST('/api/v1/notices/{id}/objections/{objectionId}/answer', { params: { path: { id, objectionId: o.id } }, body: b })))} />
                )}
              </div>
            ))}
          </Card>
          {n.abilities.includes('object') && (
            <Card title={t('notices.object')} size="small" style={{ marginTop: 12 }}>
              <Form form={form} layout="vertical" onFinish={(v: { text: string }) => void post(() => unwrap(gz.POST('/api/v1/notices/{id}/objections', { params: { path: { id } }, body: v })), t('notices.objected')).then((ok) => ok && form.resetFields())}>
                <Form.Item name="text" label={t('notices.objectionText')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} data-testid="public-objection-text" /></Form.Item>
                <Button type="primary" htmlType="submit" data-testid="public-objection-submit">{t('notices.objectSubmit')}</Button>
              </Form>
            </Card>
          )}
          {!session && n.windowOpen && <Link to="/login" className="gz-tap" style={{ display: 'flex', marginTop: 12 }}>{t('notices.signIn')}</Link>}
        </div>
      )}
    </PublicFrame>
  );
}

function AnswerForm({ onSubmit }: { onSubmit: (b: { outcome: 'dismissed' | 'upheld'; reason: string }) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'dismissed' | 'upheld'>('dismissed');
  const [reason, setReason] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 6 }}>
      <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value)}>
        <Radio value="dismissed">{t('notices.dismissed')}</Radio>
        <Radio value="upheld">{t('notices.upheld')}</Radio>
      </Radio.Group>
      <Input.TextArea rows={2} placeholder={t('notices.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      <Button size="small" type="primary" disabled={!reason.trim()} onClick={() => void onSubmit({ outcome, reason })}>{t('notices.answerSubmit')}</Button>
    </Space>
  );
}
