/**
 * Which owners' assembly matter may back a compound's annual budget (信托制物业): pure, no I/O. A
 * budget rests on a matter that approved THAT budget — a kind of matter that can decide a budget, of
 * the fund's own compound, passed and published, naming the budget's year — and each matter backs one
 * budget only.
 */
import type { AssemblyMatterKind } from './ownersVote.ts';

/**
 * Kinds of matter (Civil Code art. 278) that can approve a compound's property budget: choosing the
 * property manager and its terms (item 4), or another major matter of common management (item 9).
 * Rules of procedure, committees, the maintenance fund or rebuilding never approve a budget.
 */
export const BUDGET_MATTER_KINDS: readonly AssemblyMatterKind[] = ['property_manager', 'other_major'];

/** Why a matter may not back a budget; each is an API error code of the same name. */
export type BudgetResolutionRefusal =
  | 'FUND_BUDGET_RESOLUTION_INVALID'
  | 'FUND_BUDGET_RESOLUTION_KIND'
  | 'FUND_BUDGET_RESOLUTION_YEAR'
  | 'FUND_BUDGET_RESOLUTION_USED';

/** A matter as the rule needs it. */
export interface BudgetMatter {
  kind: AssemblyMatterKind;
  /** The region path of the assembly's compound. */
  regionPath: string;
  passed: boolean;
  /** Whether the assembly closed and published its results. */
  published: boolean;
  title: string;
  description: string;
  /** The China day the vote closed ("YYYY-MM-DD"). */
  closedOn: string;
  /** Whether another budget already rests on it. */
  usedBy: string | null;
}

/** The four-digit years a text names as years ("2027 年度", "2027年", "2027-2028"). */
export function yearsNamed(text: string): number[] {
  return [...text.matchAll(/(?<!\d)(20\d{2})(?!\d)/g)].map((m) => Number(m[1]));
}

/**
 * Why `matter` may not back the budget of `year` of the compound at `fundPath`, or null when it may.
 * The matter must be of the compound itself (not one building of it, nor the whole community), closed
 * and published, passed, of a budget kind, name the budget's year in its title or description, have
 * closed no later than that year, and back no other budget.
 */
export function budgetResolutionRefusal(matter: BudgetMatter | null, budget: { fundPath: string; year: number }): BudgetResolutionRefusal | null {
  if (!matter || matter.regionPath !== budget.fundPath || !matter.published || !matter.passed) return 'FUND_BUDGET_RESOLUTION_INVALID';
  if (!BUDGET_MATTER_KINDS.includes(matter.kind)) return 'FUND_BUDGET_RESOLUTION_KIND';
  const named = yearsNamed(`${matter.title} ${matter.description}`);
  if (!named.includes(budget.year) || Number(matter.closedOn.slice(0, 4)) > budget.year) return 'FUND_BUDGET_RESOLUTION_YEAR';
  if (matter.usedBy) return 'FUND_BUDGET_RESOLUTION_USED';
  return null;
}
