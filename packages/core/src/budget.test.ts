import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectWithinBudget, type BudgetProject } from './budget.ts';

const T = '2026-03-01T09:00:00+08:00';
const p = (id: string, costFen: number, votes: number, submittedAt = T): BudgetProject => ({ id, costFen, votes, submittedAt });

describe('selectWithinBudget: the greedy walk', () => {
  it('takes projects by votes while they fit', () => {
    // ranking A(50) B(40) C(30); budget 1000: A 600 fits (left 400), B 300 fits (left 100), C 200 does not
    expect(selectWithinBudget([p('C', 200, 30), p('A', 600, 50), p('B', 300, 40)], 1000))
      .toEqual({ selected: ['A', 'B'], spentFen: 900, leftFen: 100 });
  });

  it('skips a project that does not fit and keeps walking', () => {
    // A 700 fits (left 300); B 400 skipped; C 250 fits (left 50); D 60 skipped; E 50 fits (left 0)
    expect(selectWithinBudget([p('A', 700, 9), p('B', 400, 8), p('C', 250, 7), p('D', 60, 6), p('E', 50, 5)], 1000))
      .toEqual({ selected: ['A', 'C', 'E'], spentFen: 1000, leftFen: 0 });
  });

  it('a top-voted project costing more than the whole budget is skipped', () => {
    expect(selectWithinBudget([p('big', 5000, 100), p('small', 100, 1)], 1000))
      .toEqual({ selected: ['small'], spentFen: 100, leftFen: 900 });
  });

  it('a project costing exactly what is left is taken', () => {
    expect(selectWithinBudget([p('A', 600, 2), p('B', 400, 1)], 1000)).toEqual({ selected: ['A', 'B'], spentFen: 1000, leftFen: 0 });
  });

  it('empty ballot, zero budget, zero-cost projects', () => {
    expect(selectWithinBudget([], 1000)).toEqual({ selected: [], spentFen: 0, leftFen: 1000 });
    expect(selectWithinBudget([], 0)).toEqual({ selected: [], spentFen: 0, leftFen: 0 });
    expect(selectWithinBudget([p('A', 1, 5), p('free', 0, 0)], 0)).toEqual({ selected: ['free'], spentFen: 0, leftFen: 0 });
  });

  it('ranks projects with no votes too (votes 0 are still candidates)', () => {
    expect(selectWithinBudget([p('A', 10, 0), p('B', 5, 0)], 100)).toEqual({ selected: ['B', 'A'], spentFen: 15, leftFen: 85 });
  });

  it('handles amounts near the largest safe integer exactly', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(selectWithinBudget([p('A', max - 1, 2), p('B', 1, 1), p('C', 1, 0)], max))
      .toEqual({ selected: ['A', 'B'], spentFen: max, leftFen: 0 });
  });
});

describe('selectWithinBudget: ties', () => {
  it('on equal votes the lower cost ranks first', () => {
    // budget 500: B (200) first, then A (300) fits exactly
    expect(selectWithinBudget([p('A', 300, 10), p('B', 200, 10)], 500).selected).toEqual(['B', 'A']);
    // budget 300: B (200) first, A (300) no longer fits, even though it would have fitted alone
    expect(selectWithinBudget([p('A', 300, 10), p('B', 200, 10)], 300).selected).toEqual(['B']);
  });

  it('on equal votes and cost the earlier submission ranks first, compared as instants', () => {
    // 09:00+08:00 is 01:00Z — earlier than 02:00Z although the string sorts after it
    const a = p('A', 100, 5, '2026-03-01T02:00:00Z');
    const b = p('B', 100, 5, '2026-03-01T09:00:00+08:00');
    expect(selectWithinBudget([a, b], 100).selected).toEqual(['B']);
    expect(selectWithinBudget([b, a], 100).selected).toEqual(['B']);
    // a string compare would put '2026-03-01T10:00:00.000Z' before '2026-03-01T9…', instants do not
    const c = p('C', 100, 5, '2026-03-01T10:00:00.000Z');
    const d = p('D', 100, 5, '2026-02-28T23:00:00-01:00'); // = 2026-03-01T00:00Z
    expect(selectWithinBudget([c, d], 200).selected).toEqual(['D', 'C']);
  });

  it('on equal votes, cost and instant the smaller id ranks first, by code units not locale', () => {
    const same = '2026-03-01T01:00:00Z';
    expect(selectWithinBudget([p('b', 100, 5, same), p('a', 100, 5, T)], 100).selected).toEqual(['a']);
    // 'B' (66) < 'a' (97) in code units, though a locale compare puts 'a' first
    expect(selectWithinBudget([p('a', 100, 5), p('B', 100, 5)], 200).selected).toEqual(['B', 'a']);
    expect(selectWithinBudget([p('p10', 1, 1), p('p9', 1, 1), p('p1', 1, 1)], 3).selected).toEqual(['p1', 'p10', 'p9']);
  });

  it('the tie-breaks apply in order: votes, then cost, then time, then id', () => {
    const projects = [
      p('e', 100, 3, '2026-01-01T00:00:00Z'),
      p('d', 50, 3, '2026-01-03T00:00:00Z'),
      p('c', 50, 3, '2026-01-02T00:00:00Z'),
      p('b', 50, 3, '2026-01-02T00:00:00Z'),
      p('a', 10, 1, '2025-01-01T00:00:00Z'),
      p('z', 999, 4, '2027-01-01T00:00:00Z'),
    ];
    expect(selectWithinBudget(projects, 10_000).selected).toEqual(['z', 'b', 'c', 'd', 'e', 'a']);
  });
});

