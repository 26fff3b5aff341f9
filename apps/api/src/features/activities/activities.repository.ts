import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { regionNameOf } from '../org/region.service.ts';
import { activities, activityCategories, activitySignups } from './activities.table.ts';

export type ActivityRow = typeof activities.$inferSelect;
export type SignupRow = typeof activitySignups.$inferSelect;
export type CategoryRow = typeof activityCategories.$inferSelect;
/** An activity with its region's name and its counts, as every list loads it. */
export type ActivityListRow = ActivityRow & { regionName: string; confirmed: number; waiting: number; checkedIn: number };

/**
 * Activities are seen from below and from above: a resident sees those of their community and
 * street (ancestors of where they live), staff those inside their area.
 */
const visible = (scope: Scope): SQL | undefined => inScope(scope, { region: activities.regionPath, ancestors: true });

const counted = {
  regionName: regionNameOf(activities.regionId),
  confirmed: sql<number>`(SELECT count(*)::int FROM activity_signups s WHERE s.activity_id = "activities"."id" AND s.status = 'confirmed')`,
  waiting: sql<number>`(SELECT count(*)::int FROM activity_signups s WHERE s.activity_id = "activities"."id" AND s.status = 'waiting')`,
  checkedIn: sql<number>`(SELECT count(*)::int FROM activity_signups s WHERE s.activity_id = "activities"."id" AND s.status = 'confirmed'
    AND (s.checked_in_at IS NOT NULL OR s.present IS TRUE))`,
};

/** One activity visible in `scope` (optionally locked, which serialises sign-ups to it), or undefined. */
export async function findActivity(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<ActivityRow | undefined> {
  const q = db.select().from(activities).where(and(eq(activities.id, id), visible(scope)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** One activity with its region name and counts, in scope. */
export async function activityWithCounts(db: DbOrTx, scope: Scope, id: string): Promise<ActivityListRow | undefined> {
  const [row] = await db.select({ a: activities, ...counted }).from(activities).where(and(eq(activities.id, id), visible(scope)));
  return row && { ...row.a, regionName: row.regionName, confirmed: row.confirmed, waiting: row.waiting, checkedIn: row.checkedIn };
}

/**
 * Activities in scope with counts: by default those not yet over, soonest first; `past` lists the
 * finished ones, latest first. `within` narrows to a region subtree (inside only, for organisers and
 * the public calendar); `around` lists those inside a region and those placed on its ancestors (the street).
 */
export async function listActivities(db: DbOrTx, scope: Scope, f: {
  now: Date; past?: boolean; category?: string; within?: string; around?: string; publishedOnly?: boolean; limit?: number;
}): Promise<ActivityListRow[]> {
  const rows = await db.select({ a: activities, ...counted }).from(activities).where(and(
    visible(scope),
    f.past ? lt(activities.endsAt, f.now) : gte(activities.endsAt, f.now),
    f.category ? or(eq(activities.categoryCode, f.category), sql`${activities.categoryCode} IN (SELECT c.code FROM activity_categories c WHERE c.parent_code = ${f.category})`) : undefined,
    f.within ? sql`${activities.regionPath} LIKE ${likePrefix(f.within)}` : undefined,
    f.around ? sql`(${activities.regionPath} LIKE ${likePrefix(f.around)} OR ${f.around} LIKE ${activities.regionPath} || '%')` : undefined,
    f.publishedOnly ? eq(activities.status, 'published') : undefined,
  )).orderBy(f.past ? desc(activities.startsAt) : asc(activities.startsAt)).limit(f.limit ?? 200);
  return rows.map((r) => ({ ...r.a, regionName: r.regionName, confirmed: r.confirmed, waiting: r.waiting, checkedIn: r.checkedIn }));
}

export async function insertActivity(tx: DbOrTx, row: typeof activities.$inferInsert): Promise<ActivityRow> {
  const [a] = await tx.insert(activities).values(row).returning();
  return a!;
}

export async function setActivityStatus(tx: DbOrTx, id: string, status: ActivityRow['status']) {
  await tx.update(activities).set({ status }).where(eq(activities.id, id));
}

/** The category menu a district sees: its own entries and the global ones. */
export async function categoriesFor(db: DbOrTx, districtCode: string | null): Promise<CategoryRow[]> {
  return db.select().from(activityCategories)
    .where(districtCode ? or(isNull(activityCategories.districtCode), eq(activityCategories.districtCode, districtCode)) : isNull(activityCategories.districtCode))
    .orderBy(asc(activityCategories.sort), asc(activityCategories.code));
}

export async function insertCategories(tx: DbOrTx, rows: (typeof activityCategories.$inferInsert)[]) {
  if (rows.length) await tx.insert(activityCategories).values(rows).onConflictDoNothing();
}

/** A person's sign-up to an activity (any status). */
export async function findSignup(db: DbOrTx, activityId: string, personId: string, opts: { lock?: boolean } = {}): Promise<SignupRow | undefined> {
  const q = db.select().from(activitySignups).where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.personId, personId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function findSignupById(db: DbOrTx, activityId: string, id: string): Promise<SignupRow | undefined> {
  const [row] = await db.select().from(activitySignups).where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.id, id)));
  return row;
}

/** How many hold a confirmed place. */
export async function confirmedCount(db: DbOrTx, activityId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.status, 'confirmed')));
  return r!.n;
}

