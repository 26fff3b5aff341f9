import { and, asc, desc, eq, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { qualified } from '../../platform/db/columns.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { residentNameOf } from '../org/people.service.ts';
import {
  volunteerCertificates, volunteerHourCaps, volunteerServiceRecords, volunteerSkills, volunteerStarThresholds, volunteerTeamMembers,
  volunteerTeams, volunteers, type ServiceRecordStatus, type VolunteerStatus,
} from './volunteers.table.ts';

export type VolunteerRow = typeof volunteers.$inferSelect;
export type TeamRow = typeof volunteerTeams.$inferSelect;
export type ServiceRecordRow = typeof volunteerServiceRecords.$inferSelect;

const volunteerScope = (scope: Scope) => inScope(scope, { region: volunteers.regionPath });

/** One volunteer in scope (optionally locked for update), or undefined: out of scope looks missing. */
export async function findVolunteer(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<VolunteerRow | undefined> {
  const q = db.select().from(volunteers).where(and(eq(volunteers.id, id), volunteerScope(scope)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** A person's own registration, whatever the scope (the caller is that person or has found them). */
export async function volunteerOfResident(db: DbOrTx, residentId: string): Promise<VolunteerRow | undefined> {
  const [row] = await db.select().from(volunteers).where(eq(volunteers.residentId, residentId));
  return row;
}

/** Volunteers of a set of people, whatever the scope (attendance rows the caller already holds). */
export async function volunteersOfResidents(db: DbOrTx, residentIds: string[]): Promise<VolunteerRow[]> {
  if (!residentIds.length) return [];
  return db.select().from(volunteers).where(inArray(volunteers.residentId, residentIds));
}

/** Inserts a registration, or finds the one already there (one per person: a repeated sign-up is the same row). */
export async function insertVolunteer(tx: DbOrTx, v: typeof volunteers.$inferInsert): Promise<{ row: VolunteerRow; created: boolean }> {
  const [row] = await tx.insert(volunteers).values(v).onConflictDoNothing({ target: volunteers.residentId }).returning();
  if (row) return { row, created: true };
  return { row: (await volunteerOfResident(tx, v.residentId))!, created: false };
}

export async function updateVolunteer(tx: DbOrTx, id: string, set: Partial<typeof volunteers.$inferInsert>): Promise<VolunteerRow> {
  const [row] = await tx.update(volunteers).set(set).where(eq(volunteers.id, id)).returning();
  return row!;
}

/** A page of volunteers in scope, newest first, optionally of one status. */
export async function listVolunteers(db: DbOrTx, scope: Scope, q: { status?: VolunteerStatus; limit: number; offset: number }): Promise<VolunteerRow[]> {
  return db.select().from(volunteers).where(and(volunteerScope(scope), q.status ? eq(volunteers.status, q.status) : undefined))
    .orderBy(desc(volunteers.createdAt), asc(volunteers.id)).limit(q.limit).offset(q.offset);
}

/** Approved and pending minutes of each of the volunteers, in one query. */
export async function minutesOf(db: DbOrTx, volunteerIds: string[]): Promise<Map<string, { approved: number; pending: number }>> {
  const out = new Map<string, { approved: number; pending: number }>();
  if (!volunteerIds.length) return out;
  const rows = await db.select({
    id: volunteerServiceRecords.volunteerId,
    approved: sql<number>`coalesce(sum(${volunteerServiceRecords.minutes}) FILTER (WHERE ${volunteerServiceRecords.status} = 'approved'), 0)::int`,
    pending: sql<number>`coalesce(sum(${volunteerServiceRecords.minutes}) FILTER (WHERE ${volunteerServiceRecords.status} = 'pending'), 0)::int`,
  }).from(volunteerServiceRecords).where(inArray(volunteerServiceRecords.volunteerId, volunteerIds)).groupBy(volunteerServiceRecords.volunteerId);
  for (const r of rows) out.set(r.id, { approved: r.approved, pending: r.pending });
  return out;
}

// ---- Teams ----

/** The teams a set of volunteers belong to, by volunteer. */
export async function teamsOfVolunteers(db: DbOrTx, volunteerIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!volunteerIds.length) return out;
  const rows = await db.select({ v: volunteerTeamMembers.volunteerId, id: volunteerTeams.id, name: volunteerTeams.name }).from(volunteerTeamMembers)
    .innerJoin(volunteerTeams, eq(volunteerTeams.id, volunteerTeamMembers.teamId)).where(inArray(volunteerTeamMembers.volunteerId, volunteerIds))
    .orderBy(asc(volunteerTeams.name));
  for (const r of rows) out.set(r.v, [...(out.get(r.v) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** Teams in scope (a community's, or those of the communities under it), with their member counts. */
export async function listTeams(db: DbOrTx, scope: Scope, opts: { regionPathPrefix?: string; ids?: string[] } = {}) {
  return db.select({
    id: volunteerTeams.id, name: volunteerTeams.name, regionId: volunteerTeams.regionId, regionPath: volunteerTeams.regionPath,
    leaderVolunteerId: volunteerTeams.leaderVolunteerId,
    leaderName: residentNameOf(sql`(SELECT v.resident_id FROM ${volunteers} v WHERE v.id = ${qualified(volunteerTeams.leaderVolunteerId)})`),
    memberCount: sql<number>`(SELECT count(*)::int FROM ${volunteerTeamMembers} m WHERE m.team_id = ${qualified(volunteerTeams.id)})`,
  }).from(volunteerTeams).where(and(
    inScope(scope, { region: volunteerTeams.regionPath }),
    opts.regionPathPrefix ? sql`starts_with(${opts.regionPathPrefix}, ${volunteerTeams.regionPath})` : undefined,
    opts.ids ? (opts.ids.length ? inArray(volunteerTeams.id, opts.ids) : sql`false`) : undefined,
  )).orderBy(asc(volunteerTeams.regionPath), asc(volunteerTeams.name));
}

export async function findTeam(db: DbOrTx, scope: Scope, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(volunteerTeams).where(and(eq(volunteerTeams.id, id), inScope(scope, { region: volunteerTeams.regionPath })));
  return row;
}

/** Creates a team; undefined when the community already has a team of that name. */
export async function insertTeam(tx: DbOrTx, t: typeof volunteerTeams.$inferInsert): Promise<TeamRow | undefined> {
  const [row] = await tx.insert(volunteerTeams).values(t).onConflictDoNothing().returning();
  return row;
}

/** Adds members to a team (already a member: nothing happens); how many were added. */
export async function addTeamMembers(tx: DbOrTx, teamId: string, volunteerIds: string[]): Promise<number> {
  if (!volunteerIds.length) return 0;
  const rows = await tx.insert(volunteerTeamMembers).values(volunteerIds.map((volunteerId) => ({ teamId, volunteerId }))).onConflictDoNothing().returning();
  return rows.length;
}

// ---- Service records ----

/** One service record in scope (optionally locked for update), or undefined. */
export async function findRecord(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<ServiceRecordRow | undefined> {
  const q = db.select().from(volunteerServiceRecords).where(and(eq(volunteerServiceRecords.id, id), inScope(scope, { region: volunteerServiceRecords.regionPath })));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** Inserts a record; undefined when the volunteer already has one for that activity. */
export async function insertRecord(tx: DbOrTx, r: typeof volunteerServiceRecords.$inferInsert): Promise<ServiceRecordRow | undefined> {
  const [row] = await tx.insert(volunteerServiceRecords).values(r).onConflictDoNothing().returning();
  return row;
}

export async function updateRecord(tx: DbOrTx, id: string, set: Partial<typeof volunteerServiceRecords.$inferInsert>): Promise<ServiceRecordRow> {
  const [row] = await tx.update(volunteerServiceRecords).set(set).where(eq(volunteerServiceRecords.id, id)).returning();
  return row!;
}

/** Records in scope (or of one volunteer, when `scope` is everywhere for their own page), newest day first. */
export async function listRecords(db: DbOrTx, scope: Scope, q: { id?: string; status?: ServiceRecordStatus; volunteerId?: string; from?: string; to?: string; limit: number }) {
  return db.select({ ...getTableColumns(volunteerServiceRecords), volunteerName: residentNameOf(volunteerServiceRecords.residentId) }).from(volunteerServiceRecords).where(and(
    inScope(scope, { region: volunteerServiceRecords.regionPath }),
    q.id ? eq(volunteerServiceRecords.id, q.id) : undefined,
    q.status ? eq(volunteerServiceRecords.status, q.status) : undefined,
    q.volunteerId ? eq(volunteerServiceRecords.volunteerId, q.volunteerId) : undefined,
    q.from ? gte(volunteerServiceRecords.serviceDay, q.from) : undefined,
    q.to ? lte(volunteerServiceRecords.serviceDay, q.to) : undefined,
  )).orderBy(desc(volunteerServiceRecords.serviceDay), desc(volunteerServiceRecords.startsAt), asc(volunteerServiceRecords.id)).limit(q.limit);
}

// ---- Configuration ----

/** The cap in minutes for an activity category: its own row, else the `default` row, else `fallback`. */
export async function capMinutesFor(db: DbOrTx, categoryCode: string, fallback: number): Promise<number> {
  const rows = await db.select().from(volunteerHourCaps).where(inArray(volunteerHourCaps.categoryCode, [categoryCode, 'default']));
  return (rows.find((r) => r.categoryCode === categoryCode) ?? rows.find((r) => r.categoryCode === 'default'))?.maxMinutes ?? fallback;
}

export async function listCaps(db: DbOrTx) {
  return db.select({ categoryCode: volunteerHourCaps.categoryCode, maxMinutes: volunteerHourCaps.maxMinutes }).from(volunteerHourCaps).orderBy(asc(volunteerHourCaps.categoryCode));
}

export async function upsertCap(tx: DbOrTx, categoryCode: string, maxMinutes: number): Promise<void> {
  await tx.insert(volunteerHourCaps).values({ categoryCode, maxMinutes })
    .onConflictDoUpdate({ target: volunteerHourCaps.categoryCode, set: { maxMinutes, updatedAt: sql`now()` } });
}

/** A district's star thresholds in hours, or undefined for the default. */
export async function thresholdsOf(db: DbOrTx, districtCode: string): Promise<number[] | undefined> {
  const [row] = await db.select().from(volunteerStarThresholds).where(eq(volunteerStarThresholds.districtCode, districtCode));
  return row?.hours;
}

export async function upsertThresholds(tx: DbOrTx, districtCode: string, hours: number[]): Promise<void> {
  await tx.insert(volunteerStarThresholds).values({ districtCode, hours })
    .onConflictDoUpdate({ target: volunteerStarThresholds.districtCode, set: { hours, updatedAt: sql`now()` } });
}

export async function listSkills(db: DbOrTx) {
  return db.select({ code: volunteerSkills.code, labelZh: volunteerSkills.labelZh, labelEn: volunteerSkills.labelEn }).from(volunteerSkills)
    .orderBy(asc(volunteerSkills.sort), asc(volunteerSkills.code));
}

export async function upsertSkill(tx: DbOrTx, s: { code: string; labelZh: string; labelEn: string }): Promise<void> {
  await tx.insert(volunteerSkills).values({ ...s, sort: sql`(SELECT coalesce(max(sort), 0) + 1 FROM volunteer_skills)` })
    .onConflictDoUpdate({ target: volunteerSkills.code, set: { labelZh: s.labelZh, labelEn: s.labelEn } });
}

export async function insertCertificate(tx: DbOrTx, c: typeof volunteerCertificates.$inferInsert): Promise<void> {
  await tx.insert(volunteerCertificates).values(c);
}
