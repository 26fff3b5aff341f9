import { eq, sql, type SQL } from 'drizzle-orm';
import { LedgerError, fenToYuan, validatePostings } from '@gongzhi/core';
import type { LedgerKind } from '@gongzhi/contracts';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import { executePrepared } from '../../platform/db/prepared.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { auditRow } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { funds } from './funds.table.ts';

export type FundRow = typeof funds.$inferSelect;

/** One posting to write: the account's name in the fund's chart ("assets:bank", "income:donations"). */
export interface Line { account: string; amount: bigint }

/** A ledger transaction to write. */
export interface NewEntry {
  kind: LedgerKind;
  memo: string;
  project?: string | null;
  counterparty?: string | null;
  anonymous?: boolean;
  /** A receipt number, or an SQL expression that draws one (so a donation stays one statement). */
  receiptNo?: string | SQL | null;
  /** The posting date: never in a month closed on the fund (the statement refuses it). */
  occurredOn: string;
  /** A late entry's own date, shown beside the posting date (see core placeEntry). */
  originalOn?: string | null;
  reversesId?: string | null;
  approvedBy?: { id: string; name: string } | null;
  /** Who prepared it, when not the actor writing it (an expense posted on approval). */
  preparedBy?: { id: string; name: string } | null;
  details?: Record<string, unknown> | null;
  lines: Line[];
}

/** The bank account every fund has; the only assets account, and the one the balance follows. */
export const BANK = 'assets:bank';

/**
 * Makes one segment of an account name safe for hledger: no colons (they separate levels), no
 * runs of spaces (two spaces end an account name), no brackets (virtual postings) or comment marks.
 */
