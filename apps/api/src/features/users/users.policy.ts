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

/** A grant as stored, with the region of its organisation for organisation-bound roles. */
export interface HeldGrant { role: Role; regionPath: string | null; orgPath: string | null }

/**
 * May the actor manage (rename, reset the password of, disable) a user holding these grants? Only if
 * they could have given every one of them: a street officer manages the people below them, not a
 * fellow street officer, nor themselves.
 */
export function mayManage(actor: Actor, grants: HeldGrant[]): boolean {
  return actor.grants.some((g) => roleAllows(g.role, 'user.manage'))
    && grants.every((g) => mayGrant(actor, g.role, g.regionPath ?? g.orgPath ?? null));
}
