import { useState } from 'react';
import { App, Button, Card, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { INSTRUCTION_OUTCOMES, type InstructionOutcome } from '@gongzhi/core';
import { useQuery } from '@tanstack/react-query';
import { download, gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import type { AssignedHousehold } from './types.ts';
import { householdsQuery, instructionKeys, mineQuery } from './instructions.queries.ts';

const COLOURS: Record<string, string> = { pending: 'default', reached: 'success', not_home: 'warning', refused: 'error' };

/**
 * /tasks/:id — the worker's phone page for one instruction: acknowledge it, then go door to door
 * through their households, recording each as reached, not at home (retry) or refused.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const mine = useQuery(mineQuery(id));
  const homes = useQuery(householdsQuery(id));
  const [filter, setFilter] = useState<'todo' | 'all' | 'done'>('todo');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const acking = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/instructions/{id}/ack', { params: { path: { id } } })),
    invalidates: [instructionKeys.all],
  });
  const recording = useApiMutation({
    mutationFn: ({ h, outcome }: { h: AssignedHousehold; outcome: InstructionOutcome }) => {
      const answer = answers[h.householdId]?.trim();
      return unwrap(gz.POST('/api/v1/instructions/{id}/households/{householdId}', {
        params: { path: { id, householdId: h.householdId } }, body: { outcome, ...(answer ? { answer } : {}) },
      }));
    },
    invalidates: [instructionKeys.all],
    onSuccess: () => void message.success(t('instructions.inbox.recorded')),
  });
  const busy = recording.isPending ? recording.variables.h.householdId : undefined;
  const item = mine.data;
  const failed = mine.error ?? homes.error;
  if (failed) return <PageError error={failed} onRetry={() => { void mine.refetch(); void homes.refetch(); }} />;
  if (!item) return null;

  const ack = () => acking.mutate();
  const record = (h: AssignedHousehold, outcome: InstructionOutcome) => recording.mutate({ h, outcome });
  const copy = async (h: AssignedHousehold) => {
    await navigator.clipboard?.writeText(`${window.location.origin}${h.link}`).catch(() => {});
    void message.success(t('instructions.inbox.copied'));
  };
  const rows = (homes.data ?? []).filter((h) => filter === 'all' || (filter === 'done') === (h.status === 'reached' || h.status === 'refused'));

  return (
    <div data-testid="task-page" style={{ maxWidth: 640 }}>
      <Typography.Title level={4}>{item.title}</Typography.Title>
      <Card size="small" style={{ marginBottom: 8 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.body}</Typography.Paragraph>
        <Typography.Text strong>{t(`instructions.task.${item.task}`)}{item.question ? `：${item.question}` : ''}</Typography.Text>
        <br />
        <Typography.Text type="secondary">{t('instructions.inbox.deadline', { at: formatMinute(item.deadline) })}</Typography.Text>
        {item.attachments.map((a, n) => <Button key={a.key} type="link" onClick={() => download(`/api/v1/instructions/${id}/attachments/${n}`, undefined, a.name).catch(notify)}>{a.name}</Button>)}
        <div style={{ marginTop: 8 }}>
          {item.ackedAt
            ? <Tag color="success" data-testid="task-acked">{t('instructions.inbox.ackedAt', { at: formatMinute(item.ackedAt) })}</Tag>
            : <Button type="primary" block size="large" icon={<CheckOutlined />} onClick={ack} data-testid="task-ack">{t('instructions.inbox.ack')}</Button>}
        </div>
      </Card>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('instructions.inbox.mine', { reached: item.mine.reached, households: item.mine.households })}</Typography.Text>
        <Segmented value={filter} onChange={(v) => setFilter(v as typeof filter)} options={(['todo', 'all', 'done'] as const).map((f) => ({ value: f, label: t(`instructions.inbox.filter.${f}`) }))} />
      </Space>
      <List
        loading={homes.isFetching}
        dataSource={rows}
        renderItem={(h) => (
          <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
          <Card size="small" style={{ marginBottom: 6 }} data-testid="task-household" data-status={h.status} data-household={h.householdId}
            title={<span style={{ whiteSpace: 'normal' }}>{h.address}</span>}
            extra={<Tag color={COLOURS[h.status]}>{t(`instructions.outcome.${h.status}`)}</Tag>}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.microgrid}{h.attempts > 0 ? ` · ${t('instructions.inbox.attempts', { n: h.attempts })}` : ''}{h.via === 'link' ? ` · ${t('instructions.inbox.via.link')}` : ''}
              {h.answer ? ` · ${h.answer}` : ''}
            </Typography.Text>
            {item.task === 'collect' && (
              <Input style={{ marginTop: 6 }} placeholder={t('instructions.inbox.answerPlaceholder')} value={answers[h.householdId] ?? ''} maxLength={1000}
                onChange={(e) => setAnswers((a) => ({ ...a, [h.householdId]: e.target.value }))} data-testid="task-answer" />
            )}
            <Space wrap style={{ marginTop: 6 }}>
              {INSTRUCTION_OUTCOMES.map((o) => (
                <Button key={o} size="large" loading={busy === h.householdId} type={o === 'reached' ? 'primary' : 'default'} onClick={() => record(h, o)} data-testid={`task-record-${o}`}>
                  {t(`instructions.outcome.${o}`)}
                </Button>
              ))}
              <Button size="large" icon={<CopyOutlined />} onClick={() => copy(h)} aria-label={t('instructions.inbox.copyLink')} />
            </Space>
          </Card>
          </List.Item>
        )}
      />
    </div>
  );
}
