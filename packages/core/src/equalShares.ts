/**
 * The Method of Equal Shares (MES, 均等份额法) for participatory budgeting with approval ballots
 * (Peters & Skowron 2020; Peters, Pierczyński & Skowron 2021).
 *
 * Every voter starts with an equal share `budgetFen / n` of the budget, held as an exact rational.
 * A project costing `c` is ρ-affordable when its approvers, each paying `min(remaining share, ρ)`,
 * together pay exactly `c`. In each round the affordable project with the smallest ρ is funded
 * (ties: more approvals, then the lower cost, then the smaller id by plain string comparison), its
 * approvers pay, and the rounds stop when no remaining project is affordable.
 *
 * Unlike the greedy rule (budget.ts), a large group cannot spend everyone's money on its own
 * projects: it can only spend its members' shares, so a minority's project is funded from theirs.
 *
 * Completion: none. MES usually leaves part of the budget unspent; this function reports it as
 * `leftFen` and does not top it up (no Add1 or greedy completion step), so the result is the pure
 * rule that anyone can recompute by hand.
 *
 * Arithmetic is exact: rationals of bigints, never floating point.
 */

/** A project on an approval ballot, as {@link equalShares} reads it. */
export interface EqualSharesProject {
  /** Unique within the ballot. */
  id: string;
  /** Cost in fen: a safe integer ≥ 0. */
  costFen: number;
  /** The voters who approve the project: distinct, each one of `voters`. */
  approvers: readonly string[];
  /** Accepted so callers can pass the same objects as to the greedy rule; MES does not use it. */
  submittedAt?: string;
}

/** What MES funds: `selected` in the order the rounds chose them; `spentFen + leftFen === budgetFen`. */
export interface EqualSharesResult {
  selected: string[];
  spentFen: number;
  leftFen: number;
}

/** An exact non-negative rational `n / d` with `d > 0`, kept in lowest terms. */
export interface Rational {
  n: bigint;
  d: bigint;
}
type Q = Rational;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function q(n: bigint, d = 1n): Q {
  const g = gcd(n, d);
  return g <= 1n ? { n, d } : { n: n / g, d: d / g };
}

const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const divInt = (a: Q, k: bigint): Q => q(a.n, a.d * k);
/** Sign of a − b: −1, 0 or 1. */
const cmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
const min = (a: Q, b: Q): Q => (cmp(a, b) <= 0 ? a : b);

const ZERO: Q = { n: 0n, d: 1n };

