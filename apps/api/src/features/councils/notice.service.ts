import { eq } from 'drizzle-orm';
import { noticeWindowEnd, noticeWindowOpen } from '@gongzhi/core';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { cancelTimers, schedule } from '../../platform/jobs/scheduler.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { loadCalendar } from '../requests/calendar.service.ts';
import { councilAgendaItems, councilObjections, councilResolutions } from './councils.table.ts';
import { findResolution, objectionsOf, unansweredCount, type ResolutionRow } from './councils.repository.ts';
import { livesIn, mayManage } from './councils.policy.ts';

/** Timer kind: a resolution's public notice window closes. */
export const NOTICE_END_TIMER = 'council.notice_end';

/** A resolution that staff of its council may act on (locked); to anyone else it does not exist. */
async function managedResolution(tx: Tx, actor: Actor, id: string) {
  const row = found(await findResolution(tx, id, true), 'RESOLUTION_NOT_FOUND');
  // Out of the actor's scope looks like missing, published or not.
  if (!mayManage(actor, row.r.regionPath)) throw new AppError('RESOLUTION_NOT_FOUND');
  return row;
}

/**
 * Publishes an adopted resolution for its notice period, counted in working days on the official
 * calendar (with the deployment's corrections); a timer fires when the window closes.
 */
export async function publishResolution(db: Db, actor: Actor, id: string, noticeDays: number | undefined, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { r, c } = await managedResolution(tx, actor, id);
    if (r.state !== 'adopted') throw new AppError('RESOLUTION_STATE', { state: r.state });
    const days = noticeDays ?? c.publicNoticeDays;
    const windowEndsAt = noticeWindowEnd(now, days, await loadCalendar(tx));
    await tx.update(councilResolutions).set({ state: 'published', publishedAt: now, noticeDays: days, windowEndsAt }).where(eq(councilResolutions.id, id));
    await schedule(tx, { kind: NOTICE_END_TIMER, subjectId: id, dueAt: windowEndsAt });
    await audit(tx, actor, { action: 'council.publish', subjectType: 'council_resolution', subjectId: id, regionPath: r.regionPath, details: { noticeDays: days, windowEndsAt: windowEndsAt.toISOString() } });
  });
}

/** A resident within the resolution's area objects while its window is open. */
export async function lodgeObjection(db: Db, actor: Actor, id: string, text: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const row = found(await findResolution(tx, id, true), 'RESOLUTION_NOT_FOUND');
    const { r } = row;
    if (!r.publishedAt) throw new AppError('RESOLUTION_NOT_FOUND');
    authorize(actor, 'council.object');
    if (!livesIn(actor, 'council.object', r.regionPath)) throw new AppError('NOT_IN_COUNCIL_AREA');
    if (r.state !== 'published' || !r.windowEndsAt || !noticeWindowOpen(now, r.publishedAt, r.windowEndsAt)) throw new AppError('OBJECTION_WINDOW_CLOSED');
    const [o] = await tx.insert(councilObjections).values({ resolutionId: id, regionPath: r.regionPath, districtCode: r.districtCode, userId: actor.userId, text }).returning();
    await audit(tx, actor, { action: 'council.object', subjectType: 'council_resolution', subjectId: id, regionPath: r.regionPath, details: { objectionId: o!.id } });
  });
}

/**
 * Records the answer to an objection. Upheld: the resolution is sent back and its agenda item
 * reopened for the council. Rejected: if the window has closed and this was the last open
 * objection, the resolution takes effect now. Objections to a resolution already sent back are
 * still answered, without further effect.
 */
export async function answerObjection(db: Db, actor: Actor, id: string, objectionId: string, a: { outcome: 'upheld' | 'rejected'; reason: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { r } = await managedResolution(tx, actor, id);
    const o = (await objectionsOf(tx, id)).find((x) => x.id === objectionId);
    if (!o) throw new AppError('OBJECTION_NOT_FOUND');
    if (o.answeredAt) throw new AppError('OBJECTION_ANSWERED');
    // A resolution sent back still owes answers to its other objections; nothing else changes then.
    if (r.state !== 'published' && r.state !== 'returned') throw new AppError('RESOLUTION_STATE', { state: r.state });
    await tx.update(councilObjections).set({ outcome: a.outcome, answer: a.reason, answeredAt: now, answeredBy: actor.userId }).where(eq(councilObjections.id, objectionId));
    await enqueue(tx, { channel: 'inbox', template: 'council.objection_answered', recipientUserId: o.userId, payload: { resolutionId: id, outcome: a.outcome } });
    await audit(tx, actor, { action: 'council.objection_answer', subjectType: 'council_resolution', subjectId: id, regionPath: r.regionPath, details: { objectionId, outcome: a.outcome } });
    if (r.state !== 'published') return;
    if (a.outcome === 'upheld') await sendBack(tx, actor, r, now);
    else await takeEffectIfDue(tx, actor, r, now);
  });
}

/** An upheld objection: the resolution is withdrawn from the board and its item goes back to the council. */
async function sendBack(tx: Tx, actor: Actor, r: ResolutionRow, now: Date) {
  await tx.update(councilResolutions).set({ state: 'returned', returnedAt: now }).where(eq(councilResolutions.id, r.id));
  if (r.agendaItemId) await tx.update(councilAgendaItems).set({ state: 'reopened' }).where(eq(councilAgendaItems.id, r.agendaItemId));
  await cancelTimers(tx, NOTICE_END_TIMER, r.id);
  await audit(tx, actor, { action: 'council.resolution_returned', subjectType: 'council_resolution', subjectId: r.id, regionPath: r.regionPath, details: { agendaItemId: r.agendaItemId } });
}

/** Takes effect when the window has closed and every objection has its answer; otherwise waits. */
export async function takeEffectIfDue(tx: Tx, actor: Actor, r: ResolutionRow, now: Date): Promise<boolean> {
  if (r.state !== 'published' || !r.windowEndsAt || now < r.windowEndsAt) return false;
  if ((await unansweredCount(tx, r.id)) > 0) return false;
  await tx.update(councilResolutions).set({ state: 'effective', effectiveAt: now }).where(eq(councilResolutions.id, r.id));
  await audit(tx, actor, { action: 'council.resolution_effective', subjectType: 'council_resolution', subjectId: r.id, regionPath: r.regionPath });
  return true;
}
