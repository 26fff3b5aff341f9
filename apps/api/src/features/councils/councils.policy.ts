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
