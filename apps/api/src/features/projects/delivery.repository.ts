import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { findProject, type ProjectRow } from './projects.repository.ts';
import { projects } from './projects.table.ts';
import { projectInspections, projectMilestones, projectPhotos, projectUpdates } from './delivery.table.ts';
import { projectAcceptances } from './acceptance.table.ts';
import { projectRatings } from './rating.table.ts';

export type MilestoneRow = typeof projectMilestones.$inferSelect;
export type UpdateRow = typeof projectUpdates.$inferSelect;
export type InspectionRow = typeof projectInspections.$inferSelect;
export type AcceptanceRow = typeof projectAcceptances.$inferSelect;
export type RatingRow = typeof projectRatings.$inferSelect;

/**
 * A project the actor may reach for its delivery: in their read scope (staff, supervisors, residents
 * of the community, the proposing organisation), or carried out by an organisation they act for.
 * Anything else is undefined (404), optionally locked for update.
 */
export async function findDeliveryProject(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<ProjectRow | undefined> {
  const scoped = await findProject(db, scopeFor(actor, 'project.read'), id, lock);
  if (scoped) return scoped.p;
  const orgs = actor.grants.flatMap((g) => (g.organisationId ? [g.organisationId] : []));
  if (!orgs.length) return undefined;
  const q = db.select().from(projects).where(and(eq(projects.id, id), inArray(projects.implementerOrganisationId, orgs)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A project by id wherever it is (its public page shows it anyway), under a share lock: a rating waits for a close. */
export async function projectForRating(db: DbOrTx, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).for('share');
  return row;
}

export const milestonesOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId)).orderBy(asc(projectMilestones.position));

export const updatesOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectUpdates).where(eq(projectUpdates.projectId, projectId)).orderBy(desc(projectUpdates.createdAt), desc(projectUpdates.id));

export const inspectionsOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectInspections).where(eq(projectInspections.projectId, projectId)).orderBy(desc(projectInspections.createdAt), desc(projectInspections.id));

export const photosOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectPhotos).where(eq(projectPhotos.projectId, projectId)).orderBy(asc(projectPhotos.createdAt), asc(projectPhotos.id));

export const acceptancesOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectAcceptances).where(eq(projectAcceptances.projectId, projectId)).orderBy(asc(projectAcceptances.createdAt), asc(projectAcceptances.id));

export const ratingsOf = (db: DbOrTx, projectId: string) =>
  db.select().from(projectRatings).where(eq(projectRatings.projectId, projectId)).orderBy(desc(projectRatings.createdAt)).limit(200);

/** Concerns raised and not yet answered. */
export async function openConcerns(db: DbOrTx, projectId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(projectInspections)
    .where(and(eq(projectInspections.projectId, projectId), eq(projectInspections.concern, true), isNull(projectInspections.answeredAt)));
  return row?.n ?? 0;
}

/** Has progress been posted after `at` (a failed acceptance)? */
export async function progressSince(db: DbOrTx, projectId: string, at: Date): Promise<boolean> {
  const [row] = await db.select({ id: projectUpdates.id }).from(projectUpdates).where(and(eq(projectUpdates.projectId, projectId), gt(projectUpdates.createdAt, at))).limit(1);
  return row !== undefined;
}

/** Adds a rating; false when this person has rated already (the primary key decides, even in a race). */
export async function insertRating(db: DbOrTx, row: typeof projectRatings.$inferInsert): Promise<boolean> {
  const rows = await db.insert(projectRatings).values(row).onConflictDoNothing().returning({ u: projectRatings.userId });
  return rows.length === 1;
}
