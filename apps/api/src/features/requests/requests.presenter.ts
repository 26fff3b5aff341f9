import { and, asc, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { allowedEvents, isFinishedState } from '@gongzhi/core';
import type { z } from 'zod';
import type { RequestDetail, RequestListQuery, RequestSummary } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { likeContains, likePrefix } from '../../platform/db/like.ts';
import { found } from '../../platform/errors/app-error.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { findRegion, regionCodeOf, regionNameOf } from '../org/region.service.ts';
import { organisationNameOf } from '../org/organisation.service.ts';
import {
  requestEvents, requestExtensions, requestFollowers, requestHandlers, requestPhotos, requests, serviceCategories,
} from './requests.table.ts';
import { findRequest, isStaffOn, requestScope, type RequestRow } from './requests.repository.ts';
import { mayAct } from './flow.service.ts';
import type { Taken } from './intake.service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The columns of a request as lists show it, joined to its category, department and place. */
const summaryColumns = {
  r: requests, categoryCode: serviceCategories.code, categoryZh: serviceCategories.nameZh, categoryEn: serviceCategories.nameEn, departmentName: organisationNameOf(requests.departmentId),
  regionName: regionNameOf(requests.regionId), regionCode: regionCodeOf(requests.regionId),
};
type SummaryRow = { r: RequestRow; categoryCode: string | null; categoryZh: string | null; categoryEn: string | null; departmentName: string | null; regionName: string | null; regionCode: string | null };

function summarySelect(db: Db) {
  return db.select(summaryColumns).from(requests)
    .leftJoin(serviceCategories, eq(serviceCategories.id, requests.categoryId));
}

/** A request as lists show it. */
export function presentSummary(x: SummaryRow): RequestSummary {
  const r = x.r;
  return {
    id: r.id, number: r.number, state: r.state, description: r.description, matter: r.matter,
    category: x.categoryCode ? { code: x.categoryCode, name: x.categoryZh!, nameEn: x.categoryEn ?? x.categoryZh! } : null,
    department: r.departmentId && x.departmentName ? { id: r.departmentId, name: x.departmentName } : null,
    region: r.regionId && x.regionName ? { id: r.regionId, name: x.regionName, code: x.regionCode! } : null,
    address: r.address, lat: r.lat, lng: r.lng, channel: r.channel, slaState: r.slaState, escalationLevel: r.escalationLevel,
    respondDueAt: r.respondDueAt.toISOString(), resolveDueAt: iso(r.resolveDueAt), createdAt: r.createdAt.toISOString(), repliedAt: iso(r.repliedAt),
    rating: r.rating,
  };
}

/** A page of the requests an actor may see, newest first, with filters for the work queues. */
export async function listRequests(db: Db, actor: Actor, q: z.infer<typeof RequestListQuery>) {
  const where: SQL[] = [requestScope(actor)];
  if (q.state) where.push(eq(requests.state, q.state));
  if (q.open) where.push(sql`${requests.state} NOT IN ('closed','rated','merged','rejected')`);
  if (q.matter) where.push(eq(requests.matter, q.matter));
  if (q.slaState) where.push(eq(requests.slaState, q.slaState));
  if (q.departmentId) where.push(eq(requests.departmentId, q.departmentId));
  if (q.unplaced) where.push(sql`${requests.regionId} IS NULL`);
  if (q.mine) where.push(sql`(${requests.reporterUserId} = ${actor.userId} OR ${requests.ownerUserId} = ${actor.userId})`);
  if (q.regionId) where.push(sql`${requests.regionPath} LIKE ${likePrefix(found(await findRegion(db, actor, q.regionId, 'request.read'), 'REGION_NOT_FOUND').code)}`);
  if (q.q) where.push(/^GZ\d+$/i.test(q.q) ? eq(requests.number, q.q.toUpperCase()) : ilike(requests.description, likeContains(q.q)));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    summarySelect(db).where(cond).orderBy(desc(requests.createdAt), desc(requests.id)).limit(q.limit).offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(requests).where(cond),
  ]);
  return { items: rows.map(presentSummary), total: total?.n ?? 0 };
}

/**
 * A request with its timeline, handlers and what the actor may do next. Staff see internal steps
 * and the reporter's (masked) contact; the reporter sees the public steps of their own request.
 */
