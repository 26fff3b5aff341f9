import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ExpenseView, LedgerKind } from '@gongzhi/contracts';
import { ROLES, roleAllows } from '@gongzhi/core';
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
  /** Kept by open reservations (funds.reserve.table.ts), not yet spent. */
  reserved: bigint;
}

/**
 * One query for the whole head of a fund's page: everything comes from the per-month totals kept
 * beside the postings, so its cost does not grow with the number of postings.
 *
 * The public months (and the totals in and out summed from them) net every reversal against its
 * original: the bank postings of both are taken back out of their months (issue 15 item 8), so a
 * ¥100 reversal of a duplicated donation is neither spending nor negative income — the figures read
 * as if neither entry had happened. Reversals are few and found by a partial index, so this costs
 * a handful of rows. The accounts (the accounting view) stay as booked.
 */
// The region's name from org, in the same statement.
const FUND_COLUMNS = sql`f.id, f.code, f.name, f.kind, f.year, f.region_path, f.region_id, ${regionNameOf(sql.raw('f.region_id'))} AS region_name, f.bank_balance,
  (SELECT json_agg(x ORDER BY x.month DESC) FROM (
     SELECT u.month, sum(u.debit)::text AS debit, sum(u.credit)::text AS credit, sum(u.count)::int AS count FROM (
       SELECT to_char(m.month, 'YYYY-MM') AS month, m.debit, m.credit, m.count
       FROM fund_month_totals m JOIN fund_accounts a ON a.id = m.account_id WHERE m.fund_id = f.id AND a.type = 'assets'
       UNION ALL
       SELECT to_char(t.occurred_on, 'YYYY-MM'), -greatest(p.amount, 0), -greatest(-p.amount, 0), -1
       FROM ledger_transactions r JOIN ledger_transactions t ON t.id IN (r.id, r.reverses_id)
         JOIN postings p ON p.transaction_id = t.id JOIN fund_accounts pa ON pa.id = p.account_id AND pa.type = 'assets'
       WHERE r.fund_id = f.id AND r.reverses_id IS NOT NULL) u
     GROUP BY u.month HAVING sum(u.count) <> 0) x) AS months,
  (SELECT json_agg(y ORDER BY y.name) FROM (
     SELECT a.name, COALESCE(sum(m.debit - m.credit), 0)::text AS balance
     FROM fund_accounts a LEFT JOIN fund_month_totals m ON m.account_id = a.id WHERE a.fund_id = f.id GROUP BY a.name) y) AS accounts,
  (SELECT COALESCE(sum(r.amount - r.spent), 0)::text FROM fund_reservations r WHERE r.fund_id = f.id AND r.state = 'open') AS reserved`;

/** A row of FUND_COLUMNS as PostgreSQL sends it (bigint as text, JSON aggregates parsed). */
type FundSqlRow = {
  id: string; code: string; name: string; kind: string; year: number | null; region_path: string; region_id: string; region_name: string;
  bank_balance: string; months: FundListRow['months'] | null; accounts: FundListRow['accounts'] | null; reserved: string;
};

