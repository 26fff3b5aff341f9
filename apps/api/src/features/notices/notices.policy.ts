import { roleAllows, STAFF_ROLES } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';

/** May the actor answer objections to notices posted in `regionPath` (staff of that area)? */
export const mayAnswer = (actor: Actor, regionPath: string): boolean => can(actor, 'notice.manage', { regionPath });

/**
 * Does the actor live where the notice is posted? A resident, owner or party member bound to a place
 * inside the notice's region, or to the place above it that the notice is about (a community's
 * resident may object to a notice of one of its buildings), may object; staff may not.
 */
export function livesUnder(actor: Actor, regionPath: string): boolean {
  return actor.grants.some((g) => !STAFF_ROLES.includes(g.role) && roleAllows(g.role, 'notice.object') && g.regionPath !== null
    && (g.regionPath.startsWith(regionPath) || regionPath.startsWith(g.regionPath)));
}

/** What the viewer may do with a notice: object while its window runs (residents of its area), answer (staff). */
export function noticeAbilities(actor: Actor | null, n: { regionPath: string }, windowOpen: boolean, unanswered: boolean): string[] {
  return [
    ...(actor && windowOpen && livesUnder(actor, n.regionPath) ? ['object'] : []),
    ...(actor && unanswered && mayAnswer(actor, n.regionPath) ? ['answer'] : []),
  ];
}
