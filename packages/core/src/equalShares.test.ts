import { describe, expect, it } from 'vitest';
import { equalShares, equalSharesRho, type EqualSharesProject } from './equalShares.ts';
import { selectWithinBudget } from './budget.ts';

const P = (id: string, costFen: number, approvers: string[]): EqualSharesProject => ({ id, costFen, approvers });

describe('equalShares: hand-computed elections', () => {
  it('differs from the greedy rule: a majority cannot spend the minority’s share', () => {
    // voters a b c d, budget 400 → 100 each.
    // P1 200 {a,b,c}: ρ = 200/3 ≈ 66.67;  P2 200 {a,b,c}: ρ = 200/3;  P3 100 {d}: ρ = 100/1 = 100.
    // Round 1: P1 and P2 tie on ρ, approvals (3) and cost (200) → id 'P1'. a, b, c pay 200/3 each,
    //   keeping 100/3 each (d keeps 100).
    // Round 2: P2 needs 200 from a, b, c who hold 3 × 100/3 = 100 < 200 → unaffordable.
    //   P3: d holds 100 ≥ 100, ρ = 100 → funded. d keeps 0.
    // Round 3: nothing affordable. Spent 200 + 100 = 300, left 100.
    const projects = [P('P1', 200, ['a', 'b', 'c']), P('P2', 200, ['a', 'b', 'c']), P('P3', 100, ['d'])];
    const voters = ['a', 'b', 'c', 'd'];
    expect(equalShares(projects, voters, 400)).toEqual({ selected: ['P1', 'P3'], spentFen: 300, leftFen: 100 });
    // The greedy rule, votes = approvals: P1 (3, 200, left 200), P2 (3, 200, left 0), P3 does not fit.
    const greedy = selectWithinBudget(projects.map((p) => ({ id: p.id, costFen: p.costFen, votes: p.approvers.length, submittedAt: '2026-01-01T00:00:00Z' })), 400);
    expect(greedy).toEqual({ selected: ['P1', 'P2'], spentFen: 400, leftFen: 0 });
  });

  it('a poorer approver pays all they have and the rest pay ρ', () => {
    // voters a b c, budget 300 → 100 each.
    // Round 1: P1 30 {a}: ρ = 30;  P2 250 {a,b,c}: ρ = 250/3 ≈ 83.33;  P3 200 {b,c}: ρ = 100.
    //   P1 funded; a keeps 70, b and c 100.
    // Round 2: P2: shares sorted 70, 100, 100. Even split 250/3 ≈ 83.33 > 70, so a pays all 70;
    //   180 left for two: 90 ≤ 100 → ρ = 90.  P3: 200/2 = 100 ≤ 100 → ρ = 100.
    //   P2 funded (90 < 100): a keeps 0, b and c keep 10 each.
    // Round 3: P3 needs 200 from b, c holding 20 → unaffordable. Spent 30 + 250 = 280, left 20.
    expect(equalShares([P('P1', 30, ['a']), P('P2', 250, ['a', 'b', 'c']), P('P3', 200, ['b', 'c'])], ['a', 'b', 'c'], 300))
      .toEqual({ selected: ['P1', 'P2'], spentFen: 280, leftFen: 20 });
  });

  it('on equal ρ the project with more approvals goes first', () => {
    // voters a b c d, budget 400 → 100 each.
    // Round 1: P1 100 {a,b}: ρ = 50;  P2 200 {a,b,c,d}: ρ = 50. Tie; P2 has 4 approvals > 2 → P2.
    //   Everyone keeps 50.
    // Round 2: P1 {a,b} hold 50 + 50 = 100 ≥ 100, ρ = 50 → funded. Spent 300, left 100.
    expect(equalShares([P('P1', 100, ['a', 'b']), P('P2', 200, ['a', 'b', 'c', 'd'])], ['a', 'b', 'c', 'd'], 400))
      .toEqual({ selected: ['P2', 'P1'], spentFen: 300, leftFen: 100 });
  });

  it('on equal ρ and approvals the cheaper project goes first', () => {
    // voters a b c d e, budget 500 → 100 each.
    // Round 1: X 90 {a,b,c}: ρ = 30;  P 170 {a,d}: ρ = 85;  Q 200 {d,e}: ρ = 100. X funded;
    //   a, b, c keep 70; d, e keep 100.
    // Round 2: P: shares 70, 100; split 85 > 70 → a pays 70, d pays the other 100 → ρ = 100.
    //   Q: 200/2 = 100 ≤ 100 → ρ = 100. Tie on ρ and on approvals (2) → P is cheaper (170 < 200).
    //   P funded: a and d keep 0.
    // Round 3: Q: d + e hold 0 + 100 < 200 → unaffordable. Spent 90 + 170 = 260, left 240.
    expect(equalShares([P('Q', 200, ['d', 'e']), P('P', 170, ['a', 'd']), P('X', 90, ['a', 'b', 'c'])], ['a', 'b', 'c', 'd', 'e'], 500))
      .toEqual({ selected: ['X', 'P'], spentFen: 260, leftFen: 240 });
  });

  it('everything equal: the smaller id by code units', () => {
    // voters a b, budget 200 → 100 each. 'B' and 'a' both 100 {a,b}: ρ = 50; 'B' (66) < 'a' (97).
    // Round 1: 'B' funded, each keeps 50. Round 2: 'a' affordable at ρ = 50 → funded.
    expect(equalShares([P('a', 100, ['a', 'b']), P('B', 100, ['a', 'b'])], ['a', 'b'], 200))
      .toEqual({ selected: ['B', 'a'], spentFen: 200, leftFen: 0 });
    // budget 100 → 50 each: only the first fits.
    expect(equalShares([P('a', 100, ['a', 'b']), P('B', 100, ['a', 'b'])], ['a', 'b'], 100))
      .toEqual({ selected: ['B'], spentFen: 100, leftFen: 0 });
  });

  it('is exact where floating point is not: ten shares of 1/10 fen pay 1 fen', () => {
    // budget 1 fen, 10 voters → 1/10 each; 0.1 added ten times in binary floating point is
    // 0.9999999999999999 < 1, but exactly it is 1, so the project is affordable with ρ = 1/10.
    const voters = Array.from({ length: 10 }, (_, i) => `v${i}`);
    expect(equalShares([P('one', 1, voters)], voters, 1)).toEqual({ selected: ['one'], spentFen: 1, leftFen: 0 });
    // budget 100, 3 voters → 100/3 each; a project of 100 approved by all is exactly affordable.
    expect(equalShares([P('x', 100, ['a', 'b', 'c'])], ['a', 'b', 'c'], 100)).toEqual({ selected: ['x'], spentFen: 100, leftFen: 0 });
    // but one more fen is not: 101 > 3 × 100/3.
    expect(equalShares([P('x', 101, ['a', 'b', 'c'])], ['a', 'b', 'c'], 100)).toEqual({ selected: [], spentFen: 0, leftFen: 100 });
  });

  it('a voter who approves nothing keeps their share unspent (no completion step)', () => {
    // voters a b, budget 100 → 50 each. P 60 {a}: a holds 50 < 60 → unaffordable, although the
    // budget as a whole could pay it; MES without completion leaves all 100.
    expect(equalShares([P('P', 60, ['a'])], ['a', 'b'], 100)).toEqual({ selected: [], spentFen: 0, leftFen: 100 });
  });

  it('projects nobody approves are never funded; approved free projects are funded first', () => {
    // voters a b, budget 100. free 0 {b}: ρ = 0 → first. nobody 0 {}: never. P 50 {a}: ρ = 50.
    expect(equalShares([P('P', 50, ['a']), P('nobody', 0, []), P('free', 0, ['b'])], ['a', 'b'], 100))
      .toEqual({ selected: ['free', 'P'], spentFen: 50, leftFen: 50 });
    expect(equalShares([P('free', 0, ['a'])], ['a'], 0)).toEqual({ selected: ['free'], spentFen: 0, leftFen: 0 });
  });

  it('empty ballots', () => {
    expect(equalShares([], ['a'], 100)).toEqual({ selected: [], spentFen: 0, leftFen: 100 });
    expect(equalShares([P('P', 10, ['a'])], ['a', 'b'], 0)).toEqual({ selected: [], spentFen: 0, leftFen: 0 });
  });

  it('ignores submittedAt and does not modify its input', () => {
    const projects = [{ ...P('P1', 200, ['a', 'b', 'c']), submittedAt: '2026-02-01T00:00:00Z' }, { ...P('P2', 200, ['a', 'b', 'c']), submittedAt: '2020-01-01T00:00:00Z' }];
    const voters = ['c', 'b', 'a'];
    const copy = structuredClone({ projects, voters });
    expect(equalShares(projects, voters, 300).selected).toEqual(['P1']);
    expect({ projects, voters }).toEqual(copy);
  });
});

