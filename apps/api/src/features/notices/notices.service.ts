import { eraseFromText, noticeWindowEnd, noticeWindowOpen } from '@gongzhi/core';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { cancelTimers, schedule } from '../../platform/jobs/scheduler.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { loadCalendar } from '../requests/calendar.service.ts';
import {
  answerObjectionRow, findNotice, findNoticeOf, findObjection, insertNotice, insertObjection, objectionsBy, objectionsOfNotice,
  objectionCountsSql, setNoticeState, setObjectionText, unansweredOf, type NoticeObjectionRow, type NoticeRow,
} from './notices.repository.ts';
import { livesUnder, mayAnswer } from './notices.policy.ts';

export type { NoticeObjectionRow, NoticeRow } from './notices.repository.ts';

/** Timer kind: a notice's window ends. */
export const NOTICE_WINDOW_TIMER = 'notice.window_end';

/**
 * What a subject kind does when its notice settles. Both run in the transaction that settles the
 * notice, exactly once per notice (the notice's state changes under a row lock first).
 */
export interface NoticeKindHandlers {
  /** The window has ended and every objection is answered, none upheld: the subject takes effect. */
  onClosed(tx: Tx, actor: Actor, notice: NoticeRow, closedAt: Date): Promise<void>;
  /** An objection was upheld while the notice was open: the subject goes back to whoever decided it. */
  onUpheld(tx: Tx, actor: Actor, notice: NoticeRow, objection: NoticeObjectionRow, now: Date): Promise<void>;
}

const KINDS = new Map<string, NoticeKindHandlers>();

/** Registers what happens when a notice of `kind` closes or an objection to it is upheld (at app start). */
export function registerNoticeKind(kind: string, handlers: NoticeKindHandlers): void {
  KINDS.set(kind, handlers);
}

function handlersOf(kind: string): NoticeKindHandlers {
  const h = KINDS.get(kind);
  // A programming error, not bad input: the timer retries, so a late registration still settles it.
  if (!h) throw new Error(`no notice kind registered: ${kind}`);
  return h;
}

export interface PublishNotice {
  kind: string; subjectId: string; regionPath: string; districtCode: string; regionId?: string | null;
  title: string; body: string; workingDays: number;
}

/**
 * Posts a subject on the public board for `workingDays` working days on the official calendar (with
 * the deployment's corrections), in the caller's transaction; a timer settles it when the window ends.
 * The caller has already decided the actor may publish this subject.
 */
export async function publishNotice(tx: Tx, actor: Actor, n: PublishNotice, now: Date): Promise<NoticeRow> {
  handlersOf(n.kind);
  if (!Number.isSafeInteger(n.workingDays) || n.workingDays < 1 || n.workingDays > 60) throw new AppError('VALIDATION_FAILED', { field: 'workingDays' });
  if (await findNoticeOf(tx, n.kind, n.subjectId)) throw new AppError('NOTICE_EXISTS');
  const windowEndsAt = noticeWindowEnd(now, n.workingDays, await loadCalendar(tx));
  const row = await insertNotice(tx, {
    kind: n.kind, subjectId: n.subjectId, regionPath: n.regionPath, districtCode: n.districtCode, regionId: n.regionId ?? null,
    title: n.title, body: n.body, workingDays: n.workingDays, publishedAt: now, windowEndsAt, state: 'open', publishedBy: actor.userId || null,
  });
  await schedule(tx, { kind: NOTICE_WINDOW_TIMER, subjectId: row.id, dueAt: windowEndsAt });
  await audit(tx, actor, { action: 'notice.publish', subjectType: 'notice', subjectId: row.id, regionPath: n.regionPath, details: { kind: n.kind, subjectId: n.subjectId, workingDays: n.workingDays, windowEndsAt: windowEndsAt.toISOString() } });
  return row;
}

/** A subject's notice with its objections (oldest first), or undefined if it was never published. */
export async function noticeFor(db: DbOrTx, kind: string, subjectId: string): Promise<{ notice: NoticeRow; objections: NoticeObjectionRow[] } | undefined> {
  const notice = await findNoticeOf(db, kind, subjectId);
  if (!notice) return undefined;
  return { notice, objections: await objectionsOfNotice(db, notice.id) };
}

/** The notice with this id and its objections, or undefined. */
export async function noticeById(db: DbOrTx, id: string): Promise<{ notice: NoticeRow; objections: NoticeObjectionRow[] } | undefined> {
  const notice = await findNotice(db, id);
  if (!notice) return undefined;
  return { notice, objections: await objectionsOfNotice(db, notice.id) };
}

/** Whether the window of `n` is running at `now` (an open notice before its end). */
export const windowOpen = (n: NoticeRow, now: Date): boolean => n.state === 'open' && noticeWindowOpen(now, n.publishedAt, n.windowEndsAt);

/** SQL counts of a subject's objections and unanswered ones, for a feature listing its own subjects. */
export const noticeObjectionCounts = objectionCountsSql;

/**
 * A resident of the notice's area objects while its window runs. Someone living elsewhere is told the
 * notice does not exist for them (`NOTICE_NOT_FOUND`); after the window, `NOTICE_CLOSED`.
 */
