import { and, eq, inArray } from 'drizzle-orm';
import { noticePeriodMet, chinaDay, chinaIso, earliestMeetingStart } from '@gongzhi/core';
import type { z } from 'zod';
import type { CreateMeetingBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { councilAgendaItems, councilAttendance, councilMeetingAgenda, councilMeetings, councilMinutes } from './councils.table.ts';
import { findMeeting, handsOf, minutesOf, motionsOf, seatsOf, type MeetingRow, type SeatRow } from './councils.repository.ts';
import { isSitting, meetingStarted } from './councils.policy.ts';
import { managedCouncil } from './council.service.ts';
import { mayManage } from './councils.policy.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { requireNotErased } from '../org/people.service.ts';

/**
 * Notices a meeting with its agenda. The meeting must be at least the council's notice period away;
 * the agenda's items (open or sent back) become scheduled. Members are notified through the outbox.
 */
export async function createMeeting(db: Db, actor: Actor, councilId: string, body: z.infer<typeof CreateMeetingBody>, now: Date): Promise<MeetingRow> {
  return db.transaction(async (tx) => {
    const council = await managedCouncil(tx, actor, councilId);
    const startsAt = new Date(body.startsAt);
    if (!noticePeriodMet(now, startsAt, council.noticeHours)) throw new AppError('NOTICE_TOO_SHORT', { hours: council.noticeHours, earliest: earliestMeetingStart(now, council.noticeHours).text });
    const ids = [...new Set(body.agendaItemIds)];
    const items = ids.length ? await tx.select().from(councilAgendaItems).where(and(inArray(councilAgendaItems.id, ids), eq(councilAgendaItems.councilId, councilId))).for('update') : [];
    if (items.length !== ids.length) throw new AppError('AGENDA_ITEM_NOT_FOUND');
    const notReady = items.find((i) => i.state !== 'open' && i.state !== 'reopened');
    if (notReady) throw new AppError('AGENDA_ITEM_STATE', { state: notReady.state });
    const [meeting] = await tx.insert(councilMeetings).values({
      councilId, regionPath: council.regionPath, districtCode: council.districtCode, title: body.title, location: body.location,
      noticeAt: now, startsAt, state: 'noticed', createdBy: actor.userId,
    }).returning();
    if (ids.length) {
      await tx.insert(councilMeetingAgenda).values(ids.map((agendaItemId, position) => ({ meetingId: meeting!.id, agendaItemId, position })));
      await tx.update(councilAgendaItems).set({ state: 'scheduled' }).where(inArray(councilAgendaItems.id, ids));
    }
    const today = chinaDay(now);
    for (const s of (await seatsOf(tx, councilId)).filter((x) => isSitting(x, today) && x.residentId)) {
      await enqueue(tx, { channel: 'sms', template: 'council.meeting_notice', recipientResidentId: s.residentId, payload: { meetingId: meeting!.id, title: body.title, startsAt: startsAt.toISOString(), location: body.location } });
    }
    await audit(tx, actor, { action: 'council.meeting_notice', subjectType: 'council_meeting', subjectId: meeting!.id, regionPath: council.regionPath, after: meeting, details: { agendaItemIds: ids } });
    return meeting!;
  });
}

/** The meeting (locked) for someone who manages its council; to others (even those who may read it) it is missing. */
async function managedMeeting(tx: Tx, actor: Actor, meetingId: string) {
  const row = await findMeeting(tx, scopeFor(actor, 'council.read'), meetingId, true);
  if (!row || !mayManage(actor, row.c.regionPath)) throw new AppError('MEETING_NOT_FOUND');
  return row;
}

/** The meeting (locked) for someone who manages its council, refusing one already closed. */
export async function managedOpenMeeting(tx: Tx, actor: Actor, meetingId: string) {
  const row = await managedMeeting(tx, actor, meetingId);
  if (row.m.state === 'closed') throw new AppError('MEETING_CLOSED');
  return row;
}

/**
 * Refuses any business before the meeting's noticed start (the clock is the caller's `now`): a
 * meeting cannot be held, voted and decided before the members were told it would begin.
 */
export function requireStarted(m: { startsAt: Date }, now: Date): void {
  if (!meetingStarted(m, now)) throw new AppError('MEETING_NOT_STARTED', { startsAt: chinaIso(m.startsAt).slice(0, 16).replace('T', ' ') });
}

/** The sitting seat the actor holds in this council (as the resident in it), if any. */
export function ownSeat(actor: Actor, seats: SeatRow[], day: string): SeatRow | undefined {
  return actor.residentId ? seats.find((s) => s.residentId === actor.residentId && isSitting(s, day)) : undefined;
}

/**
 * Resolves whose seat an act is for: staff record for any sitting member (the secretary at the
 * sign-in desk), a member signs for themself. Anyone else, or a seat not sitting, is not a member.
 */
export async function actingSeat(tx: Tx, actor: Actor, council: { id: string; regionPath: string }, seatId: string | undefined, day: string): Promise<SeatRow> {
  const seats = await seatsOf(tx, council.id);
  if (seatId) {
    ensure(mayManage(actor, council.regionPath));
    const seat = seats.find((s) => s.id === seatId);
    if (!seat || !isSitting(seat, day)) throw new AppError('NOT_COUNCIL_MEMBER');
    // A seat whose holder was erased before erasure vacated seats is no one's to sign in or vote for.
    if (seat.residentId) await requireNotErased(tx, seat.residentId);
    return seat;
  }
  const own = ownSeat(actor, seats, day);
  if (!own) throw new AppError('NOT_COUNCIL_MEMBER');
  return own;
}

/** Signs a member in (签到); signing in twice is harmless. */
export async function signInMember(db: Db, actor: Actor, meetingId: string, seatId: string | undefined, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const row = found(await findMeeting(tx, scopeFor(actor, 'council.read'), meetingId, true), 'MEETING_NOT_FOUND');
    if (row.m.state === 'closed') throw new AppError('MEETING_CLOSED');
    requireStarted(row.m, now);
    const seat = await actingSeat(tx, actor, row.c, seatId, chinaDay(now));
    const added = await tx.insert(councilAttendance).values({ meetingId, seatId: seat.id, signedAt: now, recordedBy: actor.userId })
      .onConflictDoNothing().returning({ id: councilAttendance.id });
    if (added.length) await audit(tx, actor, { action: 'council.sign_in', subjectType: 'council_meeting', subjectId: meetingId, regionPath: row.m.regionPath, details: { seatId: seat.id } });
  });
}

