import { App, Alert, Button, Card, Empty, Form, Input, List, Progress, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { PartyCard } from './PartyCard.tsx';
import { myPartyQuery, needsQuery, partyKeys } from './party.queries.ts';

interface Slip { employer: string; employerPartyOrg: string; employerPartyContact: string; skills: string }

/** The report slip (报到单), shown until the community confirms the member. */
function ReportForm({ last }: { last?: Slip }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Slip>();
  const send = useApiMutation<Slip>({ mutationFn: (body) => unwrap(gz.POST('/api/v1/party/reports', { body })), invalidates: [partyKeys.all], form });
  return (
    <Card title={t('party.me.reportTitle')} data-testid="party-report-form" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('party.me.reportIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={last} onFinish={(v) => send.mutate(v)}>
        <Form.Item name="employer" label={t('party.me.employer')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input data-testid="party-employer" /></Form.Item>
        <Form.Item name="employerPartyOrg" label={t('party.me.employerPartyOrg')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input data-testid="party-org" /></Form.Item>
        <Form.Item name="employerPartyContact" label={t('party.me.employerPartyContact')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input data-testid="party-contact" /></Form.Item>
        <Form.Item name="skills" label={t('party.me.skills')} rules={[{ required: true, whitespace: true, max: 500 }]}><Input.TextArea rows={3} data-testid="party-skills" /></Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={send.isPending} data-testid="party-report-submit">{t('party.me.submit')}</Button>
      </Form>
    </Card>
  );
}

/** The community's needs, each with its places and the member's claim. */
function Needs() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data } = useQuery(needsQuery());
  const claim = useApiMutation<string>({
    mutationFn: (id) => unwrap(gz.POST('/api/v1/party/needs/{id}/claim', { params: { path: { id } } })),
    invalidates: [partyKeys.all], onSuccess: () => void message.success(t('party.me.claimOk')),
  });
  return (
    <Card title={t('party.me.needs')} style={{ marginBottom: 16 }} data-testid="party-needs">
      {data && data.length === 0 ? <Empty description={t('party.me.noNeeds')} /> : (
        <List dataSource={data ?? []} renderItem={(n) => (
          <List.Item data-testid="party-need" data-need={n.id} actions={[
            n.mine
              ? <Tag color={n.mine.state === 'done' ? 'success' : 'processing'} key="m">{t(n.mine.state === 'done' ? 'party.me.done' : 'party.me.claimed')}</Tag>
              : <Button key="c" type="primary" disabled={n.claimed >= n.places} loading={claim.isPending && claim.variables === n.id}
                onClick={() => claim.mutate(n.id)} data-testid="party-claim">{n.claimed >= n.places ? t('party.me.full') : t('party.me.claim')}</Button>,
          ]}>
            <List.Item.Meta title={<Space wrap><span>{n.title}</span><Tag>{t(`party.kind.${n.kind}`)}</Tag></Space>}
              description={<>{n.when} · {t('party.me.places', { claimed: n.claimed, places: n.places })}{n.description && <div>{n.description}</div>}</>} />
          </List.Item>
        )} />
      )}
    </Card>
  );
}

/** /party — a party member's page: report, the service card, the needs to claim, 1112 progress and points. */
export default function PartyMemberPage() {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(myPartyQuery());
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const r = data.report;
  const pct = Math.min(100, Math.floor((data.progress.done * 100) / Math.max(1, data.progress.target)));
  return (
    <div className="gz-report" data-testid="party-member-page" style={{ maxWidth: 720 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('party.me.title')}</Typography.Title>
      {r?.state === 'returned' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('party.me.returned', { reason: r.returnReason ?? '' })} data-testid="party-returned" />}
      {(!r || r.state === 'returned') && <ReportForm last={r ?? undefined} />}
      {r?.state === 'submitted' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('party.me.submitted')} data-testid="party-submitted" />}
      {r?.state === 'confirmed' && r.cardNo && (
        <>
          <PartyCard name={r.name} cardNo={r.cardNo} community={r.communityName} />
          <Card title={t('party.me.progress', { year: data.year })} style={{ marginBottom: 16 }}>
            <Typography.Text strong style={{ fontSize: '1.2em' }} data-testid="party-progress">{t('party.me.progressText', { done: data.progress.done, target: data.progress.target })}</Typography.Text>
            <Progress percent={pct} showInfo={false} strokeColor="#c41d1d" aria-label={t('party.me.progressText', { done: data.progress.done, target: data.progress.target })} />
          </Card>
          <Needs />
          <Card title={t('party.me.points', { year: data.year })} extra={<Typography.Text strong data-testid="party-points">{data.points}</Typography.Text>}>
            {data.entries.length === 0 ? <Empty description={t('party.me.noEntries')} /> : (
              <List size="small" dataSource={data.entries} renderItem={(e) => (
                <List.Item extra={<Typography.Text type={e.points < 0 ? 'danger' : 'success'}>{e.points > 0 ? `+${e.points}` : e.points}</Typography.Text>}>
                  <List.Item.Meta title={`${e.ruleLabel} · ${e.reason}`} description={formatMinute(e.createdAt)} />
                </List.Item>
              )} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
