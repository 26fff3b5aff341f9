import { z } from 'zod';

/**
 * Step 4 of community projects (项目招投标): the residents' committee opens a call for bids on a
 * published project, registered organisations bid (plan, budget lines in integer fen, team), a review
 * panel scores the bids, and the award goes on the public notice board before the contract.
 * Money is integer fen, sent as a string of digits (or a JSON integer).
 */

const Text = (max: number) => z.string().trim().min(1).max(max);
const FenIn = z.union([z.string().max(20), z.number()]);

/** A criterion of the call and its whole-number weight; the weights of a call add up to 100. */
export const TenderCriterion = z.object({ name: Text(100), weight: z.number().int().min(1).max(100) });

export const OpenCallBody = z.object({
  /** How long bids are taken, in days (at least the district's tenderMinDays); the window ends at the end of that China day. */
  days: z.number().int().min(1).max(90),
  /** When bidding opens (ISO instant); now when left out. */
  opensAt: z.iso.datetime({ offset: true }).optional(),
  criteria: z.array(TenderCriterion).min(1).max(20),
});

export const BidBody = z.object({
  /** The plan (实施方案). */
  plan: Text(5000),
  /** The team: who does the work and in what role. */
  team: z.array(z.object({ name: Text(60), role: Text(60) })).min(1).max(30),
  /** Budget lines; their amounts add up to the total exactly. */
  lines: z.array(z.object({ item: Text(100), amountFen: FenIn })).min(1).max(50),
  totalFen: FenIn,
});

export const TenderPanelBody = z.object({
  members: z.array(z.object({
    userId: z.uuid().optional(),
    name: Text(60),
    capacity: Text(40),
    /** Organisations the member belongs to or works for: none of them may be a bidder. */
    organisationIds: z.array(z.uuid()).max(10).optional(),
  })).min(3).max(25),
});

export const AwardBody = z.object({
  /** The paying fund: a protection fund or community (development) fund of the project's community or above. */
  fundId: z.uuid(),
  /** The panel's necessity-and-feasibility finding (必要性和可行性论证): required when there is exactly one bid. */
  finding: z.string().trim().max(5000).optional(),
  /** How many working days the award stays on the notice board (default 5). */
  noticeDays: z.number().int().min(1).max(30).optional(),
});

export const TenderBidView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisation: z.string(),
  plan: z.string(),
  team: z.array(z.object({ name: z.string(), role: z.string() })),
  lines: z.array(z.object({ item: z.string(), amountFen: z.string() })),
  totalFen: z.string(),
  submittedAt: z.string(),
  /** The panel's score (hundredths rounded: e.g. 86.5), null before three members scored it. */
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  mine: z.boolean(),
});

export const CALL_STATES = ['open', 'awarded', 'void'] as const;
export const TenderCallView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectTitle: z.string(),
  projectSummary: z.string(),
  communityName: z.string(),
  costFen: z.string(),
  /** open (taking bids, then closed for scoring), awarded, void (republished, done by residents, or the award withdrawn). */
  state: z.enum(CALL_STATES),
  opensAt: z.string(),
  closesAt: z.string(),
  /** Bids are taken now. */
  windowOpen: z.boolean(),
  criteria: z.array(TenderCriterion),
  bidCount: z.number().int(),
  /** Staff see every bid once the window has closed; a bidder sees their own. */
  bids: z.array(TenderBidView),
  panelId: z.uuid().nullable(),
  panelClosed: z.boolean(),
  finding: z.string().nullable(),
  award: z.object({ bidId: z.uuid(), organisation: z.string(), amountFen: z.string(), fundId: z.uuid(), noticeId: z.uuid().nullable() }).nullable(),
  voidReason: z.string().nullable(),
  /** What the viewer may do: bid, panel, award, residents, reopen. */
  abilities: z.array(z.string()),
});

export const ProjectTenderView = z.object({
  projectId: z.uuid(),
  status: z.string(),
  tenderMinDays: z.number().int(),
  /** The latest call first. */
  calls: z.array(TenderCallView),
  /** Funds that may pay the award (for the award form). */
  funds: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), balanceFen: z.string() })),
  /** What staff may do on the project: open (a first or new call), residents (mark 居民实施). */
  abilities: z.array(z.string()),
});

export const OpenCallSummary = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectTitle: z.string(),
  communityName: z.string(),
  costFen: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  windowOpen: z.boolean(),
  bidCount: z.number().int(),
  /** The viewer's organisation has bid. */
  bid: z.boolean(),
});
