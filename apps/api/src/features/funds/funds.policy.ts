import type { Action } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import { abilities, can } from '../../platform/authz/authorize.ts';

/**
 * Who may do what to a fund or one of its entries, given the loaded object: pure, no I/O. Which
 * funds staff see at all is the repository's scope (`fund.read`); the public pages see every fund.
 */

/** What the policy needs of a fund. */
interface FundPlace { regionPath: string }

/** The things a fund's page offers, in the order the page shows them. */
const FUND_ABILITIES = ['fund.manage', 'fund.approve', 'fund.answer', 'fund.ask'] as const;

/** May the actor perform `action` on this fund (staff of its region with the right role)? */
export const mayOnFund = (actor: Actor, action: Action, fund: FundPlace): boolean => can(actor, action, { regionPath: fund.regionPath });

/** What the viewer (signed in or not) may do on a fund's public page. */
export const fundAbilities = (actor: Actor | null, fund: FundPlace): (typeof FUND_ABILITIES)[number][] =>
  actor ? abilities(actor, FUND_ABILITIES, { regionPath: fund.regionPath }) : [];

/** A reversal is final: correcting it would be a reversal of a reversal. */
export const mayReverse = (t: { kind: string }): boolean => t.kind !== 'reversal';

/** An expense is approved by a second person, never the one who prepared it. */
export const mayDecideExpense = (actor: Actor, e: { prepared_by: string }): boolean => e.prepared_by !== actor.userId;

/** Of the files a fund holds, only those a posted entry cites are public (drafts of pending expenses are not). */
export const isPublicFile = (file: { fundId: string }, fundId: string, citedByEntry: boolean): boolean => file.fundId === fundId && citedByEntry;
