import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { ProjectRow } from './ProjectsPage.tsx';
import { projectKeys, projectsQuery, roundQuery, yuan } from './projects.queries.ts';

/** The party organisation's sorting: every proposal of the community, put on the list or left out with a reason. */
function SortCard({ roundId, communityId }: { roundId: string; communityId: string }) {
  const { t } = useTranslation();
  const proposals = useQuery(projectsQuery({ communityId, limit: 200, offset: 0 }));
  const open = (proposals.data?.items ?? []).filter((p) => p.status === 'proposed' || (p.roundId === roundId && (p.status === 'listed' || p.status === 'left_out')));
  // What the secretary changed; every other proposal keeps its current place (on the list unless left out).
  const [changed, setDecisions] = useState<Record<string, { include: boolean; reason: string }>>({});
  const decisions = Object.fromEntries(open.map((p) => [p.id, changed[p.id] ?? { include: p.status !== 'left_out', reason: '' }]));
  const save = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/project-rounds/{id}/sort', { params: { path: { id: roundId } }, body: {
      decisions: Object.entries(decisions).map(([projectId, d]) => ({ projectId, include: d.include, ...(d.include ? {} : { reason: d.reason }) })),
    } })),
    invalidates: [projectKeys.all],
  });
  return (
    <Card title={t('projects.round.sort')} style={{ marginTop: 16 }}>
      <List dataSource={open} renderItem={(p) => (
        <List.Item data-testid="sort-item">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Checkbox checked={decisions[p.id]?.include ?? true} onChange={(e) => setDecisions({ ...decisions, [p.id]: { include: e.target.checked, reason: decisions[p.id]?.reason ?? '' } })}>
              {t('projects.round.include')}：{p.title}（{yuan(p.costFen)}）
            </Checkbox>
            {decisions[p.id] && !decisions[p.id]!.include && (
              <Input placeholder={t('projects.round.reason')} value={decisions[p.id]!.reason} onChange={(e) => setDecisions({ ...decisions, [p.id]: { include: false, reason: e.target.value } })} />
            )}
          </Space>
        </List.Item>
      )} />
      <Button type="primary" disabled={!open.length} loading={save.isPending} onClick={() => save.mutate()} data-testid="sort-save">{t('projects.round.saveSort')}</Button>
    </Card>
  );
}

