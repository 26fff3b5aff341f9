import { allowedEvents, isFinishedState, roleAllows, type RequestEvent } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import type { RequestReader, RequestRow } from './requests.repository.ts';

/**
 * Who may do what to one request, given the loaded request: pure, no I/O. Services ask it before
 * writing; the detail view asks it which buttons to show. Reading (which requests one sees at all)
 * is the repository's scope, built from the same grants.
 */

/** The staff permissions a request's handling needs. */
export type StaffAction = 'request.read' | 'request.sort' | 'request.handle' | 'request.supervise';

/** Which permission each event needs; rating and reopening belong to the reporter alone. */
export const NEEDS: Record<RequestEvent, Exclude<StaffAction, 'request.read'> | 'reporter'> = {
  sort: 'request.sort', dispatch: 'request.sort', refer: 'request.sort', reject: 'request.sort', merge: 'request.sort',
  verify: 'request.sort', close: 'request.sort',
  accept: 'request.handle', reply: 'request.handle', return: 'request.handle', transfer: 'request.handle',
  escalate: 'request.supervise', rate: 'reporter', reopen: 'reporter',
};

/**
 * True when the actor handles this request as staff of its place or of a department on it.
 * `departmentIds` are the departments on it as co-handlers, whose staff may act on it too.
 */
export function isStaffOn(actor: Actor, r: RequestRow, action: StaffAction, departmentIds: readonly string[] = []): boolean {
  if (can(actor, action, { regionPath: r.regionPath })) return true;
  // The owner (首问负责) keeps answering for it after it leaves their area, with the powers of their role.
  if (r.ownerUserId === actor.userId && can(actor, action)) return true;
  if (r.escalatedToPath && can(actor, action, { regionPath: r.escalatedToPath })) return true;
  return actor.grants.some((g) => g.role === 'department_handler' && g.organisationId !== null
    && roleAllows(g.role, action) && (g.organisationId === r.departmentId || departmentIds.includes(g.organisationId)));
}

/** May this actor trigger `event` on the request? (Used for the UI's buttons too.) */
export function mayAct(actor: Actor, r: RequestRow, event: RequestEvent, coDepts: readonly string[]): boolean {
  const need = NEEDS[event];
  if (need === 'reporter') return r.reporterUserId === actor.userId;
  return isStaffOn(actor, r, need, coDepts);
}

/** The events the actor may trigger now, as the detail view's buttons. */
export function allowedFor(actor: Actor, r: RequestRow, coDepts: readonly string[], now: Date): RequestEvent[] {
  const ctx = { repliedAt: r.repliedAt ?? undefined, now, reason: 'x', closedAt: r.closedAt, ratedAt: r.ratedAt };
  const allowed = allowedEvents(r.state, ctx).filter((e) => mayAct(actor, r, e, coDepts)
    && !(e === 'rate' && !['replied', 'verified', 'closed'].includes(r.state)));
  return isFinishedState(r.state) && !allowed.length ? [] : allowed;
}

/** Sees internal steps, the masked contact and the suggestion: staff on the request. */
export const seesInternals = (actor: Actor, r: RequestRow, coDepts: readonly string[]): boolean => isStaffOn(actor, r, 'request.read', coDepts);

/** Placing (or re-placing) a request on the map is sorting it. */
export const mayPlace = (actor: Actor, r: RequestRow): boolean => isStaffOn(actor, r, 'request.sort');

/** Co-handlers are added by its handlers while it is open. */
export const mayAddHandler = (actor: Actor, r: RequestRow): boolean => isStaffOn(actor, r, 'request.handle') && !isFinishedState(r.state);

/** A sub-task is reported done by its own organisation, or by a handler of the request. */
export function mayCompleteHandler(actor: Actor, r: RequestRow, handler: { organisationId: string | null }): boolean {
  const mine = handler.organisationId ? actor.grants.some((g) => g.organisationId === handler.organisationId) : false;
  return mine || isStaffOn(actor, r, 'request.handle');
}

/** More time is asked for by a handler before the reply, while the request is open. */
export const mayAskExtension = (actor: Actor, r: RequestRow): boolean =>
  isStaffOn(actor, r, 'request.handle') && !r.repliedAt && !isFinishedState(r.state);

/** Extensions are decided by the level above the handlers. */
export const mayDecideExtension = (actor: Actor, r: RequestRow): boolean => isStaffOn(actor, r, 'request.supervise');

/** Photos are added by the reporter or a handler. */
export const mayAddPhoto = (actor: Actor, r: RequestRow): boolean => r.reporterUserId === actor.userId || isStaffOn(actor, r, 'request.handle');

/** The reader of requests this actor is: their `request.read` scope, and themselves for their own. */
export const readerOf = (actor: Actor): RequestReader => ({ scope: scopeFor(actor, 'request.read'), userId: actor.userId });

/** A district's catalogue of categories is kept by those who manage categories in that district. */
export const mayManageCatalogue = (actor: Actor, districtPath: string): boolean => can(actor, 'category.manage', { regionPath: districtPath });

/**
 * A request other residents may know of at all: sorted by staff as a public matter (big or small),
 * not merged away. Unsorted text may hold anything, a private matter (私事) stays private, a merged
 * one lives on in the request it was merged into.
 */
export const isPublicRequest = (r: Pick<RequestRow, 'matter' | 'state' | 'mergedIntoId'>): boolean =>
  (r.matter === 'big' || r.matter === 'small') && r.state !== 'received' && r.state !== 'merged' && r.mergedIntoId === null;

/**
 * May this actor act on or read another's request as a neighbour (follow it, see it among similar
 * ones)? Only a public one, unless it is their own or they are staff on it: anything else answers
 * exactly like a missing request, so holding an id tells nothing.
 */
export const mayKnowAsNeighbour = (actor: Actor, r: RequestRow): boolean =>
  isPublicRequest(r) || (r.reporterUserId !== null && r.reporterUserId === actor.userId) || isStaffOn(actor, r, 'request.read');
