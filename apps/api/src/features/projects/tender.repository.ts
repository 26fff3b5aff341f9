import { and, asc, desc, eq, gt, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { regionNameOf } from '../org/region.service.ts';
import { organisationNameOf } from '../org/organisation.service.ts';
import { projects } from './projects.table.ts';
import { tenderBids, tenderCalls } from './tender.table.ts';

export type CallRow = typeof tenderCalls.$inferSelect;
export type BidRow = typeof tenderBids.$inferSelect;
export type BidWithName = BidRow & { organisation: string };

const callScope = (scope: Scope): SQL | undefined => inScope(scope, { region: tenderCalls.regionPath, ancestors: true });

/**
 * One call in scope (else undefined). `lock`: 'update' for the steps that change it (panel, award),
 * 'share' for bids, which go side by side but wait for an award in progress.
 */
export async function findCall(db: DbOrTx, scope: Scope, id: string, lock?: 'update' | 'share'): Promise<CallRow | undefined> {
  const q = db.select().from(tenderCalls).where(and(eq(tenderCalls.id, id), callScope(scope)));
  const [row] = lock ? await q.for(lock) : await q;
  return row;
}

/** A project's calls, the latest first. */
export const callsOfProject = (db: DbOrTx, projectId: string) =>
  db.select().from(tenderCalls).where(eq(tenderCalls.projectId, projectId)).orderBy(desc(tenderCalls.createdAt), desc(tenderCalls.id));

export async function insertCall(db: DbOrTx, row: typeof tenderCalls.$inferInsert): Promise<CallRow> {
  const [r] = await db.insert(tenderCalls).values(row).returning();
  return r!;
}

export async function updateCall(db: DbOrTx, id: string, set: Partial<typeof tenderCalls.$inferInsert>): Promise<void> {
  await db.update(tenderCalls).set(set).where(eq(tenderCalls.id, id));
}

/** The bids of calls with the bidders' names, oldest first. */
export async function bidsOf(db: DbOrTx, callIds: string[]): Promise<BidWithName[]> {
  if (!callIds.length) return [];
  const rows = await db.select({ b: tenderBids, organisation: organisationNameOf(tenderBids.organisationId) }).from(tenderBids)
    .where(inArray(tenderBids.callId, callIds)).orderBy(asc(tenderBids.submittedAt), asc(tenderBids.id));
  return rows.map((r) => ({ ...r.b, organisation: r.organisation ?? '' }));
}

/** Adds a bid; undefined when the organisation has already bid on the call (the unique index decides). */
export async function insertBid(db: DbOrTx, row: typeof tenderBids.$inferInsert): Promise<BidRow | undefined> {
  const [r] = await db.insert(tenderBids).values(row).onConflictDoNothing().returning();
  return r;
}

/** A project by id whatever the reader's scope (for bidders, who read calls anywhere), optionally locked. */
export async function projectById(db: DbOrTx, id: string, lock = false) {
  const q = db.select().from(projects).where(eq(projects.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/**
 * Moves a project from `from` to `to` with `set`, only while it is still `from`: of two racing steps
 * exactly one gets the row back.
 */
export async function moveProject(db: DbOrTx, id: string, from: (typeof projects.$inferSelect)['status'][], to: (typeof projects.$inferSelect)['status'], set: Partial<typeof projects.$inferInsert> = {}) {
  const [row] = await db.update(projects).set({ ...set, status: to }).where(and(eq(projects.id, id), inArray(projects.status, from))).returning();
  return row;
}

/** Calls open for bids now or soon, soonest closing first, with their project's title, cost and community. */
export async function openCallRows(db: DbOrTx, now: Date, organisationId: string | null) {
  return db.select({
    c: tenderCalls, title: projects.title, costFen: projects.costFen, communityName: regionNameOf(projects.communityId),
    bidCount: sql<number>`(SELECT count(*)::int FROM ${tenderBids} b WHERE b.call_id = ${tenderCalls.id})`,
    mine: organisationId ? sql<boolean>`EXISTS (SELECT 1 FROM ${tenderBids} b WHERE b.call_id = ${tenderCalls.id} AND b.organisation_id = ${organisationId})` : sql<boolean>`false`,
  }).from(tenderCalls).innerJoin(projects, eq(projects.id, tenderCalls.projectId))
    .where(and(eq(tenderCalls.state, 'open'), gt(tenderCalls.closesAt, now))).orderBy(asc(tenderCalls.closesAt), asc(tenderCalls.id)).limit(200);
}

/** A call's project's community name and summary, for the call's page. */
export async function projectHead(db: DbOrTx, projectId: string) {
  const [row] = await db.select({ p: projects, communityName: regionNameOf(projects.communityId) }).from(projects).where(eq(projects.id, projectId));
  return row;
}

/** The organisations these accounts act for (their organisation-bound grants), by account. */
export async function organisationsOfUsers(db: DbOrTx, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (!userIds.length) return byUser;
  const rows = await db.select({ userId: roleAssignments.userId, organisationId: roleAssignments.organisationId }).from(roleAssignments)
    .where(and(inArray(roleAssignments.userId, userIds), isNotNull(roleAssignments.organisationId)));
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.organisationId!]);
  return byUser;
}
