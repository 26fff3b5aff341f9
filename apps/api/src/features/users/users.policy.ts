import { ROLE_BINDING, ROLE_RANK, roleAllows, type Role } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';

/**
 * May the actor grant `role` at `regionPath` (the region, or the organisation's region)? They need
 * user.manage over that place through a grant that outranks the role: nobody hands out more authority
 * than they hold, and only platform administrators make platform administrators.
 */
export function mayGrant(actor: Actor, role: Role, regionPath: string | null): boolean {
  return actor.grants.some((g) => {
    if (!roleAllows(g.role, 'user.manage')) return false;
    if (g.regionPath !== null && (regionPath === null || !regionPath.startsWith(g.regionPath))) return false;
    if (ROLE_BINDING[role] === 'global') return g.regionPath === null && g.role === 'system_admin';
    return g.role === 'system_admin' || ROLE_RANK[role] < ROLE_RANK[g.role];
  });
}
