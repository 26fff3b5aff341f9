import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, scopeColumns } from '../../platform/db/columns.ts';
import { projects } from './projects.table.ts';

/** open: taking bids until closesAt, then scored; awarded: the award is on the board (or in effect); void: republished, done by residents, or the award withdrawn. */
export type CallState = 'open' | 'awarded' | 'void';

/**
 * A call for bids (招标公告) on a published project: the window, the criteria and weights the review
 * panel scores by, the panel once set up, the single-bid finding, and the award. A project may have
 * several calls over time (a call without bids is republished); at most one is not void.
 */
export const tenderCalls = pgTable('tender_calls', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  ...scopeColumns(),
  state: text('state').$type<CallState>().notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  criteria: jsonb('criteria').$type<{ name: string; weight: number }[]>().notNull(),
  panelId: uuid('panel_id'),
  /** The panel's necessity-and-feasibility finding (必要性和可行性论证), needed when one bid came in. */
  finding: text('finding'),
  awardBidId: uuid('award_bid_id'),
  awardNoticeId: uuid('award_notice_id'),
  voidReason: text('void_reason'),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
}, (t) => [
  index('tender_calls_project_idx').on(t.projectId, t.createdAt),
  index('tender_calls_open_idx').on(t.state, t.closesAt),
  // One live call per project: a second opening racing the first fails here even past the status check.
  uniqueIndex('tender_calls_live_uq').on(t.projectId).where(sql`state <> 'void'`),
]);

/** An organisation's bid: one per organisation per call (the unique index decides, even in a race). */
export const tenderBids = pgTable('tender_bids', {
  id: id(),
  callId: uuid('call_id').notNull().references(() => tenderCalls.id),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  organisationId: uuid('organisation_id').notNull(),
  plan: text('plan').notNull(),
  team: jsonb('team').$type<{ name: string; role: string }[]>().notNull(),
  /** Budget lines, amounts in fen as digit strings (jsonb has no bigint); they add up to totalFen. */
  lines: jsonb('lines').$type<{ item: string; amountFen: string }[]>().notNull(),
  totalFen: bigint('total_fen', { mode: 'bigint' }).notNull(),
  submittedBy: uuid('submitted_by').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('tender_bids_org_uq').on(t.callId, t.organisationId),
  index('tender_bids_org_idx').on(t.organisationId),
]);
