import type { ActivityAudience } from '@gongzhi/contracts';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';

/**
 * Who may do what to an activity, given the loaded row: pure, no I/O. Which activities one sees at
 * all is the repository's scope.
 */

/** Minutes around the activity during which check-in and check-out are accepted. */
export const CHECK_GRACE_MINUTES = 30;

/** Organisers are staff who may manage activities where it is placed. */
export const mayManage = (actor: Actor, a: { regionPath: string }): boolean => can(actor, 'activity.manage', { regionPath: a.regionPath });

/**
 * Whether the actor belongs to the activity's audience. Residents: a resident or owner grant inside the
 * activity's community subtree. Party members: a party-member grant. Volunteers: whoever the volunteers
 * feature says is a verified volunteer (`isVolunteer`, asked by the sign-up route); a caller that does
 * not ask (none today) falls back to anyone with a resident grant.
 */
export function mayJoin(actor: Actor, a: { regionPath: string; audience: ActivityAudience }, isVolunteer?: boolean): boolean {
  switch (a.audience) {
    case 'anyone': return true;
    case 'residents': return actor.grants.some((g) => (g.role === 'resident' || g.role === 'owner') && g.regionPath !== null && g.regionPath.startsWith(a.regionPath));
    case 'party_members': return actor.grants.some((g) => g.role === 'party_member');
    case 'volunteers': return isVolunteer ?? actor.grants.some((g) => g.role === 'resident' || g.role === 'owner');
  }
}

/** Sign-ups close when the activity starts. */
export const isOpenForSignup = (a: { startsAt: Date; status: string }, now: Date): boolean => a.status === 'published' && now < a.startsAt;

/** The last moment a sign-up may be withdrawn. */
export const cancelDeadline = (a: { startsAt: Date; cancelUntilMinutes: number }): Date => new Date(a.startsAt.getTime() - a.cancelUntilMinutes * 60_000);

/** Check-in and check-out are accepted from GRACE before the start until GRACE after the end. */
export const inCheckWindow = (a: { startsAt: Date; endsAt: Date }, now: Date): boolean =>
  now.getTime() >= a.startsAt.getTime() - CHECK_GRACE_MINUTES * 60_000 && now.getTime() <= a.endsAt.getTime() + CHECK_GRACE_MINUTES * 60_000;
