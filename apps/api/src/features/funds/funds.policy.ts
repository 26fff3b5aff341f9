import { roleAllows, type Action } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import { abilities, can } from '../../platform/authz/authorize.ts';

/**
 * Who may do what to a fund or one of its entries, given the loaded object: pure, no I/O. Which
 * funds staff see at all is the repository's scope (`fund.read`); the public pages see every fund.
 */

/** What the policy needs of a fund. */
interface FundPlace { regionPath: string }

/**
 * The things a fund's page offers, in the order the page shows them. `fund.read`: the viewer is staff
 * who follow the fund (a supervisor too), and sees what awaits approval and who must approve it.
 */
const FUND_ABILITIES = ['fund.manage', 'fund.approve', 'fund.answer', 'fund.ask', 'fund.read'] as const;

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

/**
 * Whether the actor reads the fund's expenses in full (pending and refused ones too) as its staff: a
 * region grant with `fund.read` covering the fund. A department handler reads funds only through
 * their organisation's grant, which reaches every community of the district — they see public entries
 * only, and what their own department is party to ({@link mayReadExpense}).
 */
export const readsFundInFull = (actor: Actor, fund: FundPlace): boolean => actor.grants.some((g) =>
  g.organisationId === null && roleAllows(g.role, 'fund.read') && (g.regionPath === null || fund.regionPath.startsWith(g.regionPath)));

/** The organisations through whose grants the actor reads funds (a department handler's department). */
export const readingOrganisations = (actor: Actor): string[] =>
  actor.grants.filter((g) => g.organisationId !== null && roleAllows(g.role, 'fund.read')).map((g) => g.organisationId!);

/**
 * May the actor see this expense of the fund? Staff reading the fund in full see all; otherwise only
 * an approved (posted, public) one, or one whose payee is one of the actor's organisations (`partyNames`).
 */
export const mayReadExpense = (actor: Actor, fund: FundPlace, e: { state: string; payee: string }, partyNames: readonly string[]): boolean =>
  readsFundInFull(actor, fund) || e.state === 'approved' || partyNames.includes(e.payee.trim());
