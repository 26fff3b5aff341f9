import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';

/**
 * Who may do what with Open311 keys, given the district concerned: pure, no I/O. Which keys one
 * sees at all is the keys' scope (`open311.manage` over the district code).
 */

/** A key lets an outside system file requests into a district: the district answers for it. */
export const mayIssueKey = (actor: Actor, districtCode: string): boolean => can(actor, 'open311.manage', { regionPath: districtCode });

/** Keys are listed for those who manage Open311 somewhere. */
export const mayListKeys = (actor: Actor): boolean => can(actor, 'open311.manage');
