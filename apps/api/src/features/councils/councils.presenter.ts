import { eraseFromText, maskFreeText } from '@gongzhi/core';
import type { CouncilDetail, CouncilSummary, MeetingDetail, NoticeDetail, NoticeSummary, RequestSummary, SmallMatterOption } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { AgendaRow, CouncilRow, MeetingRow, ResolutionRow, SeatRow, ShowOfHandsRow } from './councils.repository.ts';
import { isSitting } from './councils.policy.ts';

// Pure shaping: councils.read.service loads everything (one query per list) and asks the policy;
// these functions only turn rows into the API's answers.

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Free text as a viewer may see it. Agenda items, motions, minutes, resolutions, objections and
 * answers are written by one person and read by neighbours or anyone on the public board: a phone,
 * ID or account number typed into them is masked for everyone but those who run the council in
 * scope (`full`). Exported so the routes answering a single item shape it the same way.
 */
export function textFor(full: boolean): (s: string) => string {
  return full ? (s) => s : maskFreeText;
}

/** A council row as listed. */
export function presentCouncilSummary(c: CouncilRow, region: { name: string; code: string }, seated: number, vacant: number): CouncilSummary {
  return {
    id: c.id, kind: c.kind, name: c.name, matter: c.matter, region: { id: c.regionId, name: region.name, code: region.code },
    quorum: c.quorum, majority: c.majority, cosignThreshold: c.cosignThreshold, noticeHours: c.noticeHours, publicNoticeDays: c.publicNoticeDays,
    seatedCount: seated, vacantCount: vacant, createdAt: c.createdAt.toISOString(),
  };
}

/** What replaces a proposer's own name in the text neighbours read (as in public request text). */
const PROPOSER_ERASED = '某某';

/**
 * An agenda item; proposals show their co-signature progress. Its text is masked unless `full`
 * (those who run the council, or the proposer reading their own proposal), and then the proposer's
 * own `proposerNames` (account, resident record) are erased too: a resident writes "我是王大锤，…"
 * into a proposal other residents read.
 */
export function presentAgendaItem(a: AgendaRow, cosigned: boolean, full: boolean, proposerNames: readonly string[] = []) {
  const t = full ? textFor(true) : (s: string) => eraseFromText(s, proposerNames, PROPOSER_ERASED);
  return {
    id: a.id, councilId: a.councilId, source: a.source, title: t(a.title), description: t(a.description), state: a.state,
    request: a.requestId ? { id: a.requestId, number: a.requestNumber ?? '' } : null,
    cosignCount: a.cosignCount, cosignThreshold: a.cosignThreshold, cosigned, createdAt: a.createdAt.toISOString(),
  };
}

/** Seats with their history (successors), organisation names and whether each sits on `today`. */
function presentSeats(seats: SeatRow[], orgName: Map<string, string>, today: string) {
  const successor = new Map(seats.flatMap((s) => (s.predecessorId ? [[s.predecessorId, s.id] as const] : [])));
  return seats.map((s) => ({
    id: s.id, kind: s.kind, holderName: s.holderName, residentId: s.residentId,
    organisation: s.organisationId ? { id: s.organisationId, name: orgName.get(s.organisationId) ?? '' } : null,
    termStart: s.termStart, termEnd: s.termEnd, vacatedAt: iso(s.vacatedAt), vacatedReason: s.vacatedReason, byElection: s.byElection,
    predecessorId: s.predecessorId, successorId: successor.get(s.id) ?? null, sitting: isSitting(s, today),
  }));
}

/** What a council's page is made of, as loaded. */
export interface CouncilData {
  c: CouncilRow; region: { name: string; code: string }; seats: SeatRow[]; orgNames: Map<string, string>;
  agenda: { a: AgendaRow; cosigned: boolean; proposerAccountName: string | null; proposerResidentName: string | null }[]; meetings: MeetingRow[];
}

/**
 * A council with its seats (history included), agenda and meetings, and what the actor may do (from
 * the policy). Free text is masked unless `viewer.manage`; a proposer sees their own proposal whole.
 */
