import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ExpenseView, LedgerKind } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { fundAttachments, funds } from './funds.table.ts';
import { regionNameOf } from '../org/region.service.ts';

/** A fund with its region, bank movements by month and account balances, as lists and pages show it. */
export interface FundListRow {
  id: string; code: string; name: string; kind: string; year: number | null; regionPath: string;
  regionId: string; regionName: string; bankBalance: bigint; inflow: bigint; outflow: bigint;
  /** Newest first; amounts as fen strings. */
  months: { month: string; debit: string; credit: string; count: number }[];
  accounts: { name: string; balance: string }[];
}

/**
 * One query for the whole head of a fund's page: everything comes from the per-month totals kept
 * beside the postings, so its cost does not grow with the number of postings.
 */
// The region's name from org, in the same statement.
const FUND_COLUMNS = sql`f.id, f.code, f.name, f.kind, f.year, f.region_path, f.region_id, ${regionNameOf(sql.raw('f.region_id'))} AS region_name, f.bank_balance,
  (SELECT json_agg(x ORDER BY x.month DESC) FROM (
     SELECT to_char(m.month, 'YYYY-MM') AS month, sum(m.debit)::text AS debit, sum(m.credit)::text AS credit, sum(m.count)::int AS count
     FROM fund_month_totals m JOIN fund_accounts a ON a.id = m.account_id WHERE m.fund_id = f.id AND a.type = 'assets' GROUP BY m.month) x) AS months,
  (SELECT json_agg(y ORDER BY y.name) FROM (
     SELECT a.name, COALESCE(sum(m.debit - m.credit), 0)::text AS balance
     FROM fund_accounts a LEFT JOIN fund_month_totals m ON m.account_id = a.id WHERE a.fund_id = f.id GROUP BY a.name) y) AS accounts`;

/** A row of FUND_COLUMNS as PostgreSQL sends it (bigint as text, JSON aggregates parsed). */
type FundSqlRow = {
  id: string; code: string; name: string; kind: string; year: number | null; region_path: string; region_id: string; region_name: string;
  bank_balance: string; months: FundListRow['months'] | null; accounts: FundListRow['accounts'] | null;
};

function toFund(r: FundSqlRow): FundListRow {
  const months = r.months ?? [];
  return {
    id: r.id, code: r.code, name: r.name, kind: r.kind, year: r.year,
    regionPath: r.region_path, regionId: r.region_id, regionName: r.region_name,
    bankBalance: BigInt(r.bank_balance),
    inflow: months.reduce((a, m) => a + BigInt(m.debit), 0n), outflow: months.reduce((a, m) => a + BigInt(m.credit), 0n),
    months, accounts: r.accounts ?? [],
  };
}

/**
 * Every fund, or the one with `code`, ordered by region then code. Unscoped on purpose: the
 * disclosure pages show every fund to everyone.
 */
export async function selectFunds(db: DbOrTx, f: { code?: string } = {}): Promise<FundListRow[]> {
  const res = await db.execute<FundSqlRow>(sql`
    SELECT ${FUND_COLUMNS} FROM funds f ${f.code !== undefined ? sql`WHERE f.code = ${f.code}` : sql``} ORDER BY f.region_path, f.code`);
  return res.rows.map(toFund);
}

/** The id of a fund by its public code. */
export async function fundIdByCode(db: DbOrTx, code: string): Promise<string | undefined> {
  const [f] = await db.select({ id: funds.id }).from(funds).where(eq(funds.code, code));
  return f?.id;
}

/** A ledger transaction row as read back. */
export interface TxRow {
  id: string; fundId: string; kind: LedgerKind; memo: string; project: string | null; counterparty: string | null;
  anonymous: boolean; receiptNo: string | null; occurredOn: string; originalOn: string | null; amount: bigint; reversesId: string | null;
  createdBy: string | null; createdByName: string; approvedByName: string | null; details: Record<string, unknown> | null;
  createdAt: Date; regionPath: string; reversedById: string | null;
  /** Postings in order, and residents' questions oldest first, read in the same query. */
  postings: { account: string; amount: bigint }[];
  questions: QuestionRow[];
}

