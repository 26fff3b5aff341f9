import { describe, expect, it } from 'vitest';
import { childPathLength, draftProblem, INSTRUCTION_OUTCOME_LABELS, INSTRUCTION_OUTCOMES, INSTRUCTION_TASK_LABELS, INSTRUCTION_TASKS, permille, summarise } from './instructions.ts';

const now = new Date('2026-11-22T02:00:00Z');
const later = new Date('2026-11-22T05:00:00Z');
const counts = { microgrids: 4, workers: 5, acked: 3, households: 200, reached: 120, notHome: 30, refused: 10, unstaffed: 1 };

describe('permille', () => {
  it('rounds down and never divides by zero', () => {
    expect(permille(1, 3)).toBe(333);
    expect(permille(2, 3)).toBe(666);
    expect(permille(3, 3)).toBe(1000);
    expect(permille(0, 0)).toBe(0);
    expect(permille(5, 0)).toBe(0);
  });
});

describe('summarise', () => {
  it('counts open households as neither reached nor refused (not at home stays open)', () => {
    const s = summarise(counts, 2, later, now);
    expect(s.open).toBe(70);
    expect(s.reachedPermille).toBe(600);
    expect(s.ackedPermille).toBe(600);
  });
  it('reports unfinished micro-grids as overdue only after the deadline', () => {
    expect(summarise(counts, 2, later, now).overdue).toBe(0);
    expect(summarise(counts, 2, now, later).overdue).toBe(2);
    expect(summarise(counts, 2, now, now).overdue).toBe(0);
  });
  it('never reports negative open households', () => {
    expect(summarise({ ...counts, reached: 250 }, 0, later, now).open).toBe(0);
  });
});

describe('childPathLength', () => {
  it('adds one level of three digits to any code', () => {
    expect(childPathLength('510108')).toBe(9);
    expect(childPathLength('510108001001001')).toBe(18);
  });
});

describe('draftProblem', () => {
  const draft = { title: '通知', body: '内容', task: 'relay' as const, deadline: later };
  it('accepts a complete draft with a future deadline', () => {
    expect(draftProblem(draft, now)).toBeNull();
    expect(draftProblem({ ...draft, task: 'collect', question: '是否安装报警器？' }, now)).toBeNull();
  });
  it('refuses a deadline now or in the past', () => {
    expect(draftProblem({ ...draft, deadline: now }, now)).toBe('deadline_past');
    expect(draftProblem({ ...draft, deadline: new Date(now.getTime() - 1) }, now)).toBe('deadline_past');
  });
  it('needs a question to collect answers, and text', () => {
    expect(draftProblem({ ...draft, task: 'collect' }, now)).toBe('question_missing');
    expect(draftProblem({ ...draft, task: 'collect', question: '  ' }, now)).toBe('question_missing');
    expect(draftProblem({ ...draft, title: ' ' }, now)).toBe('text_missing');
    expect(draftProblem({ ...draft, body: '' }, now)).toBe('text_missing');
  });
});

describe('labels', () => {
  it('name every task and outcome in both languages', () => {
    for (const t of INSTRUCTION_TASKS) expect(INSTRUCTION_TASK_LABELS[t]['zh-CN'] && INSTRUCTION_TASK_LABELS[t].en).toBeTruthy();
    for (const o of [...INSTRUCTION_OUTCOMES, 'pending' as const]) expect(INSTRUCTION_OUTCOME_LABELS[o]['zh-CN'] && INSTRUCTION_OUTCOME_LABELS[o].en).toBeTruthy();
  });
});
