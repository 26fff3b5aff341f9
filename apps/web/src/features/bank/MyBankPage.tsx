import { useState } from 'react';
import { Button, Card, Empty, Form, Input, InputNumber, List, Progress, Space, Spin, Statistic, Tag, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { PageError } from '../../components/PageError.tsx';
import { bankKeys, catalogueQuery, myBankQuery, myOrdersQuery } from './bank.queries.ts';

/**
 * /my-bank: a resident's charity points on the phone — balance and unlock progress, what they can
 * exchange, their orders (confirm receipt), giving to a relative, donating, and the history.
 * One column of big cards, so it reads the same in elder mode.
 */
export default function MyBankPage() {
  const { t } = useTranslation();
  const me = useQuery(myBankQuery());
  const items = useQuery(catalogueQuery());
  const orders = useQuery(myOrdersQuery());
  const [modal, setModal] = useState<'give' | 'donate' | null>(null);
  const all = [bankKeys.all];
  const order = useApiMutation({ mutationFn: (itemId: string) => unwrap(gz.POST('/api/v1/bank/orders', { body: { itemId } })), invalidates: all, onSuccess: () => void message.success(t('bank.catalogue.ordered')) });
  const confirm = useApiMutation({ mutationFn: (id: string) => unwrap(gz.POST('/api/v1/bank/orders/{id}/confirm', { params: { path: { id } } })), invalidates: all });
  const cancel = useApiMutation({ mutationFn: (id: string) => unwrap(gz.POST('/api/v1/bank/orders/{id}/cancel', { params: { path: { id } } })), invalidates: all });
  if (me.error) return <PageError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Spin />;
  const m = me.data;
  return (
    <div className="gz-report" data-testid="my-bank">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('bank.my.title')}</Typography.Title>
      <Card>
        <Statistic title={t('bank.my.balance')} value={m.balance} data-testid="bank-balance" />
        <Typography.Paragraph type="secondary">{t('bank.my.cap', { cap: m.cap })} · {t(`bank.my.expiry.${m.expiry}`)}</Typography.Paragraph>
        {m.unlocked ? <Tag color="green">{t('bank.my.unlocked')}</Tag> : (
          <>
            <Progress percent={Math.min(100, Math.floor((m.earnedMinutes * 100) / Math.max(1, m.unlockMinutes)))}
              aria-label={t('bank.my.unlock', { done: Math.floor(m.earnedMinutes / 60), hours: Math.floor(m.unlockMinutes / 60) })} />
            <Typography.Text>{t('bank.my.unlock', { done: Math.floor(m.earnedMinutes / 60), hours: Math.floor(m.unlockMinutes / 60) })}</Typography.Text>
          </>
        )}
        <Space wrap style={{ marginTop: 12 }}>
          <Button size="large" onClick={() => setModal('give')} data-testid="bank-give">{t('bank.my.give')}</Button>
          <Button size="large" onClick={() => setModal('donate')} data-testid="bank-donate">{t('bank.my.donate')}</Button>
        </Space>
      </Card>

      <Card title={t('bank.catalogue.title')} style={{ marginTop: 16 }}>
        {items.error && <PageError error={items.error} onRetry={() => void items.refetch()} />}
        <List dataSource={items.data ?? []} loading={!items.data && !items.error} locale={{ emptyText: <Empty description={t('bank.catalogue.empty')} /> }}
          renderItem={(i) => (
            <List.Item data-testid={`bank-item-${i.title}`} actions={[
              <Button key="o" type="primary" size="large" disabled={i.stock < 1 || !m.unlocked} loading={order.isPending && order.variables === i.id}
                onClick={() => order.mutate(i.id)} data-testid="bank-order">{t('bank.catalogue.order')}</Button>,
            ]}>
              <List.Item.Meta title={`${i.title} · ${t('bank.catalogue.price', { n: i.price })}`} description={`${i.provider} · ${i.office} · ${t('bank.catalogue.stock', { n: i.stock })}`} />
            </List.Item>
          )} />
      </Card>

      <Card title={t('bank.orders.title')} style={{ marginTop: 16 }}>
        <List dataSource={orders.data ?? []} loading={!orders.data && !orders.error} locale={{ emptyText: <Empty description={t('bank.orders.empty')} /> }}
          renderItem={(o) => (
            <List.Item data-testid={`bank-my-order-${o.title}`} actions={[
              o.state === 'fulfilled' && <Button key="c" type="primary" size="large" loading={confirm.isPending} onClick={() => confirm.mutate(o.id)} data-testid="bank-confirm">{t('bank.orders.confirm')}</Button>,
              o.state === 'ordered' && <Button key="x" size="large" loading={cancel.isPending} onClick={() => cancel.mutate(o.id)}>{t('bank.orders.cancel')}</Button>,
            ].filter(Boolean)}>
              <List.Item.Meta title={`${o.title} · ${t('bank.catalogue.price', { n: o.price })}`} description={<Tag data-testid="bank-order-state">{t(`bank.orders.state.${o.state}`)}</Tag>} />
            </List.Item>
          )} />
      </Card>

      <Card title={t('bank.my.history')} style={{ marginTop: 16 }}>
        <List dataSource={m.history} locale={{ emptyText: <Empty description={t('bank.my.noHistory')} /> }}
          renderItem={(h) => (
            <List.Item extra={<Typography.Text strong type={h.change?.startsWith('-') ? 'danger' : 'success'}>{h.change?.startsWith('-') ? h.change : `+${h.change}`}</Typography.Text>}>
              <List.Item.Meta title={t(`bank.kind.${h.kind}`)} description={`${h.memo} · ${new Date(h.createdAt).toLocaleString()}`} />
            </List.Item>
          )} />
      </Card>

      {modal === 'give' && (
        <ModalForm<{ toPersonId: string; points: number; note?: string }> title={t('bank.my.give')} testId="bank-give-form" invalidates={all}
          submit={(v) => unwrap(gz.POST('/api/v1/bank/me/gifts', { body: v }))} onDone={() => { setModal(null); void message.success(t('bank.my.done')); }} onClose={() => setModal(null)}>
          <Form.Item name="toPersonId" label={t('bank.my.giveTo')} rules={[{ required: true }]}><Input size="large" /></Form.Item>
          <Form.Item name="points" label={t('bank.my.points')} rules={[{ required: true }]}><InputNumber size="large" min={1} precision={0} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="note" label={t('bank.my.note')}><Input size="large" maxLength={200} /></Form.Item>
        </ModalForm>
      )}
      {modal === 'donate' && (
        <ModalForm<{ points: number }> title={t('bank.my.donate')} intro={t('bank.my.donateHint')} testId="bank-donate-form" invalidates={all}
          submit={(v) => unwrap(gz.POST('/api/v1/bank/me/donations', { body: v }))} onDone={() => { setModal(null); void message.success(t('bank.my.done')); }} onClose={() => setModal(null)}>
          <Form.Item name="points" label={t('bank.my.points')} rules={[{ required: true }]}><InputNumber size="large" min={1} precision={0} style={{ width: '100%' }} /></Form.Item>
        </ModalForm>
      )}
    </div>
  );
}
