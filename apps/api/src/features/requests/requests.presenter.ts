import { allowedEvents, isFinishedState, type RequestEvent, type RequestState } from '@gongzhi/core';
import type { RequestDetail, RequestSummary } from '@gongzhi/contracts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { RequestDetailData, SummaryRow } from './requests.repository.ts';
import { mayAct } from './requests.policy.ts';
import type { Taken } from './intake.service.ts';
import { residentTimeline } from './resident.presenter.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

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

/**
 * A request with its timeline, handlers and what the actor may do next, from loaded data and the
 * policy's answers. Staff see internal steps and the reporter's (masked) contact; the reporter sees
 * the public steps of their own request.
 */
export function presentDetail(actor: Actor, d: RequestDetailData, view: { staff: boolean; allowed: RequestEvent[] }): RequestDetail {
  const { base, summary: x, timeline, handlers, extensions, photos, owner, merged } = d;
  const { staff, allowed } = view;
  const id = base.id;
  return {
    ...presentSummary(x),
    reply: base.reply, ratingComment: base.ratingComment, reopenedCount: base.reopenedCount,
    reporter: staff || base.reporterUserId === actor.userId
      ? { name: base.reporterName, phone: staff ? base.reporterPhoneMasked : null, self: base.reporterUserId === actor.userId } : null,
    anonymous: base.anonymous, suggestion: staff ? base.suggestion ?? null : null, owner: owner && { id: owner.id, name: owner.name }, mergedInto: merged,
    // Who is handling it, with their work phone masked as every phone leaving the server is; finished requests name nobody.
    contact: owner && !isFinishedState(base.state) ? { name: owner.name, phone: owner.phoneMasked } : null,
    handlers: handlers.map(({ h, orgName, regionName }) => ({
      id: h.id, role: h.role, organisation: h.organisationId ? { id: h.organisationId, name: orgName ?? '' } : null,
      region: h.regionId ? { id: h.regionId, name: regionName ?? '' } : null, task: h.task, status: handlerStatus(base.state, h), note: h.note,
    })),
    timeline: staff
      ? timeline.map((e) => ({
        id: e.id, at: e.at.toISOString(), kind: e.kind, actorName: e.actorName, fromState: e.fromState, toState: e.toState, note: e.note, public: e.public,
      }))
      : residentTimeline(timeline, actor.userId),
    extensions: staff ? extensions.map((e) => ({ id: e.id, hours: e.hours, reason: e.reason, status: e.status, createdAt: e.createdAt.toISOString() })) : [],
    photos: photos.map((p) => ({ id: p.id, url: `/api/v1/requests/${id}/photos/${p.id}`, thumbUrl: p.thumbKey ? `/api/v1/requests/${id}/photos/${p.id}?thumb=1` : null })),
    allowed,
    following: d.following,
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
    anonymous: r.anonymous, suggestion: staff ? r.suggestion ?? null : null, owner: staff ? { id: actor.userId, name: actor.name } : null, mergedInto: null, contact: null,
    handlers: [], extensions: [], photos: [], following: false,
    timeline: [{ id: r.id, at: r.createdAt.toISOString(), kind: 'received', actorName: r.channel === 'web' ? '居民' : actor.name, fromState: null, toState: 'received', note: r.regionId ? null : '待定位 / waiting to be placed', public: true }],
    allowed: allowedEvents(r.state, { now: r.createdAt }).filter((e) => mayAct(actor, r, e, [])),
  };
}

/** States in which the lead handler has answered: its part is done whatever its row still says. */
const ANSWERED: ReadonlySet<RequestState> = new Set(['replied', 'verified', 'closed', 'rated']);

/**
 * A handler's status as the card shows it: an open lead handler of an answered request has done
 * its part, and nobody is still "handling" a finished request (the rows are closed only by a
 * transfer, a return or a sub-task's own report, so they would read 办理中 for ever).
 */
function handlerStatus(state: RequestState, h: { role: 'lead' | 'co'; status: 'open' | 'done' }): 'open' | 'done' {
  if (h.status === 'done' || isFinishedState(state) || (h.role === 'lead' && ANSWERED.has(state))) return 'done';
  return 'open';
}


