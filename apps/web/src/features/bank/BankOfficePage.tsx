import { useState } from 'react';
import { Button, Card, Empty, Form, Input, InputNumber, Space, Statistic, Switch, Table, Tabs, Tag, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { chinaMonth } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { PageError } from '../../components/PageError.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useSession, useSignedIn } from '../../shell/session.tsx';
import { bankKeys, booksQuery, draftQuery, officeItemsQuery, officeOrdersQuery, priorityQuery } from './bank.queries.ts';

/**
 * /bank: the staff side of an office of the charity bank — its catalogue, the orders to hand over,
 * its books (a higher tier sums its subtree), the priority list for donated points and the monthly
 * honour roll. The office follows the region picked (the user's own region first).
 */
export default function BankOfficePage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const [regionId, setRegionId] = useState<string | undefined>(session.grants.find((g) => g.regionId)?.regionId ?? undefined);
  return (
    <div data-testid="bank-office">
      <Typography.Title level={2}>{t('bank.staff.title')}</Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('bank.staff.region')}</span>
        <RegionTreeSelect value={regionId ?? null} onChange={(id) => setRegionId(id)} style={{ minWidth: 280 }} testId="bank-region" />
      </Space>
      {!regionId ? <Empty description={t('bank.staff.pick')} /> : (
        <Tabs items={[
          { key: 'items', label: t('bank.staff.tabs.items'), children: <Items regionId={regionId} /> },
          { key: 'orders', label: t('bank.staff.tabs.orders'), children: <Orders regionId={regionId} /> },
          { key: 'books', label: t('bank.staff.tabs.books'), children: <Books regionId={regionId} /> },
          { key: 'priority', label: t('bank.staff.tabs.priority'), children: <Priority regionId={regionId} /> },
          { key: 'rankings', label: t('bank.staff.tabs.rankings'), children: <Rankings regionId={regionId} /> },
        ]} />
      )}
    </div>
  );
}

function Items({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data, error, refetch } = useQuery(officeItemsQuery(regionId));
  const [adding, setAdding] = useState(false);
  const keys = [bankKeys.office(regionId)];
  const toggle = useApiMutation({ mutationFn: (v: { id: string; active: boolean }) => unwrap(gz.PATCH('/api/v1/bank/items/{id}', { params: { path: { id: v.id } }, body: { active: v.active } })), invalidates: keys });
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <>
      {can('bank.manage') && <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 12 }} data-testid="bank-add-item">{t('bank.staff.addItem')}</Button>}
      <Table rowKey="id" loading={!data} dataSource={data ?? []} pagination={false} scroll={{ x: true }} columns={[
        { title: t('bank.staff.itemTitle'), dataIndex: 'title' },
        { title: t('bank.staff.provider'), dataIndex: 'provider' },
        { title: t('bank.staff.price'), dataIndex: 'price', align: 'right' },
        { title: t('bank.staff.stock'), dataIndex: 'stock', align: 'right' },
        { title: t('bank.staff.limit'), dataIndex: 'perPersonLimit', align: 'right' },
        { title: t('bank.staff.active'), key: 'a', render: (_, i) => <Switch checked={i.active} disabled={!can('bank.manage')} onChange={(active) => toggle.mutate({ id: i.id, active })} /> },
      ]} />
      {adding && (
        <ModalForm<{ provider: string; title: string; description?: string; price: number; stock: number; perPersonLimit: number }> title={t('bank.staff.addItem')} testId="bank-item-form"
          initialValues={{ perPersonLimit: 1, stock: 10 }} invalidates={keys} submit={(v) => unwrap(gz.POST('/api/v1/bank/items', { body: { ...v, regionId, active: true } }))}
          onDone={() => setAdding(false)} onClose={() => setAdding(false)}>
          <Form.Item name="title" label={t('bank.staff.itemTitle')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
          <Form.Item name="provider" label={t('bank.staff.provider')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
          <Form.Item name="description" label={t('bank.staff.description')}><Input.TextArea maxLength={500} /></Form.Item>
          <Form.Item name="price" label={t('bank.staff.price')} rules={[{ required: true }]}><InputNumber min={1} precision={0} /></Form.Item>
          <Form.Item name="stock" label={t('bank.staff.stock')} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name="perPersonLimit" label={t('bank.staff.limit')} rules={[{ required: true }]}><InputNumber min={1} max={100} precision={0} /></Form.Item>
        </ModalForm>
      )}
    </>
  );
}

function Orders({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data, error, refetch } = useQuery(officeOrdersQuery(regionId));
  const keys = [bankKeys.office(regionId)];
  const fulfil = useApiMutation({ mutationFn: (id: string) => unwrap(gz.POST('/api/v1/bank/orders/{id}/fulfil', { params: { path: { id } } })), invalidates: keys });
  const withdraw = useApiMutation({ mutationFn: (id: string) => unwrap(gz.POST('/api/v1/bank/orders/{id}/withdraw', { params: { path: { id } } })), invalidates: keys });
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <Table rowKey="id" loading={!data} dataSource={data ?? []} pagination={false} scroll={{ x: true }} columns={[
      { title: t('bank.staff.itemTitle'), dataIndex: 'title' },
      { title: t('bank.staff.person'), dataIndex: 'person' },
      { title: t('bank.staff.price'), dataIndex: 'price', align: 'right' },
      { title: '', key: 's', render: (_, o) => <Tag>{t(`bank.orders.state.${o.state}`)}</Tag> },
      { title: '', key: 'x', render: (_, o) => o.state === 'ordered' && can('bank.manage') && (
        <Space>
          <Button type="primary" size="small" loading={fulfil.isPending} onClick={() => fulfil.mutate(o.id)} data-testid={`bank-fulfil-${o.title}`}>{t('bank.staff.fulfil')}</Button>
          <Button size="small" loading={withdraw.isPending} onClick={() => withdraw.mutate(o.id)}>{t('bank.staff.withdraw')}</Button>
        </Space>
      ) },
    ]} />
  );
}

