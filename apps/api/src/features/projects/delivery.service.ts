import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { z } from 'zod';
import { STAFF_ROLES } from '@gongzhi/core';
import type { ProjectActivityBody, ProjectConcernAnswerBody, ProjectInspectionBody, ProjectMilestonesBody, ProjectProgressBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { claimUpload, requireUploadType, storeUpload, type UploadType } from '../../platform/uploads/uploads.ts';
import { createActivityFor } from '../activities/activities.service.ts';
import { projects } from './projects.table.ts';
import type { ProjectRow } from './projects.repository.ts';
import { projectInspections, projectMilestones, projectPhotos, projectUpdates } from './delivery.table.ts';
import { findDeliveryProject, milestonesOf } from './delivery.repository.ts';
import { COMMITTEE_LABEL, recordProjectEvent } from './trail.service.ts';
import { isImplementer, isStaff, isSupervisor, isWorking, progressOf, SUPERVISORS_LABEL, weightsSumTo100 } from './delivery.policy.ts';

/** What a project photo's upload is recorded for: only its uploader may attach it, only to a project. */
export const PROJECT_PHOTO_PURPOSE = 'project.photo';
/** Image types a photo may be, read from the content: what phones send and sharp decodes (as request photos). */
const PHOTO_TYPES = ['jpg', 'png', 'webp', 'gif', 'heic', 'avif', 'tif'] as const satisfies readonly UploadType[];
const MAX_PIXELS = 50_000_000;

/** The project under lock, for a step by someone who may reach it (else 404). */
async function locked(tx: Tx, actor: Actor, id: string): Promise<ProjectRow> {
  return found(await findDeliveryProject(tx, actor, id, true), 'PROJECT_NOT_FOUND');
}
const mustWork = (p: ProjectRow) => { if (!isWorking(p)) throw new AppError('PROJECT_STATE', { state: p.status }); };
/** Who did it, as the public sees it: the implementing organisation, or the committee for 居民实施 and staff. */
const implementerLabel = (actor: Actor, p: ProjectRow) => (p.implementerOrganisationId && !isStaff(actor, p) ? p.implementerLabel ?? COMMITTEE_LABEL : COMMITTEE_LABEL);

/**
 * Takes a photo for a progress update or an inspection: an image by its content (never its name),
 * turned upright and re-encoded as JPEG, which drops EXIF (a phone photo carries its GPS position),
 * stored and recorded for this user, to be attached by key. Staff, supervisors and organisations only.
 */
export async function uploadProjectPhoto(db: Db, storage: Storage, actor: Actor, data: Buffer): Promise<{ key: string }> {
  if (!actor.grants.some((g) => STAFF_ROLES.includes(g.role) || g.organisationId !== null)) throw new AppError('FORBIDDEN');
  await requireUploadType(data, PHOTO_TYPES, () => new AppError('PROJECT_PHOTO_NOT_IMAGE'));
  let clean: Buffer;
  try {
    const meta = await sharp(data).metadata();
    if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) throw new AppError('PHOTO_TOO_MANY_PIXELS', { megapixels: MAX_PIXELS / 1_000_000 });
    clean = await sharp(data, { limitInputPixels: MAX_PIXELS }).rotate()
      .resize({ width: 2048, height: 2048, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 85 }).toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('PROJECT_PHOTO_NOT_IMAGE');
  }
  const stored = await storeUpload(db, storage, { data: clean, allow: ['jpg'], ownerUserId: actor.userId, purpose: PROJECT_PHOTO_PURPOSE });
  return { key: stored.key };
}

/** Attaches the actor's uploaded photos (each once) to an update or an inspection. */
async function attachPhotos(tx: Tx, actor: Actor, projectId: string, keys: readonly string[], owner: { updateId?: string; inspectionId?: string }, now: Date) {
  for (const key of new Set(keys)) {
    const u = await claimUpload(tx, key, actor.userId, PROJECT_PHOTO_PURPOSE);
    await tx.insert(projectPhotos).values({ projectId, storageKey: u.key, updateId: owner.updateId ?? null, inspectionId: owner.inspectionId ?? null, createdAt: now });
  }
}

/** Staff set the milestones at the start: whole weights summing to 100; fixed once progress is posted. */
export async function setMilestones(db: Db, actor: Actor, id: string, body: z.infer<typeof ProjectMilestonesBody>, now: Date): Promise<void> {
  if (!weightsSumTo100(body.milestones.map((m) => m.weight))) throw new AppError('PROJECT_MILESTONE_WEIGHTS');
  await db.transaction(async (tx) => {
    const p = await locked(tx, actor, id);
    if (!isStaff(actor, p)) throw new AppError('FORBIDDEN');
    mustWork(p);
    const [posted] = await tx.select({ id: projectUpdates.id }).from(projectUpdates).where(eq(projectUpdates.projectId, id)).limit(1);
    if (posted) throw new AppError('PROJECT_MILESTONES_FIXED');
    await tx.delete(projectMilestones).where(eq(projectMilestones.projectId, id));
    await tx.insert(projectMilestones).values(body.milestones.map((m, i) => ({ projectId: id, position: i, name: m.name, weight: m.weight })));
    await tx.update(projects).set({ progressPercent: 0, updatedAt: now }).where(eq(projects.id, id));
    await audit(tx, actor, { action: 'project.milestones', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { milestones: body.milestones } });
  });
}

