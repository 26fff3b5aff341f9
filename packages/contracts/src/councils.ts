import { z } from 'zod';
import { COUNCIL_MAJORITIES, COUNCIL_QUORUMS } from '@gongzhi/core';

/** Council levels (楼栋/小组/社区三级议事会) and one-matter-one-deliberation groups (一事一议). */
export const COUNCIL_KINDS = ['building', 'grid', 'community', 'matter'] as const;
export const CouncilKindSchema = z.enum(COUNCIL_KINDS);
/** Seats: resident representatives, party members, the owners' committee, the property company, resident units. */
export const SEAT_KINDS = ['resident_rep', 'party_member', 'owners_committee', 'property_company', 'resident_unit'] as const;
export const CouncilSeatKind = z.enum(SEAT_KINDS);
export const AGENDA_SOURCES = ['small_matter', 'proposal', 'party'] as const;
export const CouncilAgendaSource = z.enum(AGENDA_SOURCES);
export const AGENDA_STATES = ['collecting', 'open', 'scheduled', 'resolved', 'reopened'] as const;
export const CouncilAgendaState = z.enum(AGENDA_STATES);
export const RESOLUTION_STATES = ['adopted', 'published', 'effective', 'returned'] as const;
export const CouncilResolutionState = z.enum(RESOLUTION_STATES);
export const CouncilVoteChoice = z.enum(['for', 'against', 'abstain']);
export const CouncilQuorumRule = z.enum(COUNCIL_QUORUMS);
export const CouncilMajorityRule = z.enum(COUNCIL_MAJORITIES);

/** PostgreSQL text cannot hold NUL: refuse it as bad input rather than fail on the insert. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NO_NUL = /^[^\u0000]*$/;
const Text = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, 'must not contain NUL');
const Opt = (max: number) => z.string().trim().max(max).regex(NO_NUL, 'must not contain NUL');
const Day = z.iso.date();

export const CreateCouncilBody = z.object({
  kind: CouncilKindSchema,
  name: Text(100),
  regionId: z.uuid(),
  /** For a one-matter group: the matter it was formed for. */
  matter: Opt(500).optional(),
  quorum: CouncilQuorumRule.default('more_than_half'),
  majority: CouncilMajorityRule.default('simple'),
  /** Co-signatures (the proposer's included) a resident's proposal needs to reach the agenda. */
  cosignThreshold: z.number().int().min(1).max(10_000).default(10),
  /** Hours between a meeting's notice and the meeting. */
  noticeHours: z.number().int().min(0).max(24 * 60).default(72),
  /** Working days a resolution stays on public notice. */
  publicNoticeDays: z.number().int().min(1).max(60).default(5),
});
export type CreateCouncilBody = z.infer<typeof CreateCouncilBody>;