/** A whole number of fen: a safe integer, not negative. */
function checkFen(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number of fen ≥ 0 (a safe integer), got ${String(value)}`);
  }
  return value === 0 ? 0 : value;
}

/**
 * The smallest ρ at which `shares` (the approvers' remaining budgets) pay `cost` when each pays
 * `min(share, ρ)`, or `null` when even all of their money together is less than `cost`.
 *
 * Walking the shares from the smallest: if the cost still unpaid, split evenly among the approvers
 * not yet walked, is at most the current share, that even split is ρ (everyone from here on can
 * pay it); otherwise this approver pays their whole share and the walk goes on.
 */
export function equalSharesRho(shares: readonly Rational[], cost: Rational): Rational | null {
  const sorted = [...shares].sort(cmp);
  let unpaid: Q = q(cost.n, cost.d);
  if (unpaid.n === 0n) return ZERO;
  for (let i = 0; i < sorted.length; i++) {
    const split = divInt(unpaid, BigInt(sorted.length - i));
    if (cmp(split, sorted[i]!) <= 0) return split;
    unpaid = sub(unpaid, sorted[i]!);
  }
  return null;
}

interface Candidate {
  id: string;
  cost: number;
  approvers: number[];
}

/** Checks the ballot and turns voter names into indexes. @throws RangeError */
function readBallot(projects: readonly EqualSharesProject[], voters: readonly string[]): Candidate[] {
  if (!Array.isArray(voters)) throw new RangeError('voters must be an array of strings');
  if (voters.length === 0) throw new RangeError('there must be at least one voter to share the budget');
  const voterIndex = new Map<string, number>();
  voters.forEach((v, i) => {
    if (typeof v !== 'string') throw new RangeError(`voter ${i} must be a string`);
    if (voterIndex.has(v)) throw new RangeError(`voter ${v} appears twice`);
    voterIndex.set(v, i);
  });
  if (!Array.isArray(projects)) throw new RangeError('projects must be an array');
  const ids = new Set<string>();
  return projects.map((p, index) => {
    if (p === null || typeof p !== 'object') throw new RangeError(`project ${index} must be an object`);
    if (typeof p.id !== 'string') throw new RangeError(`project ${index}: id must be a string`);
    if (ids.has(p.id)) throw new RangeError(`project id ${p.id} appears twice`);
    ids.add(p.id);
    const cost = checkFen(p.costFen, `project ${p.id}: costFen`);
    const names: unknown = p.approvers;
    if (!Array.isArray(names)) throw new RangeError(`project ${p.id}: approvers must be an array`);
    const seen = new Set<number>();
    const approvers = names.map((a: unknown) => {
      const i = typeof a === 'string' ? voterIndex.get(a) : undefined;
      if (i === undefined) throw new RangeError(`project ${p.id}: approver ${String(a)} is not one of the voters`);
      if (seen.has(i)) throw new RangeError(`project ${p.id}: approver ${String(a)} appears twice`);
      seen.add(i);
      return i;
    });
    return { id: p.id, cost, approvers };
  });
}

/**
 * Runs the Method of Equal Shares over approval ballots, with no completion step.
 *
 * - Each of the `voters` (distinct) holds `budgetFen / voters.length` at the start, exactly.
 * - A project nobody approves is never funded, whatever it costs; a project costing 0 with at
 *   least one approver is funded at ρ = 0 (ahead of any project that costs something).
 * - `selected` lists ids in the order they were funded (smallest ρ first); the total spent never
 *   exceeds the budget because every fen spent comes out of some voter's share.
 * - The inputs are not modified; `submittedAt` is ignored.
 *
 * @throws RangeError when `budgetFen` or a `costFen` is not a safe integer ≥ 0; when `voters` is
 *   empty, or holds a non-string or a repeated name; when a project id is not a string or repeats;
 *   or when an approver is repeated within a project or is not one of `voters`.
 */
export function equalShares(projects: readonly EqualSharesProject[], voters: readonly string[], budgetFen: number): EqualSharesResult {
  const budget = checkFen(budgetFen, 'budgetFen');
  const candidates = readBallot(projects, voters);
  const share: Q[] = voters.map(() => q(BigInt(budget), BigInt(voters.length)));

  const remaining = candidates.filter((c) => c.approvers.length > 0);
  const selected: string[] = [];
  let spent = 0;
  for (;;) {
    let best: { c: Candidate; rho: Q } | null = null;
    for (const c of remaining) {
      const rho = equalSharesRho(c.approvers.map((i) => share[i]!), q(BigInt(c.cost)));
      if (rho === null) continue;
      if (best === null || isBetter(c, rho, best.c, best.rho)) best = { c, rho };
    }
    if (best === null) break;
    for (const i of best.c.approvers) share[i] = sub(share[i]!, min(share[i]!, best.rho));
    selected.push(best.c.id);
    spent += best.c.cost;
    remaining.splice(remaining.indexOf(best.c), 1);
  }
  return { selected, spentFen: spent, leftFen: budget - spent };
}

/** Smaller ρ first; then more approvals, the lower cost, the smaller id (code-unit order). */
function isBetter(a: Candidate, rhoA: Q, b: Candidate, rhoB: Q): boolean {
  const byRho = cmp(rhoA, rhoB);
  if (byRho !== 0) return byRho < 0;
  if (a.approvers.length !== b.approvers.length) return a.approvers.length > b.approvers.length;
  if (a.cost !== b.cost) return a.cost < b.cost;
  return a.id < b.id;
}
