/**
 * Instructions to every door (指令): what a micro-grid worker must do with each household, the
 * outcomes they record, and the pure rules of progress that the API and the web share.
 */
export const INSTRUCTION_TASKS = ['relay', 'check', 'collect'] as const;
/** relay: pass the notice to every household; check: inspect door to door; collect: get an answer from each. */
export type InstructionTask = (typeof INSTRUCTION_TASKS)[number];

export const INSTRUCTION_OUTCOMES = ['reached', 'not_home', 'refused'] as const;
/** What a worker records for a household: reached, not at home (try again), or refused. */
export type InstructionOutcome = (typeof INSTRUCTION_OUTCOMES)[number];

export const INSTRUCTION_TASK_LABELS: Record<InstructionTask, { 'zh-CN': string; en: string }> = {
  relay: { 'zh-CN': '逐户传达', en: 'Relay to every household' },
  check: { 'zh-CN': '入户排查', en: 'Check every household door to door' },
  collect: { 'zh-CN': '逐户收集答复', en: 'Collect an answer from each household' },
};

export const INSTRUCTION_OUTCOME_LABELS: Record<InstructionOutcome | 'pending', { 'zh-CN': string; en: string }> = {
  pending: { 'zh-CN': '未走访', en: 'Not yet' },
  reached: { 'zh-CN': '已送达', en: 'Reached' },
  not_home: { 'zh-CN': '不在家（再访）', en: 'Not at home (retry)' },
  refused: { 'zh-CN': '拒绝', en: 'Refused' },
};

/** Counters of a node of the tree (a micro-grid, or the sum over a subtree). */
export interface ProgressCounts {
  microgrids: number;
  workers: number;
  acked: number;
  households: number;
  reached: number;
  notHome: number;
  refused: number;
  /** Micro-grids no worker account covers: nobody will relay there. */
  unstaffed: number;
}

/** A node's counters with what follows from them. */
export interface ProgressSummary extends ProgressCounts {
  /** Households with no final outcome yet (never visited, or not at home). */
  open: number;
  /** Micro-grids not finished after the deadline (0 before it). */
  overdue: number;
  /** Share of households reached, 0–1000 (per mille, integer; no floating point reaches the UI). */
  reachedPermille: number;
  ackedPermille: number;
}

/** Per mille, rounded down, of `part` in `whole`; 0 for an empty whole. */
export function permille(part: number, whole: number): number {
  return whole > 0 ? Math.floor((part * 1000) / whole) : 0;
}

/**
 * Summarises counters. `unfinishedMicrogrids` is how many micro-grids still have open households;
 * after the deadline they are overdue.
 */
export function summarise(c: ProgressCounts, unfinishedMicrogrids: number, deadline: Date, now: Date): ProgressSummary {
  const open = Math.max(0, c.households - c.reached - c.refused);
  return {
    ...c, open,
    overdue: now.getTime() > deadline.getTime() ? unfinishedMicrogrids : 0,
    reachedPermille: permille(c.reached, c.households),
    ackedPermille: permille(c.acked, c.workers),
  };
}

/** The length of a child's path under a node: every level of the national code adds three digits. */
export function childPathLength(path: string): number {
  return path.length + 3;
}

/** Why an instruction cannot be sent as drafted, or null when it can. */
export function draftProblem(d: { deadline: Date; task: InstructionTask; question?: string | null; title: string; body: string }, now: Date): 'deadline_past' | 'question_missing' | 'text_missing' | null {
  if (!d.title.trim() || !d.body.trim()) return 'text_missing';
  if (d.deadline.getTime() <= now.getTime()) return 'deadline_past';
  if (d.task === 'collect' && !d.question?.trim()) return 'question_missing';
  return null;
}

