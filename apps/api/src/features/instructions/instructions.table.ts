import { index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { InstructionOutcome, InstructionTask, ResidentTag } from '@gongzhi/core';
import { createdAt, id, scopeColumns } from '../../platform/db/columns.ts';

/** A file attached to an instruction, kept in platform storage under `key`. */
export interface InstructionAttachment { key: string; name: string; size: number; mime: string }

/**
 * An instruction (指令) sent down a subtree: what every micro-grid worker must do with every target
 * household, by when. `region_path` is the target root; `tags` narrows the households (any resident tagged).
 */
export const instructions = pgTable('instructions', {
  id: id(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  issuerId: uuid('issuer_id').notNull(),
  issuerName: text('issuer_name').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  task: text('task').$type<InstructionTask>().notNull(),
  /** For `collect`: the question each household answers. */
  question: text('question'),
  tags: text('tags').array().$type<ResidentTag[]>().notNull().default(sql`'{}'::text[]`),
  channels: text('channels').array().$type<('sms' | 'wechat')[]>().notNull().default(sql`'{}'::text[]`),
  attachments: jsonb('attachments').$type<InstructionAttachment[]>().notNull().default(sql`'[]'::jsonb`),
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  /** Sizes at sending, so the list shows them without counting again. */
  microgrids: integer('microgrids').notNull().default(0),
  workers: integer('workers').notNull().default(0),
  households: integer('households').notNull().default(0),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /**
   * When the target was taken (the sending transaction's time): its households are those living in
   * its regions then. No row is written per household at sending, so this is what fixes the set.
   */
  targetAt: timestamp('target_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
}, (t) => [
  index('instructions_region_path_idx').on(t.regionPath.op('text_pattern_ops'), t.createdAt),
]);

/**
 * Counters per target micro-grid, kept current by the acknowledge and record statements themselves,
 * so the progress of any node is one prefix-range sum over these rows.
 */
export const instructionGrids = pgTable('instruction_grids', {
  instructionId: uuid('instruction_id').notNull(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  workers: integer('workers').notNull().default(0),
  acked: integer('acked').notNull().default(0),
  households: integer('households').notNull().default(0),
  reached: integer('reached').notNull().default(0),
  notHome: integer('not_home').notNull().default(0),
  refused: integer('refused').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.instructionId, t.regionId] }),
  // Roll-ups read a prefix range of paths within one instruction.
  index('instruction_grids_path_idx').on(t.instructionId, t.regionPath.op('text_pattern_ops')),
]);

/** One row per target micro-grid × its worker: who must act, and when they acknowledged. */
export const instructionAssignments = pgTable('instruction_assignments', {
  instructionId: uuid('instruction_id').notNull(),
  userId: uuid('user_id').notNull(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  ackedAt: timestamp('acked_at', { withTimezone: true }),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  reminders: smallint('reminders').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.instructionId, t.userId, t.regionId] }),
  index('instruction_assignments_user_idx').on(t.userId),
]);

/**
 * A target household's latest outcome, who recorded it and how: written when a worker or the
 * household records something, never at sending (a household with no row is pending). Rows written
 * at sending before that change stay, as `pending` rows.
 */
export const instructionHouseholds = pgTable('instruction_households', {
  instructionId: uuid('instruction_id').notNull(),
  householdId: uuid('household_id').notNull(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  status: text('status').$type<InstructionOutcome | 'pending'>().notNull().default('pending'),
  attempts: smallint('attempts').notNull().default(0),
  answer: text('answer'),
  recordedBy: uuid('recorded_by'),
  /** `worker` (on the phone page) or `link` (the household itself, through its personal link). */
  via: text('via').$type<'worker' | 'link'>(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.instructionId, t.householdId] }),
  index('instruction_households_grid_idx').on(t.instructionId, t.regionId),
]);
