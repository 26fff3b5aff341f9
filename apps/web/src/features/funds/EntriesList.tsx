import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { App, Button, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FundDetail, TransactionView } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { PageError } from '../../components/PageError.tsx';
import { useSession } from '../../shell/session.tsx';
import { accountLabel, yuan } from './money.ts';
import { QuestionsBlock } from './QuestionsBlock.tsx';
import { entriesQuery, fundKeys } from './funds.queries.ts';

/** Props of {@link EntriesList}. */
export interface EntriesListProps {
  fund: FundDetail;
}

/**
 * A fund's entries, newest first, a page at a time by keyset ("load more"), filtered by month:
 * purpose, who paid or was paid (never an anonymous donor), preparer and approver, receipts, the
 * postings, the questions residents asked and the answers. Staff reverse an entry from here.
 */
export function EntriesList({ fund }: EntriesListProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const [month, setMonth] = useState<string | undefined>();
  const [reversing, setReversing] = useState<TransactionView | null>(null);
  const [reverseForm] = Form.useForm<{ reason?: string }>();
  const reason = Form.useWatch('reason', reverseForm) ?? '';
  // Pages by keyset cursor; a write elsewhere on the fund refetches the pages loaded so far.
  const entries = useInfiniteQuery({ ...entriesQuery(fund.code, month), placeholderData: undefined });
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];

  const mayManage = fund.abilities.includes('fund.manage');
  const reverse = (tx: TransactionView, why: string) => unwrap(gz.POST('/api/v1/funds/{id}/transactions/{txId}/reverse', {
    params: { path: { id: fund.id, txId: tx.id } }, body: { reason: why.trim() },
  }));
  const reversed = () => {
    // A reversal waits for a second person's approval, like an expense.
    void message.success(t('funds.ops.reverseSubmitted'));
    setReversing(null);
  };

  return (
    <div data-testid="fund-entries">
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('funds.fund.allMonths')} aria-label={t('funds.fund.allMonths')} style={{ width: 160 }} value={month} onChange={setMonth}
          options={fund.months.map((m) => ({ value: m.month, label: m.month }))} data-testid="entries-month" />
      </Space>
      {entries.error && <PageError error={entries.error} onRetry={() => void entries.refetch()} />}
      <List
        loading={entries.isFetching && items.length === 0}
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
                  {e.originalOn && <Tag data-testid="entry-original-on">{t('funds.fund.lateEntry', { day: e.originalOn })}</Tag>}
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
                  <QuestionsBlock fund={fund} entry={e} signedIn={Boolean(session)} />
                </Space>
              )}
            />
          </List.Item>
        )}
      />
      {entries.hasNextPage && <Button onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage} data-testid="entries-more">{t('funds.fund.more')}</Button>}
      {reversing && (
        <ModalForm<{ reason?: string }> form={reverseForm} title={t('funds.ops.reverse')} onClose={() => setReversing(null)}
          submit={(v) => reverse(reversing, v.reason ?? '')} onDone={reversed} invalidates={[fundKeys.all]}
          okButtonProps={{ disabled: !reason.trim(), ...{ 'data-testid': 'reverse-confirm' } }}
          intro={<Typography.Paragraph>{reversing.memo} {yuan(reversing.amountFen)}</Typography.Paragraph>}>
          <Form.Item name="reason" noStyle>
            <Input.TextArea placeholder={t('funds.ops.reverseReason')} data-testid="reverse-reason" />
          </Form.Item>
        </ModalForm>
      )}
    </div>
  );
}
