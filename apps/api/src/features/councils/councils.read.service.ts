import { eq } from 'drizzle-orm';
import { noticeWindowOpen, chinaDay } from '@gongzhi/core';
import type { CouncilDetail, CouncilSummary, MeetingDetail, NoticeDetail, NoticeSummary, SmallMatterOption } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { listRequests } from '../requests/requests.service.ts';
import { councilAgendaItems } from './councils.table.ts';
import {
  agendaOf, proposerNamesOf, attendanceOf, findCouncil, findMeeting, findResolution, handsOf, listBoard, listCouncils, meetingAgenda, meetingsOf, minutesOf, motionsOf,
  requestsOnAgenda, resolutionsOfMeeting, seatsOf, votesOf, type AgendaRow,
} from './councils.repository.ts';
import { organisationNames } from '../org/organisation.service.ts';
import { councilAbilities, mayManage, meetingStarted, maySeeResolution, meetingAbilities, noticeAbilities } from './councils.policy.ts';
import { ownSeat } from './meeting.service.ts';
import { quorumOf } from './motion.service.ts';
import { noticeFor } from '../notices/notices.service.ts';
import { RESOLUTION_NOTICE } from './notice.service.ts';
import { presentAgendaItem, presentCouncil, presentCouncilSummary, presentMeeting, presentNotice, presentNoticeSummary, presentSmallMatter } from './councils.presenter.ts';

// What the council pages read: loaded in the actor's scope, judged by the policy, shaped by the presenter.

/** The councils the actor may see (staff: their area; residents: where they live), with today's seats. */
export async function councilList(db: Db, actor: Actor, q: Parameters<typeof listCouncils>[2], now: Date): Promise<{ items: CouncilSummary[]; total: number }> {
  const { rows, total } = await listCouncils(db, scopeFor(actor, 'council.read'), q, chinaDay(now));
  return { items: rows.map((x) => presentCouncilSummary(x.c, x.region, x.seated, x.vacant)), total };
}

/** A council with its seats (history included), agenda and meetings, and what the actor may do. */
export async function councilDetail(db: Db, actor: Actor, id: string, now: Date): Promise<CouncilDetail> {
  const { c, region } = found(await findCouncil(db, scopeFor(actor, 'council.read'), id), 'COUNCIL_NOT_FOUND');
  const [seats, agenda, meetings] = await Promise.all([seatsOf(db, id), agendaOf(db, eq(councilAgendaItems.councilId, id), actor.userId), meetingsOf(db, id)]);
  const orgNames = await organisationNames(db, [...new Set(seats.flatMap((s) => (s.organisationId ? [s.organisationId] : [])))]);
  return presentCouncil({ c, region, seats, orgNames, agenda, meetings }, chinaDay(now), councilAbilities(actor, c), { manage: mayManage(actor, c.regionPath), userId: actor.userId });
}

/**
 * One agenda item as `actor` may read it: whole for those who run the council and for its proposer,
 * masked for a neighbour (a co-signer).
 */
export async function agendaItemView(db: Db, actor: Actor, item: AgendaRow, cosigned: boolean) {
  const full = mayManage(actor, item.regionPath) || item.proposerUserId === actor.userId;
  return presentAgendaItem(item, cosigned, full, full ? [] : await proposerNamesOf(db, item.id));
}

/**
 * The small matters (小事) the council's staff may put on its agenda: requests sorted as small in the
 * council's area (read through the requests feature with the actor's own rights), newest first,
 * without those already on an agenda; `q` searches the description, or finds one by its number (GZ…).
 */
export async function smallMattersFor(db: Db, actor: Actor, councilId: string, q: string | undefined): Promise<z.infer<typeof SmallMatterOption>[]> {
  // Only those who run the council ask; to anyone else (a grid worker below a community council) the
  // council's list of matters is as missing as a council out of scope.
  const council = await findCouncil(db, scopeFor(actor, 'council.manage'), councilId);
  const { c } = found(council && mayManage(actor, council.c.regionPath) ? council : undefined, 'COUNCIL_NOT_FOUND');
  const { items } = await listRequests(db, actor, { matter: 'small', regionId: c.regionId, q: q || undefined, limit: 200, offset: 0 });
  const taken = await requestsOnAgenda(db, items.map((r) => r.id));
  return items.filter((r) => !taken.has(r.id)).map(presentSmallMatter);
}

/**
 * A meeting: agenda, attendance and quorum (as of its close, or today), motions with their votes,
 * minutes (drafts only for those who run the council).
 */
export async function meetingDetail(db: Db, actor: Actor, id: string, now: Date): Promise<MeetingDetail> {
  const { m, c } = found(await findMeeting(db, scopeFor(actor, 'council.read'), id), 'MEETING_NOT_FOUND');
  const manage = mayManage(actor, c.regionPath);
  const day = chinaDay(m.state === 'closed' && m.closedAt ? m.closedAt : now);
  const [agenda, attendance, motions, minutes, seats, resolutions, quorum] = await Promise.all([
    meetingAgenda(db, id), attendanceOf(db, id), motionsOf(db, id), minutesOf(db, id), seatsOf(db, c.id), resolutionsOfMeeting(db, id),
    quorumOf(db, c.id, id, c.quorum, day),
  ]);
  const [votes, hands] = await Promise.all([votesOf(db, motions.map((x) => x.id)), handsOf(db, motions.map((x) => x.id))]);
  const mine = ownSeat(actor, seats, day);
  const abilities = meetingAbilities(manage, Boolean(mine));
  return presentMeeting({ m, c, day, agenda, attendance, motions, minutes, seats, resolutions, quorum, votes, hands }, manage, abilities, { mySeatId: mine?.id ?? null, started: meetingStarted(m, now) });
}

/** The public board: published resolutions, one page. */
export async function noticeBoard(db: Db, q: Parameters<typeof listBoard>[1]): Promise<{ items: NoticeSummary[]; total: number }> {
  const { rows, total } = await listBoard(db, q);
  return { items: rows.map((x) => presentNoticeSummary(x.r, x.c, x.region, x.objections, x.unanswered)), total };
}

/**
 * A resolution on the board with its objections and answers, for anyone (signed in or not).
 * Unpublished resolutions exist only for those who run the council.
 */
export async function noticeDetail(db: Db, actor: Actor | null, id: string, now: Date): Promise<NoticeDetail> {
  const { r, c, region } = found(await findResolution(db, id), 'RESOLUTION_NOT_FOUND');
  const manage = actor ? mayManage(actor, r.regionPath) : false;
  if (!maySeeResolution(r, manage)) throw new AppError('RESOLUTION_NOT_FOUND');
  // The objections live with the resolution's notice; the council's answers say 'rejected' for dismissed.
  const objections = ((await noticeFor(db, RESOLUTION_NOTICE, id))?.objections ?? []).map((o) => ({ ...o, outcome: o.outcome === 'dismissed' ? 'rejected' as const : o.outcome }));
  const windowOpen = r.state === 'published' && !!r.publishedAt && !!r.windowEndsAt && noticeWindowOpen(now, r.publishedAt, r.windowEndsAt);
  const abilities = noticeAbilities(actor, r, manage, objections.some((o) => !o.answeredAt), windowOpen);
  return presentNotice(r, c, region, objections, actor?.userId ?? null, { abilities, windowOpen, manage });
}
