import { z } from 'zod';
import { COMMUNITY_SIZES, MAX_VISIT_INTERVAL_DAYS, RESIDENT_TAGS, TENURES, VISIT_OUTCOMES, VISIT_STATUSES } from '@gongzhi/core';

const Tag = z.enum(RESIDENT_TAGS);
const Interval = z.number().int().min(1).max(MAX_VISIT_INTERVAL_DAYS);

/** A member as the worker's visit list carries it (enough for the form to work offline). */
export const VisitMember = z.object({
  residentId: z.uuid(), name: z.string(), relation: z.string(), tags: z.array(z.string()),
  /** Whole years on the day the list was made; null when the birth day is not on record. */
  age: z.number().int().nullable(),
  /** Masked (e.g. 139****5678); the full number only through the audited reveal. */
  phoneMasked: z.string().nullable(),
});

/** One household on a worker's visit list, with its due day computed from the last visit and the rule. */
export const VisitListItem = z.object({
  householdId: z.uuid(),
  address: z.string(),
  tenure: z.enum(TENURES),
  regionId: z.uuid(),
  regionName: z.string(),
  special: z.boolean(),
  intervalDays: z.number().int(),
  lastVisitAt: z.string().nullable(),
  dueDay: z.string(),
  status: z.enum(VISIT_STATUSES),
  daysOverdue: z.number().int(),
  /** The household record's version, sent back with a proposed change to detect stale edits. */
  version: z.string(),
  /** Why the household is special: its members' tags that the community's rule counts as special. */
  specialTags: z.array(z.string()),
  members: z.array(VisitMember),
});
export type VisitListItem = z.infer<typeof VisitListItem>;

export const VisitListQuery = z.object({
  status: z.enum(VISIT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** Changes to the household's record proposed during the visit, for a community worker to review. */
export const ProposedChange = z.object({
  /** The `version` of the household the phone showed when the worker made the change. */
  baseVersion: z.string().min(1).max(40),
  address: z.string().trim().min(1).max(300).optional(),
  tenure: z.enum(TENURES).optional(),
  members: z.array(z.object({ residentId: z.uuid(), tags: z.array(Tag).max(RESIDENT_TAGS.length) })).max(30).optional(),
  movedOut: z.boolean().optional(),
});

/** A visit as the phone sends it; `id` is made on the phone, so sending it again stores nothing new. */
export const RecordVisitBody = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  visitedAt: z.iso.datetime({ offset: true }),
  outcome: z.enum(VISIT_OUTCOMES),
  notes: z.string().trim().max(2000).default(''),
  change: ProposedChange.optional(),
  /** A request filed on the spot (through the requests feature), on the household's behalf. */
  request: z.object({ description: z.string().trim().min(5).max(2000), categoryCode: z.string().max(60).optional() }).optional(),
});
export type RecordVisitBody = z.infer<typeof RecordVisitBody>;

export const VisitRecord = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  address: z.string(),
  workerName: z.string(),
  visitedAt: z.string(),
  recordedAt: z.string(),
  outcome: z.enum(VISIT_OUTCOMES),
  notes: z.string(),
  requestId: z.uuid().nullable(),
  requestNumber: z.string().nullable(),
  change: z.object({ id: z.uuid(), status: z.enum(['pending', 'conflict', 'approved', 'rejected']) }).nullable(),
});
export type VisitRecord = z.infer<typeof VisitRecord>;

export const VisitHistoryQuery = z.object({ householdId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

const Snapshot = z.object({ address: z.string(), tenure: z.enum(TENURES), movedOut: z.boolean().optional(), members: z.array(z.object({ residentId: z.uuid(), name: z.string(), tags: z.array(z.string()) })) });

/** A proposed change with the record as it is now, for review side by side. */
export const ChangeReview = z.object({
  id: z.uuid(),
  visitId: z.uuid(),
  householdId: z.uuid(),
  status: z.enum(['pending', 'conflict', 'approved', 'rejected']),
  proposedBy: z.string(),
  proposedAt: z.string(),
  changes: ProposedChange.omit({ baseVersion: true }),
  /** What the phone showed when the change was made (null when it sent no snapshot). */
  base: Snapshot.nullable(),
  current: Snapshot,
  /** True when the record changed after the proposal was made: approving needs `override`. */
  stale: z.boolean(),
  reviewNote: z.string().nullable(),
});
export type ChangeReview = z.infer<typeof ChangeReview>;

export const ChangeListQuery = z.object({ status: z.enum(['pending', 'conflict', 'approved', 'rejected']).optional() });
export const DecideChangeBody = z.object({
  decision: z.enum(['approve', 'reject']),
  /** Approve a proposal made on an older version of the record, having compared it with the current one. */
  override: z.boolean().default(false),
  note: z.string().trim().max(500).optional(),
});

export const CoverageQuery = z.object({ regionId: z.uuid().optional() });
const CoverageRow = z.object({ households: z.number().int(), overdue: z.number().int(), due: z.number().int(), special: z.number().int(), specialOverdue: z.number().int() });
export const Coverage = z.object({
  today: z.string(),
  totals: CoverageRow,
  byGrid: z.array(CoverageRow.extend({ regionId: z.uuid(), name: z.string(), code: z.string() })),
  byWorker: z.array(CoverageRow.extend({ userId: z.uuid(), name: z.string(), visits30d: z.number().int() })),
});
export type Coverage = z.infer<typeof Coverage>;

export const VisitRuleBody = z.object({
  size: z.enum(COMMUNITY_SIZES).default('auto'),
  largeDays: Interval.nullable().default(null),
  smallDays: Interval.nullable().default(null),
  specialDays: Interval.nullable().default(null),
  specialTags: z.array(Tag).max(RESIDENT_TAGS.length).nullable().default(null),
});
export const VisitRuleView = z.object({
  regionId: z.uuid(), name: z.string(), households: z.number().int(),
  configured: VisitRuleBody.extend({ size: z.enum(COMMUNITY_SIZES) }).nullable(),
  effective: z.object({ size: z.enum(['large', 'small']), regularDays: z.number().int(), specialDays: z.number().int(), specialTags: z.array(z.string()) }),
});
export type VisitRuleView = z.infer<typeof VisitRuleView>;