describe('selectWithinBudget: input', () => {
  it('does not modify the projects or their order', () => {
    const projects = [p('A', 300, 1), p('B', 200, 2)];
    const copy = structuredClone(projects);
    selectWithinBudget(projects, 1000);
    expect(projects).toEqual(copy);
    expect(Object.isFrozen(projects)).toBe(false);
    expect(() => selectWithinBudget(Object.freeze(projects.map((x) => Object.freeze(x))), 1000)).not.toThrow();
  });

  it.each([-1, 1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, -(2 ** 53), '100' as unknown as number, 100n as unknown as number])(
    'refuses budgetFen %s', (budget) => {
      expect(() => selectWithinBudget([p('A', 1, 1)], budget)).toThrow(RangeError);
      expect(() => selectWithinBudget([], budget)).toThrow(RangeError);
    });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, null as unknown as number, '5' as unknown as number])(
    'refuses costFen %s', (cost) => {
      expect(() => selectWithinBudget([p('A', 1, 1), p('B', cost, 1)], 1000)).toThrow(RangeError);
    });

  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, undefined as unknown as number, '3' as unknown as number])(
    'refuses votes %s', (votes) => {
      expect(() => selectWithinBudget([p('A', 1, votes)], 1000)).toThrow(RangeError);
    });

  it.each(['', 'yesterday', '2026-13-45', 'not a date', null as unknown as string, 1700000000000 as unknown as string])(
    'refuses submittedAt %j', (at) => {
      expect(() => selectWithinBudget([p('A', 1, 1, at)], 1000)).toThrow(RangeError);
    });

  it('refuses a repeated id, a missing id or a non-array', () => {
    expect(() => selectWithinBudget([p('A', 1, 1), p('A', 2, 2)], 1000)).toThrow(RangeError);
    expect(() => selectWithinBudget([{ costFen: 1, votes: 1, submittedAt: T } as unknown as BudgetProject], 1000)).toThrow(RangeError);
    expect(() => selectWithinBudget(null as unknown as BudgetProject[], 1000)).toThrow(RangeError);
    expect(() => selectWithinBudget([null as unknown as BudgetProject], 1000)).toThrow(RangeError);
  });

  it('accepts -0 as a budget or cost of 0', () => {
    expect(selectWithinBudget([p('A', -0, 1)], -0)).toEqual({ selected: ['A'], spentFen: 0, leftFen: 0 });
    expect(Object.is(selectWithinBudget([], -0).leftFen, 0)).toBe(true);
  });
});

describe('selectWithinBudget (fast-check properties)', () => {
  const project = fc.record({
    costFen: fc.integer({ min: 0, max: 5000 }),
    votes: fc.integer({ min: 0, max: 6 }),
    submittedAt: fc.integer({ min: 0, max: 5 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString()),
  });
  const ballot = fc.array(project, { maxLength: 15 }).map((list) => list.map((x, i) => ({ ...x, id: `p${i}` })));
  const budget = fc.integer({ min: 0, max: 20_000 });

  /** Ranking by the rule written out with explicit comparisons. */
  const rankOf = (ps: BudgetProject[]) => [...ps].sort((a, b) => {
    if (a.votes !== b.votes) return a.votes > b.votes ? -1 : 1;
    if (a.costFen !== b.costFen) return a.costFen < b.costFen ? -1 : 1;
    const ta = new Date(a.submittedAt).getTime(); const tb = new Date(b.submittedAt).getTime();
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });

  it('spends what it selects, never more than the budget', () => {
    fc.assert(fc.property(ballot, budget, (ps, b) => {
      const r = selectWithinBudget(ps, b);
      const cost = new Map(ps.map((x) => [x.id, x.costFen]));
      expect(r.spentFen).toBe(r.selected.reduce((s, id) => s + cost.get(id)!, 0));
      expect(r.spentFen + r.leftFen).toBe(b);
      expect(r.leftFen).toBeGreaterThanOrEqual(0);
      expect(new Set(r.selected).size).toBe(r.selected.length);
    }));
  });

  it('selects in ranking order, and every project left out did not fit when its turn came', () => {
    fc.assert(fc.property(ballot, budget, (ps, b) => {
      const r = selectWithinBudget(ps, b);
      const ranked = rankOf(ps);
      const chosen = new Set(r.selected);
      expect(r.selected).toEqual(ranked.filter((x) => chosen.has(x.id)).map((x) => x.id));
      let left = b;
      for (const x of ranked) {
        if (chosen.has(x.id)) left -= x.costFen;
        else expect(x.costFen).toBeGreaterThan(left);
      }
      expect(left).toBe(r.leftFen);
    }));
  });

  it('does not depend on the order of the input', () => {
    fc.assert(fc.property(ballot, budget, fc.infiniteStream(fc.nat()), (ps, b, ks) => {
      const shuffled = ps.map((x) => ({ x, k: ks.next().value as number })).sort((a, c) => a.k - c.k).map((y) => y.x);
      expect(selectWithinBudget(shuffled, b)).toEqual(selectWithinBudget(ps, b));
    }));
  });

  it('a bigger budget never leaves out the top-ranked project that fits it', () => {
    fc.assert(fc.property(ballot, budget, (ps, b) => {
      const first = rankOf(ps).find((x) => x.costFen <= b);
      const r = selectWithinBudget(ps, b);
      expect(r.selected[0]).toBe(first?.id);
    }));
  });
});
