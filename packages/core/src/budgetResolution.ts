/**
 * Which owners' assembly matter may back a compound's annual budget (信托制物业): pure, no I/O. A
 * budget rests on a matter that approved THAT budget — a kind of matter that can decide a budget, of
 * the fund's own compound, passed and published, naming the budget's year — and each matter backs one
 * budget only.
 */
import type { AssemblyMatterKind } from './ownersVote.ts';
import { isDay } from './chinaTime.ts';

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

/** Why a paper resolution (a reference, text and date, no platform matter) may not back a budget; each an API error code. */
export type PaperResolutionRefusal = 'FUND_BUDGET_APPROVED_ON_INVALID' | 'FUND_BUDGET_REF_USED';

/**
 * The key two paper references are compared by: NFKC (full-width digits and letters become ASCII),
 * whitespace removed and letters lower-cased, so "业主大会决议 2027-1" and "业主大会决议２０２７－１"
 * are one reference.
 */
export function resolutionRefKey(ref: string): string {
  return ref.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * Why a budget of `year` may not rest on a paper resolution, or null when it may. The rules:
 * - one reference backs one budget of a fund: a reference whose key ({@link resolutionRefKey}) equals
 *   that of another budget of the same fund (`usedRefs`, any year) is refused (FUND_BUDGET_REF_USED);
 * - the approval date, when given, must be a real day, not after today (China time), and no later
 *   than the last day of the budget's year — an annual budget is approved before or during its year,
 *   never after it has ended (FUND_BUDGET_APPROVED_ON_INVALID). An earlier year is allowed (a budget
 *   is usually approved in the autumn before its year).
 */
export function paperResolutionRefusal(
  paper: { resolutionRef: string | null; approvedOn: string | null },
  budget: { year: number; today: string; usedRefs: readonly string[] },
): PaperResolutionRefusal | null {
  const d = paper.approvedOn;
  if (d !== null && (!isDay(d) || d > budget.today || d > `${budget.year}-12-31`)) return 'FUND_BUDGET_APPROVED_ON_INVALID';
  const ref = paper.resolutionRef?.trim();
  if (ref) {
    const key = resolutionRefKey(ref);
    if (budget.usedRefs.some((u) => resolutionRefKey(u) === key)) return 'FUND_BUDGET_REF_USED';
  }
  return null;
}
