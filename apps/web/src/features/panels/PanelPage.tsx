import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { panelKeys, panelQuery, type PanelDetail } from './panels.queries.ts';

/**
 * /panels/:id — a scoring panel: its members (with progress, absences and recusals), the weighted
 * criteria, score entry (a member for themself; staff for any member, from the paper sheet), and the
 * results by the drop-the-highest-and-lowest rule once the panel may show them.
 */
export default function PanelPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: p, error, refetch } = useQuery(panelQuery(id));
  const write = useApiMutation({ mutationFn: (call: () => Promise<unknown>) => call(), invalidates: [panelKeys.all] });
  const post = (call: () => Promise<unknown>, done?: string) => write.mutateAsync(call).then(() => {
    if (done) void message.success(done);
    return true;
  }, () => false);
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!p) return null;
  const manage = p.abilities.includes('manage');
  const label = new Map(p.candidates.map((c) => [c.id, c.label]));
  const scorable = p.candidates.length - 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="panel-page">
      <Space align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>{p.title}</Typography.Title>
        <Tag color={p.state === 'open' ? 'blue' : 'green'} data-testid="panel-state" data-state={p.state}>{t(`panels.state.${p.state}`)}</Tag>
        {p.abilities.includes('close') && (
          <Popconfirm title={t('panels.close')} onConfirm={() => void post(() => unwrap(gz.POST('/api/v1/panels/{id}/close', { params: { path: { id } } })), t('panels.closed'))}>
            <Button data-testid="panel-close">{t('panels.close')}</Button>
          </Popconfirm>
        )}
      </Space>
      <Card size="small" title={t('panels.criteria')}>
        <Space wrap>{p.criteria.map((c) => <Tag key={c.id}>{c.name} · {c.weight}%</Tag>)}</Space>
      </Card>
      <Card size="small" title={t('panels.members')}>
        <Table size="small" rowKey="id" pagination={false} dataSource={p.members} data-testid="panel-members" scroll={{ x: true }} columns={[
          { title: t('panels.col.name'), dataIndex: 'name' },
          { title: t('panels.col.capacity'), dataIndex: 'capacity' },
          { title: t('panels.col.progress'), key: 'progress', render: (_: unknown, m: PanelDetail['members'][number]) => m.absent
            ? <Tag>{t('panels.absent')}{m.absentReason ? `：${m.absentReason}` : ''}</Tag>
            : <Space wrap>{t('panels.progress', { done: m.scored.length, total: scorable - m.conflicts.length })}{m.conflicts.map((c) => <Tag key={c} color="orange">{t('panels.conflict')}：{label.get(c)}</Tag>)}</Space> },
          ...(manage && p.state === 'open' ? [{ key: 'absence', render: (_: unknown, m: PanelDetail['members'][number]) => !m.absent && (
            <AbsenceButton onSubmit={(reason) => post(() => unwrap(gz.POST('/api/v1/panels/{id}/members/{memberId}/absence', { params: { path: { id, memberId: m.id } }, body: { reason } })))} />
          ) }] : []),
        ]} />
      </Card>
      {p.abilities.includes('score') && <ScoreForm panel={p} onSubmit={(body) => post(() => unwrap(gz.POST('/api/v1/panels/{id}/scores', { params: { path: { id } }, body })), t('panels.score.done'))} />}
      <Card size="small" title={t('panels.results')} data-testid="panel-results">
        <Typography.Paragraph type="secondary">{t('panels.resultsRule')}</Typography.Paragraph>
        {p.results ? (
          <Table size="small" rowKey="candidateId" pagination={false} dataSource={p.results} scroll={{ x: true }} columns={[
            { title: t('panels.col.candidate'), key: 'c', render: (_: unknown, r: NonNullable<PanelDetail['results']>[number]) => label.get(r.candidateId) },
            { title: t('panels.col.totals'), key: 't', render: (_: unknown, r: NonNullable<PanelDetail['results']>[number]) => <span data-testid="result-totals">{r.memberTotals.map((x) => x.toFixed(1)).join(' / ')}</span> },
            { title: t('panels.col.score'), key: 's', render: (_: unknown, r: NonNullable<PanelDetail['results']>[number]) => (
              <Space><strong data-testid="result-score">{r.score === null ? '—' : r.score.toFixed(2)}</strong>{r.droppedHighLow && <Tag>{t('panels.dropped')}</Tag>}</Space>
            ) },
            { title: t('panels.col.rank'), dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
          ]} />
        ) : <Typography.Text type="secondary">{t('panels.hiddenResults')}</Typography.Text>}
      </Card>
    </Space>
  );
}

function AbsenceButton({ onSubmit }: { onSubmit: (reason: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm title={<Input placeholder={t('panels.absenceReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />}
      okButtonProps={{ disabled: !reason.trim() }} onConfirm={() => void onSubmit(reason)}>
      <Button size="small">{t('panels.absence')}</Button>
    </Popconfirm>
  );
}

type ScoreBody = { memberId: string; candidateId: string; scores: { criterionId: string; score: number }[] };

/** One scorecard: the member (staff may pick any present member; a member is themself), the candidate, a score per criterion. */
function ScoreForm({ panel: p, onSubmit }: { panel: PanelDetail; onSubmit: (b: ScoreBody) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const manage = p.abilities.includes('manage');
  const members = p.members.filter((m) => !m.absent && (manage || m.mine));
  const memberId = Form.useWatch<string | undefined>('memberId', form) ?? (members.length === 1 ? members[0]!.id : undefined);
  const member = p.members.find((m) => m.id === memberId);
  const candidates = p.candidates.filter((c) => member && !member.scored.includes(c.id) && !member.conflicts.includes(c.id));
  const submit = (v: { memberId?: string; candidateId: string; scores: Record<string, number> }) => void onSubmit({
    memberId: v.memberId ?? memberId!, candidateId: v.candidateId, scores: p.criteria.map((c) => ({ criterionId: c.id, score: v.scores[c.id]! })),
  }).then((ok) => ok && form.resetFields(['candidateId', 'scores']));
  return (
    <Card size="small" title={t('panels.score.title')} data-testid="panel-score">
      <Typography.Paragraph type="secondary">{t('panels.score.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ memberId: members.length === 1 ? members[0]!.id : undefined }}>
        <Form.Item name="memberId" label={t('panels.score.member')} rules={[{ required: true }]}>
          <Select data-testid="score-member" options={members.map((m) => ({ value: m.id, label: `${m.name}（${m.capacity}）` }))} onChange={() => form.resetFields(['candidateId'])} />
        </Form.Item>
        <Form.Item name="candidateId" label={t('panels.score.candidate')} rules={[{ required: true }]}>
          <Select data-testid="score-candidate" options={candidates.map((c) => ({ value: c.id, label: c.label }))} />
        </Form.Item>
        <Space wrap>
          {p.criteria.map((c) => (
            <Form.Item key={c.id} name={['scores', c.id]} label={`${c.name}（${c.weight}%）`} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} step={0.1} precision={1} style={{ width: 120 }} data-testid="score-input" />
            </Form.Item>
          ))}
        </Space>
        <Button type="primary" htmlType="submit" data-testid="score-submit">{t('panels.score.submit')}</Button>
      </Form>
    </Card>
  );
}
