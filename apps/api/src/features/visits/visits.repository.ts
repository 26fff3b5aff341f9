import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tenure } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { householdChanges, visitRules, visits, type HouseholdSnapshot, type ProposedHouseholdChange } from './visits.table.ts';
import { householdVersionSql } from './due.repository.ts';

export type VisitRow = typeof visits.$inferSelect;
export type ChangeRow = typeof householdChanges.$inferSelect;

/** A household as a visit needs it: where it is and its record's current version. */
export type HouseholdFacts = {
  id: string; region_id: string; region_path: string; district_code: string; address: string; tenure: Tenure; moved_out: boolean; version: string;
};

/** The household when it is within `scope` (an SQL condition on `h.region_path`), else undefined. */
export async function householdInScope(db: DbOrTx, id: string, scope: SQL, opts: { lock?: boolean } = {}): Promise<HouseholdFacts | undefined> {
  const res = await db.execute<HouseholdFacts>(sql`SELECT h.id, h.region_id, h.region_path, h.district_code, h.address, h.tenure, h.moved_out_at IS NOT NULL AS moved_out,
      ${householdVersionSql('h')} AS version FROM households h WHERE h.id = ${id} AND ${scope} ${opts.lock ? sql`FOR UPDATE OF h` : sql``}`);
  return res.rows[0];
}

/** The household's record as a reviewer compares it: address, tenure and current members with their tags. */
export async function snapshotOf(db: DbOrTx, h: HouseholdFacts): Promise<HouseholdSnapshot & { movedOut: boolean }> {
  const res = await db.execute<{ id: string; name: string; tags: HouseholdSnapshot['members'][number]['tags'] }>(
    sql`SELECT id, name, tags FROM residents WHERE household_id = ${h.id} AND moved_out_at IS NULL ORDER BY created_at, id`);
  const members = res.rows.map((m) => ({ residentId: m.id, name: m.name, tags: m.tags }));
  return { address: h.address, tenure: h.tenure, movedOut: h.moved_out, members };
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

/** Visits with what the list shows: household address, worker's name, request number, proposed change. */
export async function listVisits(db: DbOrTx, scope: SQL, f: { householdId?: string; ids?: string[]; limit: number }) {
  const res = await db.execute<{
    id: string; household_id: string; address: string; worker_name: string | null; visited_at: Date | string; created_at: Date | string; outcome: 'visited' | 'not_home';
    notes: string; request_id: string | null; request_number: string | null; change_id: string | null; change_status: ChangeRow['status'] | null;
  }>(sql`SELECT v.id, v.household_id, h.address, u.name AS worker_name, v.visited_at, v.created_at, v.outcome, v.notes,
      v.request_id, r.number AS request_number, c.id AS change_id, c.status AS change_status
    FROM visits v JOIN households h ON h.id = v.household_id LEFT JOIN users u ON u.id = v.worker_user_id
    LEFT JOIN requests r ON r.id = v.request_id LEFT JOIN household_changes c ON c.visit_id = v.id
    WHERE ${scope} ${f.householdId ? sql`AND v.household_id = ${f.householdId}` : sql``}
      ${f.ids ? sql`AND v.id = ANY(${`{${f.ids.join(',')}}`}::uuid[])` : sql``}
    ORDER BY v.visited_at DESC LIMIT ${f.limit}`);
  return res.rows;
}

/** Proposed changes in scope (an SQL condition on `c.region_path`), newest first, with the proposer's name. */
export async function listChanges(db: DbOrTx, scope: SQL, status?: ChangeRow['status']) {
  const res = await db.execute<{ id: string; proposed_by_name: string | null }>(sql`SELECT c.id, u.name AS proposed_by_name FROM household_changes c LEFT JOIN users u ON u.id = c.proposed_by
    WHERE ${scope} ${status ? sql`AND c.status = ${status}` : sql``} ORDER BY c.created_at DESC LIMIT 200`);
  return res.rows;
}

export async function findChange(db: DbOrTx, id: string, scope: SQL, opts: { lock?: boolean } = {}): Promise<ChangeRow | undefined> {
  const q = db.select().from(householdChanges).where(and(eq(householdChanges.id, id), scope));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function setChangeStatus(tx: DbOrTx, id: string, status: ChangeRow['status'], by: string | null, note: string | null) {
  await tx.update(householdChanges).set({ status, reviewedBy: by, reviewedAt: by ? new Date() : null, reviewNote: note }).where(eq(householdChanges.id, id));
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

/** A community by id within `scope` (an SQL condition on `code`), with its current household count. */
export async function communityInScope(db: DbOrTx, id: string, scope: SQL) {
  const res = await db.execute<{ id: string; code: string; name: string; level: string; district_code: string; households: number }>(sql`SELECT r.id, r.code, r.name, r.level, r.district_code,
      (SELECT count(*)::int FROM households h WHERE h.region_path LIKE r.code || '%' AND h.moved_out_at IS NULL) AS households
    FROM regions r WHERE r.id = ${id} AND r.retired_at IS NULL AND ${scope}`);
  return res.rows[0];
}

export async function ruleOf(db: DbOrTx, regionId: string) {
  const [row] = await db.select().from(visitRules).where(eq(visitRules.regionId, regionId));
  return row;
}

export async function upsertRule(tx: DbOrTx, row: typeof visitRules.$inferInsert) {
  await tx.insert(visitRules).values(row).onConflictDoUpdate({
    target: visitRules.regionId,
    set: { size: row.size, largeDays: row.largeDays, smallDays: row.smallDays, specialDays: row.specialDays, specialTags: row.specialTags, updatedBy: row.updatedBy, updatedAt: new Date() },
  });
}
