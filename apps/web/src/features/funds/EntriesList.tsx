import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Empty, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FundDetail, TransactionView } from '@gongzhi/contracts';
import { api } from '../../api/client.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { useSession } from '../../shell/session.tsx';
import { accountLabel, yuan } from './money.ts';
import { QuestionsBlock } from './QuestionsBlock.tsx';

/** Props of {@link EntriesList}. */
export interface EntriesListProps {
  fund: FundDetail;
  /** Bumped after a change, to load the first page again. */
  version: number;
  onChanged: () => void;
}

/**
 * A fund's entries, newest first, a page at a time by keyset ("load more"), filtered by month:
 * purpose, who paid or was paid (never an anonymous donor), preparer and approver, receipts, the
 * postings, the questions residents asked and the answers. Staff reverse an entry from here.
 */
export function EntriesList({ fund, version, onChanged }: EntriesListProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const { session } = useSession();
  const [items, setItems] = useState<TransactionView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [month, setMonth] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [reversing, setReversing] = useState<TransactionView | null>(null);
  const [reason, setReason] = useState('');
  const base = `/api/v1/public/funds/${fund.code}/transactions`;

  const load = useCallback(async (after: string | null) => {
    setLoading(true);
    try {
      const page = await api.get<{ items: TransactionView[]; nextCursor: string | null }>(base, { cursor: after, month, limit: 20 });
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      notify(e);
    } finally {
      setLoading(false);
    }
  }, [base, month, notify]);

  useEffect(() => { void load(null); }, [load, version]);

  const mayManage = fund.abilities.includes('fund.manage');
  const reverse = async () => {
    if (!reversing || !reason.trim()) return;
    try {
      await api.post(`/api/v1/funds/${fund.id}/transactions/${reversing.id}/reverse`, { reason: reason.trim() });
      void message.success(t('funds.ops.saved'));
      setReversing(null);
      setReason('');
      onChanged();
    } catch (e) {
      notify(e);
    }
  };

  return (
    <div data-testid="fund-entries">
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('funds.fund.allMonths')} style={{ width: 160 }} value={month} onChange={setMonth}
          options={fund.months.map((m) => ({ value: m.month, label: m.month }))} data-testid="entries-month" />
      </Space>
      <List
        loading={loading && items.length === 0}
        locale={{ emptyText: <Empty /> }}
        dataSource={items}
        renderItem={(e) => (
          <List.Item key={e.id} data-testid={`entry-${e.id}`} data-kind={e.kind}
            actions={mayManage && e.kind !== 'reversal' && !e.reversedById
              ? [<Button key="rev" size="small" danger onClick={() => setReversing(e)} data-testid="entry-reverse">{t('funds.ops.reverse')}</Button>]
              : []}>
            <List.Item.Meta
              title={(
                <Space wrap>
                  <Typography.Text type="secondary">{e.occurredOn}</Typography.Text>
                  <Tag color={e.direction === 'in' ? 'green' : 'volcano'}>{t(`funds.ledgerKind.${e.kind}`)}</Tag>
                  <Typography.Text strong data-testid="entry-amount">{e.direction === 'in' ? '+' : '−'}{yuan(e.amountFen)}</Typography.Text>
                  <span data-testid="entry-memo">{e.memo}</span>
                  {e.reversedById && <Tag data-testid="entry-reversed">{t('funds.fund.reversed')}</Tag>}
                </Space>
              )}
              description={(
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <span>
                    {e.anonymous ? t('funds.fund.anonymous') : e.counterparty ?? ''}
                    {e.project ? ` · ${e.project}` : ''}
                    {` · ${t('funds.fund.preparedBy')} ${e.preparedBy}`}
                    {e.approvedBy ? ` · ${t('funds.fund.approvedBy')} ${e.approvedBy}` : ''}
                    {e.receiptNo && <> · <Link to={`/public/funds/${fund.code}/entries/${e.id}`} data-testid="entry-receipt">{t('funds.fund.receipt')} {e.receiptNo}</Link></>}
                    {e.kind === 'dividend' && <> · <Link to={`/public/funds/${fund.code}/entries/${e.id}`}>{t('funds.ops.statementLines')}</Link></>}
                  </span>
                  {e.kind === 'expense' && (
                    <span data-testid="entry-attachments">
                      {t('funds.fund.attachments')}：{e.attachments.length === 0 ? t('funds.fund.noAttachments') : e.attachments.map((a) => (
                        <a key={a.id} href={`/api/v1/public/funds/${fund.code}/attachments/${a.id}`} target="_blank" rel="noreferrer" style={{ marginRight: 8 }}>{a.filename}</a>
                      ))}
                    </span>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.postings.map((p) => `${accountLabel(p.account, t as (k: string) => string)} ${BigInt(p.amountFen) > 0n ? '+' : '−'}${yuan(BigInt(p.amountFen) < 0n ? -BigInt(p.amountFen) : BigInt(p.amountFen))}`).join('；')}
                  </Typography.Text>
                  <QuestionsBlock fund={fund} entry={e} signedIn={Boolean(session)} onChanged={() => void load(null)} />
                </Space>
              )}
            />
          </List.Item>
        )}
      />
      {cursor && <Button onClick={() => void load(cursor)} loading={loading} data-testid="entries-more">{t('funds.fund.more')}</Button>}
      <Modal open={Boolean(reversing)} title={t('funds.ops.reverse')} onCancel={() => setReversing(null)} onOk={() => void reverse()}
        okButtonProps={{ disabled: !reason.trim(), ...{ 'data-testid': 'reverse-confirm' } }}>
        <Typography.Paragraph>{reversing?.memo} {reversing && yuan(reversing.amountFen)}</Typography.Paragraph>
        <Input.TextArea value={reason} onChange={(ev) => setReason(ev.target.value)} placeholder={t('funds.ops.reverseReason')} data-testid="reverse-reason" />
      </Modal>
    </div>
  );
}
