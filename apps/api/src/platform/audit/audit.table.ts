import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from '../db/columns.ts';

/** Append-only record of every change and every full reveal of personal data. */
export const auditLog = pgTable('audit_log', {
  id: id(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id'),
  /** Region of the subject, so auditors see the log of their own subtree. */
  regionPath: text('region_path'),
  beforeDigest: text('before_digest'),
  afterDigest: text('after_digest'),
  details: jsonb('details').$type<Record<string, unknown>>(),
  ip: text('ip'),
}, (t) => [
  index('audit_at_idx').on(t.at),
  index('audit_subject_idx').on(t.subjectType, t.subjectId),
  index('audit_actor_idx').on(t.actorId, t.at),
  index('audit_region_idx').on(t.regionPath.op('text_pattern_ops')),
]);
