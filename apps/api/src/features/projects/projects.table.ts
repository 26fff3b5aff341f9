import { bigint, char, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProjectEventKind as ProjectEventKindSchema, ProjectStatus as ProjectStatusSchema } from '@gongzhi/contracts';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

export type ProjectClass = 'hardware' | 'service' | 'residents';
/** A project's status and a step of its trail: the contracts' lists (packages/contracts/src/projects.ts) are the one source. */
export type ProjectStatus = z.infer<typeof ProjectStatusSchema>;
export type ProjectEventKind = z.infer<typeof ProjectEventKindSchema>;
export type RoundStatus = 'draft' | 'at_council' | 'voting' | 'counted' | 'resolved' | 'published';
export type CountingRule = 'greedy' | 'equal_shares';

/** A district's own settings for projects; a district without a row uses the defaults (projects.policy.ts). */
export const projectDistrictRules = pgTable('project_district_rules', {
  districtCode: char('district_code', { length: 6 }).primaryKey(),
  priorityAreas: jsonb('priority_areas').$type<string[]>().notNull(),
  capHardwareFen: bigint('cap_hardware_fen', { mode: 'bigint' }).notNull(),
  capServiceFen: bigint('cap_service_fen', { mode: 'bigint' }).notNull(),
  capResidentsFen: bigint('cap_residents_fen', { mode: 'bigint' }).notNull(),
  hearingRepresentatives: integer('hearing_representatives').notNull(),
  hearingAffected: integer('hearing_affected').notNull(),
  tenderMinDays: integer('tender_min_days').notNull().default(7),
  acceptancePassMark: integer('acceptance_pass_mark').notNull().default(60),
  ratingDays: integer('rating_days').notNull().default(14),
  instalmentPercents: jsonb('instalment_percents').$type<number[]>().notNull().default([30, 40, 30]),
  updatedAt: updatedAt(),
});

/**
 * A round of a community's projects for a year: the budget envelope, the counting rule, and where the
 * list stands (draft list, at the council, residents' vote, resolved, published). One per community a year.
 */
