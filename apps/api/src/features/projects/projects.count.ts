import { equalShares, selectWithinBudget } from '@gongzhi/core';
import type { CountingRule } from './projects.table.ts';

/** A project on a round's shortlist as the counting rules see it. */
export interface Candidate { id: string; costFen: bigint; votes: number; submittedAt: Date }

/**
 * Counts a round's vote within its envelope by the round's rule, through core's rules: the greedy
 * rule most participatory budgets use (`selectWithinBudget`), or the method of equal shares
 * (`equalShares`) over the ballots, each ballot one voter.
 */
export function countRound(rule: CountingRule, candidates: Candidate[], ballots: string[][], budgetFen: bigint): { selected: string[]; spentFen: bigint; leftFen: bigint } {
  // Fen fit in a double exactly up to 2^53 (¥90 trillion), far beyond any community's envelope; core
  // refuses anything that is not a safe integer rather than round it.
  const budget = Number(budgetFen);
  const input = candidates.map((c) => ({ id: c.id, costFen: Number(c.costFen), votes: c.votes, submittedAt: c.submittedAt.toISOString() }));
  if (rule === 'equal_shares') {
    // Nobody voted: no voter holds a share, so nothing is funded.
    if (!ballots.length) return { selected: [], spentFen: 0n, leftFen: budgetFen };
    const voters = ballots.map((_, i) => `v${i}`);
    const listed = new Set(candidates.map((c) => c.id));
    const approvers = new Map<string, string[]>(candidates.map((c) => [c.id, []]));
    ballots.forEach((b, i) => { for (const id of new Set(b)) if (listed.has(id)) approvers.get(id)!.push(voters[i]!); });
    const r = equalShares(input.map((p) => ({ id: p.id, costFen: p.costFen, approvers: approvers.get(p.id)! })), voters, budget);
    return { selected: r.selected, spentFen: BigInt(r.spentFen), leftFen: BigInt(r.leftFen) };
  }
  const r = selectWithinBudget(input, budget);
  return { selected: r.selected, spentFen: BigInt(r.spentFen), leftFen: BigInt(r.leftFen) };
}
