import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { LedgerError, validatePostings } from '@gongzhi/core';
import type { BankTxKind } from '@gongzhi/contracts';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { bankAccounts, bankPostings, bankTransactions, type bankOffices, type BankAccountKind } from './bank.table.ts';

export type OfficeRow = typeof bankOffices.$inferSelect;
export type AccountRow = typeof bankAccounts.$inferSelect;

/** One posting: the account and the signed amount (positive into it). */
export interface BankLine { account: AccountRow; amount: bigint }

/** A points transaction to write. */
export interface BankEntry {
  kind: BankTxKind;
  office: OfficeRow;
  memo: string;
  personId?: string | null;
  sourceId?: string | null;
  earnedMinutes?: number;
  occurredOn: string;
  /** A person account receiving points may not pass this balance (BANK_BALANCE_CAP). */
  cap?: bigint;
  lines: BankLine[];
}

/** Accounts that hold points someone owns or owes: they may never go below zero. */
const NON_NEGATIVE: readonly BankAccountKind[] = ['person', 'escrow', 'pool'];

/** The system account of an office, created on first use. */
export async function officeAccount(tx: DbOrTx, office: OfficeRow, kind: Exclude<BankAccountKind, 'person'>): Promise<AccountRow> {
  await tx.insert(bankAccounts).values({ kind, officeId: office.id, regionPath: office.regionPath, districtCode: office.districtCode })
    .onConflictDoNothing({ target: [bankAccounts.officeId, bankAccounts.kind], where: sql`person_id IS NULL` });
  const [row] = await tx.select().from(bankAccounts).where(and(eq(bankAccounts.officeId, office.id), eq(bankAccounts.kind, kind), isNull(bankAccounts.personId)));
  return row!;
}

/** Points must be a positive whole number: maps the pure rules' refusal to the API's code. */
export function parsePoints(input: string | number | bigint): bigint {
  const text = typeof input === 'string' ? input.trim() : typeof input === 'number' && Number.isSafeInteger(input) ? String(input) : typeof input === 'bigint' ? input.toString() : '';
  if (!/^\d{1,15}$/.test(text)) throw new AppError('BANK_POINTS_INVALID');
  const p = BigInt(text);
  if (p <= 0n) throw new AppError('BANK_POINTS_INVALID');
  return p;
}

/**
 * Writes a points transaction: checks the postings with the shared ledger rules (non-zero whole
 * points summing to zero), locks every account it touches `FOR UPDATE` in id order (so two writers
 * never deadlock), checks the balances under the lock (no person, escrow or pool account below zero;
 * a person's credit within `cap`), then moves the balances and inserts the transaction, its postings
 * and its audit row, all in the caller's transaction. Nothing here ever updates or deletes a
 * transaction or a posting.
 */
export async function postPoints(tx: Tx, actor: Actor, entry: BankEntry): Promise<{ id: string; balances: Map<string, bigint> }> {
  let size: bigint;
  try {
    size = validatePostings(entry.lines);
  } catch (e) {
    if (e instanceof LedgerError) throw new AppError('BANK_POINTS_INVALID');
    throw e;
  }
  const ids = [...new Set(entry.lines.map((l) => l.account.id))].sort();
  const locked = await tx.select().from(bankAccounts).where(inArray(bankAccounts.id, ids)).orderBy(bankAccounts.id).for('update');
  const byId = new Map(locked.map((a) => [a.id, a]));
  const delta = new Map<string, bigint>();
  for (const l of entry.lines) delta.set(l.account.id, (delta.get(l.account.id) ?? 0n) + l.amount);
  const balances = new Map<string, bigint>();
  for (const [id, d] of delta) {
    const a = byId.get(id);
    if (!a) throw new Error(`no bank account ${id}`);
    const after = a.balance + d;
    if (after < 0n && NON_NEGATIVE.includes(a.kind)) {
      throw new AppError('BANK_INSUFFICIENT_POINTS', { balance: a.balance.toString(), points: (-d).toString() });
    }
    if (entry.cap !== undefined && a.kind === 'person' && d > 0n && after > entry.cap) {
      throw new AppError('BANK_BALANCE_CAP', { cap: entry.cap.toString() });
    }
    balances.set(id, after);
  }
  const minutes = BigInt(entry.earnedMinutes ?? 0);
  for (const [id, d] of delta) {
    const earned = entry.kind === 'earn' && byId.get(id)!.kind === 'person' ? minutes : 0n;
    await tx.update(bankAccounts).set({ balance: sql`${bankAccounts.balance} + ${d.toString()}::bigint`, earnedMinutes: sql`${bankAccounts.earnedMinutes} + ${earned.toString()}::bigint` })
      .where(eq(bankAccounts.id, id));
  }
  const id = newId();
  await tx.insert(bankTransactions).values({
    id, kind: entry.kind, officeId: entry.office.id, regionPath: entry.office.regionPath, districtCode: entry.office.districtCode,
    memo: entry.memo, points: size, earnedMinutes: entry.earnedMinutes ?? 0, personId: entry.personId ?? null, sourceId: entry.sourceId ?? null,
    createdBy: actor.via === 'system' ? null : actor.userId, createdByName: actor.name, occurredOn: entry.occurredOn,
  });
  await tx.insert(bankPostings).values(entry.lines.map((l) => ({ transactionId: id, accountId: l.account.id, amount: l.amount })));
  await audit(tx, actor, {
    action: `bank.${entry.kind}`, subjectType: 'bank_transaction', subjectId: id, regionPath: entry.office.regionPath,
    after: { kind: entry.kind, memo: entry.memo, lines: entry.lines.map((l) => [l.account.id, l.amount.toString()]) },
    details: { points: size.toString(), source: entry.sourceId ?? undefined },
  });
  return { id, balances };
}