describe('equalSharesRho', () => {
  const q = (n: bigint, d = 1n) => ({ n, d });
  it('is the even split when everyone can pay it', () => {
    expect(equalSharesRho([q(100n), q(100n), q(100n)], q(90n))).toEqual(q(30n));
    expect(equalSharesRho([q(100n, 3n), q(100n, 3n)], q(50n))).toEqual(q(25n));
  });
  it('lets the poorer pay all they have', () => {
    // 10 + 2ρ = 100 → ρ = 45;  5 + 7 + ρ = 20 → ρ = 8
    expect(equalSharesRho([q(100n), q(10n), q(100n)], q(100n))).toEqual(q(45n));
    expect(equalSharesRho([q(7n), q(5n), q(100n)], q(20n))).toEqual(q(8n));
    // exactly everything: ρ is the largest share
    expect(equalSharesRho([q(7n), q(5n)], q(12n))).toEqual(q(7n));
  });
  it('is null when all of the approvers’ money is not enough, 0 for a free project', () => {
    expect(equalSharesRho([q(7n), q(5n)], q(13n))).toBeNull();
    expect(equalSharesRho([], q(1n))).toBeNull();
    expect(equalSharesRho([], q(0n))).toEqual(q(0n));
  });
});

describe('equalShares refuses bad input with RangeError', () => {
  const ok = [P('P', 10, ['a'])];
  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '100' as unknown as number])('budgetFen %s', (b) => {
    expect(() => equalShares(ok, ['a'], b)).toThrow(RangeError);
  });
  it.each([-1, 0.5, Number.NaN, Number.NEGATIVE_INFINITY, 2 ** 53, null as unknown as number])('costFen %s', (c) => {
    expect(() => equalShares([P('P', c, ['a'])], ['a'], 100)).toThrow(RangeError);
  });
  it('voters: empty, repeated, not strings, not an array', () => {
    expect(() => equalShares(ok, [], 100)).toThrow(RangeError);
    expect(() => equalShares([], [], 100)).toThrow(RangeError);
    expect(() => equalShares(ok, ['a', 'a'], 100)).toThrow(RangeError);
    expect(() => equalShares(ok, ['a', 1 as unknown as string], 100)).toThrow(RangeError);
    expect(() => equalShares(ok, null as unknown as string[], 100)).toThrow(RangeError);
  });
  it('projects: repeated id, approver not a voter, repeated approver, bad shapes', () => {
    expect(() => equalShares([P('P', 1, ['a']), P('P', 2, ['a'])], ['a'], 100)).toThrow(RangeError);
    expect(() => equalShares([P('P', 1, ['z'])], ['a'], 100)).toThrow(RangeError);
    expect(() => equalShares([P('P', 1, ['a', 'a'])], ['a'], 100)).toThrow(RangeError);
    expect(() => equalShares([{ id: 'P', costFen: 1 } as unknown as EqualSharesProject], ['a'], 100)).toThrow(RangeError);
    expect(() => equalShares([{ costFen: 1, approvers: [] } as unknown as EqualSharesProject], ['a'], 100)).toThrow(RangeError);
    expect(() => equalShares([null as unknown as EqualSharesProject], ['a'], 100)).toThrow(RangeError);
    expect(() => equalShares(null as unknown as EqualSharesProject[], ['a'], 100)).toThrow(RangeError);
  });
});
