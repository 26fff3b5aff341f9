import { roleAllows } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import type { CallRow } from './tender.repository.ts';
import type { ProjectStatus } from './projects.table.ts';

/** Organisation kinds that may bid: social organisations, enterprises and residents' units. */
export const BIDDER_KINDS: readonly string[] = ['social_org', 'enterprise', 'resident_unit'];

/** Fund kinds that may pay an award: the protection fund (保障资金) or the community (development) fund. */
export const PAYING_FUND_KINDS: readonly string[] = ['protection', 'development'];

/** Working days an award stays on the notice board unless the award says otherwise. */
export const AWARD_NOTICE_DAYS = 5;

/** The organisation an actor bids for: the one their organisation-bound grant names (as for proposals). */
export const biddingOrganisation = (actor: Actor): string | null =>
  actor.grants.find((g) => g.organisationId !== null && roleAllows(g.role, 'project.propose'))?.organisationId ?? null;

/** Criteria weights are whole numbers from 1 to 100 adding up to exactly 100 (as a panel needs them). */
export const weightsValid = (weights: number[]): boolean =>
  weights.length > 0 && weights.every((w) => Number.isSafeInteger(w) && w >= 1 && w <= 100) && weights.reduce((a, b) => a + b, 0) === 100;

/** Bids are taken from opensAt (inclusive) until closesAt (exclusive). */
export const windowOpen = (c: Pick<CallRow, 'state' | 'opensAt' | 'closesAt'>, now: Date): boolean =>
  c.state === 'open' && now >= c.opensAt && now < c.closesAt;

/** The call's window is over and it is still open: to be scored and awarded, or, without bids, republished. */
export const windowOver = (c: Pick<CallRow, 'state' | 'closesAt'>, now: Date): boolean => c.state === 'open' && now >= c.closesAt;

/**
 * May a new call be opened (or the project be given to residents) now? From published; from tendering
 * only when the latest call is void (its award withdrawn) or its window closed with no bid.
 */
export function mayRestart(status: ProjectStatus, latest: Pick<CallRow, 'state' | 'closesAt'> | undefined, latestBids: number, now: Date): boolean {
  if (status === 'published') return true;
  if (status !== 'tendering' || !latest) return false;
  return latest.state === 'void' || (windowOver(latest, now) && latestBids === 0);
}

/**
 * The winner among scored bids: the best panel score; a tie goes to the lower price, then to the
 * earlier bid (a rule fixed in advance, so the award needs no second judgement).
 */
export function pickWinner<B extends { id: string; totalFen: bigint; submittedAt: Date }>(bids: { bid: B; score: number | null }[]): B | undefined {
  const scored = bids.filter((b) => b.score !== null);
  scored.sort((a, b) => (b.score! - a.score!) || (a.bid.totalFen < b.bid.totalFen ? -1 : a.bid.totalFen > b.bid.totalFen ? 1 : 0)
    || (a.bid.submittedAt.getTime() - b.bid.submittedAt.getTime()) || a.bid.id.localeCompare(b.bid.id));
  return scored[0]?.bid;
}

/** What the viewer may do with a call. */
export function callAbilities(c: CallRow, v: { manage: boolean; bidder: boolean; mine: boolean; bids: number; panelClosed: boolean }, now: Date): string[] {
  const over = windowOver(c, now);
  return [
    ...(v.bidder && windowOpen(c, now) && !v.mine ? ['bid'] : []),
    ...(v.manage && over && v.bids > 0 && !c.panelId ? ['panel'] : []),
    ...(v.manage && over && c.panelId && v.panelClosed ? ['award'] : []),
  ];
}
