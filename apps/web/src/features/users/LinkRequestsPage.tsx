import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { RELATIONS } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import type { ApiAnswer } from '../../api/types.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { linkKeys, linkRequestsQuery } from './users.queries.ts';

type LinkRequest = ApiAnswer<'/api/v1/account-links', 'get'>['items'][number];
type State = LinkRequest['state'];

/** Searches residents or households in the user's area as they type, for the approve dialog. */
function useSearch(kind: 'residents' | 'households', q: string) {
  return useQuery({
    queryKey: ['account-links', 'search', kind, q],
    enabled: q.length > 0,
    queryFn: async ({ signal }) => kind === 'residents'
      ? (await unwrap(gz.GET('/api/v1/residents', { params: { query: { q, limit: 20, offset: 0 } }, signal }))).items.map((r) => ({ value: r.id, label: `${r.name} · ${r.idNumber ?? ''} · ${r.regionName ?? ''}` }))
      : (await unwrap(gz.GET('/api/v1/households', { params: { query: { q, limit: 20, offset: 0 } }, signal }))).items.map((h) => ({ value: h.id, label: `${h.address}${h.head ? ` · ${h.head}` : ''}` })),
  });
}

interface ApproveValues { mode: 'existing' | 'create'; residentId?: string; householdId?: string; relation?: string }

function ApproveModal({ req, onClose }: { req: LinkRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApproveValues>();
  const mode = Form.useWatch('mode', form) ?? 'existing';
  const [q, setQ] = useState('');
  const options = useSearch(mode === 'existing' ? 'residents' : 'households', q);
  const submit = (v: ApproveValues) => unwrap(gz.POST('/api/v1/account-links/{id}/approve', {
    params: { path: { id: req.id } },
    body: v.mode === 'existing' ? { residentId: v.residentId! } : { householdId: v.householdId!, relation: v.relation! },
  }));
  const select = (name: 'residentId' | 'householdId', placeholder: string, message: string) => (
    <Form.Item name={name} label={t(name === 'residentId' ? 'users.links.resident' : 'users.links.household')} rules={[{ required: true, message }]}>
      <Select showSearch filterOption={false} onSearch={(v) => setQ(v.trim())} placeholder={placeholder} aria-label={placeholder} loading={options.isFetching}
        options={options.data ?? []} notFoundContent={null} data-testid={`link-approve-${name}`} />
    </Form.Item>
  );
  return (
    <ModalForm<ApproveValues> title={t('users.links.approveTitle', { name: req.name })} form={form} onClose={onClose} submit={submit} onDone={onClose}
      invalidates={[linkKeys.all]} initialValues={{ mode: 'existing' }} testId="link-approve-form" errorTestId="link-approve-error">
      <Form.Item name="mode" label={t('users.links.mode')}>
        <Radio.Group onChange={() => setQ('')} options={[
          { value: 'existing', label: t('users.links.modeExisting') }, { value: 'create', label: t('users.links.modeCreate') },
        ]} />
      </Form.Item>
      {mode === 'existing' ? select('residentId', t('users.links.residentSearch'), t('users.links.residentRequired')) : (
        <>
          {select('householdId', t('users.links.householdSearch'), t('users.links.householdRequired'))}
          <Form.Item name="relation" label={t('users.links.relation')} rules={[{ required: true, message: t('users.links.relationRequired') }]}>
            <Select options={RELATIONS.map((r) => ({ value: r, label: t(`common.relation.${r}`) }))} data-testid="link-approve-relation" />
          </Form.Item>
        </>
      )}
    </ModalForm>
  );
}

function RejectModal({ req, onClose }: { req: LinkRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const submit = (v: { reason: string }) => unwrap(gz.POST('/api/v1/account-links/{id}/reject', { params: { path: { id: req.id } }, body: { reason: v.reason.trim() } }));
  return (
    <ModalForm<{ reason: string }> title={t('users.links.rejectTitle', { name: req.name })} onClose={onClose} submit={submit} onDone={onClose}
      invalidates={[linkKeys.all]} intro={t('users.links.rejectIntro')} okButtonProps={{ danger: true }} okText={t('users.links.reject')} testId="link-reject-form">
      <Form.Item name="reason" label={t('users.links.rejectReason')} rules={[{ required: true, whitespace: true, message: t('users.links.rejectReasonRequired') }]}>
        <Input.TextArea maxLength={500} rows={3} data-testid="link-reject-reason" />
      </Form.Item>
    </ModalForm>
  );
}

/** 注册核对: sign-ups the register did not recognise, for the community's workers to link, create or reject. */
export default function LinkRequestsPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>('pending');
  const [offset, setOffset] = useState(0);
  const [approving, setApproving] = useState<LinkRequest | null>(null);
  const [rejecting, setRejecting] = useState<LinkRequest | null>(null);
  const limit = 20;
  const list = useQuery(linkRequestsQuery({ state, limit, offset }));
  const columns: TableColumnsType<LinkRequest> = [
    { key: 'name', title: t('users.links.name'), dataIndex: 'name' },
    { key: 'phone', title: t('users.links.phone'), dataIndex: 'phoneMasked' },
    { key: 'id', title: t('users.links.idNumber'), render: (r: LinkRequest) => r.idMasked ?? '—' },
    { key: 'community', title: t('users.links.community'), render: (r: LinkRequest) => r.communityName ?? '—' },
    { key: 'reason', title: t('users.links.reasonCol'), render: (r: LinkRequest) => t(`users.links.reason.${r.reason as 'no_match'}`) },
    { key: 'at', title: t('users.links.createdAt'), render: (r: LinkRequest) => new Date(r.createdAt).toLocaleString() },
  ];
  if (state === 'pending') {
    columns.push({
      key: 'actions', title: t('common.field.actions'),
      render: (r: LinkRequest) => (
        <Space wrap>
          <Button size="small" type="primary" onClick={() => setApproving(r)} data-testid="link-approve">{t('users.links.approve')}</Button>
          <Button size="small" danger onClick={() => setRejecting(r)} data-testid="link-reject">{t('users.links.reject')}</Button>
        </Space>
      ),
    });
  }
  return (
    <div data-testid="link-requests-page">
      <Typography.Title level={3}>{t('users.links.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('users.links.intro')}</Typography.Paragraph>
      <Segmented<State> value={state} onChange={(s) => { setState(s); setOffset(0); }} style={{ marginBottom: 12 }} data-testid="link-state"
        options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`users.links.state.${s}`) }))} />
      {list.error && <Alert type="error" showIcon title={String((list.error as Error).message)} />}
      <Table<LinkRequest> rowKey="id" size="middle" scroll={{ x: true }} loading={list.isLoading} columns={columns} dataSource={list.data?.items ?? []}
        pagination={{ current: offset / limit + 1, pageSize: limit, total: list.data?.total ?? 0, onChange: (p) => setOffset((p - 1) * limit) }} />
      {approving && <ApproveModal req={approving} onClose={() => setApproving(null)} />}
      {rejecting && <RejectModal req={rejecting} onClose={() => setRejecting(null)} />}
    </div>
  );
}
