import { selectWithinBudget } from './projects.greedy.ts';
import type { CountingRule } from './projects.table.ts';

/** A project on a round's shortlist as the counting rules see it. */
export interface Candidate { id: string; costFen: bigint; votes: number; submittedAt: Date }

/**
 * Counts a round's vote within its envelope by the round's rule, through core's rules: the greedy
 * rule most participatory budgets use, or the method of equal shares over the ballots.
 */
export function countRound(rule: CountingRule, candidates: Candidate[], ballots: string[][], budgetFen: bigint): { selected: string[]; spentFen: bigint; leftFen: bigint } {
  // Fen fit in a double exactly up to 2^53 (¥90 trillion): far beyond any community's envelope.
  const input = candidates.map((c) => ({ id: c.id, costFen: Number(c.costFen), votes: c.votes, submittedAt: c.submittedAt.toISOString() }));
  const budget = Number(budgetFen);
  void ballots;
  if (rule === 'equal_shares') throw new RangeError('equal shares: waiting for core');
  const r = selectWithinBudget(input, budget);
  return { selected: r.selected, spentFen: BigInt(r.spentFen), leftFen: BigInt(r.leftFen) };
}
