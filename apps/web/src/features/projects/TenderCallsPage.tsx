import { Button, Card, Descriptions, Form, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { fenFromYuan, projectKeys, yuan } from './projects.queries.ts';

const at = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);

/** /projects/calls — calls for bids taking bids now or soon, for registered organisations. */
export default function TenderCallsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...projectKeys.all, 'calls'], queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/tender-calls', { signal })) });
  if (q.error) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div className="gz-report" data-testid="tender-calls-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('tender.calls')}</Typography.Title>
      <List loading={q.isLoading} dataSource={q.data ?? []} locale={{ emptyText: t('tender.callsEmpty') }} renderItem={(c) => (
        <List.Item data-testid="tender-calls-row" actions={[c.bid ? <Tag key="b" color="green">{t('tender.youBid')}</Tag>
          : <Link key="l" to={`/projects/calls/${c.id}`} data-testid="tender-calls-bid">{t('tender.bidNow')}</Link>]}>
          <List.Item.Meta title={c.projectTitle} description={`${c.communityName} · ${t('tender.cost')} ${yuan(c.costFen)} · ${t('tender.closes')} ${at(c.closesAt)}`} />
        </List.Item>
      )} />
    </div>
  );
}

interface BidForm { plan: string; team: { name: string; role: string }[]; lines: { item: string; amount: number }[] }

/** /projects/calls/:id — the call and the bid form (once per organisation, within the window). */
export function TenderBidPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: [...projectKeys.all, 'call', id], queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/tender-calls/{id}', { params: { path: { id } }, signal })) });
  const [form] = Form.useForm<BidForm>();
  const lines = Form.useWatch('lines', form) ?? [];
  const totalFen = lines.reduce((a, l) => a + BigInt(/^\d+$/.test(fenFromYuan(l?.amount ?? 0)) ? fenFromYuan(l?.amount ?? 0) : '0'), 0n);
  const bid = useApiMutation({
    mutationFn: (v: BidForm) => unwrap(gz.POST('/api/v1/tender-calls/{id}/bids', {
      params: { path: { id } }, body: { plan: v.plan, team: v.team, lines: v.lines.map((l) => ({ item: l.item, amountFen: fenFromYuan(l.amount) })), totalFen: totalFen.toString() },
    })),
    invalidates: [projectKeys.all], form,
  });
  if (q.error) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  if (!c) return null;
  const mine = c.bids.find((b) => b.mine);
  return (
    <div className="gz-report" data-testid="tender-bid-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('tender.bidTitle', { title: c.projectTitle })}</Typography.Title>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('projects.col.community')}>{c.communityName}</Descriptions.Item>
        <Descriptions.Item label={t('projects.detail.what')}>{c.projectSummary}</Descriptions.Item>
        <Descriptions.Item label={t('tender.cost')}>{yuan(c.costFen)}</Descriptions.Item>
        <Descriptions.Item label={t('tender.closes')}>{at(c.closesAt)}</Descriptions.Item>
        <Descriptions.Item label={t('tender.criteria')}>{c.criteria.map((k) => `${k.name} ${k.weight}%`).join('、')}</Descriptions.Item>
      </Descriptions>
      {mine && <Card style={{ marginTop: 16 }} data-testid="tender-bid-mine"><Typography.Text strong>{t('tender.submitted')}：{yuan(mine.totalFen)}</Typography.Text></Card>}
      {c.abilities.includes('bid') && (
        <Card style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t('tender.onlyOnce')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => bid.mutate(v)} initialValues={{ team: [{ name: '', role: '' }], lines: [{ item: '', amount: undefined }] }}>
            <Form.Item name="plan" label={t('tender.plan')} rules={[{ required: true, max: 5000 }]}><Input.TextArea rows={5} data-testid="tender-bid-plan" /></Form.Item>
            <Typography.Text strong>{t('tender.team')}</Typography.Text>
            <Form.List name="team">{(fields, { add, remove }) => (<>
              {fields.map((f) => (
                <Space key={f.key} wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('tender.member')} data-testid="tender-bid-member-name" /></Form.Item>
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}><Input placeholder={t('tender.role')} data-testid="tender-bid-member-role" /></Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>×</Button>}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', role: '' })} data-testid="tender-bid-member-add">{t('tender.addMember')}</Button>
            </>)}</Form.List>
            <div style={{ marginTop: 12 }}><Typography.Text strong>{t('tender.lines')}</Typography.Text></div>
            <Form.List name="lines">{(fields, { add, remove }) => (<>
              {fields.map((f) => (
                <Space key={f.key} wrap>
                  <Form.Item name={[f.name, 'item']} rules={[{ required: true }]}><Input placeholder={t('tender.item')} data-testid="tender-bid-line-item" /></Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[{ required: true }]}><InputNumber min={0.01} step={0.01} placeholder={t('tender.amount')} data-testid="tender-bid-line-amount" /></Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>×</Button>}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ item: '', amount: undefined })} data-testid="tender-bid-line-add">{t('tender.addLine')}</Button>
            </>)}</Form.List>
            <Typography.Paragraph strong style={{ marginTop: 12 }} data-testid="tender-bid-total">{t('tender.totalYuan')}：{yuan(totalFen.toString())}</Typography.Paragraph>
            <Button type="primary" size="large" block htmlType="submit" loading={bid.isPending} data-testid="tender-bid-submit">{t('tender.submit')}</Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
