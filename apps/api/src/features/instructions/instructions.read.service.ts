import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { gridRows, instructionsByIds, unreached, unreachedCount, type UnreachedRow } from './instructions.repository.ts';
import { assignedHouseholds, inbox, isAssigned, linkTarget } from './work.repository.ts';
import { loadNode } from './instructions.service.ts';
import { presentInstruction, reportWorkbook } from './instructions.presenter.ts';
import { progressOf } from './progress.service.ts';
import { uncoveredParts } from './dispatch.repository.ts';

/**
 * The households under a node (default: the actor's view) never reached, a page of them (by key
 * after the household `after`, else by offset), with their number from the counters; else 404.
 */
export async function unreachedPage(db: Db, actor: Actor, id: string, asked: string | undefined, limit: number, offset: number, after?: string) {
  const { instr, path } = await loadNode(db, actor, id, asked);
  const [items, total] = await Promise.all([unreached(db, instr.id, path, limit, offset, after), unreachedCount(db, instr.id, path)]);
  return { items, total };
}

/** The report's list of households never reached: keyset pages of REPORT_PAGE, at most REPORT_MAX rows. */
const REPORT_PAGE = 10_000;
const REPORT_MAX = 100_000;

async function unreachedForReport(db: Db, instructionId: string, path: string): Promise<UnreachedRow[]> {
  const out: UnreachedRow[] = [];
  for (let after: string | undefined; out.length < REPORT_MAX;) {
    const rows = await unreached(db, instructionId, path, Math.min(REPORT_PAGE, REPORT_MAX - out.length), 0, after);
    out.push(...rows);
    if (rows.length < REPORT_PAGE) break;
    after = rows[rows.length - 1]!.householdId;
  }
  return out;
}

/** The parts under a node (default: the actor's view) that the instruction could not reach, and why; else 404. */
export async function uncoveredOf(db: Db, actor: Actor, id: string, asked: string | undefined) {
  const { instr, path } = await loadNode(db, actor, id, asked);
  return uncoveredParts(db, instr.id, path);
}

/** The report of a node (.xlsx): progress, micro-grids, households never reached; else 404. */
export async function instructionReport(db: Db, actor: Actor, id: string, asked: string | undefined, now: Date) {
  const { instr, path } = await loadNode(db, actor, id, asked);
  const [progress, grids, never] = await Promise.all([progressOf(db, instr, path, now), gridRows(db, instr.id, path), unreachedForReport(db, instr.id, path)]);
  return { path, body: await reportWorkbook(instr, progress, grids, never) };
}

/** The instructions sent to the actor (grid worker), newest first, with their own progress (or only one). */
export async function inboxPage(db: Db, actor: Actor, limit: number, offset: number, only?: string) {
  const rows = await inbox(db, actor.userId, limit, offset, only);
  const byId = await instructionsByIds(db, rows.map((x) => x.id));
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((x) => ({
      ...presentInstruction(actor, byId.get(x.id)!), ackedAt: x.acked_at ? new Date(x.acked_at).toISOString() : null,
      mine: { households: x.households, reached: x.reached, notHome: x.not_home, refused: x.refused },
    })),
  };
}

/** The households of the actor's micro-grids in an instruction; INSTRUCTION_NOT_ASSIGNED when none is theirs. */
export async function myHouseholds(db: Db, actor: Actor, id: string) {
  const rows = await assignedHouseholds(db, id, actor.userId);
  if (!rows.length && !(await isAssigned(db, id, actor.userId))) throw new AppError('INSTRUCTION_NOT_ASSIGNED');
  return rows;
}

/** What a household's personal link shows, or INSTRUCTION_LINK_INVALID. */
export async function linkView(db: Db, ids: { instructionId: string; householdId: string }) {
  const t = found(await linkTarget(db, ids.instructionId, ids.householdId), 'INSTRUCTION_LINK_INVALID');
  return {
    title: t.title, body: t.body, task: t.task as 'relay', question: t.question, deadline: new Date(t.deadline).toISOString(),
    address: t.address, status: t.status, answer: t.answer, closed: t.closed_at !== null,
  };
}
