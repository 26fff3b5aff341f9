import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';

/**
 * Who may do what to one owners' assembly, given the loaded assembly: pure, no I/O. Which
 * assemblies one sees at all is the repository's scope (`assembly.read`, the subtree and above).
 */

/** What the policy needs of an assembly. */
interface Placed { regionPath: string; state: string }

/** Staff of the compound's area convene, open, close, enter paper ballots, see the roll and the scans. */
export const mayManage = (actor: Actor, a: { regionPath: string }): boolean => can(actor, 'assembly.manage', { regionPath: a.regionPath });

/** Owners on the frozen roll vote online while the vote is open. */
export const mayVote = (actor: Actor, a: Placed, onRoll: boolean): boolean => onRoll && can(actor, 'assembly.vote') && a.state === 'voting';

/** What the actor may do on the assembly, for the page's buttons. */
export function abilitiesOn(actor: Actor, a: Placed, onRoll: boolean): ('manage' | 'vote')[] {
  const out: ('manage' | 'vote')[] = [];
  if (mayManage(actor, a)) out.push('manage');
  if (mayVote(actor, a, onRoll)) out.push('vote');
  return out;
}

/** Before the close, how owners voted stays secret, even from staff: the ballots export waits for it. */
export const mayExportBallots = (a: { state: string }): boolean => a.state === 'closed';

/** Results are public once published. */
export const resultsArePublic = (a: { resultsPublishedAt: Date | null }): boolean => a.resultsPublishedAt !== null;
