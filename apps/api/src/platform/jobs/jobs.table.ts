import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from '../db/columns.ts';

/**
 * Deadlines as rows (SLA warnings, publication windows, vote closing, visit coverage): the scheduler
 * claims due rows with FOR UPDATE SKIP LOCKED and fires each once, in a transaction, whatever the
 * number of API processes and across restarts.
 */
export const timers = pgTable('timers', {
  id: id(),
  kind: text('kind').notNull(),
  subjectId: text('subject_id').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>(),
  firedAt: timestamp('fired_at', { withTimezone: true }),
  /** Set when the handler kept failing and the timer was given up. */
  failedAt: timestamp('failed_at', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
}, (t) => [
  index('timers_due_idx').on(t.dueAt).where(sql`fired_at IS NULL AND failed_at IS NULL`),
  index('timers_subject_idx').on(t.kind, t.subjectId),
]);