export const projectRounds = pgTable('project_rounds', {
  id: id(),
  communityId: uuid('community_id').notNull(),
  ...scopeColumns(),
  year: integer('year').notNull(),
  budgetFen: bigint('budget_fen', { mode: 'bigint' }).notNull(),
  rule: text('rule').$type<CountingRule>().notNull(),
  status: text('status').$type<RoundStatus>().notNull(),
  councilId: uuid('council_id'),
  agendaItemId: uuid('agenda_item_id'),
  resolutionId: uuid('resolution_id'),
  /** The counted result: selected project ids in ranking order, spent and left, in fen. */
  selectedIds: jsonb('selected_ids').$type<string[]>(),
  spentFen: bigint('spent_fen', { mode: 'bigint' }),
  leftFen: bigint('left_fen', { mode: 'bigint' }),
  ballotCount: integer('ballot_count').notNull().default(0),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('project_rounds_community_year_uq').on(t.communityId, t.year),
  index('project_rounds_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
]);

/**
 * A proposal (民意征集) and, as it goes on, the project. The region is the community's; the proposer's
 * account is kept for their own view and never shown: the public sees 居民 or the organisation's name.
 */
export const projects = pgTable('projects', {
  id: id(),
  communityId: uuid('community_id').notNull(),
  ...scopeColumns(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  reason: text('reason').notNull(),
  class: text('class').$type<ProjectClass>().notNull(),
  priorityArea: text('priority_area').notNull(),
  costFen: bigint('cost_fen', { mode: 'bigint' }).notNull(),
  beneficiaries: text('beneficiaries').notNull(),
  proposerUserId: uuid('proposer_user_id'),
  /** Set when a social organisation proposed it: shown by its name. */
  organisationId: uuid('organisation_id'),
  status: text('status').$type<ProjectStatus>().notNull(),
  roundId: uuid('round_id').references(() => projectRounds.id),
  leftOutReason: text('left_out_reason'),
  cosignCount: integer('cosign_count').notNull().default(0),
  voteCount: integer('vote_count').notNull().default(0),
  // From the award on (steps 4–8): kept on the project's row so lists and the public page read them
  // without joins; each is written in the transaction of the step that changes it.
  /** The winning bidder (an organisation), or null: none yet, or done by residents (居民实施). */
  implementerOrganisationId: uuid('implementer_organisation_id'),
  /** Who carries it out as the public sees it: the organisation's name, or 居民实施. */
  implementerLabel: text('implementer_label'),
  awardedFen: bigint('awarded_fen', { mode: 'bigint' }),
  /** The fund that pays, and the reservation that keeps the awarded money for it. */
  fundId: uuid('fund_id'),
  reservationId: uuid('reservation_id'),
  paidFen: bigint('paid_fen', { mode: 'bigint' }).notNull().default(sql`0`),
  /** 0–100, from the weighted milestones. */
  progressPercent: integer('progress_percent').notNull().default(0),
  /** The last acceptance panel's score in hundredths (8650 = 86.50), or null before one. */
  acceptanceScore: integer('acceptance_score'),
  ratingCount: integer('rating_count').notNull().default(0),
  ratingSum: integer('rating_sum').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('projects_region_path_idx').on(t.regionPath.op('text_pattern_ops'), t.createdAt, t.id),
  index('projects_community_idx').on(t.communityId, t.createdAt, t.id),
  index('projects_district_idx').on(t.districtCode, t.createdAt, t.id),
  index('projects_round_idx').on(t.roundId),
]);

/** The small-matter requests a proposal answers (same community only). */
export const projectRequests = pgTable('project_requests', {
  projectId: uuid('project_id').notNull().references(() => projects.id),
  requestId: uuid('request_id').notNull(),
  requestNumber: text('request_number').notNull(),
}, (t) => [primaryKey({ columns: [t.projectId, t.requestId] }), index('project_requests_request_idx').on(t.requestId)]);

/** One resident's co-signature (联署); one per person. */
export const projectCosigns = pgTable('project_cosigns', {
  projectId: uuid('project_id').notNull().references(() => projects.id),
  userId: uuid('user_id').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.projectId, t.userId] })]);

/** A resident's comment on a proposal. */
export const projectComments = pgTable('project_comments', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  userId: uuid('user_id').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
}, (t) => [index('project_comments_project_idx').on(t.projectId, t.createdAt)]);

/** The hearing (听证会) a hardware project needs: who took part, as register entries (persons), by role. */
export const projectHearings = pgTable('project_hearings', {
  projectId: uuid('project_id').primaryKey().references(() => projects.id),
  heldOn: date('held_on').notNull(),
  representativeIds: jsonb('representative_ids').$type<string[]>().notNull(),
  affectedIds: jsonb('affected_ids').$type<string[]>().notNull(),
  notes: text('notes').notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  createdAt: createdAt(),
});

/** One resident's ballot in a round's vote (approval of any number of projects); one per person. */
export const projectBallots = pgTable('project_ballots', {
  roundId: uuid('round_id').notNull().references(() => projectRounds.id),
  userId: uuid('user_id').notNull(),
  projectIds: jsonb('project_ids').$type<string[]>().notNull(),
  castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.roundId, t.userId] })]);

/**
 * The project's trail (the closed loop): one row per step, written by the step's own transaction through
 * `recordProjectEvent`. Public: `by` is 居民, 社区居委会 or an organisation's name, never a person.
 */
export const projectEvents = pgTable('project_events', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  kind: text('kind').$type<ProjectEventKind>().notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  by: text('by').notNull(),
  text: text('text'),
  amountFen: bigint('amount_fen', { mode: 'bigint' }),
  figure: integer('figure'),
  /** `{ kind: 'notice' | 'ledger' | 'council' | 'activity', id, code }` or null. */
  link: jsonb('link').$type<{ kind: 'notice' | 'ledger' | 'council' | 'activity'; id: string; code: string | null }>(),
}, (t) => [index('project_events_project_idx').on(t.projectId, t.at, t.id)]);
