import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { normalizePhone } from '@gongzhi/core';
import type { Db, DbOrTx } from '../db/client.ts';
import type { Vault } from '../crypto/vault.ts';
import { newId } from '../db/columns.ts';
import { AppError } from '../errors/app-error.ts';
import { enqueue } from '../outbox/outbox.ts';
import { phoneCodes, users } from './auth.table.ts';
import { LOCK_MS, MAX_FAILED_LOGINS } from './session.service.ts';

/** What a one-time code is for: creating an account, or resetting a forgotten password. */
export type CodePurpose = 'signup' | 'reset';

/** A code is valid this long. */
export const CODE_TTL_MS = 5 * 60 * 1000;
/** One code per phone and purpose per minute… */
export const CODE_RESEND_MS = 60 * 1000;
/** …and at most this many an hour per phone, and per client address. */
export const CODES_PER_PHONE_HOUR = 5;
export const CODES_PER_IP_HOUR = 20;
const HOUR_MS = 60 * 60 * 1000;

/** The phone in canonical form, or PHONE_INVALID. */
export function phoneOrThrow(raw: string): string {
  const phone = normalizePhone(raw);
  if (!phone) throw new AppError('PHONE_INVALID');
  return phone;
}

const codeHashOf = (vault: Vault, rowId: string, code: string) => vault.hash(`otp:${rowId}:${code}`);
const minutesLeft = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));

/** The latest lock on this phone and purpose still running, if any. */
async function activeLock(tx: DbOrTx, phoneHash: string, purpose: CodePurpose, now: Date) {
  const [row] = await tx.select({ until: phoneCodes.lockedUntil }).from(phoneCodes)
    .where(and(eq(phoneCodes.phoneHash, phoneHash), eq(phoneCodes.purpose, purpose), gt(phoneCodes.lockedUntil, now)))
    .orderBy(desc(phoneCodes.lockedUntil)).limit(1);
  return row?.until ?? null;
}

/**
 * Sends a 6-digit code (crypto randomness; only its keyed hash is stored) by SMS through the outbox.
 * The answer is the same whether or not the phone has an account: for sign-up every phone gets a
 * code (an existing account is refused only after the code proves the phone), for a reset only a
 * phone with an account is sent one. Limits: one a minute and five an hour per phone, twenty an hour
 * per client address, none while the phone is locked after too many wrong codes (the sign-in limits).
 */
export async function requestCode(db: Db, vault: Vault, input: { phone: string; purpose: CodePurpose; ip?: string }, now: Date) {
  const phone = phoneOrThrow(input.phone);
  const phoneHash = vault.hash(phone);
  await db.transaction(async (tx) => {
    // Serialise requests for one phone, so two at once cannot both pass the limits below.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`otp:${phoneHash}`}))`);
    const lock = await activeLock(tx, phoneHash, input.purpose, now);
    if (lock) throw new AppError('CODE_LOCKED', { minutes: minutesLeft(lock, now) });
    const hourAgo = new Date(now.getTime() - HOUR_MS);
    const recent = await tx.select({ createdAt: phoneCodes.createdAt }).from(phoneCodes)
      .where(and(eq(phoneCodes.phoneHash, phoneHash), eq(phoneCodes.purpose, input.purpose), gt(phoneCodes.createdAt, hourAgo)))
      .orderBy(desc(phoneCodes.createdAt));
    const last = recent[0]?.createdAt;
    if (last && now.getTime() - last.getTime() < CODE_RESEND_MS) {
      throw new AppError('CODE_TOO_SOON', { seconds: Math.ceil((CODE_RESEND_MS - (now.getTime() - last.getTime())) / 1000) });
    }
    if (recent.length >= CODES_PER_PHONE_HOUR) throw new AppError('RATE_LIMITED');
    if (input.ip) {
      const [byIp] = await tx.select({ n: count() }).from(phoneCodes).where(and(eq(phoneCodes.ip, input.ip), gt(phoneCodes.createdAt, hourAgo)));
      if ((byIp?.n ?? 0) >= CODES_PER_IP_HOUR) throw new AppError('RATE_LIMITED');
    }
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.phoneHash, phoneHash));
    const id = newId();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await tx.insert(phoneCodes).values({ id, phoneHash, purpose: input.purpose, codeHash: codeHashOf(vault, id, code), ip: input.ip ?? null, createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) });
    if (input.purpose === 'signup' || user) {
      // The SMS gateway needs the number itself; the message row is what the gateway would be handed.
      await enqueue(tx, { channel: 'sms', template: `auth.code.${input.purpose}`, recipientUserId: user?.id ?? null, payload: { to: phone, code, ttlMinutes: CODE_TTL_MS / 60000 } });
    }
  });
  return { sent: true as const, ttlSeconds: CODE_TTL_MS / 1000, resendAfterSeconds: CODE_RESEND_MS / 1000 };
}

/** The outcome of checking a code: the caller commits a failure's count before throwing its error. */
export type CodeCheck = { ok: true; phone: string; phoneHash: string } | { ok: false; error: AppError };

/**
 * Checks a code inside the caller's transaction and, if right, uses it up (the same transaction then
 * creates the account or sets the password, so the code is spent exactly when that commits). A wrong
 * code counts a try; the last allowed wrong try burns the code and locks the phone for this purpose
 * (as sign-in locks an account). A failure is returned, not thrown, so the count is committed.
 */
export async function checkCode(tx: DbOrTx, vault: Vault, input: { phone: string; purpose: CodePurpose; code: string }, now: Date): Promise<CodeCheck> {
  const phone = phoneOrThrow(input.phone);
  const phoneHash = vault.hash(phone);
  const lock = await activeLock(tx, phoneHash, input.purpose, now);
  if (lock) return { ok: false, error: new AppError('CODE_LOCKED', { minutes: minutesLeft(lock, now) }) };
  const [row] = await tx.select().from(phoneCodes)
    .where(and(eq(phoneCodes.phoneHash, phoneHash), eq(phoneCodes.purpose, input.purpose), isNull(phoneCodes.usedAt), gt(phoneCodes.expiresAt, now)))
    .orderBy(desc(phoneCodes.createdAt)).limit(1).for('update');
  if (!row) return { ok: false, error: new AppError('CODE_INVALID') };
  const expected = Buffer.from(row.codeHash);
  const given = Buffer.from(codeHashOf(vault, row.id, input.code));
  if (expected.length === given.length && timingSafeEqual(expected, given)) {
    await tx.update(phoneCodes).set({ usedAt: now }).where(eq(phoneCodes.id, row.id));
    return { ok: true, phone, phoneHash };
  }
  const attempts = row.attempts + 1;
  if (attempts >= MAX_FAILED_LOGINS) {
    const until = new Date(now.getTime() + LOCK_MS);
    await tx.update(phoneCodes).set({ attempts, usedAt: now, lockedUntil: until }).where(eq(phoneCodes.id, row.id));
    return { ok: false, error: new AppError('CODE_LOCKED', { minutes: LOCK_MS / 60000 }) };
  }
  await tx.update(phoneCodes).set({ attempts }).where(eq(phoneCodes.id, row.id));
  return { ok: false, error: new AppError('CODE_INVALID') };
}
