import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { likeContains } from '../../platform/db/like.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { regionNameOf } from '../org/region.service.ts';
import { organisationNameOf, organisationPathOf } from '../org/organisation.service.ts';

/**
 * Users visible in a `user.read` scope: those holding a role somewhere inside it (a platform-wide
 * reader sees everyone, including users with no role yet: no condition at all).
 */
export function visibleUsers(scope: Scope): SQL | undefined {
  const placed = inScope(scope, { region: sql`coalesce(ra.region_path, ${organisationPathOf(sql`ra.organisation_id`)})` });
  return placed && sql`EXISTS (SELECT 1 FROM ${roleAssignments} ra WHERE ra.user_id = ${users.id} AND ${placed})`;
}

/** One user if visible to the actor, with their grants. */
export async function findUser(db: DbOrTx, scope: Scope, id: string) {
  const [u] = await db.select().from(users).where(and(eq(users.id, id), visibleUsers(scope)));
  if (!u) return undefined;
  return { ...u, grants: await grantsOf(db, [id]) };
}

/** One user by id, whoever asks: only for answering about a user the caller has just acted on. */
export async function loadUser(db: DbOrTx, id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}

/** Grants of the given users, with region and organisation names. */
export async function grantsOf(db: DbOrTx, userIds: string[]) {
  if (!userIds.length) return [];
  return db.select({
    id: roleAssignments.id, userId: roleAssignments.userId, role: roleAssignments.role, regionId: roleAssignments.regionId, regionPath: roleAssignments.regionPath,
    regionName: regionNameOf(roleAssignments.regionId), organisationId: roleAssignments.organisationId,
    organisationName: organisationNameOf(roleAssignments.organisationId), orgPath: organisationPathOf(roleAssignments.organisationId),
  }).from(roleAssignments)
    .where(inArray(roleAssignments.userId, userIds)).orderBy(asc(roleAssignments.createdAt));
}

/** A page of visible users, optionally filtered by name or exact phone hash. */
export async function listUsers(db: DbOrTx, scope: Scope, f: { name?: string; phoneHash?: string; limit: number; offset: number }) {
  const where: (SQL | undefined)[] = [visibleUsers(scope)];
  if (f.phoneHash) where.push(eq(users.phoneHash, f.phoneHash));
  else if (f.name) where.push(sql`${users.name} LIKE ${likeContains(f.name)}`);
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    db.select().from(users).where(cond).orderBy(asc(users.name), asc(users.id)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}