/**
 * The implementer posts progress: one milestone's done percentage, a note and photos; the project's
 * progress becomes Σ weight × done / 100 (rounded down), on the trail as `progress`.
 */
export async function postProgress(db: Db, actor: Actor, id: string, body: z.infer<typeof ProjectProgressBody>, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await locked(tx, actor, id);
    if (!isImplementer(actor, p)) throw new AppError('PROJECT_NOT_IMPLEMENTER');
    mustWork(p);
    const milestones = await milestonesOf(tx, id);
    const m = milestones.find((x) => x.id === body.milestoneId);
    if (!m) throw new AppError('PROJECT_MILESTONE_UNKNOWN');
    await tx.update(projectMilestones).set({ donePercent: body.donePercent }).where(eq(projectMilestones.id, m.id));
    const by = implementerLabel(actor, p);
    const [u] = await tx.insert(projectUpdates).values({ projectId: id, milestoneId: m.id, donePercent: body.donePercent, note: body.note, byLabel: by, userId: actor.userId, createdAt: now }).returning();
    await attachPhotos(tx, actor, id, body.photoKeys, { updateId: u!.id }, now);
    const percent = progressOf(milestones.map((x) => (x.id === m.id ? { ...x, donePercent: body.donePercent } : x)));
    await tx.update(projects).set({ progressPercent: percent, updatedAt: now }).where(eq(projects.id, id));
    await audit(tx, actor, { action: 'project.progress', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { milestoneId: m.id, donePercent: body.donePercent, progress: percent, photos: body.photoKeys.length } });
    await recordProjectEvent(tx, p, { kind: 'progress', by, figure: percent, text: body.note }, now);
  });
}

/** Staff announce an activity of the project that residents sign up for (the shared activities feature), on the trail. */
export async function announceActivity(db: Db, actor: Actor, id: string, body: z.infer<typeof ProjectActivityBody>, now: Date): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const p = await locked(tx, actor, id);
    if (!isStaff(actor, p)) throw new AppError('FORBIDDEN');
    mustWork(p);
    const by = p.implementerLabel ?? COMMITTEE_LABEL;
    const a = await createActivityFor(tx, actor, { ...body, regionId: p.communityId, organiserKind: 'project', organiserId: p.id, organiserName: by }, now);
    await audit(tx, actor, { action: 'project.activity', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { activityId: a.id } });
    await recordProjectEvent(tx, p, { kind: 'activity', by, text: body.title, link: { kind: 'activity', id: a.id } }, now);
    return a;
  });
}

/** A supervisor (or staff) records an inspection; a concern stays open until answered and holds acceptance back. */
export async function recordInspection(db: Db, actor: Actor, id: string, body: z.infer<typeof ProjectInspectionBody>, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await locked(tx, actor, id);
    if (!isSupervisor(actor, p)) throw new AppError('PROJECT_NOT_SUPERVISOR');
    mustWork(p);
    const by = isStaff(actor, p) ? COMMITTEE_LABEL : SUPERVISORS_LABEL;
    const [row] = await tx.insert(projectInspections).values({ projectId: id, note: body.note, concern: body.concern, byLabel: by, userId: actor.userId, createdAt: now }).returning();
    await attachPhotos(tx, actor, id, body.photoKeys, { inspectionId: row!.id }, now);
    await audit(tx, actor, { action: 'project.inspection', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { inspectionId: row!.id, concern: body.concern } });
    await recordProjectEvent(tx, p, { kind: 'inspection', by, text: body.concern ? `【问题】${body.note}` : body.note }, now);
  });
}

/** The implementer or staff answer a concern, once. */
export async function answerConcern(db: Db, actor: Actor, id: string, inspectionId: string, body: z.infer<typeof ProjectConcernAnswerBody>, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await locked(tx, actor, id);
    if (!isImplementer(actor, p) && !isStaff(actor, p)) throw new AppError('PROJECT_NOT_IMPLEMENTER');
    const [i] = await tx.select().from(projectInspections).where(and(eq(projectInspections.id, inspectionId), eq(projectInspections.projectId, id))).for('update');
    if (!i || !i.concern) throw new AppError('PROJECT_CONCERN_UNKNOWN');
    if (i.answeredAt) throw new AppError('PROJECT_CONCERN_ANSWERED');
    await tx.update(projectInspections).set({ answer: body.answer, answeredBy: actor.userId, answeredAt: now }).where(eq(projectInspections.id, inspectionId));
    await audit(tx, actor, { action: 'project.concern_answer', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { inspectionId } });
    await recordProjectEvent(tx, p, { kind: 'concern_answered', by: implementerLabel(actor, p), text: body.answer }, now);
  });
}
