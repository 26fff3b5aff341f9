import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CommunitySize, ResidentTag, Tenure, VisitOutcome } from '@gongzhi/core';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

/** A community's own coverage rule (走访规则); communities without a row use the defaults in packages/core. */
export const visitRules = pgTable('visit_rules', {
  id: id(),
  /** The community this rule belongs to; its code is `region_path`. */
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  size: text('size').$type<CommunitySize>().notNull().default('auto'),
  largeDays: integer('large_days'),
  smallDays: integer('small_days'),
  specialDays: integer('special_days'),
  specialTags: text('special_tags').array().$type<ResidentTag[]>(),
  updatedBy: uuid('updated_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('visit_rules_region_uq').on(t.regionId), uniqueIndex('visit_rules_path_uq').on(t.regionPath)]);

/**
 * One household visit. The id is made by the worker's phone when the visit is recorded (perhaps
 * offline), so a visit synced twice is the same row: the second sync finds it and answers with it.
 */
export const visits = pgTable('visits', {
  id: uuid('id').primaryKey(),
  householdId: uuid('household_id').notNull(),
  /** The household's micro-grid (or grid) at the time of the visit. */
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  workerUserId: uuid('worker_user_id').notNull(),
  /** When the worker was at the door (the phone's clock); `created_at` is when it reached the server. */
  visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
  outcome: text('outcome').$type<VisitOutcome>().notNull(),
  notes: text('notes').notNull().default(''),
  /** A request filed on the spot through the requests feature. */
  requestId: uuid('request_id'),
  createdAt: createdAt(),
}, (t) => [
  index('visits_household_idx').on(t.householdId, t.visitedAt),
  index('visits_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
  index('visits_worker_idx').on(t.workerUserId, t.visitedAt),
]);

/**
 * Each current household's coverage, kept rather than recomputed per view (issue 18 part 3): whether a
 * member carries one of the community's special tags, the interval that follows, the last visit that
 * found someone in and the next due day. Triggers (migration `visits_due`, functions `visit_due_*`)
 * keep the rows in the writing transaction whenever a household, a resident, a visit or a community's
 * rule changes, whoever writes it (services, imports, the demo seed); a bulk load that runs with
 * triggers off (`seed --scale`) calls `visit_due_rebuild()` once at the end. Coverage for a street,
 * district or the city is then an index-only count on (region_path, due_day, special).
 */
export const visitDue = pgTable('visit_due', {
  householdId: uuid('household_id').primaryKey(),
  ...scopeColumns(),
  special: boolean('special').notNull(),
  intervalDays: integer('interval_days').notNull(),
  lastVisitAt: timestamp('last_visit_at', { withTimezone: true }),
  /** The household's registration day (Asia/Shanghai): due then when it was never visited. */
  registeredDay: date('registered_day', { mode: 'string' }).notNull(),
  /** The last visit's day plus the interval, else the registration day (`nextDueDay` in packages/core). */
  dueDay: date('due_day', { mode: 'string' }).notNull(),
}, (t) => [index('visit_due_path_due_idx').on(t.regionPath.op('text_pattern_ops'), t.dueDay, t.special)]);

/** Household facts a visit may propose to change; a community worker reviews each proposal. */
export interface ProposedHouseholdChange {
  address?: string;
  tenure?: Tenure;
  /** New tags per member (the whole list), e.g. a resident now living alone or disabled. */
  members?: { residentId: string; tags: ResidentTag[] }[];
  /** The household has moved away. */
  movedOut?: boolean;
}

/** The household as the worker's phone knew it when the change was made: what a conflict is judged against. */
export interface HouseholdSnapshot {
  address: string;
  tenure: Tenure;
  members: { residentId: string; name: string; tags: ResidentTag[] }[];
}

export type ChangeStatus = 'pending' | 'conflict' | 'approved' | 'rejected';

/**
 * A change to a household's record proposed during a visit. It is applied only when a reviewer
 * approves it. `base_version` is the household's version the phone had: a proposal made on an older
 * version than the record's current one is a conflict, shown side by side and never applied silently.
 */
export const householdChanges = pgTable('household_changes', {
  id: id(),
  visitId: uuid('visit_id').notNull().references(() => visits.id),
  householdId: uuid('household_id').notNull(),
  ...scopeColumns(),
  proposedBy: uuid('proposed_by').notNull(),
  changes: jsonb('changes').$type<ProposedHouseholdChange>().notNull(),
  baseVersion: text('base_version').notNull(),
  base: jsonb('base').$type<HouseholdSnapshot>(),
  status: text('status').$type<ChangeStatus>().notNull(),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewNote: text('review_note'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('household_changes_visit_uq').on(t.visitId),
  index('household_changes_region_status_idx').on(t.regionPath.op('text_pattern_ops'), t.status),
  index('household_changes_household_idx').on(t.householdId),
]);