export async function objectToNotice(tx: Tx, actor: Actor, noticeId: string, text: string, now: Date): Promise<NoticeObjectionRow> {
  const n = await findNotice(tx, noticeId, true);
  if (!n || !livesUnder(actor, n.regionPath)) throw new AppError('NOTICE_NOT_FOUND');
  if (!windowOpen(n, now)) throw new AppError('NOTICE_CLOSED');
  const o = await insertObjection(tx, { noticeId, regionPath: n.regionPath, districtCode: n.districtCode, userId: actor.userId, text });
  await audit(tx, actor, { action: 'notice.object', subjectType: 'notice', subjectId: noticeId, regionPath: n.regionPath, details: { objectionId: o.id, kind: n.kind } });
  return o;
}

/** Same as {@link objectToNotice}, in its own transaction. */
export const lodgeNoticeObjection = (db: Db, actor: Actor, noticeId: string, text: string, now: Date) =>
  db.transaction((tx) => objectToNotice(tx, actor, noticeId, text, now));

/**
 * Records the answer to an objection; each is answered once (`OBJECTION_ANSWERED`). Upheld while the
 * notice is open: the notice is withdrawn and its kind's `onUpheld` runs. Dismissed: once the window
 * has ended and this was the last open objection, the notice closes and `onClosed` runs. Objections
 * to a notice already withdrawn are still answered, without further effect. `authorised` says the
 * caller (a feature that owns the subject) has checked the actor may answer; otherwise staff of the
 * notice's area may.
 */
export async function answerNoticeObjection(tx: Tx, actor: Actor, noticeId: string, objectionId: string, a: { outcome: 'upheld' | 'dismissed'; reason: string }, now: Date, authorised = false): Promise<NoticeRow> {
  const n = await findNotice(tx, noticeId, true);
  if (!n || !(authorised || mayAnswer(actor, n.regionPath))) throw new AppError('NOTICE_NOT_FOUND');
  const before = await findObjection(tx, noticeId, objectionId);
  if (!before) throw new AppError('OBJECTION_NOT_FOUND');
  const o = await answerObjectionRow(tx, noticeId, objectionId, { outcome: a.outcome, answer: a.reason, answeredAt: now, answeredBy: actor.userId });
  if (!o) throw new AppError('OBJECTION_ANSWERED');
  await enqueue(tx, { channel: 'inbox', template: 'notice.objection_answered', recipientUserId: o.userId, payload: { noticeId, kind: n.kind, subjectId: n.subjectId, outcome: a.outcome } });
  await audit(tx, actor, { action: 'notice.objection_answer', subjectType: 'notice', subjectId: noticeId, regionPath: n.regionPath, details: { objectionId, outcome: a.outcome } });
  if (n.state !== 'open') return n;
  if (a.outcome === 'upheld') {
    await setNoticeState(tx, n.id, 'withdrawn', now);
    await cancelTimers(tx, NOTICE_WINDOW_TIMER, n.id);
    await audit(tx, actor, { action: 'notice.withdraw', subjectType: 'notice', subjectId: n.id, regionPath: n.regionPath, details: { objectionId } });
    await handlersOf(n.kind).onUpheld(tx, actor, { ...n, state: 'withdrawn', withdrawnAt: now }, o, now);
    return { ...n, state: 'withdrawn', withdrawnAt: now };
  }
  return (await settle(tx, actor, n, now)) ?? n;
}

/** Same as {@link answerNoticeObjection} by staff of the notice's area, in its own transaction. */
export const answerOnBoard = (db: Db, actor: Actor, noticeId: string, objectionId: string, a: { outcome: 'upheld' | 'dismissed'; reason: string }, now: Date) =>
  db.transaction((tx) => answerNoticeObjection(tx, actor, noticeId, objectionId, a, now));

/**
 * The window's end waits for the answers: a notice closes only when its window has ended AND every
 * objection has its answer ("objections answered before the contract"). It then closes as of `at`
 * (the window's end when the timer fires, the last answer's time otherwise), and `onClosed` runs once.
 */
export async function settle(tx: Tx, actor: Actor, n: NoticeRow, at: Date): Promise<NoticeRow | undefined> {
  if (n.state !== 'open' || at < n.windowEndsAt) return undefined;
  if ((await unansweredOf(tx, n.id)) > 0) return undefined;
  await setNoticeState(tx, n.id, 'closed', at);
  const closed: NoticeRow = { ...n, state: 'closed', closedAt: at };
  await audit(tx, actor, { action: 'notice.close', subjectType: 'notice', subjectId: n.id, regionPath: n.regionPath, details: { kind: n.kind, subjectId: n.subjectId } });
  await handlersOf(n.kind).onClosed(tx, actor, closed, at);
  return closed;
}

/** Settles a notice by id under lock (the window timer's work); a notice already settled is left alone. */
export async function settleNotice(tx: Tx, actor: Actor, noticeId: string, at: Date): Promise<void> {
  const n = await findNotice(tx, noticeId, true);
  if (n) await settle(tx, actor, n, at);
}

/** Removes an erased person's name and numbers from the objections they wrote (called by privacy's erasure). */
export async function forgetNoticePerson(tx: DbOrTx, who: { userIds: string[]; names: string[]; numbers?: string[] }, erasedName: string): Promise<void> {
  if (!who.userIds.length) return;
  for (const o of await objectionsBy(tx, who.userIds)) await setObjectionText(tx, o.id, eraseFromText(o.text, who.names, erasedName, who.numbers));
}