/** A resident's question on an entry and its answer. */
export interface QuestionRow {
  id: string; askerName: string; askerNamed: boolean; question: string; answer: string | null; answeredByName: string | null; createdAt: string; answeredAt: string | null;
}

/** A row of TX_COLUMNS as PostgreSQL sends it (bigint and timestamps as text, JSON aggregates parsed). */
type TxSqlRow = {
  id: string; fund_id: string; kind: LedgerKind; memo: string; project: string | null; counterparty: string | null; anonymous: boolean;
  receipt_no: string | null; occurred_on: string; original_on: string | null; amount: string; reverses_id: string | null; created_by: string | null; created_by_name: string;
  approved_by_name: string | null; details: Record<string, unknown> | null; created_at: string; region_path: string; reversed_by_id: string | null;
  postings: { account: string; amount: string }[] | null;
  questions: (Omit<QuestionRow, 'createdAt' | 'answeredAt'> & { createdAt: string; answeredAt: string | null })[] | null;
};

function toTx(r: TxSqlRow): TxRow {
  return {
    id: r.id, fundId: r.fund_id, kind: r.kind, memo: r.memo, project: r.project, counterparty: r.counterparty,
    anonymous: r.anonymous, receiptNo: r.receipt_no, occurredOn: r.occurred_on, originalOn: r.original_on,
    amount: BigInt(r.amount), reversesId: r.reverses_id, createdBy: r.created_by,
    createdByName: r.created_by_name, approvedByName: r.approved_by_name,
    details: r.details, createdAt: new Date(r.created_at),
    regionPath: r.region_path, reversedById: r.reversed_by_id,
    postings: (r.postings ?? []).map((p) => ({ account: p.account, amount: BigInt(p.amount) })),
    questions: (r.questions ?? []).map((q) => ({
      ...q, createdAt: new Date(q.createdAt).toISOString(), answeredAt: q.answeredAt ? new Date(q.answeredAt).toISOString() : null,
    })),
  };
}

const TX_COLUMNS = sql`t.id, t.fund_id, t.kind, t.memo, t.project, t.counterparty, t.anonymous, t.receipt_no, to_char(t.occurred_on, 'YYYY-MM-DD') AS occurred_on, to_char(t.original_on, 'YYYY-MM-DD') AS original_on,
  t.amount, t.reverses_id, t.created_by, t.created_by_name, t.approved_by_name, t.details, t.created_at, t.region_path,
  (SELECT r.id FROM ledger_transactions r WHERE r.reverses_id = t.id) AS reversed_by_id,
  (SELECT json_agg(json_build_object('account', a.name, 'amount', p.amount::text) ORDER BY p.id)
     FROM postings p JOIN fund_accounts a ON a.id = p.account_id WHERE p.transaction_id = t.id) AS postings,
  (SELECT json_agg(json_build_object('id', q.id, 'askerName', q.asker_name, 'askerNamed', q.asker_named, 'question', q.question, 'answer', q.answer,
       'answeredByName', q.answered_by_name, 'createdAt', q.created_at, 'answeredAt', q.answered_at) ORDER BY q.created_at)
     FROM fund_questions q WHERE q.transaction_id = t.id) AS questions`;

/** One transaction of a fund (the caller has found the fund, in scope or public); another fund's is missing. */
export async function findTransaction(db: DbOrTx, fundId: string, id: string): Promise<TxRow | undefined> {
  const res = await db.execute<TxSqlRow>(sql`SELECT ${TX_COLUMNS} FROM ledger_transactions t WHERE t.id = ${id} AND t.fund_id = ${fundId}`);
  return res.rows[0] ? toTx(res.rows[0]) : undefined;
}

/**
 * A page of a fund's transactions, newest first, by keyset on the time-ordered id, walking the
 * (fund_id, id) index.
 */
