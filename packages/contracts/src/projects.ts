import { z } from 'zod';

/**
 * Community projects (社区项目, the e管家 five steps): residents' proposals (民意征集), the party
 * organisation's draft list (党组织组织提议), the council's resolution (议事会民主决议) with an
 * optional residents' vote. Money is integer fen, sent as a string of digits (or a JSON integer).
 */

/** 硬件建设维护 hardware, 专业委托 commissioned service, 居民实施 done by residents. */
export const PROJECT_CLASSES = ['hardware', 'service', 'residents'] as const;
export const ProjectClass = z.enum(PROJECT_CLASSES);
/** How a residents' vote is counted within the envelope: greedy by votes, or the method of equal shares. */
export const COUNTING_RULES = ['greedy', 'equal_shares'] as const;
export const CountingRule = z.enum(COUNTING_RULES);
/**
 * proposed → listed | left_out (sorted into a round) → selected | not_selected (the residents' vote, if
 * any) → resolved (the council's resolution) → published (the resolution's notice window closed) →
 * tendering (the call for bids is open) → awarded (the award is on the notice board) → in_progress
 * (contracted, or 居民实施) → accepting (the acceptance panel scores) → rectifying (failed; back to
 * work) → accepted (residents rate) → closed (rating window over, unspent money released).
 */
export const PROJECT_STATUSES = [
  'proposed', 'listed', 'left_out', 'selected', 'not_selected', 'resolved', 'published',
  'tendering', 'awarded', 'in_progress', 'accepting', 'rectifying', 'accepted', 'closed',
] as const;
export const ProjectStatus = z.enum(PROJECT_STATUSES);
/** draft → at_council → (voting → counted) → resolved → published. */
export const ROUND_STATUSES = ['draft', 'at_council', 'voting', 'counted', 'resolved', 'published'] as const;
export const RoundStatus = z.enum(ROUND_STATUSES);

/** An amount in fen: a JSON integer or a string of digits; the service refuses anything else. */
const Fen = z.union([z.string().max(30), z.number()]);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date();

export const CreateProjectBody = z.object({
  communityId: z.uuid(),
  title: Text(60),
  summary: Text(2000),
  reason: Text(2000),
  class: ProjectClass,
  priorityArea: Text(40),
  costFen: Fen,
  beneficiaries: Text(200),
  requestIds: z.array(z.uuid()).max(10).default([]),
});

export const ProjectCommentBody = z.object({ body: Text(1000) });

/** The hearing (听证会) for a hardware project: the register entries of who took part, by role. */
export const ProjectHearingBody = z.object({
  heldOn: Day,
  representativeIds: z.array(z.uuid()).max(200),
  affectedIds: z.array(z.uuid()).max(500),
  notes: Text(2000),
});

export const ProjectRulesBody = z.object({
  districtCode: z.string().regex(/^\d{6}$/),
  priorityAreas: z.array(Text(40)).min(1).max(20),
  capsFen: z.object({ hardware: Fen, service: Fen, residents: Fen }),
  hearingRepresentatives: z.number().int().min(0).max(200),
  hearingAffected: z.number().int().min(0).max(500),
  tenderMinDays: z.number().int().min(1).max(90).default(7),
  acceptancePassMark: z.number().int().min(1).max(100).default(60),
  ratingDays: z.number().int().min(1).max(90).default(14),
  /** The instalments as whole percentages of the award, in order; they must sum to 100. */
  instalmentPercents: z.array(z.number().int().min(1).max(100)).min(1).max(6).default([30, 40, 30])
    .refine((xs) => xs.reduce((a, b) => a + b, 0) === 100, { message: 'the instalments must sum to 100' }),
});

export const CreateRoundBody = z.object({
  communityId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  budgetFen: Fen,
  rule: CountingRule.default('greedy'),
});

/** The party organisation's sorting: each proposal put on the list, or left out with a reason. */
export const SortRoundBody = z.object({
  decisions: z.array(z.object({ projectId: z.uuid(), include: z.boolean(), reason: z.string().trim().max(500).optional() })).min(1).max(200),
});

export const SendToCouncilBody = z.object({ councilId: z.uuid() });
export const RoundBallotBody = z.object({ projectIds: z.array(z.uuid()).max(200) });
export const RoundResolutionBody = z.object({ resolutionId: z.uuid() });

export const ProjectListQuery = z.object({
  communityId: z.uuid().optional(),
  status: ProjectStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ProjectSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  class: ProjectClass,
  priorityArea: z.string(),
  costFen: z.string(),
  status: ProjectStatus,
  communityId: z.uuid(),
  communityName: z.string(),
  /** 居民 for a resident's proposal, or the organisation's name: never a person's name. */
  proposer: z.string(),
  cosignCount: z.number().int(),
  voteCount: z.number().int(),
  roundId: z.uuid().nullable(),
  createdAt: z.string(),
});