export async function presentDetail(db: Db, actor: Actor, id: string): Promise<RequestDetail> {
  const base = found(await findRequest(db, actor, id), 'REQUEST_NOT_FOUND');
  const [[x], timeline, handlers, extensions, photos, [follows], [owner], [merged]] = await Promise.all([
    summarySelect(db).where(eq(requests.id, id)),
    db.select().from(requestEvents).where(eq(requestEvents.requestId, id)).orderBy(asc(requestEvents.at), asc(requestEvents.id)),
    db.select({ h: requestHandlers, orgName: organisationNameOf(requestHandlers.organisationId), regionName: regionNameOf(requestHandlers.regionId) }).from(requestHandlers)
      .where(eq(requestHandlers.requestId, id)).orderBy(asc(requestHandlers.createdAt)),
    db.select().from(requestExtensions).where(eq(requestExtensions.requestId, id)).orderBy(asc(requestExtensions.createdAt)),
    db.select().from(requestPhotos).where(eq(requestPhotos.requestId, id)).orderBy(asc(requestPhotos.createdAt)),
    db.select({ n: sql<number>`count(*)::int` }).from(requestFollowers).where(and(eq(requestFollowers.requestId, id), eq(requestFollowers.userId, actor.userId))),
    base.ownerUserId ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, base.ownerUserId)) : Promise.resolve([]),
    base.mergedIntoId ? db.select({ id: requests.id, number: requests.number }).from(requests).where(eq(requests.id, base.mergedIntoId)) : Promise.resolve([]),
  ]);
  const coDepts = handlers.flatMap((h) => (h.h.organisationId ? [h.h.organisationId] : []));
  const staff = isStaffOn(actor, base, 'request.read', coDepts);
  const ctx = { repliedAt: base.repliedAt ?? undefined, now: new Date(), reason: 'x' };
  const allowed = allowedEvents(base.state, ctx).filter((e) => mayAct(actor, base, e, coDepts)
    && !(e === 'rate' && !['replied', 'verified', 'closed'].includes(base.state)));
  return {
    ...presentSummary(x!),
    reply: base.reply, ratingComment: base.ratingComment, reopenedCount: base.reopenedCount,
    reporter: staff || base.reporterUserId === actor.userId
      ? { name: base.reporterName, phone: staff ? base.reporterPhoneMasked : null, self: base.reporterUserId === actor.userId } : null,
    anonymous: base.anonymous, suggestion: staff ? base.suggestion ?? null : null, owner: owner ?? null, mergedInto: merged ?? null,
    handlers: handlers.map(({ h, orgName, regionName }) => ({
      id: h.id, role: h.role, organisation: h.organisationId ? { id: h.organisationId, name: orgName ?? '' } : null,
      region: h.regionId ? { id: h.regionId, name: regionName ?? '' } : null, task: h.task, status: h.status, note: h.note,
    })),
    timeline: timeline.filter((e) => staff || e.public).map((e) => ({
      id: e.id, at: e.at.toISOString(), kind: e.kind, actorName: staff ? e.actorName : e.actorUserId === actor.userId ? e.actorName : roleName(e.kind),
      fromState: e.fromState, toState: e.toState, note: e.note, public: e.public,
    })),
    extensions: staff ? extensions.map((e) => ({ id: e.id, hours: e.hours, reason: e.reason, status: e.status, createdAt: e.createdAt.toISOString() })) : [],
    photos: photos.map((p) => ({ id: p.id, url: `/api/v1/requests/${id}/photos/${p.id}`, thumbUrl: p.thumbKey ? `/api/v1/requests/${id}/photos/${p.id}?thumb=1` : null })),
    allowed: isFinishedState(base.state) && !allowed.length ? [] : allowed,
    following: (follows?.n ?? 0) > 0,
  };
}

/**
 * The answer to a new request, built from what intake already holds (no reading back): its summary,
 * its single timeline entry, and what the reporter or the staff member who filed it may do next.
 */
export function presentNew(actor: Actor, t: Taken): RequestDetail {
  const r = t.row;
  const staff = r.ownerUserId === actor.userId;
  return {
    ...presentSummary({
      r, categoryCode: t.category?.code ?? null, categoryZh: t.category?.nameZh ?? null, categoryEn: t.category?.nameEn ?? null, departmentName: t.category?.departmentName ?? null,
      regionName: t.place.regionName, regionCode: t.place.regionId ? t.place.regionPath : null,
    }),
    reply: null, ratingComment: null, reopenedCount: 0,
    reporter: { name: r.reporterName, phone: staff ? r.reporterPhoneMasked : null, self: r.reporterUserId === actor.userId },
    anonymous: r.anonymous, suggestion: staff ? r.suggestion ?? null : null, owner: staff ? { id: actor.userId, name: actor.name } : null, mergedInto: null,
    handlers: [], extensions: [], photos: [], following: false,
    timeline: [{ id: r.id, at: r.createdAt.toISOString(), kind: 'received', actorName: r.channel === 'web' ? '居民' : actor.name, fromState: null, toState: 'received', note: r.regionId ? null : '待定位 / waiting to be placed', public: true }],
    allowed: allowedEvents(r.state, { now: r.createdAt }).filter((e) => mayAct(actor, r, e, [])),
  };
}

/** Residents see who acted by role, not by a staff member's name. */
function roleName(kind: string): string {
  return kind === 'received' ? '居民' : '工作人员';
}


