import { useState } from 'react';
import { App, Button, Empty, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute, todayInChina } from '../../components/time.ts';
import { partyKeys, pointsQuery, progressQuery } from './party.queries.ts';

/** A year picker: this year and the four before it (the cycle is January–December, China time). */
export function YearSelect({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  const { t } = useTranslation();
  const now = todayInChina().year();
  return <Select aria-label={t('party.staff.year')} value={value} onChange={onChange} style={{ width: 120 }}
    options={[0, 1, 2, 3, 4].map((d) => ({ value: now - d, label: String(now - d) }))} />;
}

/** 1112 progress of a year: per member (done/target) and per party organisation. */
export function PartyProgressTab() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => todayInChina().year());
  const { data, error, refetch } = useQuery(progressQuery(year));
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}><YearSelect value={year} onChange={setYear} /></Space>
      <Typography.Title level={5}>{t('party.staff.byBranch')}</Typography.Title>
      <Table size="small" rowKey="branch" pagination={false} dataSource={data?.branches ?? []} data-testid="party-branches" columns={[
        { key: 'b', title: t('party.staff.branch'), dataIndex: 'branch' },
        { key: 'm', title: t('party.staff.members'), dataIndex: 'members' },
        { key: 'o', title: t('party.staff.onTrack'), dataIndex: 'onTrack' },
        { key: 'h', title: t('party.staff.behind'), dataIndex: 'behind' },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('party.staff.byMember')}</Typography.Title>
      <Table size="small" rowKey="reportId" pagination={false} dataSource={data?.members ?? []} data-testid="party-members" scroll={{ x: true }} columns={[
        { key: 'n', title: t('party.staff.name'), dataIndex: 'name' },
        { key: 'b', title: t('party.staff.branch'), dataIndex: 'branch' },
        { key: 'd', title: t('party.staff.doneOfTarget'), render: (_, m) => <span data-testid="party-member-done">{m.done}/{m.target}</span> },
        { key: 's', title: '', render: (_, m) => <Tag color={m.onTrack ? 'success' : 'warning'}>{t(m.onTrack ? 'party.staff.onTrack' : 'party.staff.behind')}</Tag> },
        { key: 'p', title: t('party.staff.points'), dataIndex: 'points' },
      ]} />
    </>
  );
}

/** Points entries of a year; the secretary records catalogue rules and reverses mistakes. */
export function PartyPointsTab({ mayRecord }: { mayRecord: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState(() => todayInChina().year());
  const [adding, setAdding] = useState(false);
  const { data, error, refetch } = useQuery(pointsQuery(year));
  const members = useQuery(progressQuery(year)).data?.members ?? [];
  const reverse = useApiMutation<string>({
    mutationFn: (id) => unwrap(gz.POST('/api/v1/party/point-entries/{id}/reverse', { params: { path: { id } }, body: { reason: t('party.staff.reverse') } })),
    invalidates: [partyKeys.all], onSuccess: () => void message.success(t('party.staff.reversed')),
  });
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  const reversed = new Set((data?.entries ?? []).flatMap((e) => (e.reversesId ? [e.reversesId] : [])));
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <YearSelect value={year} onChange={setYear} />
        {mayRecord && <Button type="primary" onClick={() => setAdding(true)} data-testid="party-points-add">{t('party.staff.record')}</Button>}
      </Space>
      {data && data.entries.length === 0 ? <Empty /> : (
        <Table size="small" rowKey="id" pagination={false} dataSource={data?.entries ?? []} scroll={{ x: true }} data-testid="party-entries" columns={[
          { key: 'n', title: t('party.staff.member'), dataIndex: 'name' },
          { key: 'r', title: t('party.staff.rule'), render: (_, e) => `${e.ruleLabel}${e.reversesId ? ` (${t('party.staff.reverse')})` : ''}` },
          { key: 'p', title: t('party.staff.entryPoints'), render: (_, e) => <Typography.Text type={e.points < 0 ? 'danger' : 'success'}>{e.points > 0 ? `+${e.points}` : e.points}</Typography.Text> },
          { key: 'why', title: t('party.staff.reason'), dataIndex: 'reason' },
          { key: 'by', title: t('party.staff.recordedBy'), render: (_, e) => `${e.recordedBy} · ${formatMinute(e.createdAt)}` },
          { key: 'a', title: '', render: (_, e) => mayRecord && !e.reversesId && !reversed.has(e.id) && (
            <Popconfirm title={t('party.staff.reverse')} onConfirm={() => reverse.mutate(e.id)}><Button size="small">{t('party.staff.reverse')}</Button></Popconfirm>
          ) },
        ]} />
      )}
      {adding && (
        <ModalForm<{ reportId: string; rule: string; reason: string }> title={t('party.staff.record')} onClose={() => setAdding(false)} invalidates={[partyKeys.all]} testId="party-points-form"
          submit={(v) => unwrap(gz.POST('/api/v1/party/points', { body: v }))}
          onDone={() => { void message.success(t('party.staff.recorded')); setAdding(false); }}>
          <Form.Item name="reportId" label={t('party.staff.member')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={members.map((m) => ({ value: m.reportId, label: `${m.name} · ${m.branch}` }))} />
          </Form.Item>
          <Form.Item name="rule" label={t('party.staff.rule')} rules={[{ required: true }]}>
            <Select options={(data?.catalogue ?? []).map((r) => ({ value: r.code, label: `${r.label} (${r.points > 0 ? '+' : ''}${r.points})` }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('party.staff.reason')} rules={[{ required: true, whitespace: true, max: 300 }]}><Input /></Form.Item>
        </ModalForm>
      )}
    </>
  );
}