export function presentCouncil(d: CouncilData, today: string, abilities: string[], viewer: { manage: boolean; userId: string | null }): CouncilDetail {
  const { c, region, seats, agenda, meetings } = d;
  const t = textFor(viewer.manage);
  const sitting = seats.filter((s) => isSitting(s, today)).length;
  const vacant = seats.filter((s) => s.vacatedAt && !seats.some((n) => n.predecessorId === s.id)).length;
  return {
    ...presentCouncilSummary(c, region, sitting, vacant),
    seats: presentSeats(seats, d.orgNames, today),
    agenda: agenda.map((x) => presentAgendaItem(x.a, x.cosigned, viewer.manage || (viewer.userId !== null && x.a.proposerUserId === viewer.userId),
      [x.proposerAccountName, x.proposerResidentName].filter((n): n is string => !!n))),
    meetings: meetings.map((m) => ({ id: m.id, title: t(m.title), location: t(m.location), noticeAt: m.noticeAt.toISOString(), startsAt: m.startsAt.toISOString(), state: m.state, closedAt: iso(m.closedAt) })),
    abilities,
  };
}

/** What a meeting's page is made of, as loaded. */
export interface MeetingData {
  m: MeetingRow; c: CouncilRow; day: string;
  agenda: { a: AgendaRow; proposerAccountName: string | null; proposerResidentName: string | null }[]; attendance: { seatId: string; signedAt: Date }[];
  motions: { id: string; text: string; agendaItemId: string | null; majority: MeetingDetail['motions'][number]['majority']; state: MeetingDetail['motions'][number]['state']; result: MeetingDetail['motions'][number]['result']; presentAtClose: number | null }[];
  minutes: { id: string; version: number; body: string; state: MeetingDetail['minutes'][number]['state']; authorName: string; createdAt: Date; approvedAt: Date | null }[];
  seats: SeatRow[]; resolutions: { id: string; motionId: string | null }[];
  quorum: Omit<MeetingDetail['quorum'], 'rule'>;
  votes: { motionId: string; seatId: string; choice: MeetingDetail['motions'][number]['votes'][number]['choice'] }[];
  hands: ShowOfHandsRow[];
}

/** A show of hands as shown: counts, who entered and who confirmed it, and the minutes' mark once confirmed. */
function presentHands(h: ShowOfHandsRow | undefined): MeetingDetail['motions'][number]['showOfHands'] {
  if (!h) return null;
  return {
    for: h.forCount, against: h.againstCount, abstain: h.abstainCount, recordedBy: h.recordedByName, recordedByUserId: h.recordedBy,
    confirmedBy: h.confirmedByName, confirmedAt: iso(h.confirmedAt),
    note: h.confirmedAt ? `举手表决（工作人员记录：${h.recordedByName}、${h.confirmedByName ?? ''}）` : null,
  };
}

/**
 * A meeting: agenda, attendance and quorum, motions with their votes, minutes. Those who run the
 * council (`manage`) see every version of the minutes, and all text whole; residents see only
 * approved minutes, never drafts, and free text masked.
 */
