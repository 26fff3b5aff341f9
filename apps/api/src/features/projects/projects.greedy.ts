// TEMPORARY until core's selectWithinBudget lands (the core engineer's branch); removed on merge.
export function selectWithinBudget(projects: { id: string; costFen: number; votes: number; submittedAt: string }[], budgetFen: number) {
  const ranked = [...projects].sort((a, b) => b.votes - a.votes || a.costFen - b.costFen || a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
  let left = budgetFen;
  const selected: string[] = [];
  for (const p of ranked) if (p.costFen <= left) { selected.push(p.id); left -= p.costFen; }
  return { selected, spentFen: budgetFen - left, leftFen: left };
}
