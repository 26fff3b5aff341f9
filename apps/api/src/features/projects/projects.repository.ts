import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { regionNameOf } from '../org/region.service.ts';
import { organisationNameOf } from '../org/organisation.service.ts';
import {
  projectBallots, projectComments, projectCosigns, projectDistrictRules, projectHearings, projectRequests, projectRounds, projects,
} from './projects.table.ts';

export type ProjectRow = typeof projects.$inferSelect;
export type RoundRow = typeof projectRounds.$inferSelect;
export type HearingRow = typeof projectHearings.$inferSelect;
export type RulesRow = typeof projectDistrictRules.$inferSelect;

/** A project with its community's and proposing organisation's names, as every read shows it. */
const projectSelect = {
  p: projects,
  communityName: regionNameOf(projects.communityId),
  organisationName: organisationNameOf(projects.organisationId),
};
export type ProjectWithNames = { p: ProjectRow; communityName: string; organisationName: string | null };

/**
 * Projects are placed on their community; a resident (bound to a grid below it) sees them through the
 * ancestor match, a social organisation its own proposals and the projects it was awarded (it posts
 * their progress from the project's page) through the organisation columns.
 */
const projectScope = (scope: Scope): SQL | undefined => inScope(scope, {
  region: projects.regionPath, ancestors: true,
  organisation: (ids) => or(inArray(projects.organisationId, [...ids]), inArray(projects.implementerOrganisationId, [...ids]))!,
});
const roundScope = (scope: Scope): SQL | undefined => inScope(scope, { region: projectRounds.regionPath, ancestors: true });

/** A district's rules row, if it set any. */
export async function findRules(db: DbOrTx, districtCode: string): Promise<RulesRow | undefined> {
  const [row] = await db.select().from(projectDistrictRules).where(eq(projectDistrictRules.districtCode, districtCode));
  return row;
}

/** Writes a district's rules (one row per district). */
export async function saveRules(db: DbOrTx, row: typeof projectDistrictRules.$inferInsert): Promise<void> {
  await db.insert(projectDistrictRules).values(row).onConflictDoUpdate({ target: projectDistrictRules.districtCode, set: { ...row, updatedAt: new Date() } });
}

/** One project in scope (else undefined), optionally locked for update. */
export async function findProject(db: DbOrTx, scope: Scope, id: string, lock = false): Promise<ProjectWithNames | undefined> {
  const q = db.select(projectSelect).from(projects).where(and(eq(projects.id, id), projectScope(scope)));
  const [row] = lock ? await q.for('update', { of: projects }) : await q;
  return row as ProjectWithNames | undefined;
}

/** A page of projects in scope, newest first. */
export async function listProjects(db: DbOrTx, scope: Scope, f: { communityId?: string; status?: ProjectRow['status']; limit: number; offset: number }) {
  const where = and(projectScope(scope), f.communityId ? eq(projects.communityId, f.communityId) : undefined, f.status ? eq(projects.status, f.status) : undefined);
  const [items, [count]] = await Promise.all([
    db.select(projectSelect).from(projects).where(where).orderBy(desc(projects.createdAt), desc(projects.id)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(projects).where(where),
  ]);
  return { items: items as ProjectWithNames[], total: count?.n ?? 0 };
}

/**
 * The public page, newest first by keyset (created_at, id): a district or a community, unscoped
 * (the page shows no personal data). The cursor is the last row's instant in milliseconds and id.
 */
export async function publicProjects(db: DbOrTx, f: { districtCode?: string; communityId?: string; after?: { at: Date; id: string }; limit: number }) {
  const after = f.after ? sql`(date_trunc('milliseconds', ${projects.createdAt}), ${projects.id}) < (${f.after.at.toISOString()}::timestamptz, ${f.after.id}::uuid)` : undefined;
  const rows = await db.select(projectSelect).from(projects)
    .where(and(f.districtCode ? eq(projects.districtCode, f.districtCode) : undefined, f.communityId ? eq(projects.communityId, f.communityId) : undefined, after))
    .orderBy(desc(sql`date_trunc('milliseconds', ${projects.createdAt})`), desc(projects.id)).limit(f.limit + 1);
  return rows as ProjectWithNames[];
}

/** The requests a project answers. */
export const requestsOf = (db: DbOrTx, projectId: string) =>
  db.select({ id: projectRequests.requestId, number: projectRequests.requestNumber }).from(projectRequests).where(eq(projectRequests.projectId, projectId)).orderBy(asc(projectRequests.requestNumber));

export const commentsOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectComments).where(eq(projectComments.projectId, projectId)).orderBy(asc(projectComments.createdAt));

