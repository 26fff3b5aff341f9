import { eq, inArray } from 'drizzle-orm';
import { noticeWindowOpen, chinaDay } from '@gongzhi/core';
import type { CouncilDetail, CouncilSummary, MeetingDetail, NoticeDetail, NoticeSummary } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { organisations } from '../org/org.table.ts';
import { councilAgendaItems } from './councils.table.ts';
import {
  agendaOf, attendanceOf, findCouncil, findMeeting, findResolution, isSitting, meetingAgenda, meetingsOf, minutesOf, motionsOf,
  objectionsOf, resolutionsOfMeeting, seatsOf, votesOf, type AgendaRow, type CouncilRow, type ResolutionRow, type SeatRow,
} from './councils.repository.ts';
import { livesIn, mayManage } from './councils.policy.ts';
import { ownSeat } from './meeting.service.ts';
import { quorumOf } from './motion.service.ts';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A council row as listed. */
export function presentCouncilSummary(c: CouncilRow, region: { name: string; code: string }, seated: number, vacant: number): CouncilSummary {
  return {
    id: c.id, kind: c.kind, name: c.name, matter: c.matter, region: { id: c.regionId, name: region.name, code: region.code },
    quorum: c.quorum, majority: c.majority, cosignThreshold: c.cosignThreshold, noticeHours: c.noticeHours, publicNoticeDays: c.publicNoticeDays,
    seatedCount: seated, vacantCount: vacant, createdAt: c.createdAt.toISOString(),
  };
}

/** An agenda item; proposals show their co-signature progress. */
export function presentAgendaItem(a: AgendaRow, cosigned: boolean) {
  return {
    id: a.id, councilId: a.councilId, source: a.source, title: a.title, description: a.description, state: a.state,
    request: a.requestId ? { id: a.requestId, number: a.requestNumber ?? '' } : null,
    cosignCount: a.cosignCount, cosignThreshold: a.cosignThreshold, cosigned, createdAt: a.createdAt.toISOString(),
  };
}

async function presentSeats(db: DbOrTx, seats: SeatRow[], today: string) {
  const orgIds = [...new Set(seats.flatMap((s) => (s.organisationId ? [s.organisationId] : [])))];
  const orgs = orgIds.length ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const successor = new Map(seats.flatMap((s) => (s.predecessorId ? [[s.predecessorId, s.id] as const] : [])));
  return seats.map((s) => ({
    id: s.id, kind: s.kind, holderName: s.holderName, residentId: s.residentId,
    organisation: s.organisationId ? { id: s.organisationId, name: orgName.get(s.organisationId) ?? '' } : null,
    termStart: s.termStart, termEnd: s.termEnd, vacatedAt: iso(s.vacatedAt), vacatedReason: s.vacatedReason, byElection: s.byElection,
    predecessorId: s.predecessorId, successorId: successor.get(s.id) ?? null, sitting: isSitting(s, today),
  }));
}

/** A council with its seats (history included), agenda and meetings, and what the actor may do. */
export async function presentCouncil(db: Db, actor: Actor, id: string, now: Date): Promise<CouncilDetail> {
  const { c, region } = found(await findCouncil(db, actor, id), 'COUNCIL_NOT_FOUND');
  const today = chinaDay(now);
  const manage = mayManage(actor, c.regionPath);
  const [seats, agenda, meetings] = await Promise.all([seatsOf(db, id), agendaOf(db, eq(councilAgendaItems.councilId, id), actor.userId), meetingsOf(db, id)]);
  const sitting = seats.filter((s) => isSitting(s, today)).length;
  const vacant = seats.filter((s) => s.vacatedAt && !seats.some((n) => n.predecessorId === s.id)).length;
  const abilities = [...(manage ? ['manage'] : []), ...(livesIn(actor, 'council.propose', c.regionPath) ? ['propose'] : [])];
  return {
    ...presentCouncilSummary(c, region, sitting, vacant),
    seats: await presentSeats(db, seats, today),
    agenda: agenda.map((x) => presentAgendaItem(x.a, x.cosigned)),
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, location: m.location, noticeAt: m.noticeAt.toISOString(), startsAt: m.startsAt.toISOString(), state: m.state, closedAt: iso(m.closedAt) })),
    abilities,
  };
}

/**
 * A meeting: agenda, attendance and quorum, motions with their votes, minutes. Those who run the
 * council see every version of the minutes; residents see only approved minutes, never drafts.
 */
