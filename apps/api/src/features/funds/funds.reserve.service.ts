import { sql } from 'drizzle-orm';
import { fenToYuan } from '@gongzhi/core';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { lockFund, type FundRow } from './funds.ledger.ts';

/** What a reservation is kept for (a project, by id). */
export interface ReservationSubject { type: string; id: string }

/** A reservation's row, amounts in fen. */
export interface ReservationRow {
  id: string; fundId: string; amount: bigint; spent: bigint; state: 'open' | 'released'; purpose: string;
  subject: ReservationSubject; releasedAmount: bigint | null;
}

type SqlReservation = { id: string; fund_id: string; amount: string; spent: string; state: 'open' | 'released'; purpose: string; subject_type: string; subject_id: string; released_amount: string | null };
const toReservation = (r: SqlReservation): ReservationRow => ({
  id: r.id, fundId: r.fund_id, amount: BigInt(r.amount), spent: BigInt(r.spent), state: r.state, purpose: r.purpose,
  subject: { type: r.subject_type, id: r.subject_id }, releasedAmount: r.released_amount === null ? null : BigInt(r.released_amount),
});

/** The money of a fund kept by its open reservations and not yet spent (Σ amount − spent), in fen. */
export async function reservedOf(db: DbOrTx, fundId: string): Promise<bigint> {
  const [r] = (await db.execute<{ held: string }>(sql`SELECT COALESCE(sum(amount - spent), 0)::text AS held FROM fund_reservations
    WHERE fund_id = ${fundId} AND state = 'open'`)).rows;
  return BigInt(r!.held);
}

/** A reservation by id (optionally locked for the rest of the transaction), or undefined. */
export async function findReservation(db: DbOrTx, id: string, lock = false): Promise<ReservationRow | undefined> {
  const [r] = (await db.execute<SqlReservation>(sql`SELECT id, fund_id, amount::text, spent::text, state, purpose, subject_type, subject_id, released_amount::text
    FROM fund_reservations WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`)).rows;
  return r ? toReservation(r) : undefined;
}

/** The sum of the pending expenses against a reservation, leaving one out (the one being approved). */
async function pendingAgainst(db: DbOrTx, reservationId: string, except: string | null): Promise<bigint> {
  const [r] = (await db.execute<{ s: string }>(sql`SELECT COALESCE(sum(amount), 0)::text AS s FROM fund_expenses
    WHERE reservation_id = ${reservationId} AND state = 'pending' ${except ? sql`AND id <> ${except}` : sql``}`)).rows;
  return BigInt(r!.s);
}

/**
 * Keeps `amount` of the fund for a purpose. The fund row is locked first, so of two reservations for
 * the last money one waits for the other and then sees it: refused (FUND_RESERVATION_EXCEEDS, with the
 * free balance) when the amount is more than the bank balance less what open reservations still keep.
 * The caller has checked the actor may do this and that the fund suits the subject.
 */
export async function reserveFunds(tx: Tx, actor: Actor, fundId: string, amount: bigint, purpose: string, subject: ReservationSubject): Promise<ReservationRow> {
  if (amount <= 0n) throw new AppError('FUND_AMOUNT_INVALID');
  const fund = await lockFund(tx, fundId);
  const free = fund.bankBalance - (await reservedOf(tx, fund.id));
  if (amount > free) throw new AppError('FUND_RESERVATION_EXCEEDS', { free: fenToYuan(free > 0n ? free : 0n) }, { freeFen: free.toString() });
  const id = newId();
  await tx.execute(sql`INSERT INTO fund_reservations (id, fund_id, amount, purpose, subject_type, subject_id, reserved_by, reserved_by_name)
    VALUES (${id}, ${fund.id}, ${amount.toString()}::bigint, ${purpose}, ${subject.type}, ${subject.id}, ${actor.userId}, ${actor.name})`);
  await audit(tx, actor, { action: 'fund.reserve', subjectType: 'fund_reservation', subjectId: id, regionPath: fund.regionPath,
    details: { fund: fund.code, amountFen: amount.toString(), subjectType: subject.type, subjectId: subject.id } });
  return { id, fundId: fund.id, amount, spent: 0n, state: 'open', purpose, subject, releasedAmount: null };
}

/**
 * Gives back what is left of an open reservation (amount − spent) to the fund's free balance and
 * returns it. Refused while an expense against it is pending (decide it first), and when it was
 * released already.
 */
