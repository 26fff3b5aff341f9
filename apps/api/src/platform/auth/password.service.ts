import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Vault } from '../crypto/vault.ts';
import type { Actor } from '../authz/actor.ts';
import { audit } from '../audit/audit.ts';
import { AppError } from '../errors/app-error.ts';
import { hashPassword, isStrongPassword, verifyPassword } from '../crypto/password.ts';
import { sessions, users } from './auth.table.ts';
import { checkCode } from './phone-code.service.ts';
import { LOCK_MS, MAX_FAILED_LOGINS } from './session.service.ts';

/**
 * Sets a new password for the account of a phone proven by a reset code, unlocks sign-in, and ends
 * every session of the account (whoever knew the old password is signed out). A phone without an
 * account never received a code, so it answers as a wrong code does: nothing tells the two apart.
 */
export async function resetPassword(db: Db, vault: Vault, input: { phone: string; code: string; password: string; ip?: string }, now: Date): Promise<void> {
  if (!isStrongPassword(input.password)) throw new AppError('PASSWORD_WEAK');
  const passwordHash = await hashPassword(input.password);
  const failed = await db.transaction(async (tx) => {
    const check = await checkCode(tx, vault, { phone: input.phone, purpose: 'reset', code: input.code }, now);
    if (!check.ok) return check.error;
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.phoneHash, check.phoneHash));
    if (!user) return new AppError('CODE_INVALID');
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const ended = await tx.update(sessions).set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt))).returning({ id: sessions.id });
    const actor: Actor = { userId: user.id, name: user.name, residentId: null, grants: [], via: 'session', ip: input.ip };
    await audit(tx, actor, { action: 'password.reset', subjectType: 'user', subjectId: user.id, details: { sessionsEnded: ended.length } });
    return null;
  });
  if (failed) throw failed;
}

/**
 * Changes the signed-in person's password after checking the current one, and ends their other
 * sessions (this one stays). Wrong current passwords count toward the sign-in lock-out.
 */
export async function changePassword(db: Db, actor: Actor, sessionId: string | null, input: { oldPassword: string; newPassword: string }, now: Date): Promise<number> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000) });
  }
  if (!(await verifyPassword(input.oldPassword, user.passwordHash))) {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.update(users).set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCK_MS) : null }).where(eq(users.id, user.id));
    if (lock) throw new AppError('ACCOUNT_LOCKED', { minutes: LOCK_MS / 60000 });
    throw new AppError('PASSWORD_WRONG');
  }
  if (!isStrongPassword(input.newPassword)) throw new AppError('PASSWORD_WEAK');
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const ended = await tx.update(sessions).set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), sessionId ? ne(sessions.id, sessionId) : undefined)).returning({ id: sessions.id });
    await audit(tx, actor, { action: 'password.change', subjectType: 'user', subjectId: user.id, details: { sessionsEnded: ended.length } });
    return ended.length;
  });
}
