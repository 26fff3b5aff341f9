import { useState } from 'react';
import { Button, Card, Form, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { useSession } from '../../shell/session.tsx';
import { fenFromYuan, optionsQuery, projectKeys, projectsQuery, roundsQuery, yuan, type ProjectSummary } from './projects.queries.ts';

/** One project as a row of the list: title, status, class, estimate, co-signatures. */
export function ProjectRow({ p }: { p: Omit<ProjectSummary, 'roundId'> }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Space wrap><Typography.Text strong>{p.title}</Typography.Text><Tag color="blue">{t(`projects.status.${p.status}`)}</Tag></Space>
      <Typography.Text type="secondary">{p.communityName} · {t(`projects.class.${p.class}`)} · {p.priorityArea} · {yuan(p.costFen)} · {p.proposer}</Typography.Text>
      <Typography.Text type="secondary">{t('projects.col.cosigns')} {p.cosignCount} · {t('projects.col.votes')} {p.voteCount}</Typography.Text>
    </Space>
  );
}

/** /projects — the projects the user may see, and (for the party organisation and staff) the rounds. */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useSession();
  const list = useQuery(projectsQuery({ limit: 100, offset: 0 }));
  const rounds = useQuery(roundsQuery());
  const options = useQuery(optionsQuery());
  const may = (a: 'project.propose' | 'project.sort') => can(a);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const create = useApiMutation({
    mutationFn: (v: { communityId: string; year: number; budgetYuan: number; rule: 'greedy' | 'equal_shares' }) =>
      unwrap(gz.POST('/api/v1/project-rounds', { body: { communityId: v.communityId, year: v.year, budgetFen: fenFromYuan(v.budgetYuan), rule: v.rule } })),
    invalidates: [projectKeys.all], form,
    onSuccess: (r) => { setCreating(false); navigate(`/projects/rounds/${r.id}`); },
  });
  if (list.error) return <PageError error={list.error} />;
  return (
    <div className="gz-report" data-testid="projects-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>{t('projects.title')}</Typography.Title>
        {may('project.propose') && <Link to="/projects/new"><Button type="primary" size="large" icon={<PlusOutlined />} data-testid="project-propose">{t('projects.propose')}</Button></Link>}
      </Space>
      {(rounds.data?.length ?? 0) > 0 || may('project.sort') ? (
        <Card title={t('projects.rounds')} style={{ marginTop: 16 }} extra={may('project.sort') && <Button onClick={() => setCreating(true)} data-testid="round-create">{t('projects.round.create')}</Button>}>
          <List dataSource={rounds.data ?? []} renderItem={(r) => (
            <List.Item><Link to={`/projects/rounds/${r.id}`} data-testid="round-link">{r.communityName} {r.year} · {t(`projects.roundStatus.${r.status}`)} · {yuan(r.budgetFen)}</Link></List.Item>
          )} />
        </Card>
      ) : null}
      <List style={{ marginTop: 16 }} loading={list.isPending} locale={{ emptyText: t('projects.empty') }} dataSource={list.data?.items ?? []}
        renderItem={(p) => <List.Item onClick={() => navigate(`/projects/${p.id}`)} style={{ cursor: 'pointer' }} data-testid="project-item"><Link to={`/projects/${p.id}`} style={{ width: '100%' }}><ProjectRow p={p} /></Link></List.Item>} />
      <Modal open={creating} title={t('projects.round.create')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ id: 'round-create-ok' }}>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ year: new Date().getFullYear(), rule: 'greedy', communityId: options.data?.communities[0]?.id }}>
          <Form.Item name="communityId" label={t('projects.form.community')} rules={[{ required: true }]}>
            <Select options={(options.data?.communities ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="year" label={t('projects.round.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="budgetYuan" label={t('projects.round.budgetYuan')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} data-testid="round-budget" /></Form.Item>
          <Form.Item name="rule" label={t('projects.round.rule')}>
            <Select options={(['greedy', 'equal_shares'] as const).map((r) => ({ value: r, label: t(`projects.rule.${r}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
