import { eq } from 'drizzle-orm';
import { isFinishedState } from '@gongzhi/core';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { cancelTimers, type TimerRow } from '../../platform/jobs/scheduler.ts';
import { timers } from '../../platform/jobs/jobs.table.ts';
import { requestEvents, requests } from './requests.table.ts';
import type { RequestRow } from './requests.repository.ts';

/** Timer kind for a request's time limits. */
export const SLA_TIMER = 'request.sla';
/** The yellow warning comes when this share of the allowed time is left. */
export const WARN_FRACTION = 0.2;

type Phase = 'respond' | 'resolve';

/** The instant a yellow warning is due: when `WARN_FRACTION` of the allowed time remains. */
function warnAt(start: Date, due: Date): Date {
  return new Date(due.getTime() - WARN_FRACTION * (due.getTime() - start.getTime()));
}

/** The yellow-warning and red-card timers for the phases still open: responding (until sorted) and resolving (until replied). */
export function slaTimers(r: RequestRow, from: Date): (typeof timers.$inferInsert)[] {
  const phases: [Phase, Date | null, boolean][] = [
    ['respond', r.respondDueAt, r.respondedAt === null],
    ['resolve', r.resolveDueAt, r.repliedAt === null && !isFinishedState(r.state)],
  ];
  return phases.flatMap(([phase, due, open]) => {
    if (!due || !open) return [];
    const start = phase === 'respond' ? r.createdAt : from;
    return (['yellow', 'red'] as const).map((level) => ({
      kind: SLA_TIMER, subjectId: r.id, dueAt: level === 'yellow' ? warnAt(start, due) : due, payload: { phase, level, due: due.toISOString() },
    }));
  });
}

/** Replaces a request's time-limit timers after a deadline moved or a phase ended. */
export async function scheduleSla(tx: DbOrTx, r: RequestRow, from: Date): Promise<void> {
  await cancelTimers(tx, SLA_TIMER, r.id);
  const rows = slaTimers(r, from);
  if (rows.length) await tx.insert(timers).values(rows);
}

/** One level up the tree from a path (grid → community → street → district). */
export function parentPath(path: string): string {
  return path.length > 6 ? path.slice(0, path.length - 3) : path;
}

/**
 * Fires a time-limit timer: a yellow warning to the handlers, or a red card that escalates the
 * request one level up the tree. A timer whose phase has meanwhile ended, or whose deadline was
 * moved (an approved extension), does nothing.
 */
export async function fireSla(tx: Tx, timer: TimerRow): Promise<void> {
  const { phase, level, due } = timer.payload as { phase: Phase; level: 'yellow' | 'red'; due: string };
  const [r] = await tx.select().from(requests).where(eq(requests.id, timer.subjectId)).for('update');
  if (!r || isFinishedState(r.state)) return;
  const current = phase === 'respond' ? r.respondDueAt : r.resolveDueAt;
  const stillOpen = phase === 'respond' ? r.respondedAt === null : r.repliedAt === null;
  if (!stillOpen || !current || current.toISOString() !== due) return;
  if (level === 'yellow' && r.slaState !== 'ok') return;
  const now = timer.dueAt;
  const set: Partial<RequestRow> = { slaState: level };
  let note = phase === 'respond' ? '即将超过受理时限 / response deadline near' : '即将超过办结时限 / resolution deadline near';
  if (level === 'red') {
    const to = parentPath(r.escalatedToPath ?? r.regionPath);
    Object.assign(set, { escalationLevel: r.escalationLevel + 1, escalatedToPath: to });
    note = `${phase === 'respond' ? '超过受理时限' : '超过办结时限'}，已上报 ${to} / overdue, escalated to ${to}`;
  }
  const [after] = await tx.update(requests).set(set).where(eq(requests.id, r.id)).returning();
  await tx.insert(requestEvents).values({
    requestId: r.id, at: now, actorName: '系统', kind: level === 'red' ? 'escalate' : 'sla_yellow', fromState: r.state, toState: r.state,
    note, public: level === 'red', data: { phase, level, due },
  });
  await audit(tx, SYSTEM_ACTOR, { action: `request.sla_${level}`, subjectType: 'request', subjectId: r.id, regionPath: r.regionPath, before: { slaState: r.slaState }, after: { slaState: after!.slaState, escalatedToPath: after!.escalatedToPath } });
  await enqueue(tx, {
    channel: 'inbox', template: level === 'red' ? 'request.escalated' : 'request.sla_warning', recipientUserId: r.ownerUserId,
    payload: { requestId: r.id, number: r.number, phase, regionPath: after!.escalatedToPath ?? r.regionPath },
  });
}
