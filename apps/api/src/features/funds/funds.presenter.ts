import { sql } from 'drizzle-orm';
import type { ExpenseView, FundDetail, FundSummary, TransactionView } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { abilities } from '../../platform/authz/authorize.ts';
import { attachmentsById, type FundListRow, type TxRow } from './funds.repository.ts';
import { BANK } from './funds.ledger.ts';

/** A fund as lists show it: balances as fen strings (bigint never goes through a float). */
export function presentFund(f: FundListRow): FundSummary {
  return {
    id: f.id, code: f.code, name: f.name, kind: f.kind as FundSummary['kind'], year: f.year,
    region: { id: f.regionId, name: f.regionName, code: f.regionPath },
    balanceFen: f.bankBalance.toString(), inflowFen: f.inflow.toString(), outflowFen: f.outflow.toString(),
  };
}

/** A fund's public page head: balance, months and accounts, and what the viewer may do on it. */
export async function presentFundDetail(db: DbOrTx, f: FundListRow, actor: Actor | null): Promise<FundDetail> {
  return {
    ...presentFund(f),
    months: f.months.map((m) => ({ month: m.month, inflowFen: m.debit, outflowFen: m.credit, count: m.count })),
    accounts: f.accounts.map((a) => ({ name: a.name, balanceFen: a.balance })),
    abilities: actor ? abilities(actor, ['fund.manage', 'fund.approve', 'fund.answer', 'fund.ask'] as const, { regionPath: f.regionPath }) : [],
  };
}

/**
 * Transactions with their postings, receipts and questions. Anonymous donors' names were never
 * stored; the preparer and approver are staff acting in office and shown by name.
 */
export async function presentTransactions(db: DbOrTx, rows: TxRow[]): Promise<TransactionView[]> {
  const cited = (r: TxRow) => (Array.isArray(r.details?.attachmentIds) ? (r.details!.attachmentIds as string[]) : []);
  const files = await attachmentsById(db, rows.flatMap(cited));
  return rows.map((r) => {
    const bank = r.postings.filter((p) => p.account === BANK).reduce((a, p) => a + p.amount, 0n);
    const own = cited(r);
    return {
      id: r.id, kind: r.kind, memo: r.memo, project: r.project, counterparty: r.anonymous ? null : r.counterparty, anonymous: r.anonymous,
      receiptNo: r.receiptNo, occurredOn: r.occurredOn, amountFen: r.amount.toString(), direction: bank >= 0n ? 'in' : 'out',
      reversesId: r.reversesId, reversedById: r.reversedById, preparedBy: r.createdByName, approvedBy: r.approvedByName,
      createdAt: r.createdAt.toISOString(),
      postings: r.postings.map((p) => ({ account: p.account, amountFen: p.amount.toString() })),
      attachments: files.filter((f) => own.includes(f.id)).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })),
      questions: r.questions,
    };
  });
}

/** Expenses of a fund, pending first, for the staff who prepare and approve them. */
export async function presentExpenses(db: DbOrTx, fundId: string): Promise<ExpenseView[]> {
  const rows = (await db.execute<{ id: string; amount: string; category: string; project: string; payee: string; reason: string; state: ExpenseView['state'];
    prepared_by: string; prepared_by_name: string; attachment_ids: string[]; transaction_id: string | null; created_at: Date }>(sql`
    SELECT id, amount, category, project, payee, reason, state, prepared_by, prepared_by_name, attachment_ids, transaction_id, created_at
    FROM fund_expenses WHERE fund_id = ${fundId} ORDER BY (state = 'pending') DESC, created_at DESC LIMIT 200`)).rows;
  const files = await attachmentsById(db, rows.flatMap((r) => r.attachment_ids));
  return rows.map((r) => ({
    id: r.id, amountFen: r.amount, category: r.category, project: r.project, payee: r.payee, reason: r.reason, state: r.state,
    preparedBy: r.prepared_by_name, preparedById: r.prepared_by, transactionId: r.transaction_id, createdAt: new Date(r.created_at).toISOString(),
    attachments: files.filter((f) => r.attachment_ids.includes(f.id)).map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })),
  }));
}