export async function presentMeeting(db: Db, actor: Actor, id: string, now: Date): Promise<MeetingDetail> {
  const { m, c } = found(await findMeeting(db, actor, id), 'MEETING_NOT_FOUND');
  const manage = mayManage(actor, c.regionPath);
  const day = chinaDay(m.state === 'closed' && m.closedAt ? m.closedAt : now);
  const [agenda, attendance, motions, minutes, seats, resolutions, quorum] = await Promise.all([
    meetingAgenda(db, id), attendanceOf(db, id), motionsOf(db, id), minutesOf(db, id), seatsOf(db, c.id), resolutionsOfMeeting(db, id),
    quorumOf(db, c.id, id, c.quorum, day),
  ]);
  const votes = await votesOf(db, motions.map((x) => x.id));
  const name = new Map(seats.map((s) => [s.id, s.holderName]));
  const present = new Set(attendance.map((a) => a.seatId));
  const own = ownSeat(actor, seats, day);
  const abilities = [...(manage ? ['manage'] : []), ...(own ? ['member'] : [])];
  return {
    id: m.id, title: m.title, location: m.location, noticeAt: m.noticeAt.toISOString(), startsAt: m.startsAt.toISOString(), state: m.state, closedAt: iso(m.closedAt),
    council: { id: c.id, name: c.name, kind: c.kind },
    agenda: agenda.map((x) => presentAgendaItem(x.a, false)),
    attendance: attendance.map((a) => ({ seatId: a.seatId, holderName: name.get(a.seatId) ?? '', signedAt: a.signedAt.toISOString() })),
    quorum: { rule: c.quorum, ...quorum },
    members: seats.filter((s) => isSitting(s, day)).map((s) => ({ seatId: s.id, holderName: s.holderName, kind: s.kind, present: present.has(s.id) })),
    motions: motions.map((mo) => {
      const mine = votes.filter((v) => v.motionId === mo.id);
      const n = (choice: string) => mine.filter((v) => v.choice === choice).length;
      return {
        id: mo.id, text: mo.text, agendaItemId: mo.agendaItemId, majority: mo.majority, state: mo.state, result: mo.result,
        counts: { for: n('for'), against: n('against'), abstain: n('abstain'), present: mo.presentAtClose ?? quorum.present },
        votes: mine.map((v) => ({ seatId: v.seatId, holderName: name.get(v.seatId) ?? '', choice: v.choice })),
        resolutionId: resolutions.find((r) => r.motionId === mo.id)?.id ?? null,
      };
    }),
    minutes: minutes.filter((x) => manage || x.state === 'approved').map((x) => ({
      id: x.id, version: x.version, body: x.body, state: x.state, authorName: x.authorName, createdAt: x.createdAt.toISOString(), approvedAt: iso(x.approvedAt),
    })),
    abilities,
  };
}

/** A resolution as listed on the public board. */
export function presentNoticeSummary(r: ResolutionRow, c: CouncilRow, region: { name: string; code: string }, objections: number, unanswered: number): NoticeSummary {
  return {
    id: r.id, title: r.title, text: r.text, state: r.state, council: { id: c.id, name: c.name, kind: c.kind },
    region: { id: c.regionId, name: region.name, code: region.code },
    publishedAt: iso(r.publishedAt), windowEndsAt: iso(r.windowEndsAt), effectiveAt: iso(r.effectiveAt), returnedAt: iso(r.returnedAt),
    noticeDays: r.noticeDays, objectionCount: objections, unansweredCount: unanswered,
  };
}

/**
 * A resolution on the board with its objections and answers. Public: objectors are never named;
 * a signed-in resident sees which objections are theirs. Unpublished resolutions are shown only to
 * those who run the council.
 */
export async function presentNotice(db: Db, actor: Actor | null, id: string, now: Date): Promise<NoticeDetail> {
  const { r, c, region } = found(await findResolution(db, id), 'RESOLUTION_NOT_FOUND');
  const manage = actor ? mayManage(actor, r.regionPath) : false;
  if (!r.publishedAt && !manage) throw new AppError('RESOLUTION_NOT_FOUND');
  const objections = await objectionsOf(db, id);
  const windowOpen = r.state === 'published' && !!r.publishedAt && !!r.windowEndsAt && noticeWindowOpen(now, r.publishedAt, r.windowEndsAt);
  const abilities = [
    ...(manage && r.state === 'adopted' ? ['publish'] : []),
    ...(manage && (r.state === 'published' || r.state === 'returned') && objections.some((o) => !o.answeredAt) ? ['answer'] : []),
    ...(actor && windowOpen && can(actor, 'council.object') && livesIn(actor, 'council.object', r.regionPath) ? ['object'] : []),
  ];
  return {
    ...presentNoticeSummary(r, c, region, objections.length, objections.filter((o) => !o.answeredAt).length),
    objections: objections.map((o) => ({
      id: o.id, text: o.text, createdAt: o.createdAt.toISOString(), outcome: o.outcome, answer: o.answer, answeredAt: iso(o.answeredAt), mine: actor?.userId === o.userId,
    })),
    abilities, windowOpen,
  };
}
