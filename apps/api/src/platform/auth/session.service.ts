import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { normalizePhone } from '@gongzhi/core';
import type { Db, DbOrTx } from '../db/client.ts';
import type { Vault } from '../crypto/vault.ts';
import { AppError } from '../errors/app-error.ts';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../authz/actor.ts';
import { DUMMY_HASH, verifyPassword } from '../crypto/password.ts';
import { apiTokens, sessions, users } from './auth.table.ts';
import { actorColumns, loadActor, toActor } from './actor.repository.ts';
import type { Directory } from './directory.ts';
import type { SessionView } from '@gongzhi/contracts';
import { grantsWithNames, sessionUser } from './session.repository.ts';
import { presentSession } from './auth.presenter.ts';

/** Sessions end after this much idleness; each request within it extends the session. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Failed sign-ins in a row before the account is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

export interface SignInInput { phone: string; password: string; ip?: string; userAgent?: string }
export interface SignedIn { token: string; csrfToken: string; actor: Actor; expiresAt: Date }

/**
 * Checks phone + password, counting failures and locking the account after too many; on success
 * opens a session. Unknown phones cost the same time as known ones.
 */
export async function signIn(db: Db, vault: Vault, dir: Directory, input: SignInInput, now: Date): Promise<SignedIn> {
  const phone = normalizePhone(input.phone);
  const [user] = phone ? await db.select().from(users).where(eq(users.phoneHash, vault.hash(phone))) : [];
  if (!user) {
    await verifyPassword(input.password, DUMMY_HASH);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000) });
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok) {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.update(users).set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCK_MS) : null }).where(eq(users.id, user.id));
    if (lock) throw new AppError('ACCOUNT_LOCKED', { minutes: LOCK_MS / 60000 });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.disabledAt) throw new AppError('ACCOUNT_DISABLED');
  return db.transaction((tx) => openSession(tx, dir, user.id, input, now));
}

/**
 * Opens a session for a user whose identity has been proven (password, or a one-time code at
 * sign-up), in the caller's transaction, with its audit row.
 */
export async function openSession(tx: DbOrTx, dir: Directory, userId: string, client: { ip?: string; userAgent?: string }, now: Date): Promise<SignedIn> {
  const token = newToken('gzs');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  const actor = (await loadActor(tx, dir, userId, 'session'))!;
  actor.ip = client.ip;
  await tx.insert(sessions).values({ userId, tokenHash: hashToken(token), csrfToken, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) });
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, userId));
  await audit(tx, actor, { action: 'session.create', subjectType: 'user', subjectId: userId });
  return { token, csrfToken, actor, expiresAt };
}

/** The outcome of presenting a session cookie. */
export type SessionLookup = { state: 'ok'; actor: Actor; csrfToken: string; sessionId: string } | { state: 'expired' } | { state: 'none' };

const lookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function prepareSessionLookup(db: Db, dir: Directory) {
  return db.select({ id: sessions.id, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt, revokedAt: sessions.revokedAt, ...actorColumns(dir) })
    .from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.tokenHash, sql.placeholder('hash')))
    .prepare('gz_session_lookup');
}

/** The session lookup runs on every request: built once per database handle (an app has one directory), prepared by name. */
function sessionLookup(db: Db, dir: Directory) {
  let q = lookups.get(db);
  if (!q) {
    q = prepareSessionLookup(db, dir);
    lookups.set(db, q);
  }
  return q;
}

/** Resolves a session token, sliding its expiry forward (at most once a minute, to spare writes). */
export async function resolveSession(db: Db, dir: Directory, token: string, now: Date): Promise<SessionLookup> {
  const [s] = await sessionLookup(db, dir).execute({ hash: hashToken(token) });
  if (!s || s.revokedAt) return { state: 'none' };
  if (s.expiresAt <= now) return { state: 'expired' };
  const actor = toActor(s, 'session');
  if (!actor) return { state: 'none' };
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) }).where(eq(sessions.id, s.id));
  }
  return { state: 'ok', actor, csrfToken: s.csrfToken, sessionId: s.id };
}

/** Ends a session (sign-out). */
export async function signOut(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
    await audit(tx, actor, { action: 'session.delete', subjectType: 'user', subjectId: actor.userId });
  });
}

/** Ends every session of the actor's user (sign-out everywhere: a lost phone, a shared computer). */
export async function signOutEverywhere(db: Db, actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await tx.update(sessions).set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt))).returning({ id: sessions.id });
    await audit(tx, actor, { action: 'session.delete_all', subjectType: 'user', subjectId: actor.userId, details: { sessions: ended.length } });
    return ended.length;
  });
}

/** Resolves a bearer API token to its actor. */
export async function resolveApiToken(db: Db, dir: Directory, token: string, now: Date): Promise<Actor | null> {
  const [t] = await db.select({ id: apiTokens.id, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt, ...actorColumns(dir) })
    .from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.tokenHash, hashToken(token)));
  if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= now)) return null;
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
  }
  return toActor(t, 'token');
}

/** Issues a bearer token for the actor's own machine clients; the plain token is returned once. */
export async function createApiToken(db: Db, actor: Actor, name: string, expiresInDays: number | undefined, now: Date) {
  const token = newToken('gzt');
  const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiTokens).values({ userId: actor.userId, name, tokenHash: hashToken(token), expiresAt }).returning();
    await audit(tx, actor, { action: 'token.create', subjectType: 'api_token', subjectId: row!.id, details: { name } });
    return { ...row!, token };
  });
}

/** Revokes one of the actor's tokens; someone else's token is "not found". */
export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx.update(apiTokens).set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
    if (!rows.length) throw new AppError('NOT_FOUND');
    await audit(tx, actor, { action: 'token.revoke', subjectType: 'api_token', subjectId: id });
  });
}

/** The session answer: the user and their named grants (loaded here), shaped by the presenter. */
export async function sessionView(db: Db, dir: Directory, actor: Actor, csrfToken: string | null): Promise<SessionView> {
  const [user, grants] = await Promise.all([sessionUser(db, actor.userId), grantsWithNames(db, dir, actor.userId)]);
  return presentSession(actor, user!, grants, csrfToken);
}
