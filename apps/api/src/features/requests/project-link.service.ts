import { eq, inArray } from 'drizzle-orm';
import type { RequestState } from '@gongzhi/core';
import type { Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { cancelTimers } from '../../platform/jobs/scheduler.ts';
import { requestEvents, requests } from './requests.table.ts';
import type { RequestRow } from './requests.repository.ts';
import { SLA_TIMER } from './requests.jobs.ts';
import { applyStats } from './stats.ts';

/**
 * States in which a request still waits for an answer. A request a project answers usually sits in
 * one of the early ones (sorted as a small matter, sent to the council) rather than `in_progress`:
 * the accepted project is its answer whatever stage its own handling reached.
 */
const OPEN: readonly RequestState[] = ['received', 'sorted', 'dispatched', 'in_progress'];

/**
 * The requests a project answers count as resolved once the project is accepted (issue 16's closed
 * loop): each still-open one moves to `replied` — the request flow's answered state, from which the
 * resident may rate, staff verify and close, or the resident reopen — with a reply naming the project,
 * its own timeline entry (`reply`), counters, SLA timers cancelled and an audit row, all in the
 * caller's transaction. Requests already answered, closed, merged or rejected are left as they are.
 * The caller (projects' acceptance) has linked and read the requests. Returns how many moved.
 */
export async function resolveRequestsByProject(tx: Tx, actor: Actor, requestIds: readonly string[], project: { id: string; title: string }, now: Date): Promise<number> {
  if (!requestIds.length) return 0;
  const rows = await tx.select().from(requests).where(inArray(requests.id, [...requestIds])).orderBy(requests.id).for('update');
  const reply = `已通过社区项目「${project.title}」解决，项目已验收。/ Resolved by the community project "${project.title}", now accepted.`;
  let moved = 0;
  for (const before of rows as RequestRow[]) {
    if (!OPEN.includes(before.state)) continue;
    const [after] = await tx.update(requests).set({
      state: 'replied', reply, repliedAt: now, respondedAt: before.respondedAt ?? now, slaState: 'ok', updatedAt: now,
    }).where(eq(requests.id, before.id)).returning();
    await cancelTimers(tx, SLA_TIMER, before.id);
    await tx.insert(requestEvents).values({
      requestId: before.id, at: now, actorUserId: actor.userId, actorName: actor.name, kind: 'reply', fromState: before.state, toState: 'replied',
      note: reply, public: true, data: { projectId: project.id },
    });
    await applyStats(tx, before, after!);
    await audit(tx, actor, { action: 'request.reply', subjectType: 'request', subjectId: before.id, regionPath: before.regionPath, details: { projectId: project.id, from: before.state } });
    moved++;
  }
  return moved;
}