export async function transactionPage(db: DbOrTx, fundId: string, opts: { before?: string; limit: number; month?: string; project?: string }) {
  // `= ANY(ARRAY[...])` rather than `=`: with a plain equality the planner may walk the primary key
  // backwards and skip every newer entry of other funds (10 ms on a million postings, growing).
  const conds: SQL[] = [sql`t.fund_id = ANY(${uuidArray([fundId])})`];
  if (opts.before) conds.push(sql`t.id < ${opts.before}`);
  if (opts.month) conds.push(sql`t.occurred_on >= ${`${opts.month}-01`}::date AND t.occurred_on < (${`${opts.month}-01`}::date + interval '1 month')`);
  if (opts.project) conds.push(sql`t.project = ${opts.project}`);
  const res = await db.execute<TxSqlRow>(sql`
    SELECT ${TX_COLUMNS} FROM ledger_transactions t WHERE ${sql.join(conds, sql` AND `)} ORDER BY t.fund_id DESC, t.id DESC LIMIT ${opts.limit + 1}`);
  const rows = res.rows.map(toTx);
  const more = rows.length > opts.limit;
  return { rows: rows.slice(0, opts.limit), nextCursor: more ? rows[opts.limit - 1]!.id : null };
}

/** Postings of some transactions with their account names, in posting order. */
export async function postingsOf(db: DbOrTx, txIds: string[]) {
  if (txIds.length === 0) return [];
  const res = await db.execute<{ transaction_id: string; name: string; amount: string }>(sql`
    SELECT p.transaction_id, a.name, p.amount FROM postings p JOIN fund_accounts a ON a.id = p.account_id
    WHERE p.transaction_id = ANY(${sql`ARRAY[${sql.join(txIds.map((i) => sql`${i}`), sql`, `)}]::uuid[]`}) ORDER BY p.id`);
  return res.rows.map((r) => ({ transactionId: r.transaction_id, account: r.name, amount: BigInt(r.amount) }));
}

/** Attachments by id. */
export async function attachmentsById(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: fundAttachments.id, fundId: fundAttachments.fundId, filename: fundAttachments.filename, mime: fundAttachments.mime,
    size: fundAttachments.size, storageKey: fundAttachments.storageKey, sha256: fundAttachments.sha256 }).from(fundAttachments).where(inArray(fundAttachments.id, ids));
}

/** An expense as the staff list loads it. */
export type ExpenseRow = {
  id: string; kind: ExpenseView['kind']; reverses_id: string | null; amount: string; category: string; project: string; payee: string; reason: string; state: ExpenseView['state'];
  prepared_by: string; prepared_by_name: string; attachment_ids: string[]; transaction_id: string | null; created_at: Date;
};

/** Expenses of a fund, pending first, newest next (200 at most); `publicOnly`: only the approved (posted, public) ones. */
export async function expensesOf(db: DbOrTx, fundId: string, opts: { publicOnly?: boolean } = {}): Promise<ExpenseRow[]> {
  return (await db.execute<ExpenseRow>(sql`
    SELECT id, kind, reverses_id, amount, category, project, payee, reason, state, prepared_by, prepared_by_name, attachment_ids, transaction_id, created_at
    FROM fund_expenses WHERE fund_id = ${fundId} ${opts.publicOnly ? sql`AND state = 'approved'` : sql``} ORDER BY (state = 'pending') DESC, created_at DESC LIMIT 200`)).rows;
}

/** Whether a posted expense entry of the fund cites the file (what makes it public). */
export async function isCitedByEntry(db: DbOrTx, fundId: string, fileId: string): Promise<boolean> {
  return (await db.execute(sql`SELECT 1 FROM ledger_transactions
      WHERE fund_id = ${fundId} AND kind = 'expense' AND details -> 'attachmentIds' ? ${fileId}`)).rows.length > 0;
}

/** The `ARRAY[...]::uuid[]` literal of some ids, for `= ANY(...)`. */
export function uuidArray(ids: string[]): SQL {
  return sql`ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;
}
