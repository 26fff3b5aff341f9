import { roleAllows, STAFF_ROLES, type Action } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';

/** May the actor run this council (members, agenda, meetings, minutes, publication, answers)? */
export const mayManage = (actor: Actor, regionPath: string): boolean => can(actor, 'council.manage', { regionPath });

/**
 * Does the actor live within a council's (or a resolution's) area for `action`? A resident is bound
 * to the grid or micro-grid they live in: they belong to the councils of that place, of the places
 * above it (grid, community), and of the buildings inside it.
 */
export function livesIn(actor: Actor, action: Action, regionPath: string): boolean {
  return actor.grants.some((g) => !STAFF_ROLES.includes(g.role) && roleAllows(g.role, action) && g.regionPath !== null
    && (g.regionPath.startsWith(regionPath) || regionPath.startsWith(g.regionPath)));
}

/** The region level each council kind sits at (a one-matter group may sit at any of them). */
export const KIND_LEVELS = {
  building: ['microgrid'], grid: ['grid'], community: ['community'], matter: ['community', 'grid', 'microgrid'],
} as const;

/** What the actor may do on a council's page: run it, and propose agenda items as a resident of its area. */
export function councilAbilities(actor: Actor, c: { regionPath: string }): string[] {
  return [...(mayManage(actor, c.regionPath) ? ['manage'] : []), ...(livesIn(actor, 'council.propose', c.regionPath) ? ['propose'] : [])];
}

/** What the actor may do at a meeting: run it, and act as a sitting member (`ownSeat`). */
export const meetingAbilities = (manage: boolean, member: boolean): string[] => [...(manage ? ['manage'] : []), ...(member ? ['member'] : [])];

/** An unpublished resolution is shown only to those who run the council: to anyone else it does not exist. */
export const maySeeResolution = (r: { publishedAt: Date | null }, manage: boolean): boolean => r.publishedAt !== null || manage;

/**
 * What the viewer may do with a resolution on the board: publish an adopted one, answer open
 * objections (those who run the council), object while the window is open (residents of its area).
 */
export function noticeAbilities(actor: Actor | null, r: { state: string; regionPath: string }, manage: boolean, unanswered: boolean, windowOpen: boolean): string[] {
  return [
    ...(manage && r.state === 'adopted' ? ['publish'] : []),
    ...(manage && (r.state === 'published' || r.state === 'returned') && unanswered ? ['answer'] : []),
    ...(actor && windowOpen && can(actor, 'council.object') && livesIn(actor, 'council.object', r.regionPath) ? ['object'] : []),
  ];
}

/** A seat sits on `day` (YYYY-MM-DD, China time) when it is within its term and not vacated. */
export const isSitting = (s: { vacatedAt: Date | null; termStart: string; termEnd: string }, day: string): boolean =>
  s.vacatedAt === null && s.termStart <= day && s.termEnd >= day;

/** Nothing is done at a meeting before its noticed start: no sign-in, motion, vote or close. */
export const meetingStarted = (m: { startsAt: Date }, now: Date): boolean => now.getTime() >= m.startsAt.getTime();
