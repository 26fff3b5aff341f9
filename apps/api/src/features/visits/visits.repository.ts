import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tenure } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { householdChanges, visitRules, visits, type HouseholdSnapshot, type ProposedHouseholdChange } from './visits.table.ts';
import { householdVersionSql } from './due.repository.ts';
import { qualified } from '../../platform/db/columns.ts';

export type VisitRow = typeof visits.$inferSelect;
export type ChangeRow = typeof householdChanges.$inferSelect;

/** A household as a visit needs it: where it is and its record's current version. */
export type HouseholdFacts = {
  id: string; region_id: string; region_path: string; district_code: string; address: string; tenure: Tenure; moved_out: boolean; version: string;
};

/** A raw-SQL region-path column (`h.region_path`) limited to `scope`, or undefined for everywhere. */
const scoped = (scope: Scope, column: string) => inScope(scope, { region: sql.raw(column) });

const HOUSEHOLD_FACTS = sql`SELECT h.id, h.region_id, h.region_path, h.district_code, h.address, h.tenure, h.moved_out_at IS NOT NULL AS moved_out,
      ${householdVersionSql('h')} AS version FROM households h`;

/** The household when it is within `scope`, else undefined. */
export async function householdInScope(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<HouseholdFacts | undefined> {
  const res = await db.execute<HouseholdFacts>(sql`${HOUSEHOLD_FACTS} WHERE ${and(sql`h.id = ${id}`, scoped(scope, 'h.region_path'))} ${opts.lock ? sql`FOR UPDATE OF h` : sql``}`);
  return res.rows[0];
}

/** Households by id, for rows the caller has already found in scope (one query for a whole list). */
export async function householdsByIds(db: DbOrTx, ids: string[]): Promise<Map<string, HouseholdFacts>> {
  if (!ids.length) return new Map();
  const res = await db.execute<HouseholdFacts>(sql`${HOUSEHOLD_FACTS} WHERE h.id = ANY(${`{${[...new Set(ids)].join(',')}}`}::uuid[])`);
  return new Map(res.rows.map((h) => [h.id, h]));
}

/** The household's record as a reviewer compares it: address, tenure and current members with their tags. */
export async function snapshotOf(db: DbOrTx, h: HouseholdFacts): Promise<HouseholdSnapshot & { movedOut: boolean }> {
  const res = await db.execute<{ id: string; name: string; tags: HouseholdSnapshot['members'][number]['tags'] }>(
    sql`SELECT id, name, tags FROM residents WHERE household_id = ${h.id} AND moved_out_at IS NULL ORDER BY created_at, id`);
  const members = res.rows.map((m) => ({ residentId: m.id, name: m.name, tags: m.tags }));
  return { address: h.address, tenure: h.tenure, movedOut: h.moved_out, members };
}

/** The records of several households at once (one query), keyed by household id. */
export async function snapshotsOf(db: DbOrTx, hs: HouseholdFacts[]): Promise<Map<string, HouseholdSnapshot & { movedOut: boolean }>> {
  if (!hs.length) return new Map();
  const res = await db.execute<{ id: string; household_id: string; name: string; tags: string[] }>(sql`SELECT id, household_id, name, tags FROM residents
    WHERE household_id = ANY(${`{${hs.map((h) => h.id).join(',')}}`}::uuid[]) AND moved_out_at IS NULL ORDER BY created_at, id`);
  const members = new Map<string, HouseholdSnapshot['members']>();
  for (const m of res.rows) {
    members.set(m.household_id, [...(members.get(m.household_id) ?? []), { residentId: m.id, name: m.name, tags: m.tags as HouseholdSnapshot['members'][number]['tags'] }]);
  }
  return new Map(hs.map((h) => [h.id, { address: h.address, tenure: h.tenure, movedOut: h.moved_out, members: members.get(h.id) ?? [] }]));
}

/** A visit by its (phone-made) id, wherever it is: used to answer a second sync with the first record. */
export async function findVisit(db: DbOrTx, id: string): Promise<VisitRow | undefined> {
  const [row] = await db.select().from(visits).where(eq(visits.id, id));
  return row;
}

/** Inserts a visit unless one with its id exists; true when this call stored it. */
export async function insertVisit(tx: DbOrTx, row: typeof visits.$inferInsert): Promise<boolean> {
  const res = await tx.insert(visits).values(row).onConflictDoNothing({ target: visits.id }).returning({ id: visits.id });
  return res.length === 1;
}

export async function insertChange(tx: DbOrTx, row: typeof householdChanges.$inferInsert): Promise<ChangeRow> {
  const [c] = await tx.insert(householdChanges).values(row).returning();
  return c!;
}

/** A visit as the log loads it. */
export interface VisitListRow {
  id: string; household_id: string; address: string; worker_name: string | null; visited_at: Date | string; created_at: Date | string; outcome: 'visited' | 'not_home';
  notes: string; request_id: string | null; request_number: string | null; change_id: string | null; change_status: ChangeRow['status'] | null;
}

/** Visits with what the list shows: household address, worker's name, request number, proposed change. */
export async function listVisits(db: DbOrTx, scope: Scope, f: { householdId?: string; ids?: string[]; limit: number }) {
  const where = and(scoped(scope, 'v.region_path'), f.householdId ? sql`v.household_id = ${f.householdId}` : undefined,
    f.ids ? sql`v.id = ANY(${`{${f.ids.join(',')}}`}::uuid[])` : undefined);
  const res = await db.execute<{
    id: string; household_id: string; address: string; worker_name: string | null; visited_at: Date | string; created_at: Date | string; outcome: 'visited' | 'not_home';
    notes: string; request_id: string | null; request_number: string | null; change_id: string | null; change_status: ChangeRow['status'] | null;
  }>(sql`SELECT v.id, v.household_id, h.address, u.name AS worker_name, v.visited_at, v.created_at, v.outcome, v.notes,
      v.request_id, r.number AS request_number, c.id AS change_id, c.status AS change_status
    FROM visits v JOIN households h ON h.id = v.household_id LEFT JOIN users u ON u.id = v.worker_user_id
    LEFT JOIN requests r ON r.id = v.request_id LEFT JOIN household_changes c ON c.visit_id = v.id
    ${where ? sql`WHERE ${where}` : sql``}
    ORDER BY v.visited_at DESC LIMIT ${f.limit}`);
  return res.rows;
}

/** Proposed changes in scope, newest first (200 at most), with the proposer's name. */
export async function listChanges(db: DbOrTx, scope: Scope, f: { status?: ChangeRow['status']; id?: string } = {}) {
  return db.select({ c: householdChanges, proposedByName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = ${qualified(householdChanges.proposedBy)})` })
    .from(householdChanges)
    .where(and(inScope(scope, { region: householdChanges.regionPath }), f.status ? eq(householdChanges.status, f.status) : undefined, f.id ? eq(householdChanges.id, f.id) : undefined))
    .orderBy(desc(householdChanges.createdAt)).limit(200);
}

/** One proposed change in scope (optionally locked), or undefined. */
export async function findChange(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<ChangeRow | undefined> {
  const q = db.select().from(householdChanges).where(and(eq(householdChanges.id, id), inScope(scope, { region: householdChanges.regionPath })));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function setChangeStatus(tx: DbOrTx, id: string, status: ChangeRow['status'], by: string | null, note: string | null, at: Date) {
  await tx.update(householdChanges).set({ status, reviewedBy: by, reviewedAt: by ? at : null, reviewNote: note }).where(eq(householdChanges.id, id));
}

/**
 * Writes an approved change to the household's record (address, tenure, moved out, members' tags)
 * and bumps its version, in the reviewer's transaction.
 */
export async function applyChange(tx: DbOrTx, householdId: string, c: ProposedHouseholdChange): Promise<void> {
  await tx.execute(sql`UPDATE households SET updated_at = clock_timestamp()
      ${c.address !== undefined ? sql`, address = ${c.address}` : sql``}
      ${c.tenure !== undefined ? sql`, tenure = ${c.tenure}` : sql``}
      ${c.movedOut ? sql`, moved_out_at = now()` : sql``}
    WHERE id = ${householdId}`);
  for (const m of c.members ?? []) {
    await tx.execute(sql`UPDATE residents SET tags = ${`{${m.tags.join(',')}}`}::text[], updated_at = clock_timestamp()
      WHERE id = ${m.residentId} AND household_id = ${householdId}`);
  }
}

/** Whether the residents belong to the household (moved-out members excluded). */
export async function membersBelong(db: DbOrTx, householdId: string, residentIds: string[]): Promise<boolean> {
  if (!residentIds.length) return true;
  const res = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM residents WHERE household_id = ${householdId} AND moved_out_at IS NULL
    AND id = ANY(${`{${residentIds.join(',')}}`}::uuid[])`);
  return res.rows[0]!.n === new Set(residentIds).size;
}

/** A community with its household count and its configured rule (null fields: none configured). */
export interface CommunityRule { id: string; name: string; households: number; rule: typeof visitRules.$inferSelect | null }

/** The communities in scope (and under `within`, when given) with their rules: one query for the list. */
export async function communityRules(db: DbOrTx, scope: Scope, within: string | undefined): Promise<CommunityRule[]> {
  const res = await db.execute<{ id: string; name: string; households: number }>(sql`SELECT r.id, r.name,
      (SELECT count(*)::int FROM households h WHERE h.region_path LIKE r.code || '%' AND h.moved_out_at IS NULL) AS households
    FROM regions r WHERE ${and(sql`r.level = 'community' AND r.retired_at IS NULL`, scoped(scope, 'r.code'), within ? sql`r.code LIKE ${likePrefix(within)}` : undefined)}
    ORDER BY r.code LIMIT 500`);
  const list = res.rows;
  const rules = list.length ? await db.select().from(visitRules).where(inArray(visitRules.regionId, list.map((c) => c.id))) : [];
  const byRegion = new Map(rules.map((r) => [r.regionId, r]));
  return list.map((c) => ({ ...c, rule: byRegion.get(c.id) ?? null }));
}

export async function upsertRule(tx: DbOrTx, row: typeof visitRules.$inferInsert & { updatedAt: Date }) {
  await tx.insert(visitRules).values(row).onConflictDoUpdate({
    target: visitRules.regionId,
    set: { size: row.size, largeDays: row.largeDays, smallDays: row.smallDays, specialDays: row.specialDays, specialTags: row.specialTags, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
  });
}
