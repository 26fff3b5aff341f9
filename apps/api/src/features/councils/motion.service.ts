import { eq } from 'drizzle-orm';
import { decideMotion, membersShortOfQuorum, councilQuorumReached, chinaDay, type CouncilQuorum } from '@gongzhi/core';
import type { z } from 'zod';
import type { CreateMotionBody, CouncilVoteBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { councilAgendaItems, councilMotions, councilResolutions, councilVotes } from './councils.table.ts';
import { attendanceOf, findAgendaItem, findMotion, handsOf, seatsOf, votesOf, type CouncilRow, type MotionRow } from './councils.repository.ts';
import { isSitting } from './councils.policy.ts';
import { managedOpenMeeting, ownSeat, requireStarted } from './meeting.service.ts';
import { mayManage } from './councils.policy.ts';
import { scopeFor } from '../../platform/authz/scope.ts';

/** Sitting members and those of them signed in at the meeting, on `day`. */
export async function quorumOf(db: DbOrTx, councilId: string, meetingId: string, rule: CouncilQuorum, day: string) {
  const [seats, attendance] = await Promise.all([seatsOf(db, councilId), attendanceOf(db, meetingId)]);
  const sitting = new Set(seats.filter((s) => isSitting(s, day)).map((s) => s.id));
  const present = attendance.filter((a) => sitting.has(a.seatId)).length;
  return { seated: sitting.size, present, reached: councilQuorumReached({ seated: sitting.size, present, rule }), short: membersShortOfQuorum(sitting.size, present, rule) };
}

/** Individual votes plus a confirmed show of hands (a pending one counts for nothing). */
export function motionCounts(votes: { choice: string }[], hands: { forCount: number; againstCount: number; abstainCount: number; confirmedAt: Date | null } | undefined) {
  const n = (choice: string) => votes.filter((v) => v.choice === choice).length;
  const h = hands?.confirmedAt ? hands : { forCount: 0, againstCount: 0, abstainCount: 0 };
  return { for: n('for') + h.forCount, against: n('against') + h.againstCount, abstain: n('abstain') + h.abstainCount };
}

/** Refuses to decide anything without a quorum of members signed in. */
async function requireQuorum(db: DbOrTx, council: CouncilRow, meetingId: string, day: string) {
  const q = await quorumOf(db, council.id, meetingId, council.quorum, day);
  if (!q.reached) throw new AppError('QUORUM_NOT_MET', { short: q.short });
  return q;
}

/** Puts a motion to the vote; the meeting must have a quorum. */
export async function createMotion(db: Db, actor: Actor, meetingId: string, body: z.infer<typeof CreateMotionBody>, now: Date): Promise<MotionRow> {
  return db.transaction(async (tx) => {
    const { m, c } = await managedOpenMeeting(tx, actor, meetingId);
    requireStarted(m, now);
    await requireQuorum(tx, c, meetingId, chinaDay(now));
    if (body.agendaItemId) {
      const item = found(await findAgendaItem(tx, body.agendaItemId), 'AGENDA_ITEM_NOT_FOUND');
      if (item.councilId !== c.id) throw new AppError('AGENDA_ITEM_NOT_FOUND');
      if (item.state === 'resolved') throw new AppError('AGENDA_ITEM_STATE', { state: item.state });
    }
    const [row] = await tx.insert(councilMotions).values({
      meetingId, agendaItemId: body.agendaItemId ?? null, text: body.text, majority: body.majority ?? c.majority, state: 'open',
    }).returning();
    await audit(tx, actor, { action: 'council.motion', subjectType: 'council_motion', subjectId: row!.id, regionPath: m.regionPath, after: row });
    return row!;
  });
}

/**
 * One member, one vote, while the motion is open and the meeting has started: a member votes for
 * themself, signed in as their own account (on their phone). Nobody casts a vote in a member's name:
 * staff record a show of hands instead (hands.service.ts), which a second staff member confirms.
 * Only members signed in at the meeting vote.
 */
export async function castVote(db: Db, actor: Actor, motionId: string, body: z.infer<typeof CouncilVoteBody>, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const row = found(await findMotion(tx, scopeFor(actor, 'council.read'), motionId, true), 'MOTION_NOT_FOUND');
    if (row.mo.state !== 'open') throw new AppError('MOTION_CLOSED');
    requireStarted(row.m, now);
    const seat = ownSeat(actor, await seatsOf(tx, row.c.id), chinaDay(now));
    if (body.seatId && body.seatId !== seat?.id) throw new AppError(mayManage(actor, row.c.regionPath) ? 'COUNCIL_VOTE_NOT_OWN' : 'NOT_COUNCIL_MEMBER');
    if (!seat) throw new AppError('NOT_COUNCIL_MEMBER');
    if ((await handsOf(tx, [motionId])).length) throw new AppError('SHOW_OF_HANDS_RECORDED');
    if (!(await attendanceOf(tx, row.m.id)).some((a) => a.seatId === seat.id)) throw new AppError('MEMBER_NOT_PRESENT');
    const added = await tx.insert(councilVotes).values({ motionId, seatId: seat.id, choice: body.choice, castAt: now, recordedBy: actor.userId })
      .onConflictDoNothing().returning({ id: councilVotes.id });
    if (!added.length) throw new AppError('ALREADY_VOTED');
    await audit(tx, actor, { action: 'council.vote', subjectType: 'council_motion', subjectId: motionId, regionPath: row.m.regionPath, details: { seatId: seat.id, choice: body.choice } });
    return row.m.id;
  });
}

/**
 * Closes the vote and decides the motion against the members present (which needs a quorum). A
 * passed motion becomes a resolution, ready to be published, and resolves its agenda item.
 */
export async function closeMotion(db: Db, actor: Actor, motionId: string, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const row = await findMotion(tx, scopeFor(actor, 'council.read'), motionId, true);
    if (!row || !mayManage(actor, row.c.regionPath)) throw new AppError('MOTION_NOT_FOUND');
    if (row.mo.state !== 'open') throw new AppError('MOTION_CLOSED');
    requireStarted(row.m, now);
    const q = await requireQuorum(tx, row.c, row.m.id, chinaDay(now));
    const [votes, [hands]] = await Promise.all([votesOf(tx, [motionId]), handsOf(tx, [motionId])]);
    // A show of hands counts only once a second staff member has confirmed it.
    if (hands && !hands.confirmedAt) throw new AppError('SHOW_OF_HANDS_UNCONFIRMED');
    const c = motionCounts(votes, hands);
    const result = decideMotion({ present: q.present, ...c }, row.mo.majority);
    const [after] = await tx.update(councilMotions).set({ state: 'closed', result: result.passed ? 'passed' : 'failed', presentAtClose: q.present, closedAt: now })
      .where(eq(councilMotions.id, motionId)).returning();
    if (result.passed) {
      const item = row.mo.agendaItemId ? await findAgendaItem(tx, row.mo.agendaItemId, true) : undefined;
      await tx.insert(councilResolutions).values({
        councilId: row.c.id, meetingId: row.m.id, motionId, agendaItemId: item?.id ?? null, regionPath: row.c.regionPath, districtCode: row.c.districtCode,
        title: item?.title ?? row.mo.text.slice(0, 60), text: row.mo.text, state: 'adopted',
      });
      if (item) await tx.update(councilAgendaItems).set({ state: 'resolved' }).where(eq(councilAgendaItems.id, item.id));
    }
    await audit(tx, actor, { action: 'council.motion_close', subjectType: 'council_motion', subjectId: motionId, regionPath: row.m.regionPath, before: row.mo, after, details: { ...result, present: q.present } });
    return row.m.id;
  });
}
