import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { equalShares, type EqualSharesProject } from './equalShares.ts';

/**
 * An independent reference for MES, written differently from the implementation: fractions as
 * [numerator, denominator] pairs, and ρ found by trying every candidate value — each share, and
 * each "the k poorest pay everything, the rest split what is left" — and keeping the smallest one at
 * which Σ min(share, ρ) is exactly the cost.
 */
type F = [bigint, bigint];
const norm = ([n, d]: F): F => {
  let a = n < 0n ? -n : n; let b = d;
  while (b) [a, b] = [b, a % b];
  return a > 1n ? [n / a, d / a] : [n, d];
};
const lt = (x: F, y: F) => x[0] * y[1] < y[0] * x[1];
const eq = (x: F, y: F) => x[0] * y[1] === y[0] * x[1];
const plus = (x: F, y: F): F => norm([x[0] * y[1] + y[0] * x[1], x[1] * y[1]]);
const minus = (x: F, y: F): F => norm([x[0] * y[1] - y[0] * x[1], x[1] * y[1]]);
const fmin = (x: F, y: F): F => (lt(y, x) ? y : x);

function referenceRho(shares: F[], cost: bigint): F | null {
  const c: F = [cost, 1n];
  const sorted = [...shares].sort((x, y) => (lt(x, y) ? -1 : lt(y, x) ? 1 : 0));
  const candidates: F[] = [...shares, [0n, 1n]];
  let paid: F = [0n, 1n];
  for (let k = 0; k < sorted.length; k++) {
    candidates.push(norm([minus(c, paid)[0], minus(c, paid)[1] * BigInt(sorted.length - k)]));
    paid = plus(paid, sorted[k]!);
  }
  let best: F | null = null;
  for (const r of candidates) {
    if (r[0] < 0n) continue;
    const f = shares.reduce<F>((s, x) => plus(s, fmin(x, r)), [0n, 1n]);
    if (eq(f, c) && (best === null || lt(r, best))) best = r;
  }
  return best;
}

function referenceMes(projects: EqualSharesProject[], voters: string[], budget: number) {
  const share = new Map<string, F>(voters.map((v) => [v, norm([BigInt(budget), BigInt(voters.length)])]));
  const left = projects.filter((p) => p.approvers.length > 0);
  const selected: string[] = [];
  for (;;) {
    const options = left
      .map((p) => ({ p, rho: referenceRho(p.approvers.map((a) => share.get(a)!), BigInt(p.costFen)) }))
      .filter((o): o is { p: EqualSharesProject; rho: F } => o.rho !== null)
      .sort((x, y) => (lt(x.rho, y.rho) ? -1 : lt(y.rho, x.rho) ? 1 : 0)
        || y.p.approvers.length - x.p.approvers.length
        || x.p.costFen - y.p.costFen
        || (x.p.id < y.p.id ? -1 : 1));
    const pick = options[0];
    if (!pick) break;
    for (const a of pick.p.approvers) share.set(a, minus(share.get(a)!, fmin(share.get(a)!, pick.rho)));
    selected.push(pick.p.id);
    left.splice(left.indexOf(pick.p), 1);
  }
  const spent = selected.reduce((s, id) => s + projects.find((p) => p.id === id)!.costFen, 0);
  return { selected, spentFen: spent, leftFen: budget - spent };
}

const election = fc.integer({ min: 1, max: 7 }).chain((nv) => {
  const voters = Array.from({ length: nv }, (_, i) => `v${i}`);
  return fc.record({
    voters: fc.constant(voters),
    projects: fc.array(
      fc.record({
        // small costs make ties, exact fits and partial payments frequent
        costFen: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 3000 })),
        approvers: fc.subarray(voters),
      }),
      { maxLength: 9 },
    ).map((list) => list.map((p, i) => ({ ...p, id: `p${i}` }))),
    budgetFen: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10_000 })),
  });
});

describe('equalShares (fast-check properties)', () => {
  it('agrees with the reference implementation', () => {
    fc.assert(fc.property(election, ({ projects, voters, budgetFen }) => {
      expect(equalShares(projects, voters, budgetFen)).toEqual(referenceMes(projects, voters, budgetFen));
    }), { numRuns: 300 });
  });

  it('spends what it selects and never more than the budget', () => {
    fc.assert(fc.property(election, ({ projects, voters, budgetFen }) => {
      const r = equalShares(projects, voters, budgetFen);
      const cost = new Map(projects.map((p) => [p.id, p.costFen]));
      expect(r.spentFen).toBe(r.selected.reduce((s, id) => s + cost.get(id)!, 0));
      expect(r.spentFen + r.leftFen).toBe(budgetFen);
      expect(r.leftFen).toBeGreaterThanOrEqual(0);
      expect(new Set(r.selected).size).toBe(r.selected.length);
    }));
  });

  it('does not depend on the order of projects, voters or approvers', () => {
    fc.assert(fc.property(election, fc.infiniteStream(fc.nat()), ({ projects, voters, budgetFen }, ks) => {
      const shuffle = <T>(a: readonly T[]) => a.map((x) => ({ x, k: ks.next().value as number })).sort((p, q) => p.k - q.k).map((y) => y.x);
      const mixed = shuffle(projects).map((p) => ({ ...p, approvers: shuffle(p.approvers) }));
      expect(equalShares(mixed, shuffle(voters), budgetFen)).toEqual(equalShares(projects, voters, budgetFen));
    }));
  });

  it('with everyone approving everything, funds the cheapest projects while they fit', () => {
    fc.assert(fc.property(election, ({ projects, voters, budgetFen }) => {
      const all = projects.map((p) => ({ ...p, approvers: voters }));
      // equal shares stay equal, so ρ = cost / n orders by cost; the first that does not fit ends it
      const byCost = [...all].sort((a, b) => a.costFen - b.costFen || (a.id < b.id ? -1 : 1));
      const expected: string[] = [];
      let left = budgetFen;
      for (const p of byCost) {
        if (p.costFen > left) break;
        expected.push(p.id);
        left -= p.costFen;
      }
      expect(equalShares(all, voters, budgetFen).selected).toEqual(expected);
    }));
  });

  it('a project approved by one voter alone is funded only if it costs at most their share', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (n, budget, cost) => {
      const voters = Array.from({ length: n }, (_, i) => `v${i}`);
      const r = equalShares([{ id: 'solo', costFen: cost, approvers: ['v0'] }], voters, budget);
      expect(r.selected.length === 1).toBe(cost * n <= budget);
    }));
  });
});