/** The councils the user runs, to send the draft list to one of them. */
function CouncilSend({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const councils = useQuery({ queryKey: ['councils', 'list', { limit: 200, offset: 0 }], queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/councils', { params: { query: { limit: 200, offset: 0 } }, signal })) });
  const [councilId, setCouncilId] = useState<string>();
  const send = useApiMutation({ mutationFn: () => unwrap(gz.POST('/api/v1/project-rounds/{id}/council', { params: { path: { id: roundId } }, body: { councilId: councilId! } })), invalidates: [projectKeys.all] });
  return (
    <Space.Compact style={{ width: '100%', marginTop: 8 }}>
      <Select style={{ flex: 1 }} placeholder={t('projects.round.council')} value={councilId} onChange={setCouncilId} data-testid="round-council"
        options={(councils.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      <Button type="primary" disabled={!councilId} loading={send.isPending} onClick={() => send.mutate()} data-testid="round-send">{t('projects.round.send')}</Button>
    </Space.Compact>
  );
}

/** A field and a button: the council's id to send to, or the resolution's id to record. */
function IdAction({ label, button, testId, run }: { label: string; button: string; testId: string; run: (id: string) => Promise<unknown> }) {
  const [value, setValue] = useState('');
  const m = useApiMutation({ mutationFn: () => run(value.trim()), invalidates: [projectKeys.all] });
  return (
    <Space.Compact style={{ width: '100%', marginTop: 8 }}>
      <Input placeholder={label} value={value} onChange={(e) => setValue(e.target.value)} data-testid={`${testId}-id`} />
      <Button type="primary" loading={m.isPending} disabled={!value.trim()} onClick={() => m.mutate()} data-testid={testId}>{button}</Button>
    </Space.Compact>
  );
}

/** /projects/rounds/:id — a round: the list, what was left out and why, the council, the residents' vote and its count. */
export default function RoundPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery(roundQuery(id));
  const [choice, setChoice] = useState<string[]>([]);
  const path = { params: { path: { id } } };
  const step = (call: () => Promise<unknown>) => ({ mutationFn: call, invalidates: [projectKeys.all] });
  const openVote = useApiMutation(step(() => unwrap(gz.POST('/api/v1/project-rounds/{id}/vote/open', { ...path, body: {} }))));
  const closeVote = useApiMutation(step(() => unwrap(gz.POST('/api/v1/project-rounds/{id}/vote/close', { ...path, body: {} }))));
  const vote = useApiMutation(step(() => unwrap(gz.POST('/api/v1/project-rounds/{id}/ballots', { ...path, body: { projectIds: choice } }))));
  if (q.error) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  if (!r) return null;
  const can = (a: string) => r.abilities.includes(a);
  return (
    <div className="gz-report" data-testid="round-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{r.communityName} {r.year}</Typography.Title>
      <Space wrap>
        <Tag color="blue" data-testid="round-status">{t(`projects.roundStatus.${r.status}`)}</Tag>
        <span>{t('projects.col.budget')} {yuan(r.budgetFen)}</span>
        <span>{t(`projects.rule.${r.rule}`)}</span>
        <span>{t('projects.col.ballots')} {r.ballots}</span>
      </Space>
      {r.spentFen !== null && r.leftFen !== null && <Alert style={{ marginTop: 12 }} type="success" message={t('projects.round.spent', { spent: yuan(r.spentFen).slice(1), left: yuan(r.leftFen).slice(1) })} data-testid="round-result" />}
      {can('vote') && <Alert style={{ marginTop: 12 }} type="info" message={t('projects.round.choose')} />}
      {r.voted && <Alert style={{ marginTop: 12 }} type="success" message={t('projects.round.voted')} />}
      <List style={{ marginTop: 12 }} dataSource={r.items} renderItem={(item) => (
        <List.Item data-testid="round-item">
          <Space align="start" style={{ width: '100%' }}>
            {can('vote') && <Checkbox checked={choice.includes(item.project.id)} onChange={(e) => setChoice(e.target.checked ? [...choice, item.project.id] : choice.filter((x) => x !== item.project.id))} data-testid="vote-choice" />}
            <Link to={`/projects/${item.project.id}`}><ProjectRow p={item.project} /></Link>
            {item.selected && <Tag color="green">{t('projects.round.selected')}</Tag>}
          </Space>
        </List.Item>
      )} />
      {can('vote') && <Button type="primary" size="large" block loading={vote.isPending} onClick={() => vote.mutate()} data-testid="vote-submit">{t('projects.round.vote')}</Button>}
      {r.leftOut.length > 0 && (
        <Card title={t('projects.round.leftOutTitle')} style={{ marginTop: 16 }}>
          {r.leftOut.map((x) => <p key={x.id}>{x.title}：{x.reason}</p>)}
        </Card>
      )}
      {can('sort') && <SortCard roundId={r.id} communityId={r.communityId} />}
      {can('send') && <CouncilSend roundId={r.id} />}
      <Space wrap style={{ marginTop: 12 }}>
        {can('open_vote') && <Button loading={openVote.isPending} onClick={() => openVote.mutate()} data-testid="vote-open">{t('projects.round.openVote')}</Button>}
        {can('close_vote') && <Button loading={closeVote.isPending} onClick={() => closeVote.mutate()} data-testid="vote-close">{t('projects.round.closeVote')}</Button>}
      </Space>
      {can('resolve') && <IdAction label={t('projects.round.resolution')} button={t('projects.round.resolve')} testId="round-resolve" run={(resolutionId) => unwrap(gz.POST('/api/v1/project-rounds/{id}/resolution', { ...path, body: { resolutionId } }))} />}
    </div>
  );
}

