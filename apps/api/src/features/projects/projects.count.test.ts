import { describe, expect, it } from 'vitest';
import { countRound } from './projects.count.ts';

const at = new Date('2026-11-01T00:00:00Z');
// A (¥60) approved by two residents, B (¥40) by a third; an envelope of ¥100.
const candidates = [{ id: 'A', costFen: 6000n, votes: 2, submittedAt: at }, { id: 'B', costFen: 4000n, votes: 1, submittedAt: at }];
const ballots = [['A'], ['A'], ['B']];

describe('a round is counted by its own rule, through core', () => {
  it('greedy takes every project that still fits, in order of votes', () => {
    expect(countRound('greedy', candidates, ballots, 10_000n)).toEqual({ selected: ['A', 'B'], spentFen: 10_000n, leftFen: 0n });
  });

  it('equal shares funds B only if its approvers’ shares can pay for it', () => {
    // Each voter holds ¥33.33⅓: A's two approvers pay ¥30 each; B's one approver holds less than ¥40.
    expect(countRound('equal_shares', candidates, ballots, 10_000n)).toEqual({ selected: ['A'], spentFen: 6000n, leftFen: 4000n });
  });

  it('funds nothing by equal shares when nobody voted, and refuses nothing by greedy', () => {
    expect(countRound('equal_shares', candidates, [], 10_000n)).toEqual({ selected: [], spentFen: 0n, leftFen: 10_000n });
    expect(countRound('greedy', candidates.map((c) => ({ ...c, votes: 0 })), [], 5000n).selected).toEqual(['B']);
  });
});
