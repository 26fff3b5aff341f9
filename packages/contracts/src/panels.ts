import { z } from 'zod';

/** PostgreSQL text cannot hold NUL: refuse it as bad input rather than fail on the insert. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NO_NUL = /^[^\u0000]*$/;
const Text = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, 'must not contain NUL');

export const PANEL_STATES = ['open', 'closed'] as const;
export const PanelState = z.enum(PANEL_STATES);

export const PanelMemberInput = z.object({
  /** The member's account, when they enter their own scores; without one, staff enter them from the paper sheet. */
  userId: z.uuid().optional(),
  name: Text(60),
  /** e.g. 党组织, 议事会成员, 监委会, 居民代表, 专家 */
  capacity: Text(40),
  /** Organisations the member belongs to or works for: they may not score those organisations' candidates. */
  organisationIds: z.array(z.uuid()).max(20).default([]),
});
export const CreatePanelBody = z.object({
  subjectKind: z.string().regex(/^[a-z_]{1,40}$/),
  subjectId: z.uuid(),
  title: Text(200),
  regionId: z.uuid(),
  members: z.array(PanelMemberInput).min(3).max(25),
  /** Whole-number weights adding up to 100. */
  criteria: z.array(z.object({ name: Text(100), weight: z.number().int().min(1).max(100) })).min(1).max(20),
  candidates: z.array(z.object({ label: Text(200), refId: z.uuid().optional(), organisationId: z.uuid().optional() })).min(1).max(50),
});
export const PanelScoreBody = z.object({
  memberId: z.uuid(),
  candidateId: z.uuid(),
  /** One score per criterion, 0–100 with at most one decimal. */
  scores: z.array(z.object({ criterionId: z.uuid(), score: z.number().min(0).max(100) })).min(1).max(20),
});
export const PanelAbsenceBody = z.object({ reason: Text(500) });
export const PanelMemberParams = z.object({ id: z.uuid(), memberId: z.uuid() });
export const PanelListQuery = z.object({
  regionCode: z.string().regex(/^\d{6,18}$/).optional(),
  subjectKind: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  subjectId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  offset: z.coerce.number().int().min(0).default(0),
});

export const PanelSummary = z.object({
  id: z.uuid(), subjectKind: z.string(), subjectId: z.uuid(), title: z.string(), state: PanelState,
  createdAt: z.string(), closedAt: z.string().nullable(),
});
export const PanelDetail = PanelSummary.extend({
  members: z.array(z.object({
    id: z.uuid(), name: z.string(), capacity: z.string(), hasAccount: z.boolean(), organisationIds: z.array(z.uuid()),
    absent: z.boolean(), absentReason: z.string().nullable(), mine: z.boolean(),
    /** Candidates this member has scored, and those they may not score (their organisation's). */
    scored: z.array(z.uuid()), conflicts: z.array(z.uuid()),
  })),
  criteria: z.array(z.object({ id: z.uuid(), name: z.string(), weight: z.number().int() })),
  candidates: z.array(z.object({ id: z.uuid(), label: z.string(), refId: z.uuid().nullable(), organisationId: z.uuid().nullable() })),
  /** Scorecards the viewer may read: all of them for staff and once closed; a member's own while open. */
  sheets: z.array(z.object({
    memberId: z.uuid(), candidateId: z.uuid(),
    scores: z.array(z.object({ criterionId: z.uuid(), score: z.number() })),
    /** Σ score × weight ÷ 100, rounded half up to one decimal. */
    total: z.number(),
  })),
  /** Per candidate: the members' totals and `panelScore` of them (one highest and one lowest dropped with five or more). */
  results: z.array(z.object({
    candidateId: z.uuid(), memberTotals: z.array(z.number()), score: z.number().nullable(), rank: z.number().int().nullable(),
    droppedHighLow: z.boolean(),
  })).nullable(),
  abilities: z.array(z.string()),
});
export type PanelDetail = z.infer<typeof PanelDetail>;
export type PanelSummary = z.infer<typeof PanelSummary>;
