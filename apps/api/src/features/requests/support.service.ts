import { and, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { addWorkingHours, addCalendarHours, isFinishedState, isValidLatLng } from '@gongzhi/core';
import type { z } from 'zod';
import type { AddHandlerBody, ExtensionBody, PlaceBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { organisationInDistrict } from '../org/organisation.service.ts';
import { findRegion, locate } from '../org/region.service.ts';
import { requestEvents, requestExtensions, requestFollowers, requestHandlers, requests, serviceCategories } from './requests.table.ts';
import { findRequest, type RequestRow } from './requests.repository.ts';
import { isPublicRequest, isStaffOn, mayAddHandler, mayAskExtension, mayCompleteHandler, mayDecideExtension, mayKnowAsNeighbour, mayPlace, readerOf } from './requests.policy.ts';
import { publicText } from './public.service.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { residentNameOf } from '../org/people.service.ts';
import { loadCalendar } from './calendar.service.ts';
import { scheduleSla } from './requests.jobs.ts';
import { applyStats } from './stats.ts';

async function locked(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, id: string) {
  return found(await findRequest(tx, readerOf(actor), id, { lock: true }), 'REQUEST_NOT_FOUND');
}

async function event(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, r: RequestRow, kind: typeof requestEvents.$inferInsert.kind, note: string | null, isPublic = true, data?: Record<string, unknown>) {
  await tx.insert(requestEvents).values({ requestId: r.id, actorUserId: actor.userId, actorName: actor.name, kind, fromState: r.state, toState: r.state, note, public: isPublic, data });
}

/** Places an unplaced request (or corrects its place) on a grid, by region or by map point. */
export async function placeRequest(db: Db, actor: Actor, id: string, body: z.infer<typeof PlaceBody>, now: Date) {
  return db.transaction(async (tx) => {
    const before = await locked(tx, actor, id);
    if (!mayPlace(actor, before)) throw new AppError('FORBIDDEN');
    let region;
    if (body.regionId) region = found(await findRegion(tx, actor, body.regionId), 'REGION_NOT_FOUND');
    else {
      if (!isValidLatLng(body.lat!, body.lng!)) throw new AppError('LOCATION_INVALID');
      region = await locate(db, body.lat!, body.lng!);
      if (!region) throw new AppError('LOCATION_OUTSIDE');
    }
    if (region.level !== 'grid' && region.level !== 'microgrid') throw new AppError('REGION_LEVEL_INVALID');
    if (region.districtCode !== before.districtCode) throw new AppError('REGION_NOT_FOUND');
    const [after] = await tx.update(requests).set({ regionId: region.id, regionPath: region.code, lat: body.lat ?? before.lat, lng: body.lng ?? before.lng, updatedAt: now })
      .where(eq(requests.id, id)).returning();
    await event(tx, actor, after!, 'placed', region.name);
    await applyStats(tx, before, after!);
    await audit(tx, actor, { action: 'request.place', subjectType: 'request', subjectId: id, regionPath: region.code, before: { regionPath: before.regionPath }, after: { regionPath: region.code } });
    return after!;
  });
}

/** Adds a co-handler with its own sub-task (后台协同办理). */
export async function addHandler(db: Db, actor: Actor, id: string, body: z.infer<typeof AddHandlerBody>) {
  return db.transaction(async (tx) => {
    const r = await locked(tx, actor, id);
    if (!mayAddHandler(actor, r)) throw new AppError('FORBIDDEN');
    let name: string;
    if (body.organisationId) {
      const org = await organisationInDistrict(tx, body.organisationId, r.districtCode);
      name = found(org, 'ORGANISATION_NOT_FOUND').name;
    } else name = found(await findRegion(tx, actor, body.regionId!), 'REGION_NOT_FOUND').name;
    const [h] = await tx.insert(requestHandlers).values({ requestId: id, role: 'co', organisationId: body.organisationId ?? null, regionId: body.regionId ?? null, task: body.task }).returning();
    await event(tx, actor, r, 'handler_added', `${name}：${body.task}`, true, { handlerId: h!.id });
    await audit(tx, actor, { action: 'request.handler.add', subjectType: 'request', subjectId: id, regionPath: r.regionPath, after: h });
    return h!;
  });
}

/** A co-handler reports its sub-task done. */
export async function completeHandler(db: Db, actor: Actor, id: string, handlerId: string, note: string | undefined, now: Date) {
  return db.transaction(async (tx) => {
    const r = await locked(tx, actor, id);
    const [h] = await tx.select().from(requestHandlers).where(and(eq(requestHandlers.id, handlerId), eq(requestHandlers.requestId, id)));
    found(h, 'NOT_FOUND');
    if (!mayCompleteHandler(actor, r, h!)) throw new AppError('FORBIDDEN');
    if (h!.status === 'done') throw new AppError('TRANSITION_FORBIDDEN', { state: 'done', event: 'done' });
    await tx.update(requestHandlers).set({ status: 'done', doneAt: now, note: note ?? null }).where(eq(requestHandlers.id, handlerId));
    await event(tx, actor, r, 'handler_done', note ?? null, true, { handlerId });
    await audit(tx, actor, { action: 'request.handler.done', subjectType: 'request', subjectId: id, regionPath: r.regionPath, details: { handlerId } });
  });
}

/** A handler asks for more time; a supervisor decides. */
export async function requestExtension(db: Db, actor: Actor, id: string, body: z.infer<typeof ExtensionBody>) {
  return db.transaction(async (tx) => {
    const r = await locked(tx, actor, id);
    if (!mayAskExtension(actor, r)) throw new AppError('FORBIDDEN');
    const [waiting] = await tx.select({ id: requestExtensions.id }).from(requestExtensions)
      .where(and(eq(requestExtensions.requestId, id), eq(requestExtensions.status, 'pending')));
    if (waiting) throw new AppError('EXTENSION_ALREADY_PENDING');
    const [x] = await tx.insert(requestExtensions).values({ requestId: id, requestedBy: actor.userId, hours: body.hours, reason: body.reason }).returning();
    await event(tx, actor, r, 'extension_requested', `${body.hours}h：${body.reason}`, false, { extensionId: x!.id });
    await audit(tx, actor, { action: 'request.extension.request', subjectType: 'request', subjectId: id, regionPath: r.regionPath, after: x });
    return x!;
  });
}

/** Approves (moving the resolve deadline and its timers) or refuses an extension. */
export async function decideExtension(db: Db, actor: Actor, id: string, extensionId: string, approve: boolean, now: Date) {
  return db.transaction(async (tx) => {
    const r = await locked(tx, actor, id);
    if (!mayDecideExtension(actor, r)) throw new AppError('FORBIDDEN');
    const [x] = await tx.select().from(requestExtensions).where(and(eq(requestExtensions.id, extensionId), eq(requestExtensions.requestId, id))).for('update');
    if (!x) throw new AppError('NOT_FOUND');
    if (x.status !== 'pending') throw new AppError('EXTENSION_NOT_PENDING');
    await tx.update(requestExtensions).set({ status: approve ? 'approved' : 'refused', decidedBy: actor.userId, decidedAt: now }).where(eq(requestExtensions.id, extensionId));
    let after = r;
    if (approve && r.resolveDueAt) {
      const [cat] = r.categoryId ? await tx.select().from(serviceCategories).where(eq(serviceCategories.id, r.categoryId)) : [];
      const due = cat?.workingTime ? addWorkingHours(r.resolveDueAt, x.hours, await loadCalendar(tx)) : addCalendarHours(r.resolveDueAt, x.hours);
      [after] = (await tx.update(requests).set({ resolveDueAt: due, slaState: 'ok', updatedAt: now }).where(eq(requests.id, id)).returning()) as [RequestRow];
      await scheduleSla(tx, after, now);
      await applyStats(tx, r, after);
    }
    await event(tx, actor, after, 'extension_decided', approve ? '同意延期 / extension approved' : '不同意延期 / extension refused', false, { extensionId, approve });
    await audit(tx, actor, { action: 'request.extension.decide', subjectType: 'request', subjectId: id, regionPath: r.regionPath, details: { extensionId, approve } });
  });
}

/**
 * A resident adds themselves to an open request about the same thing instead of filing a duplicate.
 * `id` is the request's id or its public id (what `similar` shows residents).
 */
export async function follow(db: Db, actor: Actor, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(requests).where(or(eq(requests.id, id), eq(requests.publicId, id)));
    // Only what `similar` shows anyone may be followed (a public matter unless one's own or staff's,
    // placed on the map, open, not merged or referred, from the last seven days): anything else
    // answers exactly like a missing request, so an id tells nothing of a private request.
    if (!r || !mayKnowAsNeighbour(actor, r) || r.lat === null || isFinishedState(r.state) || r.state === 'referred' || r.mergedIntoId
      || r.createdAt.getTime() < now.getTime() - SIMILAR_DAYS * 86_400_000) {
      throw new AppError('REQUEST_NOT_FOUND');
    }
    const added = await tx.insert(requestFollowers).values({ requestId: r.id, userId: actor.userId }).onConflictDoNothing().returning();
    if (added.length) {
      await event(tx, actor, r, 'followed', null, false);
      await audit(tx, actor, { action: 'request.follow', subjectType: 'request', subjectId: r.id, regionPath: r.regionPath });
    }
  });
}

