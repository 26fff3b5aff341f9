import { chinaDay } from '@gongzhi/core';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { ancestorsOf } from '../org/region.service.ts';
import { residentRegionPath } from '../org/people.service.ts';
import { officeAccount, parsePoints, postPoints, type AccountRow, type OfficeRow } from './bank.ledger.ts';
import {
  addEarnedMinutes, addToPriority, claimEarning, insertPersonAccount, minutesPerPoint, nextOnList, officeAt, personAccount, rulesFor, saveRules, tierOf, upsertOffice,
} from './bank.repository.ts';
import { pointsForMinutes } from './bank.policy.ts';

/**
 * The offices along a region path, created on demand (district head office, street branch,
 * community savings office), outermost first; the last is the office serving that path.
 */
export async function officesAlong(tx: Tx | Db, regionPath: string): Promise<OfficeRow[]> {
  const upTo = regionPath.slice(0, Math.min(regionPath.length, 12));
  const regions = await ancestorsOf(tx, upTo, true);
  const out: OfficeRow[] = [];
  for (const r of regions) {
    const tier = tierOf(r.code);
    if (tier) out.push(await upsertOffice(tx, { id: r.id, code: r.code, name: r.name, districtCode: r.code.slice(0, 6), tier }));
  }
  if (!out.length) throw new AppError('REGION_NOT_FOUND');
  return out;
}

/** The office serving a region path (the deepest of {@link officesAlong}). */
export async function officeFor(tx: Tx | Db, regionPath: string): Promise<OfficeRow> {
  const existing = await officeAt(tx, regionPath.slice(0, Math.min(regionPath.length, 12)));
  if (existing) return existing;
  return (await officesAlong(tx, regionPath)).at(-1)!;
}

/** A person's account, opened at their savings office on first use; locked for the transaction. */
export async function openAccount(tx: Tx, personId: string, regionPath?: string): Promise<AccountRow> {
  let acc = await personAccount(tx, personId, true);
  if (acc) return acc;
  const path = regionPath ?? (await residentRegionPath(tx, personId));
  if (!path) throw new AppError('BANK_PERSON_NOT_FOUND');
  await insertPersonAccount(tx, personId, await officeFor(tx, path), path);
  acc = await personAccount(tx, personId, true);
  return acc!;
}

/**
 * Credits a person for approved service: `minutes` at the category's rate in the district (default 60
 * minutes = 1 point), floored to whole points; every minute counts toward the redemption unlock.
 * Idempotent on `sourceId`: a second call for the same source credits nothing (points 0, no
 * transaction). Earnings that would take the balance past the district's cap are refused whole, with
 * an audit note (`bank.earn_refused`), and return no transaction. Runs in the caller's transaction.
 */
export async function creditServicePoints(tx: Tx, actor: Actor, input: { personId: string; regionPath: string; minutes: number; categoryCode: string; sourceId: string }, now: Date): Promise<{ points: bigint; transactionId: string | null }> {
  if (!Number.isInteger(input.minutes) || input.minutes < 0) throw new AppError('BANK_POINTS_INVALID');
  const account = await openAccount(tx, input.personId, input.regionPath);
  const office = await officeFor(tx, account.regionPath);
  const rules = await rulesFor(tx, account.districtCode);
  const points = pointsForMinutes(input.minutes, await minutesPerPoint(tx, account.districtCode, input.categoryCode));
  const overCap = points > 0n && account.balance + points > rules.balanceCap;
  const base = { sourceId: input.sourceId, personId: input.personId, regionPath: account.regionPath, districtCode: account.districtCode, minutes: input.minutes, points };
  if (!(await claimEarning(tx, { ...base, credited: !overCap && points > 0n, note: overCap ? 'over_cap' : points === 0n ? 'under_one_point' : null }))) {
    return { points: 0n, transactionId: null };
  }
  if (overCap || points === 0n) {
    await addEarnedMinutes(tx, account.id, input.minutes);
    if (overCap) {
      await audit(tx, actor, { action: 'bank.earn_refused', subjectType: 'bank_account', subjectId: account.id, regionPath: account.regionPath,
        details: { source: input.sourceId, points: points.toString(), balance: account.balance.toString(), cap: rules.balanceCap.toString(), note: '超过积分上限，本次服务积分未存入' } });
    }
    return { points: 0n, transactionId: null };
  }
  const issuance = await officeAccount(tx, office, 'issuance');
  const { id } = await postPoints(tx, actor, {
    kind: 'earn', office, memo: `服务 ${input.minutes} 分钟（${input.categoryCode}）`, personId: input.personId, sourceId: input.sourceId,
    earnedMinutes: input.minutes, occurredOn: chinaDay(now), cap: rules.balanceCap,
    lines: [{ account: issuance, amount: -points }, { account, amount: points }],
  });
  return { points, transactionId: id };
}

/** A person's points balance (0 when they have no account yet). */
export async function pointsBalance(db: Db, personId: string): Promise<bigint> {
  return (await personAccount(db, personId))?.balance ?? 0n;
}

