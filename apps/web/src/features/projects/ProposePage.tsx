import { Alert, Button, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { fenFromYuan, optionsQuery, projectKeys, yuan } from './projects.queries.ts';

interface Values { communityId: string; title: string; summary: string; reason: string; class: 'hardware' | 'service' | 'residents'; priorityArea: string; costYuan: number; beneficiaries: string }

/** /projects/new — propose a project; from a request (?requestId=) the request is linked and its words start the form. */
export default function ProposePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const requestId = params.get('requestId');
  const options = useQuery(optionsQuery());
  const [form] = Form.useForm<Values>();
  const submit = useApiMutation({
    mutationFn: (v: Values) => unwrap(gz.POST('/api/v1/projects', { body: {
      communityId: v.communityId, title: v.title, summary: v.summary, reason: v.reason, class: v.class, priorityArea: v.priorityArea,
      costFen: fenFromYuan(v.costYuan), beneficiaries: v.beneficiaries, requestIds: requestId ? [requestId] : [],
    } })),
    invalidates: [projectKeys.all], form,
    onSuccess: (p) => navigate(`/projects/${p.id}`, { replace: true }),
  });
  const o = options.data;
  if (!o) return null;
  return (
    <div className="gz-report" data-testid="project-propose-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{requestId ? t('projects.fromRequest') : t('projects.propose')}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('projects.form.capHint', { hardware: yuan(o.capsFen.hardware).slice(1), service: yuan(o.capsFen.service).slice(1), residents: yuan(o.capsFen.residents).slice(1) })} />
      <Form form={form} layout="vertical" size="large" onFinish={(v) => submit.mutate(v)} initialValues={{ communityId: o.communities[0]?.id, class: 'service', priorityArea: o.priorityAreas[0] }}>
        <Form.Item name="communityId" label={t('projects.form.community')} rules={[{ required: true }]}>
          <Select options={o.communities.map((c) => ({ value: c.id, label: c.name }))} data-testid="project-community" />
        </Form.Item>
        <Form.Item name="title" label={t('projects.form.title')} rules={[{ required: true, max: 60 }]}><Input data-testid="project-title" /></Form.Item>
        <Form.Item name="summary" label={t('projects.form.summary')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={3} data-testid="project-summary" /></Form.Item>
        <Form.Item name="reason" label={t('projects.form.reason')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={3} data-testid="project-reason" /></Form.Item>
        <Form.Item name="class" label={t('projects.form.class')} rules={[{ required: true }]}>
          <Select options={(['service', 'hardware', 'residents'] as const).map((c) => ({ value: c, label: t(`projects.class.${c}`) }))} />
        </Form.Item>
        <Form.Item name="priorityArea" label={t('projects.form.area')} rules={[{ required: true }]}>
          <Select options={o.priorityAreas.map((a) => ({ value: a, label: a }))} />
        </Form.Item>
        <Form.Item name="costYuan" label={t('projects.form.costYuan')} rules={[{ required: true }]}><InputNumber min={0.01} step={100} style={{ width: '100%' }} data-testid="project-cost" /></Form.Item>
        <Form.Item name="beneficiaries" label={t('projects.form.beneficiaries')} rules={[{ required: true, max: 200 }]}><Input data-testid="project-beneficiaries" /></Form.Item>
        <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="project-submit">{t('projects.form.submit')}</Button>
      </Form>
    </div>
  );
}