export function accountSegment(text: string): string {
  const clean = text.replace(/[:;#()[\]\t\r\n]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean || '其他';
}

/** Locks the fund row for the rest of the transaction, so its balance check cannot race. */
export async function lockFund(tx: Tx, fundId: string): Promise<FundRow> {
  const [row] = await tx.select().from(funds).where(eq(funds.id, fundId)).for('update');
  if (!row) throw new AppError('FUND_NOT_FOUND');
  return row;
}

/** Maps the pure rules' refusal to the API's stable codes. */
function checkLines(lines: Line[]): bigint {
  try {
    return validatePostings(lines);
  } catch (e) {
    if (e instanceof LedgerError) {
      if (e.code === 'LEDGER_UNBALANCED') throw new AppError('LEDGER_UNBALANCED', { sum: lines.reduce((a, l) => a + (typeof l.amount === 'bigint' ? l.amount : 0n), 0n).toString() });
      throw new AppError('FUND_AMOUNT_INVALID');
    }
    throw e;
  }
}

/**
 * Account ids already committed, by fund and name. Accounts are never renamed or deleted, so a
 * committed id stays right; ids created by a transaction that may still roll back are not cached.
 */
const knownAccounts = new Map<string, string>();

/** Ids of the named accounts of a fund, creating those that do not exist yet, in one round trip. */
async function accountIds(tx: DbOrTx, fundId: string, names: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const n of names) {
    const id = knownAccounts.get(`${fundId}\u0000${n}`);
    if (id) ids.set(n, id);
  }
  const missing = names.filter((n) => !ids.has(n));
  if (missing.length === 0) return ids;
  const rows = missing.map((n) => sql`(${newId()}::uuid, ${fundId}::uuid, ${n}, ${n.split(':')[0]})`);
  const res = await tx.execute<{ id: string; name: string; fresh: boolean }>(sql`
    WITH ins AS (
      INSERT INTO fund_accounts (id, fund_id, name, type) VALUES ${sql.join(rows, sql`, `)}
      ON CONFLICT (fund_id, name) DO NOTHING RETURNING id, name)
    SELECT id, name, true AS fresh FROM ins
    UNION ALL SELECT id, name, false AS fresh FROM fund_accounts WHERE fund_id = ${fundId} AND name = ANY(${sql`ARRAY[${sql.join(missing.map((n) => sql`${n}`), sql`, `)}]::text[]`})`);
  for (const r of res.rows) {
    ids.set(r.name, r.id);
    if (!r.fresh) knownAccounts.set(`${fundId}\u0000${r.name}`, r.id);
  }
  return ids;
}

/**
 * Writes a ledger transaction into a fund in ONE statement: the fund's balance moves only if it
 * stays non-negative (the UPDATE takes the row lock, and PostgreSQL re-checks the condition after
 * waiting for a concurrent writer, so two expenses can never overdraw it together), and the
 * transaction, its postings, the monthly totals and the audit row are written only when it moved.
 * Checks first that the postings are non-zero whole fen summing to zero. Works on its own (one
 * autocommitted statement) or inside a transaction that already locked the fund with {@link lockFund}.
 * `guard` adds conditions on the fund's row (its kind, the actor's scope): when they fail nothing is
 * written and FUND_NOT_FOUND is thrown, for the caller to explain.
 */
export async function postEntry(tx: DbOrTx, actor: Actor, fund: { id: string; bankBalance?: bigint }, entry: NewEntry,
  opts: { guard?: SQL } = {}): Promise<{ id: string; balance: bigint }> {
  const size = checkLines(entry.lines);
  for (const l of entry.lines) {
    if (!/^(assets|income|expenses):/.test(l.account) || l.account.split(':').some((s) => s !== accountSegment(s))) {
      throw new Error(`invalid account name ${l.account}`);
    }
  }
  const delta = entry.lines.filter((l) => l.account.startsWith('assets:')).reduce((a, l) => a + l.amount, 0n);
  if (fund.bankBalance !== undefined && fund.bankBalance + delta < 0n) {
    throw new AppError('FUND_INSUFFICIENT_BALANCE', { balance: fenToYuan(fund.bankBalance), amount: fenToYuan(-delta) });
  }
  const names = [...new Set(entry.lines.map((l) => l.account))];
  const ids = await accountIds(tx, fund.id, names);
  // Month totals: one row per account, so ON CONFLICT never touches a row twice in one statement.
  const month = `${entry.occurredOn.slice(0, 7)}-01`;
  const totals = names.map((n) => {
    const ls = entry.lines.filter((l) => l.account === n);
    const debit = ls.filter((l) => l.amount > 0n).reduce((a, l) => a + l.amount, 0n);
    const credit = ls.filter((l) => l.amount < 0n).reduce((a, l) => a - l.amount, 0n);
    return sql`(${fund.id}::uuid, ${ids.get(n)!}::uuid, ${month}::date, ${debit.toString()}::bigint, ${credit.toString()}::bigint, ${ls.length}::int)`;
  });
  const id = newId();
  const postingRows = entry.lines.map((l, i) => sql`(${ids.get(l.account)!}::uuid, ${l.amount.toString()}::bigint, ${i}::int)`);
  const a = auditRow(actor, {
    action: `fund.${entry.kind}`, subjectType: 'ledger_transaction', subjectId: id,
    after: { kind: entry.kind, memo: entry.memo, lines: entry.lines.map((l) => [l.account, l.amount.toString()]) },
    details: { amountFen: size.toString(), reverses: entry.reversesId ?? undefined },
  });
  // A named prepared statement (platform/db/prepared.ts): each shape of posting is parsed and planned
  // once per connection, a good part of the hot path's cost.
  const rows = await executePrepared<{ bank_balance: string }>(tx, sql`
    WITH f AS (
      UPDATE funds SET bank_balance = bank_balance + ${delta.toString()}::bigint, posting_count = posting_count + ${entry.lines.length}, updated_at = now()
      WHERE id = ${fund.id} AND bank_balance + ${delta.toString()}::bigint >= 0 AND (closed_through IS NULL OR closed_through < ${month}::date) ${opts.guard ? sql`AND ${opts.guard}` : sql``}
      RETURNING bank_balance, code, region_path, district_code),
    t AS (
      INSERT INTO ledger_transactions (id, fund_id, region_path, district_code, kind, memo, project, counterparty, anonymous,
        receipt_no, occurred_on, original_on, amount, reverses_id, created_by, created_by_name, approved_by, approved_by_name, details)
      SELECT ${id}, ${fund.id}, f.region_path, f.district_code, ${entry.kind}, ${entry.memo}, ${entry.project ?? null},
        ${entry.counterparty ?? null}, ${entry.anonymous ?? false}, ${entry.receiptNo ?? null}, ${entry.occurredOn}::date, ${entry.originalOn ?? null}::date, ${size.toString()}::bigint,
        ${entry.reversesId ?? null}::uuid, ${entry.preparedBy?.id ?? (actor.via === 'system' ? null : actor.userId)}::uuid, ${entry.preparedBy?.name ?? actor.name},
        ${entry.approvedBy?.id ?? null}::uuid, ${entry.approvedBy?.name ?? null}, ${entry.details ? JSON.stringify(entry.details) : null}::jsonb
      FROM f RETURNING id),
    p AS (
      INSERT INTO postings (transaction_id, fund_id, account_id, amount)
      SELECT t.id, ${fund.id}::uuid, v.account_id, v.amount FROM t, (VALUES ${sql.join(postingRows, sql`, `)}) v(account_id, amount, ord) ORDER BY v.ord),
    m AS (
      INSERT INTO fund_month_totals (fund_id, account_id, month, debit, credit, count)
      SELECT v.* FROM (VALUES ${sql.join(totals, sql`, `)}) v(fund_id, account_id, month, debit, credit, count) WHERE EXISTS (SELECT 1 FROM f)
      ON CONFLICT (fund_id, account_id, month) DO UPDATE SET debit = fund_month_totals.debit + EXCLUDED.debit,
        credit = fund_month_totals.credit + EXCLUDED.credit, count = fund_month_totals.count + EXCLUDED.count),
    a AS (
      INSERT INTO audit_log (id, actor_id, actor_name, action, subject_type, subject_id, region_path, before_digest, after_digest, details, ip)
      SELECT ${newId()}, ${a.actorId}::uuid, ${a.actorName}, ${a.action}, ${a.subjectType}, ${a.subjectId}, f.region_path, ${a.beforeDigest},
        ${a.afterDigest}, ${JSON.stringify(a.details)}::jsonb || jsonb_build_object('fund', f.code), ${a.ip} FROM t, f)
    SELECT bank_balance FROM f`, 'gz_fund_post');
  const row = rows[0];
  if (!row) {
    const [now] = (await tx.execute<{ b: string; closed: string | null }>(sql`
      SELECT bank_balance AS b, to_char(closed_through, 'YYYY-MM-DD') AS closed FROM funds WHERE id = ${fund.id}`)).rows;
    if (now?.closed && now.closed >= month) throw new AppError('LEDGER_MONTH_CLOSED', { month: month.slice(0, 7) });
    if (!now || BigInt(now.b) + delta >= 0n) throw new AppError('FUND_NOT_FOUND');
    throw new AppError('FUND_INSUFFICIENT_BALANCE', { balance: fenToYuan(BigInt(now.b)), amount: fenToYuan(-delta) });
  }
  const balance = BigInt(row.bank_balance);
  if (fund.bankBalance !== undefined) fund.bankBalance = balance;
  return { id, balance };
}

/** Runs `fn` in a database transaction with the fund row locked. */
export async function withLockedFund<T>(db: Db, fundId: string, fn: (tx: Tx, fund: FundRow) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(tx, await lockFund(tx, fundId)));
}