function toFund(r: FundSqlRow): FundListRow {
  const months = r.months ?? [];
  return {
    id: r.id, code: r.code, name: r.name, kind: r.kind, year: r.year,
    regionPath: r.region_path, regionId: r.region_id, regionName: r.region_name,
    bankBalance: BigInt(r.bank_balance),
    inflow: months.reduce((a, m) => a + BigInt(m.debit), 0n), outflow: months.reduce((a, m) => a + BigInt(m.credit), 0n),
    months, accounts: r.accounts ?? [], reserved: BigInt(r.reserved),
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
export async function transactionPage(db: DbOrTx, fundId: string, opts: { before?: string; limit: number; month?: string; project?: string; side?: 'in' | 'out' }) {
  // `= ANY(ARRAY[...])` rather than `=`: with a plain equality the planner may walk the primary key
  // backwards and skip every newer entry of other funds (10 ms on a million postings, growing).
  const conds: SQL[] = [sql`t.fund_id = ANY(${uuidArray([fundId])})`];
  if (opts.before) conds.push(sql`t.id < ${opts.before}`);
  if (opts.month) conds.push(sql`t.occurred_on >= ${`${opts.month}-01`}::date AND t.occurred_on < (${`${opts.month}-01`}::date + interval '1 month')`);
  if (opts.project) conds.push(sql`t.project = ${opts.project}`);
  // The plain public lists: money in or out, without reversals and the entries they undo.
  if (opts.side) conds.push(sql`t.kind = ANY(${kindArray(opts.side === 'in' ? INFLOW_KINDS : OUTFLOW_KINDS)}) AND ${notReversed}`);
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
    size: fundAttachments.size, storageKey: fundAttachments.storageKey, sha256: fundAttachments.sha256, uploadedBy: fundAttachments.uploadedBy }).from(fundAttachments).where(inArray(fundAttachments.id, ids));
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

/** Kinds of entry that bring money in, and that pay it out; a reversal is neither. */
export const INFLOW_KINDS = ['donation', 'levy', 'enterprise_profit', 'allocation', 'property_fee', 'common_revenue'] as const satisfies readonly LedgerKind[];
export const OUTFLOW_KINDS = ['expense', 'dividend'] as const satisfies readonly LedgerKind[];
const kindArray = (kinds: readonly string[]): SQL => sql`ARRAY[${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}]::text[]`;
/** `t` is an entry no reversal undoes (the unique index on reverses_id answers it). */
const notReversed = sql`NOT EXISTS (SELECT 1 FROM ledger_transactions r WHERE r.reverses_id = t.id)`;

/**
 * Money in and out of a fund by project (purpose), leaving out reversals and the entries they undo,
 * largest spending first. Reads the fund's entries, so the page asks for it only when its tab opens.
 */
export async function purposesOf(db: DbOrTx, fundId: string) {
  const res = await db.execute<{ project: string | null; inflow: string; outflow: string; count: number }>(sql`
    SELECT t.project, COALESCE(sum(t.amount) FILTER (WHERE t.kind = ANY(${kindArray(INFLOW_KINDS)})), 0)::text AS inflow,
      COALESCE(sum(t.amount) FILTER (WHERE t.kind = ANY(${kindArray(OUTFLOW_KINDS)})), 0)::text AS outflow, count(*)::int AS count
    FROM ledger_transactions t WHERE t.fund_id = ${fundId} AND t.kind <> 'reversal' AND ${notReversed}
    GROUP BY t.project ORDER BY sum(t.amount) FILTER (WHERE t.kind = ANY(${kindArray(OUTFLOW_KINDS)})) DESC NULLS LAST, t.project NULLS LAST`);
  return res.rows;
}

/**
 * The people who may approve a fund's pending operations: active users holding, over the fund's
 * region, a role with the approval right (not through an organisation), closest region first.
 * System-wide grants (no region) are left out unless nobody closer holds one.
 */
export async function approversOf(db: DbOrTx, regionPath: string): Promise<{ id: string; name: string }[]> {
  const roles = ROLES.filter((r) => roleAllows(r, 'fund.approve'));
  const res = await db.execute<{ id: string; name: string; depth: number }>(sql`
    SELECT u.id, u.name, max(length(COALESCE(g.region_path, '')))::int AS depth
    FROM role_assignments g JOIN users u ON u.id = g.user_id
    WHERE g.organisation_id IS NULL AND g.role = ANY(${kindArray(roles)}) AND u.disabled_at IS NULL
      AND (g.region_path IS NULL OR ${regionPath} LIKE g.region_path || '%')
    GROUP BY u.id, u.name ORDER BY depth DESC, u.name LIMIT 50`);
  const regional = res.rows.filter((r) => r.depth > 0);
  return (regional.length > 0 ? regional : res.rows).map((r) => ({ id: r.id, name: r.name }));
}
