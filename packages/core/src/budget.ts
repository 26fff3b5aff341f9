/**
 * Participatory budgeting (参与式预算), the plain greedy rule: the projects with the most votes are
 * funded first, and a project that no longer fits the remaining budget is skipped (not the end of
 * the walk), so a cheaper project further down can still use the money left.
 *
 * Money is integer fen throughout; no floating point touches an amount.
 */

/** A project on the ballot, as {@link selectWithinBudget} reads it. */
export interface BudgetProject {
  /** Unique within the ballot. */
  id: string;
  /** Cost in fen: a safe integer ≥ 0. */
  costFen: number;
  /** Votes received: a safe integer ≥ 0. */
  votes: number;
  /** When the project was submitted: any string `Date.parse` understands (ISO 8601 with a zone is best). */
  submittedAt: string;
}

/** What the budget funds: `selected` in ranking order; `spentFen + leftFen === budgetFen`. */
export interface BudgetSelection {
  selected: string[];
  spentFen: number;
  leftFen: number;
}

/** A whole number of fen: a safe integer, not negative. */
function checkFen(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number of fen ≥ 0 (a safe integer), got ${String(value)}`);
  }
  // -0 is an integer ≥ 0; normalise it so it never leaks into a result.
  return value === 0 ? 0 : value;
}

/**
 * Ranks `projects` and funds them greedily within `budgetFen`.
 *
 * Ranking: more votes first; on equal votes the lower cost first, then the earlier `submittedAt`
 * (compared as instants via `Date.parse`, so `+08:00` and `Z` times order correctly), then `id` by
 * plain string comparison (UTF-16 code units, independent of locale). Walking down that ranking,
 * every project whose cost still fits the remaining budget is taken; those that do not fit are
 * skipped. A project costing 0 always fits. The input array and its objects are not modified.
 *
 * @throws RangeError when `budgetFen` or a `costFen` is negative, fractional, non-finite or not a
 *   safe integer; when `votes` is not a safe integer ≥ 0; when `submittedAt` is not a string
 *   `Date.parse` can read; when an `id` is not a string or appears twice; or when `projects` is not
 *   an array.
 */
export function selectWithinBudget(projects: readonly BudgetProject[], budgetFen: number): BudgetSelection {
  const budget = checkFen(budgetFen, 'budgetFen');
  if (!Array.isArray(projects)) throw new RangeError('projects must be an array');

  const seen = new Set<string>();
  const ranked = projects.map((p, index) => {
    if (p === null || typeof p !== 'object') throw new RangeError(`project ${index} must be an object`);
    if (typeof p.id !== 'string') throw new RangeError(`project ${index}: id must be a string`);
    if (seen.has(p.id)) throw new RangeError(`project id ${p.id} appears twice`);
    seen.add(p.id);
    const cost = checkFen(p.costFen, `project ${p.id}: costFen`);
    if (typeof p.votes !== 'number' || !Number.isSafeInteger(p.votes) || p.votes < 0) {
      throw new RangeError(`project ${p.id}: votes must be a whole number ≥ 0, got ${String(p.votes)}`);
    }
    const at = typeof p.submittedAt === 'string' ? Date.parse(p.submittedAt) : Number.NaN;
    if (Number.isNaN(at)) throw new RangeError(`project ${p.id}: submittedAt is not a readable date: ${String(p.submittedAt)}`);
    return { id: p.id, cost, votes: p.votes, at };
  });

  ranked.sort((a, b) =>
    b.votes - a.votes
    || a.cost - b.cost
    || a.at - b.at
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const selected: string[] = [];
  let left = budget;
  for (const p of ranked) {
    if (p.cost <= left) {
      selected.push(p.id);
      left -= p.cost;
    }
  }
  return { selected, spentFen: budget - left, leftFen: left };
}