export async function hasCosigned(db: DbOrTx, projectId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ u: projectCosigns.userId }).from(projectCosigns).where(and(eq(projectCosigns.projectId, projectId), eq(projectCosigns.userId, userId)));
  return row !== undefined;
}

/** Adds a co-signature; false when this person had already signed (the primary key decides, even in a race). */
export async function insertCosign(db: DbOrTx, projectId: string, userId: string): Promise<boolean> {
  const rows = await db.insert(projectCosigns).values({ projectId, userId }).onConflictDoNothing().returning({ u: projectCosigns.userId });
  return rows.length === 1;
}

export async function findHearing(db: DbOrTx, projectId: string): Promise<HearingRow | undefined> {
  const [row] = await db.select().from(projectHearings).where(eq(projectHearings.projectId, projectId));
  return row;
}

/** Which of these projects have a recorded hearing. */
export async function withHearing(db: DbOrTx, projectIds: string[]): Promise<Set<string>> {
  if (!projectIds.length) return new Set();
  const rows = await db.select({ id: projectHearings.projectId }).from(projectHearings).where(inArray(projectHearings.projectId, projectIds));
  return new Set(rows.map((r) => r.id));
}

/** One round in scope, with its community's name. */
export async function findRound(db: DbOrTx, scope: Scope, id: string, lock = false) {
  const q = db.select({ r: projectRounds, communityName: regionNameOf(projectRounds.communityId) }).from(projectRounds).where(and(eq(projectRounds.id, id), roundScope(scope)));
  const [row] = lock ? await q.for('update', { of: projectRounds }) : await q;
  return row;
}

export async function listRounds(db: DbOrTx, scope: Scope, communityId: string | undefined) {
  return db.select({ r: projectRounds, communityName: regionNameOf(projectRounds.communityId) }).from(projectRounds)
    .where(and(roundScope(scope), communityId ? eq(projectRounds.communityId, communityId) : undefined))
    .orderBy(desc(projectRounds.year), desc(projectRounds.createdAt)).limit(100);
}

/** The round's projects: on the list (and what became of them) or left out. */
export async function projectsOfRound(db: DbOrTx, roundId: string) {
  return (await db.select(projectSelect).from(projects).where(eq(projects.roundId, roundId)).orderBy(desc(projects.voteCount), asc(projects.costFen), asc(projects.createdAt), asc(projects.id))) as ProjectWithNames[];
}

/** A community's proposals not yet sorted into a round, locked when sorting. */
export async function proposedIn(db: DbOrTx, communityId: string, ids: string[], lock = false) {
  if (!ids.length) return [];
  const q = db.select().from(projects).where(and(eq(projects.communityId, communityId), inArray(projects.id, ids), or(eq(projects.status, 'proposed'), eq(projects.status, 'left_out'))));
  return lock ? q.for('update') : q;
}

/** A round for a ballot, unscoped, under a key-share lock (ballots side by side; closing waits for them). */
export async function roundForBallot(db: DbOrTx, id: string): Promise<RoundRow | undefined> {
  const [row] = await db.select().from(projectRounds).where(eq(projectRounds.id, id)).for('key share');
  return row;
}

/** Ballots cast so far in a round. */
export async function ballotCount(db: DbOrTx, roundId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(projectBallots).where(eq(projectBallots.roundId, roundId));
  return row?.n ?? 0;
}

/** Records a ballot; false when this person has already voted in the round (the primary key decides). */
export async function insertBallot(db: DbOrTx, roundId: string, userId: string, projectIds: string[], now: Date): Promise<boolean> {
  const rows = await db.insert(projectBallots).values({ roundId, userId, projectIds, castAt: now }).onConflictDoNothing().returning({ u: projectBallots.userId });
  return rows.length === 1;
}

export async function hasVoted(db: DbOrTx, roundId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ u: projectBallots.userId }).from(projectBallots).where(and(eq(projectBallots.roundId, roundId), eq(projectBallots.userId, userId)));
  return row !== undefined;
}

/** Every ballot of a round, as the approved project ids (for the method of equal shares). */
export const ballotsOf = (db: DbOrTx, roundId: string) =>
  db.select({ projectIds: projectBallots.projectIds }).from(projectBallots).where(eq(projectBallots.roundId, roundId));