/** Closes a meeting once every motion is decided: no more sign-ins or motions; minutes can be approved; unresolved items are open again. */
export async function closeMeeting(db: Db, actor: Actor, meetingId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { m } = await managedOpenMeeting(tx, actor, meetingId);
    requireStarted(m, now);
    if ((await motionsOf(tx, meetingId)).some((x) => x.state === 'open')) throw new AppError('MOTIONS_STILL_OPEN');
    await tx.update(councilMeetings).set({ state: 'closed', closedAt: now }).where(eq(councilMeetings.id, meetingId));
    // Items the meeting did not resolve (no motion, or a motion that failed) wait for the next meeting.
    const items = (await tx.select({ id: councilMeetingAgenda.agendaItemId }).from(councilMeetingAgenda).where(eq(councilMeetingAgenda.meetingId, meetingId))).map((x) => x.id);
    if (items.length) await tx.update(councilAgendaItems).set({ state: 'open' }).where(and(inArray(councilAgendaItems.id, items), eq(councilAgendaItems.state, 'scheduled')));
    await audit(tx, actor, { action: 'council.meeting_close', subjectType: 'council_meeting', subjectId: meetingId, regionPath: m.regionPath });
  });
}

/**
 * Drafts the minutes or corrects them: each save is a new version; approved minutes no longer
 * change. Minutes record a meeting that was held, so none are written before its noticed start.
 */
export async function saveMinutes(db: Db, actor: Actor, meetingId: string, body: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await managedMeeting(tx, actor, meetingId);
    requireStarted(row.m, now);
    const [latest] = await minutesOf(tx, meetingId);
    if (latest?.state === 'approved') throw new AppError('MINUTES_APPROVED');
    const version = (latest?.version ?? 0) + 1;
    const marked = withHandsMarks(body, await handsMarks(tx, meetingId));
    const [after] = await tx.insert(councilMinutes).values({ meetingId, version, body: marked, state: 'draft', authorUserId: actor.userId, authorName: actor.name }).returning();
    await audit(tx, actor, { action: version === 1 ? 'council.minutes_draft' : 'council.minutes_correct', subjectType: 'council_meeting', subjectId: meetingId, regionPath: row.m.regionPath, before: latest, after });
  });
}

/**
 * Approves the latest version of the minutes, after the meeting has closed; residents then see them.
 * Four eyes: the one who wrote the latest version cannot approve it alone.
 */
export async function approveMinutes(db: Db, actor: Actor, meetingId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await managedMeeting(tx, actor, meetingId);
    if (row.m.state !== 'closed') throw new AppError('MEETING_NOT_CLOSED');
    const [latest] = await minutesOf(tx, meetingId);
    if (!latest) throw new AppError('MINUTES_MISSING');
    if (latest.state === 'approved') throw new AppError('MINUTES_APPROVED');
    if (latest.authorUserId === actor.userId) throw new AppError('MINUTES_APPROVE_SELF');
    // A show of hands confirmed after the last draft is marked in a new version before it is frozen.
    const marked = withHandsMarks(latest.body, await handsMarks(tx, meetingId));
    if (marked !== latest.body) {
      const [v] = await tx.insert(councilMinutes).values({ meetingId, version: latest.version + 1, body: marked, state: 'approved', authorUserId: actor.userId, authorName: actor.name, approvedAt: now, approvedBy: actor.userId }).returning();
      await audit(tx, actor, { action: 'council.minutes_approve', subjectType: 'council_meeting', subjectId: meetingId, regionPath: row.m.regionPath, details: { version: v!.version } });
      return;
    }
    await tx.update(councilMinutes).set({ state: 'approved', approvedAt: now, approvedBy: actor.userId }).where(eq(councilMinutes.id, latest.id));
    await audit(tx, actor, { action: 'council.minutes_approve', subjectType: 'council_meeting', subjectId: meetingId, regionPath: row.m.regionPath, details: { version: latest.version } });
  });
}

/**
 * The line the minutes must carry for each motion decided by a confirmed show of hands, naming both
 * staff members who recorded it: "举手表决（工作人员记录：A、B）".
 */
export async function handsMarks(tx: Tx, meetingId: string): Promise<string[]> {
  const motions = await motionsOf(tx, meetingId);
  const hands = await handsOf(tx, motions.map((x) => x.id));
  return motions.flatMap((mo) => {
    const h = hands.find((x) => x.motionId === mo.id && x.confirmedAt);
    if (!h) return [];
    return [`动议「${mo.text.slice(0, 60)}」：举手表决（工作人员记录：${h.recordedByName}、${h.confirmedByName ?? ''}），赞成 ${h.forCount}，反对 ${h.againstCount}，弃权 ${h.abstainCount}`];
  });
}

/** The minutes with every missing show-of-hands line appended (staff cannot leave the mark out). */
export function withHandsMarks(body: string, marks: string[]): string {
  const missing = marks.filter((line) => !body.includes(line));
  return missing.length ? `${body.trimEnd()}\n\n${missing.join('\n')}` : body;
}
