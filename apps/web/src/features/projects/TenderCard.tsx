import { Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, queryOptions } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { projectKeys, yuan } from './projects.queries.ts';

type CallView = z.infer<typeof C.TenderCallView>;

/** The project's tender (staff act on it; everyone reads the call and award). Keys sit under projectKeys.all. */
export const tenderQuery = (id: string) => queryOptions({
  queryKey: [...projectKeys.all, 'tender', id] as const,
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/projects/{id}/tender', { params: { path: { id } }, signal })),
});

const at = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);

/** Panel members typed one a line as "name capacity". */
const membersOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
  const [name = '', ...rest] = l.split(/\s+/);
  return { name, capacity: rest.join(' ') || '评审成员' };
});

/** One call: its window, bids (staff after the window), the panel and the award. */
function CallBlock({ c, funds }: { c: CallView; funds: { id: string; name: string; balanceFen: string }[] }) {
  const { t } = useTranslation();
  const [panelForm] = Form.useForm<{ members: string }>();
  const [awardForm] = Form.useForm<{ fundId: string; finding?: string }>();
  const panel = useApiMutation({
    mutationFn: (v: { members: string }) => unwrap(gz.POST('/api/v1/tender-calls/{id}/panel', { params: { path: { id: c.id } }, body: { members: membersOf(v.members) } })),
    invalidates: [projectKeys.all], form: panelForm,
  });
  const award = useApiMutation({
    mutationFn: (v: { fundId: string; finding?: string }) => unwrap(gz.POST('/api/v1/tender-calls/{id}/award', { params: { path: { id: c.id } }, body: v })),
    invalidates: [projectKeys.all], form: awardForm,
  });
  return (
    <div data-testid="tender-call" style={{ marginBottom: 12 }}>
      <Space wrap>
        <Tag data-testid="tender-call-state">{t(`tender.state.${c.state}`)}</Tag>
        <Typography.Text>{t('tender.window', { from: at(c.opensAt), to: at(c.closesAt) })}</Typography.Text>
        {c.state === 'open' && <Tag color={c.windowOpen ? 'green' : 'default'}>{c.windowOpen ? t('tender.windowOpen') : t('tender.windowOver')}</Tag>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{c.criteria.map((k) => `${k.name} ${k.weight}%`).join('、')}</Typography.Paragraph>
      {c.voidReason && <Typography.Paragraph type="warning">{c.voidReason}</Typography.Paragraph>}
      {c.award && <Typography.Paragraph strong data-testid="tender-award">{t('tender.awarded', { org: c.award.organisation, amount: yuan(c.award.amountFen) })}</Typography.Paragraph>}
      {c.finding && <Typography.Paragraph>{c.finding}</Typography.Paragraph>}
      <Typography.Text>{t('tender.bids', { n: c.bidCount })}</Typography.Text>
      {c.bids.length > 0 ? (
        <Table size="small" rowKey="id" pagination={false} dataSource={c.bids} data-testid="tender-bids" scroll={{ x: true }} columns={[
          { title: t('projects.col.proposer'), dataIndex: 'organisation' },
          { title: t('tender.total'), dataIndex: 'totalFen', render: (v: string) => yuan(v) },
          { title: t('tender.score'), dataIndex: 'score', render: (v: number | null) => v ?? '—' },
          { title: t('tender.rank'), dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
        ]} />
      ) : c.bidCount > 0 && <Typography.Paragraph type="secondary">{t('tender.bidsHidden')}</Typography.Paragraph>}
      {c.panelId && <p><Link to={`/panels/${c.panelId}`} data-testid="tender-panel-link">{t('tender.panelLink')}</Link></p>}
      {c.abilities.includes('panel') && (
        <Form form={panelForm} layout="vertical" onFinish={(v) => panel.mutate(v)} style={{ marginTop: 8 }}>
          <Form.Item name="members" label={t('tender.members')} extra={t('tender.memberOrgs')} rules={[{ required: true }]}><Input.TextArea rows={4} data-testid="tender-panel-members" /></Form.Item>
          <Button htmlType="submit" loading={panel.isPending} data-testid="tender-panel-create">{t('tender.panel')}</Button>
        </Form>
      )}
      {c.abilities.includes('award') && (
        <Form form={awardForm} layout="vertical" onFinish={(v) => award.mutate(v)} style={{ marginTop: 8 }}>
          <Form.Item name="fundId" label={t('tender.fund')} rules={[{ required: true }]}>
            <Select data-testid="tender-award-fund" options={funds.map((f) => ({ value: f.id, label: `${f.name}（${yuan(f.balanceFen)}）` }))} />
          </Form.Item>
          {c.bidCount === 1 && <Form.Item name="finding" label={t('tender.finding')} rules={[{ required: true }]}><Input.TextArea rows={3} data-testid="tender-award-finding" /></Form.Item>}
          <Button type="primary" htmlType="submit" loading={award.isPending} data-testid="tender-award-submit">{t('tender.award')}</Button>
        </Form>
      )}
    </div>
  );
}

/** On the project's page: the call for bids, the bids and the award; staff open calls, set up the panel, award or hand it to residents. */
export function TenderCard({ p }: { p: { id: string; status: string } }) {
  const { t } = useTranslation();
  const q = useQuery(tenderQuery(p.id));
  const [form] = Form.useForm<{ days: number; criteria: { name: string; weight: number }[] }>();
  const open = useApiMutation({
    mutationFn: (v: { days: number; criteria: { name: string; weight: number }[] }) => unwrap(gz.POST('/api/v1/projects/{id}/tender/calls', { params: { path: { id: p.id } }, body: v })),
    invalidates: [projectKeys.all], form,
  });
  const residents = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/projects/{id}/tender/residents', { params: { path: { id: p.id } }, body: {} })),
    invalidates: [projectKeys.all],
  });
  const v = q.data;
  if (!v || (!v.calls.length && !v.abilities.length)) return null;
  return (
    <Card title={t('tender.card')} size="small" style={{ marginTop: 16 }} data-testid="tender-card">
      {v.calls.length === 0 && <Typography.Paragraph type="secondary">{t('tender.none')}</Typography.Paragraph>}
      {v.calls.map((c) => <CallBlock key={c.id} c={c} funds={v.funds} />)}
      {v.abilities.includes('open') && (
        <Form form={form} layout="vertical" onFinish={(x) => open.mutate(x)}
          initialValues={{ days: v.tenderMinDays, criteria: [{ name: '方案可行性', weight: 50 }, { name: '报价合理性', weight: 30 }, { name: '团队经验', weight: 20 }] }}>
          <Form.Item name="days" label={t('tender.days', { min: v.tenderMinDays })} rules={[{ required: true }]}><InputNumber min={v.tenderMinDays} max={90} data-testid="tender-days" /></Form.Item>
          <Descriptions size="small" column={1} title={t('tender.criteria')} />
          <Form.List name="criteria">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('tender.criterion')} data-testid="tender-criterion-name" /></Form.Item>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}><InputNumber min={1} max={100} placeholder={t('tender.weight')} data-testid="tender-criterion-weight" /></Form.Item>
                    <Button onClick={() => remove(f.name)}>×</Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ name: '', weight: 10 })} data-testid="tender-criterion-add">{t('tender.addCriterion')}</Button>
                <Typography.Paragraph type="secondary">{t('tender.weightsHint')}</Typography.Paragraph>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="tender-open">{v.calls.length ? t('tender.reopen') : t('tender.open')}</Button>
        </Form>
      )}
      {v.abilities.includes('residents') && (
        <Popconfirm title={t('tender.residentsConfirm')} onConfirm={() => residents.mutate()}>
          <Button style={{ marginTop: 8 }} loading={residents.isPending} data-testid="tender-residents">{t('tender.residents')}</Button>
        </Popconfirm>
      )}
    </Card>
  );
}
