import { eq } from 'drizzle-orm';
import { noticeWindowOpen } from '@gongzhi/core';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { answerNoticeObjection, noticeFor, objectToNotice, publishNotice, registerNoticeKind, type NoticeRow } from '../notices/notices.service.ts';
import { councilAgendaItems, councilResolutions } from './councils.table.ts';
import { findResolution, type ResolutionRow } from './councils.repository.ts';
import { livesIn, mayManage } from './councils.policy.ts';

/** The notice kind of a council resolution on the public board (公示). */
export const RESOLUTION_NOTICE = 'council_resolution';

/** A resolution that staff of its council may act on (locked); to anyone else it does not exist. */
async function managedResolution(tx: Tx, actor: Actor, id: string) {
  const row = found(await findResolution(tx, id, true), 'RESOLUTION_NOT_FOUND');
  // Out of the actor's scope looks like missing, published or not.
  if (!mayManage(actor, row.r.regionPath)) throw new AppError('RESOLUTION_NOT_FOUND');
  return row;
}

/**
 * Publishes an adopted resolution for its notice period through the shared notices feature, counted
 * in working days on the official calendar; the notice's timer settles it when the window closes.
 * The resolution keeps the dates of its notice, so the council's pages read them with the resolution.
 */
export async function publishResolution(db: Db, actor: Actor, id: string, noticeDays: number | undefined, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { r, c } = await managedResolution(tx, actor, id);
    if (r.state !== 'adopted') throw new AppError('RESOLUTION_STATE', { state: r.state });
    const days = noticeDays ?? c.publicNoticeDays;
    const n = await publishNotice(tx, actor, {
      kind: RESOLUTION_NOTICE, subjectId: id, regionPath: r.regionPath, districtCode: r.districtCode, regionId: c.regionId,
      title: r.title, body: r.text, workingDays: days,
    }, now);
    await tx.update(councilResolutions).set({ state: 'published', publishedAt: now, noticeDays: days, windowEndsAt: n.windowEndsAt }).where(eq(councilResolutions.id, id));
    await audit(tx, actor, { action: 'council.publish', subjectType: 'council_resolution', subjectId: id, regionPath: r.regionPath, details: { noticeId: n.id, noticeDays: days, windowEndsAt: n.windowEndsAt.toISOString() } });
  });
}

/** The notice of a published resolution (locked through the notices feature when objecting or answering). */
async function noticeOf(tx: Tx, resolutionId: string): Promise<NoticeRow> {
  const n = await noticeFor(tx, RESOLUTION_NOTICE, resolutionId);
  if (!n) throw new AppError('RESOLUTION_NOT_FOUND');
  return n.notice;
}

/** A resident within the resolution's area objects while its window is open. */
export async function lodgeObjection(db: Db, actor: Actor, id: string, text: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { r } = found(await findResolution(tx, id, true), 'RESOLUTION_NOT_FOUND');
    if (!r.publishedAt) throw new AppError('RESOLUTION_NOT_FOUND');
    authorize(actor, 'council.object');
    if (!livesIn(actor, 'council.object', r.regionPath)) throw new AppError('NOT_IN_COUNCIL_AREA');
    if (r.state !== 'published' || !r.windowEndsAt || !noticeWindowOpen(now, r.publishedAt, r.windowEndsAt)) throw new AppError('OBJECTION_WINDOW_CLOSED');
    const o = await objectToNotice(tx, actor, (await noticeOf(tx, id)).id, text, now);
    await audit(tx, actor, { action: 'council.object', subjectType: 'council_resolution', subjectId: id, regionPath: r.regionPath, details: { objectionId: o.id } });
  });
}

/**
 * Records the answer to an objection. Upheld: the notice is withdrawn, and the notice kind's handler
 * sends the resolution back and reopens its agenda item. Rejected: if the window has closed and this
 * was the last open objection, the notice closes and the handler makes the resolution take effect.
 * Objections to a resolution already sent back are still answered, without further effect.
 */
export async function answerObjection(db: Db, actor: Actor, id: string, objectionId: string, a: { outcome: 'upheld' | 'rejected'; reason: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { r } = await managedResolution(tx, actor, id);
    const n = await noticeFor(tx, RESOLUTION_NOTICE, id);
    const o = n?.objections.find((x) => x.id === objectionId);
    if (!n || !o) throw new AppError('OBJECTION_NOT_FOUND');
    if (o.answeredAt) throw new AppError('OBJECTION_ANSWERED');
    // A resolution sent back still owes answers to its other objections; nothing else changes then.
    if (r.state !== 'published' && r.state !== 'returned') throw new AppError('RESOLUTION_STATE', { state: r.state });
    await answerNoticeObjection(tx, actor, n.notice.id, objectionId, { outcome: a.outcome === 'rejected' ? 'dismissed' : 'upheld', reason: a.reason }, now, true);
    await enqueue(tx, { channel: 'inbox', template: 'council.objection_answered', recipientUserId: o.userId, payload: { resolutionId: id, outcome: a.outcome } });
    await audit(tx, actor, { action: 'council.objection_answer', subjectType: 'council_resolution', subjectId: id, regionPath: r.regionPath, details: { objectionId, outcome: a.outcome } });
  });
}

/** An upheld objection: the resolution is withdrawn from the board and its item goes back to the council. */
async function sendBack(tx: Tx, actor: Actor, r: ResolutionRow, now: Date) {
  await tx.update(councilResolutions).set({ state: 'returned', returnedAt: now }).where(eq(councilResolutions.id, r.id));
  if (r.agendaItemId) await tx.update(councilAgendaItems).set({ state: 'reopened' }).where(eq(councilAgendaItems.id, r.agendaItemId));
  await audit(tx, actor, { action: 'council.resolution_returned', subjectType: 'council_resolution', subjectId: r.id, regionPath: r.regionPath, details: { agendaItemId: r.agendaItemId } });
}

/** What another feature does, in the same transaction, when a resolution takes effect (e.g. a project list is published). */
export type ResolutionEffectiveListener = (tx: Tx, actor: Actor, resolution: { id: string; agendaItemId: string | null }, at: Date) => Promise<void>;
const effectiveListeners = new Set<ResolutionEffectiveListener>();

/** Registers a listener for resolutions taking effect (at app start, by the composition root; once each). */
export function onResolutionEffective(listener: ResolutionEffectiveListener): void {
  effectiveListeners.add(listener);
}

/** The notice closed (window over, every objection answered, none upheld): the resolution takes effect as of then. */
async function takeEffect(tx: Tx, actor: Actor, r: ResolutionRow, at: Date) {
  await tx.update(councilResolutions).set({ state: 'effective', effectiveAt: at }).where(eq(councilResolutions.id, r.id));
  await audit(tx, actor, { action: 'council.resolution_effective', subjectType: 'council_resolution', subjectId: r.id, regionPath: r.regionPath });
  for (const listener of effectiveListeners) await listener(tx, actor, { id: r.id, agendaItemId: r.agendaItemId }, at);
}

/** Tells the notices feature what a council resolution's notice does when it settles (called at app start). */
export function registerResolutionNotices(): void {
  registerNoticeKind(RESOLUTION_NOTICE, {
    async onClosed(tx, actor, notice, closedAt) {
      const row = await findResolution(tx, notice.subjectId, true);
      if (row?.r.state === 'published') await takeEffect(tx, actor, row.r, closedAt);
    },
    async onUpheld(tx, actor, notice, _objection, now) {
      const row = await findResolution(tx, notice.subjectId, true);
      if (row?.r.state === 'published') await sendBack(tx, actor, row.r, now);
    },
  });
}
