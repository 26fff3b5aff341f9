import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';

/**
 * Who may do what to a household visit, a proposed change or a community's rule, given the loaded
 * object: pure, no I/O. Which rows one sees at all is the repositories' scope.
 */

/** A visit is recorded by a worker whose grid holds the household, while the household lives there. */
export const mayVisit = (actor: Actor, h: { region_path: string; moved_out: boolean }): boolean =>
  !h.moved_out && can(actor, 'visit.record', { regionPath: h.region_path });

/** A second sync must come from the worker who made the visit, about the same household. */
export const isSameVisit = (actor: Actor, v: { workerUserId: string; householdId: string }, householdId: string): boolean =>
  v.workerUserId === actor.userId && v.householdId === householdId;

/** A change is decided once: pending and conflicting proposals are open. */
export const isOpenChange = (c: { status: string }): boolean => c.status !== 'approved' && c.status !== 'rejected';

/**
 * Approving a change proposed against an older record needs the reviewer's explicit override (they
 * have compared both); rejecting never does.
 */
export const mayApprove = (c: { baseVersion: string }, h: { version: string }, override: boolean | undefined): boolean =>
  h.version === c.baseVersion || Boolean(override);

/** Coverage rules are set per community. */
export const takesRule = (r: { level: string }): boolean => r.level === 'community';
