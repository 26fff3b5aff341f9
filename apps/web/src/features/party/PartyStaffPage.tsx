import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PARTY_NEED_CATEGORIES, PARTY_NEED_KINDS } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { useSession } from '../../shell/session.tsx';
import { needsQuery, partyKeys, reportsQuery } from './party.queries.ts';
import { PartyPointsTab, PartyProgressTab } from './PartyStaffTabs.tsx';
import { PartyFeedbackTab, PartyRankingsTab } from './PartyPublishTabs.tsx';

/** Reports awaiting the community, with confirm and return. */
function ReportsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, refetch } = useQuery(reportsQuery());
  const [returning, setReturning] = useState<string | null>(null);
  const confirm = useApiMutation<string>({
    mutationFn: (id) => unwrap(gz.POST('/api/v1/party/reports/{id}/confirm', { params: { path: { id } } })),
    invalidates: [partyKeys.all], onSuccess: () => void message.success(t('party.staff.confirmed')),
  });
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Table size="small" rowKey="id" dataSource={data ?? []} pagination={false} scroll={{ x: true }} data-testid="party-reports" columns={[
        { key: 'n', title: t('party.staff.name'), dataIndex: 'name' },
        { key: 'e', title: t('party.me.employer'), render: (_, r) => <>{r.employer}<br /><Typography.Text type="secondary">{r.employerPartyOrg} · {r.employerPartyContact}</Typography.Text></> },
        { key: 's', title: t('party.me.skills'), dataIndex: 'skills' },
        { key: 't', title: t('party.staff.submittedAt'), render: (_, r) => formatMinute(r.submittedAt) },
        { key: 'st', title: '', render: (_, r) => <Tag color={r.state === 'confirmed' ? 'success' : r.state === 'returned' ? 'warning' : 'processing'}>{t(`party.state.${r.state}`)}</Tag> },
        { key: 'a', title: '', render: (_, r) => r.state === 'submitted' && (
          <Space>
            <Button type="primary" size="small" loading={confirm.isPending && confirm.variables === r.id} onClick={() => confirm.mutate(r.id)} data-testid="party-confirm">{t('party.staff.confirm')}</Button>
            <Button size="small" onClick={() => setReturning(r.id)} data-testid="party-return">{t('party.staff.return')}</Button>
          </Space>
        ) },
      ]} />
      {returning && (
        <ModalForm<{ reason: string }> title={t('party.staff.return')} onClose={() => setReturning(null)} invalidates={[partyKeys.all]}
          submit={(v) => unwrap(gz.POST('/api/v1/party/reports/{id}/return', { params: { path: { id: returning } }, body: v }))}
          onDone={() => { void message.success(t('party.staff.returnedOk')); setReturning(null); }}>
          <Form.Item name="reason" label={t('party.staff.returnReason')} rules={[{ required: true, whitespace: true, max: 300 }]}><Input.TextArea rows={3} /></Form.Item>
        </ModalForm>
      )}
    </>
  );
}

type NeedValues = { kind: (typeof PARTY_NEED_KINDS)[number]; category: (typeof PARTY_NEED_CATEGORIES)[number]; title: string; description?: string; when: string; places: number };

/** The needs list: publish, see claims, mark a claim done. */
function NeedsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data } = useQuery(needsQuery());
  const [adding, setAdding] = useState(false);
  const done = useApiMutation<string>({
    mutationFn: (id) => unwrap(gz.POST('/api/v1/party/claims/{id}/done', { params: { path: { id } } })),
    invalidates: [partyKeys.all], onSuccess: () => void message.success(t('party.staff.markedDone')),
  });
  return (
    <>
      <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 12 }} data-testid="party-need-add">{t('party.staff.publishNeed')}</Button>
      {data && data.length === 0 && <Empty />}
      {data?.map((n) => (
        <Card key={n.id} size="small" style={{ marginBottom: 12 }} data-testid="party-staff-need" data-need={n.id}
          title={<Space wrap>{n.title}<Tag>{t(`party.kind.${n.kind}`)}</Tag><Tag>{t(`party.category.${n.category}`)}</Tag></Space>}
          extra={t('party.me.places', { claimed: n.claimed, places: n.places })}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{n.when}{n.description && ` · ${n.description}`}</Typography.Paragraph>
          {n.claims.length === 0 ? <Typography.Text type="secondary">{t('party.staff.noClaims')}</Typography.Text> : (
            <Space wrap>
              {n.claims.map((c) => c.state === 'done'
                ? <Tag key={c.id} color="success">{c.name} · {t('party.me.done')}</Tag>
                : <Button key={c.id} size="small" loading={done.isPending && done.variables === c.id} onClick={() => done.mutate(c.id)} data-testid="party-mark-done">{c.name} · {t('party.staff.markDone')}</Button>)}
            </Space>
          )}
        </Card>
      ))}
      {adding && (
        <ModalForm<NeedValues> title={t('party.staff.publishNeed')} onClose={() => setAdding(false)} invalidates={[partyKeys.all]} testId="party-need-form"
          initialValues={{ kind: 'task', category: 'volunteer', places: 2 }}
          submit={(v) => unwrap(gz.POST('/api/v1/party/needs', { body: { ...v, description: v.description ?? '' } }))}
          onDone={() => { void message.success(t('party.staff.published')); setAdding(false); }}>
          <Form.Item name="title" label={t('party.staff.needTitle')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input data-testid="party-need-title" /></Form.Item>
          <Form.Item name="kind" label={t('party.staff.needKind')}><Select options={PARTY_NEED_KINDS.map((k) => ({ value: k, label: t(`party.kind.${k}`) }))} /></Form.Item>
          <Form.Item name="category" label={t('party.staff.needCategory')}><Select options={PARTY_NEED_CATEGORIES.map((k) => ({ value: k, label: t(`party.category.${k}`) }))} /></Form.Item>
          <Form.Item name="when" label={t('party.staff.needWhen')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input data-testid="party-need-when" /></Form.Item>
          <Form.Item name="places" label={t('party.staff.needPlaces')} rules={[{ required: true }]}><InputNumber min={1} max={200} precision={0} /></Form.Item>
          <Form.Item name="description" label={t('party.staff.needDescription')} rules={[{ max: 1000 }]}><Input.TextArea rows={3} /></Form.Item>
        </ModalForm>
      )}
    </>
  );
}

/** /party/manage — the community's party-member work: reports, needs, 1112, points, feedback, the red and black lists. */
export default function PartyStaffPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const items = [
    { key: 'reports', label: t('party.staff.reports'), children: <ReportsTab /> },
    { key: 'needs', label: t('party.staff.needs'), children: <NeedsTab /> },
    { key: 'progress', label: t('party.staff.progress'), children: <PartyProgressTab /> },
    { key: 'points', label: t('party.staff.points'), children: <PartyPointsTab mayRecord={can('party.points')} /> },
    { key: 'feedback', label: t('party.staff.feedback'), children: <PartyFeedbackTab /> },
    ...(can('party.points') ? [{ key: 'rankings', label: t('party.staff.rankings'), children: <PartyRankingsTab /> }] : []),
  ];
  return (
    <div data-testid="party-staff-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('party.staff.title')}</Typography.Title>
      <Tabs items={items} destroyOnHidden />
    </div>
  );
}
