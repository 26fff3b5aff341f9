import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Responses remembered per (caller, Idempotency-Key) so a retried submission is answered, not redone. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  owner: text('owner').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code'),
  response: jsonb('response'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.owner, t.key] })]);