export async function releaseReservation(tx: Tx, actor: Actor, id: string, now: Date): Promise<bigint> {
  const head = await findReservation(tx, id);
  if (!head) throw new AppError('FUND_RESERVATION_NOT_FOUND');
  // The fund first, then the reservation: the same order as an approval, so the two cannot deadlock.
  const fund = await lockFund(tx, head.fundId);
  const r = (await findReservation(tx, id, true))!;
  if (r.state !== 'open') throw new AppError('FUND_RESERVATION_RELEASED');
  if ((await pendingAgainst(tx, r.id, null)) > 0n) throw new AppError('FUND_RESERVATION_PENDING');
  const rest = r.amount - r.spent;
  await tx.execute(sql`UPDATE fund_reservations SET state = 'released', released_amount = ${rest.toString()}::bigint, released_at = ${now.toISOString()}::timestamptz
    WHERE id = ${r.id}`);
  await audit(tx, actor, { action: 'fund.reserve.release', subjectType: 'fund_reservation', subjectId: r.id, regionPath: fund.regionPath,
    details: { fund: fund.code, releasedFen: rest.toString(), spentFen: r.spent.toString() } });
  return rest;
}

/**
 * May `amount` be spent from the fund (locked or just read) by an expense? Against a reservation: it
 * must be open and of this fund, and what is pending against it (other than `except`), spent and this
 * amount together must fit in it. Without one: the amount must fit in the free balance, so ordinary
 * spending never eats money kept for a project. Run at submission and again, under the fund lock, at approval.
 */
export async function refuseOverspend(db: DbOrTx, fund: Pick<FundRow, 'id' | 'bankBalance'>, amount: bigint, reservationId: string | null, except: string | null = null): Promise<void> {
  if (amount > fund.bankBalance) throw new AppError('FUND_INSUFFICIENT_BALANCE', { balance: fenToYuan(fund.bankBalance), amount: fenToYuan(amount) });
  if (reservationId) {
    const r = await findReservation(db, reservationId);
    if (!r || r.fundId !== fund.id) throw new AppError('FUND_RESERVATION_NOT_FOUND');
    if (r.state !== 'open') throw new AppError('FUND_RESERVATION_RELEASED');
    const pending = await pendingAgainst(db, r.id, except);
    if (pending + r.spent + amount > r.amount) {
      throw new AppError('FUND_RESERVATION_OVERSPENT', { reserved: fenToYuan(r.amount), spent: fenToYuan(r.spent), pending: fenToYuan(pending) });
    }
    return;
  }
  const reserved = await reservedOf(db, fund.id);
  const free = fund.bankBalance - reserved;
  if (amount > free) throw new AppError('FUND_MONEY_RESERVED', { free: fenToYuan(free > 0n ? free : 0n), reserved: fenToYuan(reserved), amount: fenToYuan(amount) });
}

/** What the composition root is told when an expense against a reservation is approved (in the approval's transaction). */
export interface ReservedExpenseApproved {
  reservationId: string;
  /** The fund expense approved (e.g. a project's instalment request). */
  expenseId: string;
  subject: ReservationSubject;
  amount: bigint;
  transactionId: string;
  fundCode: string;
}
export type ReservedExpenseListener = (tx: Tx, actor: Actor, e: ReservedExpenseApproved, now: Date) => Promise<void>;
const listeners = new Set<ReservedExpenseListener>();

/**
 * Registers a listener for approved expenses against reservations (at app start, by the composition
 * root; once each). A listener that throws refuses the approval: nothing is posted.
 */
export function onReservedExpenseApproved(listener: ReservedExpenseListener): void {
  listeners.add(listener);
}

/**
 * Inside an approval, after the payment was posted: the reservation's `spent` grows by the amount
 * (checked to fit, under the fund lock the approval holds) and the listeners are told.
 */
export async function spendReservation(tx: Tx, actor: Actor, fundCode: string, reservationId: string, expenseId: string, amount: bigint, transactionId: string, now: Date): Promise<void> {
  const r = await findReservation(tx, reservationId, true);
  if (!r) throw new AppError('FUND_RESERVATION_NOT_FOUND');
  await tx.execute(sql`UPDATE fund_reservations SET spent = spent + ${amount.toString()}::bigint WHERE id = ${r.id}`);
  for (const listener of listeners) await listener(tx, actor, { reservationId: r.id, expenseId, subject: r.subject, amount, transactionId, fundCode }, now);
}

/**
 * Locks a fund's row for the rest of the caller's transaction. Another feature that will reserve,
 * release or pay from a fund while holding a lock of its own takes this one first: approvals lock the
 * fund and then what the money is for, so taking the two in the same order cannot deadlock.
 */
export async function lockFundFirst(tx: Tx, fundId: string): Promise<void> {
  await lockFund(tx, fundId);
}
