import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import type { BankRules } from './bank.repository.ts';

/**
 * The charity bank's rules about who may do what, and the pure rules of points: no I/O.
 */

/** May the actor manage the office at this region (catalogue, orders, priority list, rolls)? */
export const mayManageOffice = (actor: Actor, regionPath: string): boolean => can(actor, 'bank.manage', { regionPath });

/** Whole points for minutes of service at a rate (minutes per point), floored; leftover minutes earn nothing. */
export function pointsForMinutes(minutes: number, minutesPerPoint: number): bigint {
  if (!Number.isInteger(minutes) || minutes < 0 || !Number.isInteger(minutesPerPoint) || minutesPerPoint <= 0) throw new RangeError('minutes and rate must be whole and positive');
  return BigInt(Math.floor(minutes / minutesPerPoint));
}

/** Whether a person with this many minutes of service may redeem points. */
export const redemptionUnlocked = (earnedMinutes: bigint, rules: BankRules): boolean => earnedMinutes >= BigInt(rules.unlockMinutes);

/** An order moves ordered → fulfilled → received; only an unfulfilled order may be cancelled. */
export const ORDER_MOVES = {
  fulfil: { from: 'ordered', to: 'fulfilled' },
  confirm: { from: 'fulfilled', to: 'received' },
  cancel: { from: 'ordered', to: 'cancelled' },
} as const;
