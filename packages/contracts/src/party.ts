import { z } from 'zod';

/**
 * Party members' service (党员双报到, 1112, 党员积分制): report slips, service cards, the community's
 * needs list and claims, yearly progress, points and the half-yearly red and black lists.
 */

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NO_NUL = /^[^\u0000]*$/;
const Text = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, 'must not contain NUL');
const Opt = (max: number) => z.string().trim().max(max).regex(NO_NUL, 'must not contain NUL');

export const PARTY_REPORT_STATES = ['submitted', 'confirmed', 'returned'] as const;
export const PartyReportState = z.enum(PARTY_REPORT_STATES);
export const PARTY_NEED_KINDS = ['post', 'task'] as const;
export const PARTY_NEED_CATEGORIES = ['elderly', 'children', 'environment', 'safety', 'culture', 'volunteer', 'other'] as const;

/** A party member's report slip (报到单): who employs them, their own party organisation, what they offer. */
export const PartyReportBody = z.object({
  employer: Text(100),
  employerPartyOrg: Text(100),
  employerPartyContact: Text(100),
  skills: Text(500),
});

export const PartyReturnBody = z.object({ reason: Text(300) });

export const PartyReportView = z.object({
  id: z.uuid(),
  name: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  employer: z.string(),
  employerPartyOrg: z.string(),
  employerPartyContact: z.string(),
  skills: z.string(),
  state: PartyReportState,
  returnReason: z.string().nullable(),
  cardNo: z.string().nullable(),
  submittedAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export type PartyReportView = z.infer<typeof PartyReportView>;

export const PartyReportQuery = z.object({ state: PartyReportState.optional() });

export const PartyNeedBody = z.object({
  /** The community; staff of exactly one community may leave it out. */
  regionId: z.uuid().optional(),
  kind: z.enum(PARTY_NEED_KINDS),
  category: z.enum(PARTY_NEED_CATEGORIES),
  title: Text(100),
  description: Opt(1000).default(''),
  /** When, in words people read (每周六上午, 5月12日 9:00–11:00). */
  when: Text(100),
  places: z.coerce.number().int().min(1).max(200),
});

export const PartyClaimView = z.object({
  id: z.uuid(),
  name: z.string(),
  state: z.enum(['claimed', 'done']),
  doneOn: z.string().nullable(),
});

export const PartyNeedView = z.object({
  id: z.uuid(),
  communityName: z.string(),
  kind: z.enum(PARTY_NEED_KINDS),
  category: z.enum(PARTY_NEED_CATEGORIES),
  title: z.string(),
  description: z.string(),
  when: z.string(),
  places: z.number().int(),
  claimed: z.number().int(),
  mine: PartyClaimView.nullable(),
  /** The claimants, for staff only (empty for members). */
  claims: z.array(PartyClaimView),
  createdAt: z.string(),
});
export type PartyNeedView = z.infer<typeof PartyNeedView>;

export const PartyYearQuery = z.object({ regionId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export const PartyMemberProgress = z.object({
  reportId: z.uuid(),
  name: z.string(),
  branch: z.string(),
  done: z.number().int(),
  target: z.number().int(),
  onTrack: z.boolean(),
  points: z.number().int(),
});
export const PartyBranchProgress = z.object({
  branch: z.string(),
  members: z.number().int(),
  onTrack: z.number().int(),
  behind: z.number().int(),
});
export const PartyProgress = z.object({
  year: z.number().int(),
  target: z.number().int(),
  members: z.array(PartyMemberProgress),
  branches: z.array(PartyBranchProgress),
});

export const PartyPointRule = z.object({ code: z.string(), label: z.string(), points: z.number().int() });
export const PartyPointBody = z.object({ reportId: z.uuid(), rule: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a rule code of the catalogue'), reason: Text(300) });
export const PartyPointEntryView = z.object({
  id: z.uuid(),
  name: z.string(),
  rule: z.string(),
  ruleLabel: z.string(),
  points: z.number().int(),
  reason: z.string(),
  year: z.number().int(),
  reversesId: z.uuid().nullable(),
  createdAt: z.string(),
  recordedBy: z.string(),
});
export const PartyPointsPage = z.object({
  year: z.number().int(),
  catalogue: z.array(PartyPointRule),
  entries: z.array(PartyPointEntryView),
});

/** What a member sees about themself. */
export const PartyMe = z.object({
  year: z.number().int(),
  report: PartyReportView.nullable(),
  progress: z.object({ done: z.number().int(), target: z.number().int() }),
  points: z.number().int(),
  entries: z.array(PartyPointEntryView),
});

export const PartyRankingBody = z.object({
  regionId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100),
  half: z.union([z.literal(1), z.literal(2)]),
  size: z.coerce.number().int().min(1).max(50).default(10),
});
export const PartyRankingRow = z.object({ board: z.enum(['red', 'black']), rank: z.number().int(), name: z.string(), points: z.number().int() });
export const PartyRankingView = z.object({
  id: z.uuid(),
  communityName: z.string(),
  year: z.number().int(),
  half: z.number().int(),
  publishedAt: z.string(),
  red: z.array(PartyRankingRow),
  black: z.array(PartyRankingRow),
});

export const PartyFeedbackQuery = z.object({
  regionId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});

const RuleCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _');
export const PartySettingsBody = z.object({
  /** The district (its region id). */
  regionId: z.uuid(),
  yearlyTarget: z.coerce.number().int().min(1).max(100),
  /** Month and day ("06-30") by which members should have reported. */
  flagOn: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
  catalogue: z.array(z.object({ code: RuleCode, label: Text(40), points: z.number().int().min(-100).max(100).refine((n) => n !== 0, 'not zero') }))
    .min(1).max(40).refine((l) => new Set(l.map((r) => r.code)).size === l.length, 'codes must differ'),
});
export const PartySettings = z.object({
  districtCode: z.string(),
  yearlyTarget: z.number().int(),
  flagOn: z.string(),
  catalogue: z.array(PartyPointRule),
});