/** The resident behind the actor, or BANK_NO_ACCOUNT. */
export function residentOf(actor: Actor): string {
  if (!actor.residentId) throw new AppError('BANK_NO_ACCOUNT');
  return actor.residentId;
}

/**
 * Gives points to another person (a relative): refused to oneself, past the giver's balance, or past
 * the receiver's cap. One transaction with its audit row.
 */
export async function givePoints(db: Db, actor: Actor, input: { toPersonId: string; points: string | number; note?: string }, now: Date): Promise<{ id: string; balance: bigint }> {
  const from = residentOf(actor);
  const points = parsePoints(input.points);
  if (input.toPersonId === from) throw new AppError('BANK_GIFT_TO_SELF');
  return db.transaction(async (tx) => {
    const path = await residentRegionPath(tx, input.toPersonId);
    if (!path) throw new AppError('BANK_PERSON_NOT_FOUND');
    // Lock the two accounts in one order (by person id), so two people giving to each other never deadlock.
    const opened = new Map<string, AccountRow>();
    for (const pid of [from, input.toPersonId].sort()) opened.set(pid, await openAccount(tx, pid, pid === from ? undefined : path));
    const giver = opened.get(from)!;
    const receiver = opened.get(input.toPersonId)!;
    const rules = await rulesFor(tx, receiver.districtCode);
    const office = await officeFor(tx, giver.regionPath);
    const { id, balances } = await postPoints(tx, actor, {
      kind: 'gift', office, memo: input.note?.trim() || '赠送亲友', personId: from, occurredOn: chinaDay(now), cap: rules.balanceCap,
      lines: [{ account: giver, amount: -points }, { account: receiver, amount: points }],
    });
    return { id, balance: balances.get(giver.id)! };
  });
}

/** Donates points to the community's pool, which staff distribute down the priority list. */
export async function donatePoints(db: Db, actor: Actor, input: { points: string | number }, now: Date): Promise<{ id: string; balance: bigint }> {
  const from = residentOf(actor);
  const points = parsePoints(input.points);
  return db.transaction(async (tx) => {
    const giver = await openAccount(tx, from);
    const office = await officeFor(tx, giver.regionPath);
    const pool = await officeAccount(tx, office, 'pool');
    const { id, balances } = await postPoints(tx, actor, {
      kind: 'donate', office, memo: '捐入公益积分池', personId: from, occurredOn: chinaDay(now),
      lines: [{ account: giver, amount: -points }, { account: pool, amount: points }],
    });
    return { id, balance: balances.get(giver.id)! };
  });
}

/** Adds a person of the office's community to its priority list (at the end). */
export async function addPriority(db: Db, actor: Actor, office: OfficeRow, input: { personId: string; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const path = await residentRegionPath(tx, input.personId);
    if (!path || !path.startsWith(office.regionPath)) throw new AppError('BANK_PERSON_NOT_FOUND');
    await addToPriority(tx, office, input.personId, path, input.reason);
    await audit(tx, actor, { action: 'bank.priority.add', subjectType: 'bank_office', subjectId: office.id, regionPath: office.regionPath, details: { reason: input.reason } });
  });
}

/** Gives `points` from the office's pool to the next person on its priority list, who then goes to the end. */
export async function distributePool(db: Db, actor: Actor, office: OfficeRow, input: { points: string | number }, now: Date): Promise<{ id: string; personId: string }> {
  const points = parsePoints(input.points);
  return db.transaction(async (tx) => {
    const next = await nextOnList(tx, office.id);
    if (!next) throw new AppError('BANK_PRIORITY_EMPTY');
    const pool = await officeAccount(tx, office, 'pool');
    const to = await openAccount(tx, next.personId, next.regionPath);
    const rules = await rulesFor(tx, office.districtCode);
    const { id } = await postPoints(tx, actor, {
      kind: 'distribute', office, memo: `公益积分池分配：${next.reason}`, personId: next.personId, occurredOn: chinaDay(now), cap: rules.balanceCap,
      lines: [{ account: pool, amount: -points }, { account: to, amount: points }],
    });
    return { id, personId: next.personId };
  });
}

/** Sets a district's rules (cap, unlock, year-end); only for a district region in the actor's scope. */
export async function setRules(db: Db, actor: Actor, office: OfficeRow, input: { balanceCap: string | number; unlockMinutes: number; expiry: 'rollover' | 'expire_end_of_year' }): Promise<void> {
  if (office.tier !== 'head') throw new AppError('REGION_NOT_FOUND');
  const balanceCap = parsePoints(input.balanceCap);
  await db.transaction(async (tx) => {
    const before = await rulesFor(tx, office.districtCode);
    await saveRules(tx, office.districtCode, { balanceCap, unlockMinutes: input.unlockMinutes, expiry: input.expiry });
    await audit(tx, actor, { action: 'bank.rules.set', subjectType: 'bank_office', subjectId: office.id, regionPath: office.regionPath,
      before: { ...before, balanceCap: before.balanceCap.toString() }, after: { ...input, balanceCap: balanceCap.toString() } });
  });
}