export const ProjectDetail = ProjectSummary.extend({
  summary: z.string(),
  reason: z.string(),
  beneficiaries: z.string(),
  leftOutReason: z.string().nullable(),
  requests: z.array(z.object({ id: z.uuid(), number: z.string() })),
  hearing: z.object({ heldOn: z.string(), representatives: z.number().int(), affected: z.number().int(), notes: z.string() }).nullable(),
  comments: z.array(z.object({ id: z.uuid(), author: z.string(), body: z.string(), createdAt: z.string(), mine: z.boolean() })),
  /** The viewer has co-signed it. */
  signed: z.boolean(),
  /** What the viewer may do: cosign, comment, hearing. */
  abilities: z.array(z.string()),
});

export const ProjectOptions = z.object({
  /** Where the viewer may propose: their own community (residents) or every community (organisations). */
  communities: z.array(z.object({ id: z.uuid(), name: z.string() })),
  priorityAreas: z.array(z.string()),
  capsFen: z.object({ hardware: z.string(), service: z.string(), residents: z.string() }),
  hearingRepresentatives: z.number().int(),
  hearingAffected: z.number().int(),
  tenderMinDays: z.number().int(),
  acceptancePassMark: z.number().int(),
  ratingDays: z.number().int(),
  instalmentPercents: z.array(z.number().int()),
});

export const RoundItem = z.object({
  project: ProjectSummary,
  selected: z.boolean(),
});

export const RoundView = z.object({
  id: z.uuid(),
  communityId: z.uuid(),
  communityName: z.string(),
  year: z.number().int(),
  budgetFen: z.string(),
  rule: CountingRule,
  status: RoundStatus,
  councilId: z.uuid().nullable(),
  agendaItemId: z.uuid().nullable(),
  resolutionId: z.uuid().nullable(),
  ballots: z.number().int(),
  spentFen: z.string().nullable(),
  leftFen: z.string().nullable(),
  /** The projects on the list, in ranking order once counted. */
  items: z.array(RoundItem),
  /** Proposals of the community left out, with the recorded reason (in project.leftOutReason). */
  leftOut: z.array(z.object({ id: z.uuid(), title: z.string(), reason: z.string() })),
  /** The viewer's own ballot has been cast. */
  voted: z.boolean(),
  /** What the viewer may do: sort, send, open_vote, close_vote, vote, resolve. */
  abilities: z.array(z.string()),
  createdAt: z.string(),
});

export const RoundSummary = RoundView.pick({ id: true, communityId: true, communityName: true, year: true, budgetFen: true, rule: true, status: true, ballots: true, createdAt: true });

export const RoundListQuery = z.object({ communityId: z.uuid().optional() });

/** The public page: keyset paging, newest first; `cursor` is the previous page's `nextCursor`. */
export const PublicProjectQuery = z.object({
  districtCode: z.string().regex(/^\d{6}$/).optional(),
  communityId: z.uuid().optional(),
  cursor: z.string().regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const PublicProject = ProjectSummary.omit({ roundId: true });
export const PublicProjectPage = z.object({ items: z.array(PublicProject), nextCursor: z.string().nullable() });

/**
 * What happened to a project, one step of its trail (the closed loop): shown to the resident who asked
 * and on the public page, so it never names a person (`by` is 居民, 社区居委会 or an organisation).
 */
export const PROJECT_EVENT_KINDS = [
  'proposed', 'listed', 'left_out', 'selected', 'resolved', 'published', 'call_opened', 'bid_received', 'awarded', 'award_effective',
  'residents_implement', 'reserved', 'progress', 'activity', 'inspection', 'concern_answered', 'acceptance_passed', 'acceptance_failed',
  'instalment_requested', 'paid', 'rating_opened', 'rated', 'released', 'closed',
] as const;
export const ProjectEventKind = z.enum(PROJECT_EVENT_KINDS);
export const ProjectEvent = z.object({
  kind: ProjectEventKind,
  at: z.string(),
  by: z.string(),
  /** What the step said (a progress note, a reason, the panel's finding): no personal data. */
  text: z.string().nullable(),
  amountFen: z.string().nullable(),
  /** A panel score in hundredths (8650 = 86.50), a rating, or a progress percentage, by kind. */
  figure: z.number().int().nullable(),
  /** Where to read more: a public notice, a ledger entry (fund code + transaction id), a council's resolution. */
  link: z.object({ kind: z.enum(['notice', 'ledger', 'council', 'activity']), id: z.string(), code: z.string().nullable() }).nullable(),
});

/** A project linked to a request, for the request's page: the closed loop's whole trail. */
export const RequestProjectLink = z.object({
  id: z.uuid(), title: z.string(), status: ProjectStatus, costFen: z.string(),
  awardedFen: z.string().nullable(), paidFen: z.string(), implementer: z.string().nullable(), progress: z.number().int(),
  acceptanceScore: z.number().int().nullable(), ratingCount: z.number().int(), ratingSum: z.number().int(),
  events: z.array(ProjectEvent),
});

/** A project's public page: what the public list shows, with the trail, the money and the ratings. */
export const PublicProjectDetail = PublicProject.extend({
  summary: z.string(), beneficiaries: z.string(), trail: RequestProjectLink.omit({ id: true, title: true, status: true, costFen: true }),
});
