import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { inScope, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { open311Keys } from './open311.table.ts';
import { districtExists } from './open311.jurisdiction.ts';
import { mayIssueKey, mayListKeys } from './open311.policy.ts';

type Open311KeyRow = typeof open311Keys.$inferSelect;

/** A key as the console lists it: never the key itself, which only its creator ever sees. */
export interface Open311KeyView { id: string; name: string; districtCode: string; createdAt: string; revokedAt: string | null }

/** A live key, resolved from what a client sent. */
export interface Open311Client { id: string; name: string; districtCode: string }

/**
 * SHA-256 of the key. The key is 32 random bytes, so a plain (unsalted, fast) hash cannot be
 * brute-forced, and a lookup stays one indexed equality.
 */
export function hashOpen311Key(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const present = (k: Open311KeyRow): Open311KeyView => ({
  id: k.id, name: k.name, districtCode: k.districtCode, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null,
});

/**
 * Issues a key for an Open311 client of one district. The plain key is returned once and stored
 * nowhere; only its hash is kept. District officers of that district and system admins may do it.
 */
export async function createOpen311Key(db: Db, actor: Actor, input: { name: string; districtCode: string }): Promise<Open311KeyView & { key: string }> {
  ensure(mayIssueKey(actor, input.districtCode));
  const key = `o311_${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    if (!(await districtExists(tx, input.districtCode))) throw new AppError('REGION_NOT_FOUND');
    const [row] = await tx.insert(open311Keys).values({
      name: input.name, keyHash: hashOpen311Key(key), districtCode: input.districtCode, createdBy: actor.via === 'system' ? null : actor.userId,
    }).returning();
    await audit(tx, actor, { action: 'open311_key.create', subjectType: 'open311_key', subjectId: row!.id, regionPath: row!.districtCode, details: { name: row!.name } });
    return { ...present(row!), key };
  });
}

/** The keys of the districts the actor manages, newest first, revoked ones included (as history). */
export async function listOpen311Keys(db: DbOrTx, actor: Actor, districtCode?: string): Promise<Open311KeyView[]> {
  ensure(mayListKeys(actor));
  const rows = await db.select().from(open311Keys)
    .where(and(inScope(scopeFor(actor, 'open311.manage'), { region: open311Keys.districtCode }), districtCode ? eq(open311Keys.districtCode, districtCode) : undefined))
    .orderBy(desc(open311Keys.createdAt), desc(open311Keys.id));
  return rows.map(present);
}

/**
 * Revokes a key at once: the next request that carries it gets a 403. A key outside the actor's
 * districts is "not found"; revoking a revoked key again changes nothing.
 */
export async function revokeOpen311Key(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [k] = await tx.select().from(open311Keys)
      .where(and(eq(open311Keys.id, id), inScope(scopeFor(actor, 'open311.manage'), { region: open311Keys.districtCode }))).for('update');
    if (!k) throw new AppError('NOT_FOUND');
    if (k.revokedAt) return;
    await tx.update(open311Keys).set({ revokedAt: sql`now()` }).where(eq(open311Keys.id, id));
    await audit(tx, actor, { action: 'open311_key.revoke', subjectType: 'open311_key', subjectId: id, regionPath: k.districtCode, details: { name: k.name } });
  });
}

/** The live (unrevoked) key matching what a client sent, or null. */
export async function resolveOpen311Key(db: DbOrTx, key: string): Promise<Open311Client | null> {
  const [k] = await db.select({ id: open311Keys.id, name: open311Keys.name, districtCode: open311Keys.districtCode }).from(open311Keys)
    .where(and(eq(open311Keys.keyHash, hashOpen311Key(key)), isNull(open311Keys.revokedAt)));
  return k ?? null;
}

/**
 * The actor a key acts as: named after the key, with the `resident` role bound to the key's district.
 * That role is the least that may create requests (`request.create`) and it reads nothing: the
 * request scope gives residents only what they reported themselves, and Open311 requests record no
 * reporting user. `via: 'token'` makes the audit log carry the key's id as the actor's id, so an
 * auditor can follow everything one key did.
 */
export function open311Actor(client: Open311Client, ip?: string): Actor {
  return {
    userId: client.id, name: `Open311:${client.name}`, residentId: null, via: 'token', ip,
    grants: [{ role: 'resident', regionPath: client.districtCode, organisationId: null }],
  };
}