export function presentMeeting(d: MeetingData, manage: boolean, abilities: string[], viewer: { mySeatId: string | null; started: boolean }): MeetingDetail {
  const { m, c, day, agenda, attendance, motions, minutes, seats, resolutions, quorum, votes, hands } = d;
  const name = new Map(seats.map((s) => [s.id, s.holderName]));
  const present = new Set(attendance.map((a) => a.seatId));
  const t = textFor(manage);
  return {
    id: m.id, title: t(m.title), location: t(m.location), noticeAt: m.noticeAt.toISOString(), startsAt: m.startsAt.toISOString(), state: m.state, closedAt: iso(m.closedAt),
    council: { id: c.id, name: c.name, kind: c.kind },
    agenda: agenda.map((x) => presentAgendaItem(x.a, false, manage, [x.proposerAccountName, x.proposerResidentName].filter((n): n is string => !!n))),
    attendance: attendance.map((a) => ({ seatId: a.seatId, holderName: name.get(a.seatId) ?? '', signedAt: a.signedAt.toISOString() })),
    quorum: { rule: c.quorum, ...quorum },
    members: seats.filter((s) => isSitting(s, day)).map((s) => ({ seatId: s.id, holderName: s.holderName, kind: s.kind, present: present.has(s.id) })),
    motions: motions.map((mo) => {
      const mine = votes.filter((v) => v.motionId === mo.id);
      const h = hands.find((x) => x.motionId === mo.id);
      // A show of hands adds to the counts only once a second staff member has confirmed it.
      const raised = h?.confirmedAt ? { for: h.forCount, against: h.againstCount, abstain: h.abstainCount } : { for: 0, against: 0, abstain: 0 };
      const n = (choice: 'for' | 'against' | 'abstain') => mine.filter((v) => v.choice === choice).length + raised[choice];
      return {
        id: mo.id, text: t(mo.text), agendaItemId: mo.agendaItemId, majority: mo.majority, state: mo.state, result: mo.result,
        counts: { for: n('for'), against: n('against'), abstain: n('abstain'), present: mo.presentAtClose ?? quorum.present },
        votes: mine.map((v) => ({ seatId: v.seatId, holderName: name.get(v.seatId) ?? '', choice: v.choice })),
        showOfHands: presentHands(h),
        resolutionId: resolutions.find((r) => r.motionId === mo.id)?.id ?? null,
      };
    }),
    minutes: minutes.filter((x) => manage || x.state === 'approved').map((x) => ({
      id: x.id, version: x.version, body: t(x.body), state: x.state, authorName: x.authorName, createdAt: x.createdAt.toISOString(), approvedAt: iso(x.approvedAt),
    })),
    abilities, mySeatId: viewer.mySeatId, started: viewer.started,
  };
}

/** A resolution as listed on the public board; its text masked unless `full` (those who run the council). */
export function presentNoticeSummary(r: ResolutionRow, c: CouncilRow, region: { name: string; code: string }, objections: number, unanswered: number, full = false): NoticeSummary {
  const t = textFor(full);
  return {
    id: r.id, title: t(r.title), text: t(r.text), state: r.state, council: { id: c.id, name: c.name, kind: c.kind },
    region: { id: c.regionId, name: region.name, code: region.code },
    publishedAt: iso(r.publishedAt), windowEndsAt: iso(r.windowEndsAt), effectiveAt: iso(r.effectiveAt), returnedAt: iso(r.returnedAt),
    noticeDays: r.noticeDays, objectionCount: objections, unansweredCount: unanswered,
  };
}

/**
 * A resolution on the board with its objections and answers. Public: objectors are never named,
 * and every text is masked (`maskFreeText`) but for those who run the council (`view.manage`); a
 * signed-in viewer (`viewerId`) sees which objections are theirs, and their own words whole.
 */
export function presentNotice(
  r: ResolutionRow, c: CouncilRow, region: { name: string; code: string },
  objections: { id: string; text: string; createdAt: Date; outcome: NoticeDetail['objections'][number]['outcome']; answer: string | null; answeredAt: Date | null; userId: string }[],
  viewerId: string | null, view: { abilities: string[]; windowOpen: boolean; manage: boolean },
): NoticeDetail {
  const t = textFor(view.manage);
  return {
    ...presentNoticeSummary(r, c, region, objections.length, objections.filter((o) => !o.answeredAt).length, view.manage),
    objections: objections.map((o) => ({
      id: o.id, text: view.manage || viewerId === o.userId ? o.text : maskFreeText(o.text), createdAt: o.createdAt.toISOString(), outcome: o.outcome,
      answer: o.answer === null ? null : t(o.answer), answeredAt: iso(o.answeredAt), mine: viewerId === o.userId,
    })),
    abilities: view.abilities, windowOpen: view.windowOpen,
  };
}

/** A small matter as the agenda dialog offers it: number, a title cut from its description, state and date. */
export function presentSmallMatter(r: RequestSummary): z.infer<typeof SmallMatterOption> {
  const text = r.description.replace(/\s+/g, ' ').trim();
  return { id: r.id, number: r.number, title: text.length > 60 ? `${text.slice(0, 60)}…` : text, state: r.state, createdAt: r.createdAt };
}
