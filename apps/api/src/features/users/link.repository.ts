import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { accountLinkRequests } from './users.table.ts';
import { regionNameOf } from '../org/region.service.ts';

export type LinkRequestRow = typeof accountLinkRequests.$inferSelect;

const inArea = (scope: Scope) => inScope(scope, { region: accountLinkRequests.regionPath });

/** One link request in the scope (locked for a decision when asked); out of scope is undefined. */
export async function findLinkRequest(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}) {
  const q = db.select().from(accountLinkRequests).where(and(eq(accountLinkRequests.id, id), inArea(scope)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** A page of link requests in the scope, newest first, with the account's masked phone and the community's name. */
export async function listLinkRequests(db: DbOrTx, scope: Scope, f: { state: LinkRequestRow['state']; limit: number; offset: number }) {
  const where = and(eq(accountLinkRequests.state, f.state), inArea(scope));
  const [items, [total]] = await Promise.all([
    db.select({ r: accountLinkRequests, phoneMasked: users.phoneMasked, communityName: regionNameOf(accountLinkRequests.communityId) })
      .from(accountLinkRequests).innerJoin(users, eq(users.id, accountLinkRequests.userId))
      .where(where).orderBy(desc(accountLinkRequests.createdAt)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(accountLinkRequests).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One link request with the account's masked phone and the community's name, for answering about it. */
export async function linkRequestWithNames(db: DbOrTx, id: string) {
  const [row] = await db.select({ r: accountLinkRequests, phoneMasked: users.phoneMasked, communityName: regionNameOf(accountLinkRequests.communityId) })
    .from(accountLinkRequests).innerJoin(users, eq(users.id, accountLinkRequests.userId)).where(eq(accountLinkRequests.id, id));
  return row;
}

/**
 * Serialises linking to one register entry until the transaction ends, so two links racing for the
 * same entry (a sign-up and a worker's approval) cannot both pass the "no other account" check.
 */
export async function lockEntry(tx: DbOrTx, residentId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`account-link:${residentId}`}))`);
}

/** The account linked to a register entry, if any. */
export async function accountOfResident(db: DbOrTx, residentId: string) {
  const [u] = await db.select({ id: users.id, name: users.name, phoneMasked: users.phoneMasked }).from(users).where(eq(users.residentId, residentId));
  return u;
}

/** The roles a link gives (and an unlink takes away): they come with the register entry. */
export const LINKED_ROLES = ['resident', 'owner'] as const;

/** Points the account at the entry and gives it the resident role there (and the owner role for an owner). */
export async function writeLink(tx: DbOrTx, userId: string, entry: { id: string; regionId: string; regionPath: string; owner: boolean }, by: string | null) {
  await tx.update(users).set({ residentId: entry.id }).where(eq(users.id, userId));
  await tx.delete(roleAssignments).where(and(eq(roleAssignments.userId, userId), inArray(roleAssignments.role, [...LINKED_ROLES])));
  const roles = entry.owner ? LINKED_ROLES : (['resident'] as const);
  await tx.insert(roleAssignments).values(roles.map((role) => ({ userId, role, regionId: entry.regionId, regionPath: entry.regionPath, createdBy: by })));
}

/** Undoes {@link writeLink}: the account no longer reaches the household's data. */
export async function removeLink(tx: DbOrTx, userId: string) {
  await tx.update(users).set({ residentId: null }).where(eq(users.id, userId));
  await tx.delete(roleAssignments).where(and(eq(roleAssignments.userId, userId), inArray(roleAssignments.role, [...LINKED_ROLES])));
}
