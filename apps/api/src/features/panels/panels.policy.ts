import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';

/** May the actor run panels in `regionPath` (set one up, record an absence, enter paper scores, close)? */
export const mayManage = (actor: Actor, regionPath: string): boolean => can(actor, 'panel.manage', { regionPath });

/** May the actor enter `member`'s scores: the member themself, or staff running the panel (from a paper sheet)? */
export const mayScoreFor = (actor: Actor, member: { userId: string | null }, manage: boolean): boolean =>
  manage || (member.userId !== null && member.userId === actor.userId);

/** A member linked to the candidate's organisation must not score it (回避). */
export const conflicted = (member: { organisationIds: string[] }, candidate: { organisationId: string | null }): boolean =>
  candidate.organisationId !== null && member.organisationIds.includes(candidate.organisationId);

/** Weights are whole numbers from 1 to 100 adding up to exactly 100. */
export const weightsValid = (weights: number[]): boolean =>
  weights.length > 0 && weights.every((w) => Number.isSafeInteger(w) && w >= 1 && w <= 100) && weights.reduce((a, b) => a + b, 0) === 100;

/** A score from 0 to 100 with at most one decimal, as whole tenths; undefined when it is not one. */
export function toTenths(score: number): number | undefined {
  if (!Number.isFinite(score) || score < 0 || score > 100) return undefined;
  const tenths = Math.round(score * 10);
  // 72.5 → 725 exactly; 72.55 is refused rather than silently rounded.
  return Math.abs(tenths - score * 10) < 1e-9 ? tenths : undefined;
}

/**
 * A member's weighted total for a candidate in tenths: Σ score × weight ÷ 100, in integers, rounded
 * half up to one decimal (a review sheet's total has one decimal, which `panelScore` then takes).
 */
export function weightedTenths(cells: { tenths: number; weight: number }[]): number {
  const sum = cells.reduce((a, c) => a + c.tenths * c.weight, 0);
  return Math.floor((sum + 50) / 100);
}

/** What the viewer may do on a panel's page. */
export function panelAbilities(manage: boolean, open: boolean, ownMemberIds: string[]): string[] {
  return [...(manage && open ? ['manage', 'close'] : manage ? ['manage'] : []), ...(open && (manage || ownMemberIds.length) ? ['score'] : [])];
}