/** How far back `similar` looks, and so which requests may be followed. */
const SIMILAR_DAYS = 7;

/** About 300 m, in degrees of latitude; good enough for "near the same place". */
const NEAR_DEG = 0.003;

/**
 * Open requests near a point (and of the category, when given) from the last seven days: what a
 * resident is shown before submitting, to add themselves instead of reporting it again. A resident
 * sees only public matters (`isPublicRequest`) or their own, known by the public id alone (never the
 * sequential number or the internal id), with the reporter's name erased and numbers masked. Staff
 * on a request also see unsorted ones (their words withheld) with the number, to link to them.
 */
export async function similar(db: Db, actor: Actor, lat: number, lng: number, categoryCode: string | undefined, now: Date) {
  const since = new Date(now.getTime() - SIMILAR_DAYS * 86_400_000);
  const where = [
    gte(requests.lat, lat - NEAR_DEG), lte(requests.lat, lat + NEAR_DEG), gte(requests.lng, lng - NEAR_DEG), lte(requests.lng, lng + NEAR_DEG),
    gte(requests.createdAt, since), isNull(requests.mergedIntoId), sql`${requests.state} NOT IN ('closed','rated','merged','rejected','referred')`,
  ];
  if (categoryCode) where.push(sql`${requests.categoryId} IN (SELECT id FROM ${serviceCategories} WHERE code = ${categoryCode})`);
  // A private matter (私事) is nobody else's business, whoever asks (issue 14 · item 4).
  where.push(sql`${requests.matter} IS DISTINCT FROM 'private'`);
  const rows = await db.select({
    r: requests,
    reporterAccountName: sql<string | null>`(SELECT u.name FROM ${users} u WHERE u.id = ${requests.reporterUserId})`,
    reporterResidentName: residentNameOf(requests.reporterResidentId),
  }).from(requests).where(and(...where)).orderBy(desc(requests.createdAt)).limit(20);
  return rows.flatMap(({ r, ...names }) => {
    if (!mayKnowAsNeighbour(actor, r)) return [];
    const sorted = isPublicRequest(r);
    const description = sorted ? publicText(r.description, { reporterName: r.reporterName, ...names }) : UNSORTED_TEXT;
    const staff = isStaffOn(actor, r, 'request.read');
    return [{ id: staff ? r.id : r.publicId, number: staff ? r.number : '', description, state: r.state, createdAt: r.createdAt }];
  }).slice(0, 5);
}

/** What `similar` shows of a request nobody has sorted yet. */
const UNSORTED_TEXT = '附近已有居民反映，待工作人员分流 / Already reported nearby, awaiting sorting';