export const CouncilListQuery = z.object({
  kind: CouncilKindSchema.optional(),
  regionCode: z.string().regex(/^\d{6,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const SeatHolder = {
  residentId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  /** Shown name; taken from the resident when a resident is chosen. */
  holderName: Opt(60).optional(),
};
export const AddSeatBody = z.object({ kind: CouncilSeatKind, ...SeatHolder, termStart: Day, termEnd: Day });
export const VacateSeatBody = z.object({ reason: Text(300) });
export const ByElectionBody = z.object({ ...SeatHolder, electedOn: Day });

export const CreateAgendaItemBody = z.object({
  source: CouncilAgendaSource,
  title: Text(200),
  description: Opt(4000).default(''),
  /** A request sorted as a small matter (小事), for source `small_matter`. */
  requestId: z.uuid().optional(),
});

/** Search among the small matters (小事) a council may put on its agenda (issue 15 item 17). */
export const SmallMatterQuery = z.object({ q: z.string().trim().max(50).optional() });
/** A request sorted as a small matter in the council's area and on no agenda yet: what the agenda dialog offers. */
export const SmallMatterOption = z.object({
  id: z.uuid(), number: z.string(), title: z.string(), state: z.string(), createdAt: z.string(),
});

export const CreateMeetingBody = z.object({
  title: Text(200),
  location: Opt(200).default(''),
  startsAt: z.iso.datetime({ offset: true }),
  agendaItemIds: z.array(z.uuid()).max(50).default([]),
});
export const CouncilAttendanceBody = z.object({ seatId: z.uuid().optional() });
export const CreateMotionBody = z.object({ text: Text(2000), agendaItemId: z.uuid().optional(), majority: CouncilMajorityRule.optional() });
/** A member's own vote. `seatId`, if sent, must be the voter's own seat: nobody votes in a member's name. */
export const CouncilVoteBody = z.object({ seatId: z.uuid().optional(), choice: CouncilVoteChoice });
/** The counts of a show of hands, entered by one staff member and confirmed by a second. */
const HandCount = z.number().int().min(0).max(1000);
export const ShowOfHandsBody = z.object({ for: HandCount, against: HandCount, abstain: HandCount });
export const CouncilMinutesBody = z.object({ body: Text(20_000) });
export const PublishResolutionBody = z.object({ noticeDays: z.number().int().min(1).max(60).optional() });
export const ObjectionBody = z.object({ text: Text(2000) });
export const ObjectionAnswerBody = z.object({ outcome: z.enum(['upheld', 'rejected']), reason: Text(2000) });
export const NoticeListQuery = z.object({
  regionCode: z.string().regex(/^\d{6,18}$/).optional(),
  state: CouncilResolutionState.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  offset: z.coerce.number().int().min(0).default(0),
});

const Ref = z.object({ id: z.uuid(), name: z.string() });
const RegionRef = z.object({ id: z.uuid(), name: z.string(), code: z.string() });

export const CouncilSummary = z.object({
  id: z.uuid(), kind: CouncilKindSchema, name: z.string(), matter: z.string().nullable(), region: RegionRef,
  quorum: CouncilQuorumRule, majority: CouncilMajorityRule, cosignThreshold: z.number().int(), noticeHours: z.number().int(), publicNoticeDays: z.number().int(),
  seatedCount: z.number().int(), vacantCount: z.number().int(), createdAt: z.string(),
});
export const SeatView = z.object({
  id: z.uuid(), kind: CouncilSeatKind, holderName: z.string(), residentId: z.uuid().nullable(), organisation: Ref.nullable(),
  termStart: z.string(), termEnd: z.string(), vacatedAt: z.string().nullable(), vacatedReason: z.string().nullable(),
  byElection: z.boolean(), predecessorId: z.uuid().nullable(), successorId: z.uuid().nullable(), sitting: z.boolean(),
});
export const AgendaItemView = z.object({
  id: z.uuid(), councilId: z.uuid(), source: CouncilAgendaSource, title: z.string(), description: z.string(), state: CouncilAgendaState,
  request: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  cosignCount: z.number().int(), cosignThreshold: z.number().int(), cosigned: z.boolean(), createdAt: z.string(),
});
export const MeetingSummary = z.object({
  id: z.uuid(), title: z.string(), location: z.string(), noticeAt: z.string(), startsAt: z.string(),
  state: z.enum(['noticed', 'closed']), closedAt: z.string().nullable(),
});
export const CouncilDetail = CouncilSummary.extend({
  seats: z.array(SeatView), agenda: z.array(AgendaItemView), meetings: z.array(MeetingSummary),
  /** What the actor may do here: 'manage', 'propose'. */
  abilities: z.array(z.string()),
});

export const MotionView = z.object({
  id: z.uuid(), text: z.string(), agendaItemId: z.uuid().nullable(), majority: CouncilMajorityRule, state: z.enum(['open', 'closed']),
  result: z.enum(['passed', 'failed']).nullable(),
  counts: z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int(), present: z.number().int() }),
  votes: z.array(z.object({ seatId: z.uuid(), holderName: z.string(), choice: CouncilVoteChoice })),
  /**
   * A show of hands: counted in `counts` only once confirmed by a second staff member; `note` is the
   * mark the minutes carry ("举手表决（工作人员记录：A、B）").
   */
  showOfHands: z.object({
    for: z.number().int(), against: z.number().int(), abstain: z.number().int(),
    recordedBy: z.string(), recordedByUserId: z.uuid(), confirmedBy: z.string().nullable(), confirmedAt: z.string().nullable(), note: z.string().nullable(),
  }).nullable(),
  resolutionId: z.uuid().nullable(),
});
export const MinutesView = z.object({
  id: z.uuid(), version: z.number().int(), body: z.string(), state: z.enum(['draft', 'approved']),
  authorName: z.string(), createdAt: z.string(), approvedAt: z.string().nullable(),
});
export const MeetingDetail = MeetingSummary.extend({
  council: z.object({ id: z.uuid(), name: z.string(), kind: CouncilKindSchema }),
  agenda: z.array(AgendaItemView),
  attendance: z.array(z.object({ seatId: z.uuid(), holderName: z.string(), signedAt: z.string() })),
  quorum: z.object({ rule: CouncilQuorumRule, seated: z.number().int(), present: z.number().int(), reached: z.boolean(), short: z.number().int() }),
  members: z.array(z.object({ seatId: z.uuid(), holderName: z.string(), kind: CouncilSeatKind, present: z.boolean() })),
  motions: z.array(MotionView),
  /** The approved minutes for residents; every version for those who run the council. */
  minutes: z.array(MinutesView),
  abilities: z.array(z.string()),
  /** The viewer's own sitting seat, when they are a member: they vote for themself with it. */
  mySeatId: z.uuid().nullable(),
  /** Whether the noticed start has come: before it, nothing may be done at the meeting. */
  started: z.boolean(),
});

export const ObjectionView = z.object({
  id: z.uuid(), text: z.string(), createdAt: z.string(), outcome: z.enum(['upheld', 'rejected']).nullable(),
  answer: z.string().nullable(), answeredAt: z.string().nullable(), mine: z.boolean(),
});
export const NoticeSummary = z.object({
  id: z.uuid(), title: z.string(), text: z.string(), state: CouncilResolutionState,
  council: z.object({ id: z.uuid(), name: z.string(), kind: CouncilKindSchema }), region: RegionRef,
  publishedAt: z.string().nullable(), windowEndsAt: z.string().nullable(), effectiveAt: z.string().nullable(), returnedAt: z.string().nullable(),
  noticeDays: z.number().int().nullable(), objectionCount: z.number().int(), unansweredCount: z.number().int(),
});
export const NoticeDetail = NoticeSummary.extend({
  objections: z.array(ObjectionView),
  /** 'object' while the window is open and the actor lives in scope; 'answer' and 'publish' for staff. */
  abilities: z.array(z.string()),
  windowOpen: z.boolean(),
});
export type NoticeDetail = z.infer<typeof NoticeDetail>;
export type MeetingDetail = z.infer<typeof MeetingDetail>;
export type CouncilDetail = z.infer<typeof CouncilDetail>;
export type CouncilSummary = z.infer<typeof CouncilSummary>;
export type AgendaItemView = z.infer<typeof AgendaItemView>;
export type NoticeSummary = z.infer<typeof NoticeSummary>;
