import { Button, Card, DatePicker, Descriptions, Form, Input, List, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { ProjectRow } from './ProjectsPage.tsx';
import { projectKeys, projectQuery, publicProjectQuery } from './projects.queries.ts';
import { ProjectTrail } from './ProjectTrail.tsx';
import { MoneyCard } from './MoneyCard.tsx';
import { DeliveryCard } from './DeliveryCard.tsx';
import { TenderCard } from './TenderCard.tsx';

const lines = (text: string | undefined) => (text ?? '').split(/\s+/).map((s) => s.trim()).filter(Boolean);

/** /projects/:id — a project: what and why, the requests it answers, the hearing, co-signing, comments and its trail. */
export default function ProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery(projectQuery(id));
  const trail = useQuery(publicProjectQuery(id));
  const [commentForm] = Form.useForm<{ body: string }>();
  const [hearingForm] = Form.useForm();
  const cosign = useApiMutation({ mutationFn: () => unwrap(gz.POST('/api/v1/projects/{id}/cosign', { params: { path: { id } } })), invalidates: [projectKeys.all] });
  const comment = useApiMutation({
    mutationFn: (v: { body: string }) => unwrap(gz.POST('/api/v1/projects/{id}/comments', { params: { path: { id } }, body: v })),
    invalidates: [projectKeys.all], form: commentForm, onSuccess: () => commentForm.resetFields(),
  });
  const hearing = useApiMutation({
    mutationFn: (v: { heldOn: { format(f: string): string }; reps: string; affected: string; notes: string }) => unwrap(gz.POST('/api/v1/projects/{id}/hearing', {
      params: { path: { id } }, body: { heldOn: v.heldOn.format('YYYY-MM-DD'), representativeIds: lines(v.reps), affectedIds: lines(v.affected), notes: v.notes },
    })),
    invalidates: [projectKeys.all], form: hearingForm,
  });
  if (q.error) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  if (!p) return null;
  return (
    <div className="gz-report" data-testid="project-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{p.title}</Typography.Title>
      <ProjectRow p={p} />
      <Descriptions column={1} style={{ marginTop: 16 }} bordered size="small">
        <Descriptions.Item label={t('projects.detail.what')}>{p.summary}</Descriptions.Item>
        <Descriptions.Item label={t('projects.detail.why')}>{p.reason}</Descriptions.Item>
        <Descriptions.Item label={t('projects.detail.beneficiaries')}>{p.beneficiaries}</Descriptions.Item>
        {p.requests.length > 0 && <Descriptions.Item label={t('projects.detail.requests')}>{p.requests.map((r) => <div key={r.id}>{r.number}</div>)}</Descriptions.Item>}
        {p.class === 'hardware' && <Descriptions.Item label={t('projects.detail.hearing')}>{p.hearing ? t('projects.detail.hearingDone', { date: p.hearing.heldOn, reps: p.hearing.representatives, affected: p.hearing.affected }) : t('projects.detail.noHearing')}</Descriptions.Item>}
        {p.leftOutReason && <Descriptions.Item label={t('projects.detail.leftOut')}>{p.leftOutReason}</Descriptions.Item>}
      </Descriptions>
      {p.roundId && <p style={{ marginTop: 12 }}><Link to={`/projects/rounds/${p.roundId}`}>{t('projects.rounds')}</Link></p>}
      {trail.data && <Card title={t('projects.trail.steps')} size="small" style={{ marginTop: 16 }}><ProjectTrail trail={trail.data.trail} /></Card>}
      {/* The later steps' cards (tender, delivery, money) go here, one line each, in the order of the steps. */}
      <TenderCard p={p} />
      <DeliveryCard p={p} />
      <MoneyCard p={p} />
      {(p.abilities.includes('cosign') || p.signed) && (
        <Button type="primary" size="large" block style={{ marginTop: 16 }} disabled={p.signed} loading={cosign.isPending} onClick={() => cosign.mutate()} data-testid="project-cosign">
          {p.signed ? t('projects.detail.signed') : t('projects.detail.cosign')}
        </Button>
      )}
      <Card title={t('projects.detail.comments')} style={{ marginTop: 16 }}>
        <List dataSource={p.comments} locale={{ emptyText: ' ' }} renderItem={(c) => <List.Item><Typography.Text>{c.author}：{c.body}</Typography.Text></List.Item>} />
        {p.abilities.includes('comment') && (
          <Form form={commentForm} layout="vertical" onFinish={(v) => comment.mutate(v)}>
            <Form.Item name="body" label={t('projects.detail.comment')} rules={[{ required: true, max: 1000 }]}><Input.TextArea rows={2} data-testid="project-comment" /></Form.Item>
            <Button htmlType="submit" loading={comment.isPending} data-testid="project-comment-send">{t('projects.detail.send')}</Button>
          </Form>
        )}
      </Card>
      {p.abilities.includes('hearing') && (
        <Card title={t('projects.detail.recordHearing')} style={{ marginTop: 16 }}>
          <Form form={hearingForm} layout="vertical" onFinish={(v) => hearing.mutate(v)}>
            <Form.Item name="heldOn" label={t('projects.detail.heldOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="reps" label={t('projects.detail.reps')} rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>
            <Form.Item name="affected" label={t('projects.detail.affected')} rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>
            <Form.Item name="notes" label={t('projects.detail.notes')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
            <Button htmlType="submit" loading={hearing.isPending}>{t('projects.detail.recordHearing')}</Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