/** 1-based place on the waiting list of a waiting sign-up. */
export async function waitingPosition(db: DbOrTx, s: Pick<SignupRow, 'activityId' | 'queuedAt' | 'id'>): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(activitySignups).where(and(
    eq(activitySignups.activityId, s.activityId), eq(activitySignups.status, 'waiting'),
    sql`(${activitySignups.queuedAt}, ${activitySignups.id}) <= (${s.queuedAt.toISOString()}::timestamptz, ${s.id}::uuid)`));
  return r!.n;
}

/** The first of the waiting list, locked. */
export async function firstWaiting(tx: DbOrTx, activityId: string): Promise<SignupRow | undefined> {
  const [row] = await tx.select().from(activitySignups).where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.status, 'waiting')))
    .orderBy(asc(activitySignups.queuedAt), asc(activitySignups.id)).limit(1).for('update');
  return row;
}

export async function insertSignup(tx: DbOrTx, row: typeof activitySignups.$inferInsert): Promise<SignupRow> {
  const [s] = await tx.insert(activitySignups).values(row).returning();
  return s!;
}

export async function updateSignup(tx: DbOrTx, id: string, set: Partial<typeof activitySignups.$inferInsert>): Promise<SignupRow> {
  const [s] = await tx.update(activitySignups).set(set).where(eq(activitySignups.id, id)).returning();
  return s!;
}

/** Every sign-up of an activity, confirmed first then the waiting list in order, then withdrawn. */
export async function signupsOf(db: DbOrTx, activityId: string): Promise<SignupRow[]> {
  return db.select().from(activitySignups).where(eq(activitySignups.activityId, activityId)).orderBy(
    sql`CASE ${activitySignups.status} WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END`, asc(activitySignups.queuedAt), asc(activitySignups.id));
}

/** A person's (or an account's) sign-ups with their activities (not withdrawn), latest activity first. */
export async function signupsOfPerson(db: DbOrTx, who: { personId: string } | { userId: string }): Promise<{ s: SignupRow; a: ActivityListRow }[]> {
  const rows = await db.select({ s: activitySignups, a: activities, ...counted }).from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(and('personId' in who ? eq(activitySignups.personId, who.personId) : eq(activitySignups.userId, who.userId), inArray(activitySignups.status, ['confirmed', 'waiting'])))
    .orderBy(desc(activities.startsAt)).limit(200);
  return rows.map((r) => ({ s: r.s, a: { ...r.a, regionName: r.regionName, confirmed: r.confirmed, waiting: r.waiting, checkedIn: r.checkedIn } }));
}