function Books({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(booksQuery(regionId));
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  return (
    <>
      <Typography.Title level={4}>{data.office.name} · {t(`bank.staff.tier.${data.office.tier}`)}</Typography.Title>
      <Space wrap size="large">
        <Statistic title={t('bank.staff.outstanding')} value={data.outstanding} />
        {data.accounts.map((a) => <Statistic key={a.kind} title={t(`bank.staff.account.${a.kind as 'pool'}`)} value={a.balance} />)}
      </Space>
      <Table style={{ marginTop: 16 }} rowKey="month" size="small" pagination={false} dataSource={data.months} columns={[
        { title: t('bank.staff.month'), dataIndex: 'month' }, { title: t('bank.staff.issued'), dataIndex: 'issued', align: 'right' },
        { title: t('bank.staff.redeemedCol'), dataIndex: 'redeemed', align: 'right' }, { title: t('bank.staff.expired'), dataIndex: 'expired', align: 'right' },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('bank.staff.recent')}</Typography.Title>
      <Table rowKey="id" size="small" pagination={false} dataSource={data.transactions} scroll={{ x: true }} columns={[
        { title: '', key: 'k', render: (_, x) => t(`bank.kind.${x.kind}`) }, { title: '', dataIndex: 'memo' },
        { title: t('bank.rankings.points'), dataIndex: 'points', align: 'right' }, { title: '', key: 'd', render: (_, x) => new Date(x.createdAt).toLocaleString() },
      ]} />
    </>
  );
}

function Priority({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data, error, refetch } = useQuery(priorityQuery(regionId));
  const [modal, setModal] = useState<'add' | 'give' | null>(null);
  const keys = [bankKeys.office(regionId)];
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  return (
    <>
      {can('bank.manage') && (
        <Space style={{ marginBottom: 12 }}>
          <Button onClick={() => setModal('add')}>{t('bank.staff.addPriority')}</Button>
          <Button type="primary" onClick={() => setModal('give')}>{t('bank.staff.distribute')}</Button>
        </Space>
      )}
      <Table rowKey="id" loading={!data} dataSource={data ?? []} pagination={false} columns={[
        { title: '#', dataIndex: 'position', width: 60 }, { title: t('bank.staff.person'), dataIndex: 'name' },
        { title: t('bank.staff.reason'), dataIndex: 'reason' }, { title: t('bank.staff.received'), dataIndex: 'received', align: 'right' },
      ]} />
      {modal === 'add' && (
        <ModalForm<{ personId: string; reason: string }> title={t('bank.staff.addPriority')} invalidates={keys} initialValues={{ reason: '独居老人' }}
          submit={(v) => unwrap(gz.POST('/api/v1/bank/priority', { body: { ...v, regionId } }))} onDone={() => setModal(null)} onClose={() => setModal(null)}>
          <Form.Item name="personId" label={t('bank.staff.personId')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="reason" label={t('bank.staff.reason')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        </ModalForm>
      )}
      {modal === 'give' && (
        <ModalForm<{ points: number }> title={t('bank.staff.distribute')} invalidates={keys}
          submit={(v) => unwrap(gz.POST('/api/v1/bank/priority/distribute', { body: { ...v, regionId } }))} onDone={() => setModal(null)} onClose={() => setModal(null)}>
          <Form.Item name="points" label={t('bank.my.points')} rules={[{ required: true }]}><InputNumber min={1} precision={0} /></Form.Item>
        </ModalForm>
      )}
    </>
  );
}

/** The previous month: the one staff publish (a month is published once it has ended). */
function lastMonth(): string {
  const [y, m] = chinaMonth(new Date()).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function Rankings({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [month, setMonth] = useState(lastMonth());
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const draft = useQuery({ ...draftQuery(regionId, month), enabled: valid });
  const publish = useApiMutation({ mutationFn: () => unwrap(gz.POST('/api/v1/bank/rankings', { body: { regionId, month } })), invalidates: [bankKeys.rankings], onSuccess: () => void message.success(t('bank.staff.published')) });
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Input value={month} onChange={(e) => setMonth(e.target.value)} style={{ width: 120 }} aria-label={t('bank.staff.month')} />
        {can('bank.manage') && <Button type="primary" disabled={!valid} loading={publish.isPending} onClick={() => publish.mutate()}>{t('bank.staff.publish')}</Button>}
      </Space>
      {draft.error && <PageError error={draft.error} onRetry={() => void draft.refetch()} />}
      <Table rowKey="rank" size="small" pagination={false} dataSource={draft.data?.rows ?? []} columns={[
        { title: t('bank.rankings.rank'), dataIndex: 'rank', width: 70 }, { title: t('bank.rankings.name'), dataIndex: 'name' },
        { title: t('bank.rankings.points'), dataIndex: 'points', align: 'right' },
      ]} />
    </Card>
  );
}
