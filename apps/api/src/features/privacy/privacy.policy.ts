import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';

/**
 * Who may have personal data removed (PIPL art. 47): pure, no I/O. Staff accounts answer for what
 * they did in office and are not erased on their own request.
 */

/** Roles that are the person themself, never an office. */
const PRIVATE_ROLES: readonly string[] = ['resident', 'owner', 'party_member'];

/** Only someone holding nothing but private roles may erase their own account. */
export const mayEraseSelf = (actor: Actor): boolean => actor.grants.every((g) => PRIVATE_ROLES.includes(g.role));

/** Staff who keep a resident's register entry carry out a removal asked for in person or on paper. */
export const mayEraseResident = (actor: Actor, r: { regionPath: string }): boolean => can(actor, 'people.write', { regionPath: r.regionPath });
