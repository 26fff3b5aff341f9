import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from '../db/columns.ts';

/** Channels a message can go out by. */
export const OUTBOX_CHANNELS = ['sms', 'wechat', 'email', 'inbox'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/**
 * Outbound messages, written in the same transaction as the change that causes them, then delivered by
 * an adapter. Here no SMS gateway or WeChat is reachable, so the default adapter records delivery to
 * the log; the row keeps what was sent, to whom and when.
 */
export const outbox = pgTable('outbox', {
  id: id(),
  channel: text('channel').$type<OutboxChannel>().notNull(),
  recipientUserId: uuid('recipient_user_id'),
  recipientResidentId: uuid('recipient_resident_id'),
  /** A stable template name, e.g. `request.replied`; the adapter renders it. */
  template: text('template').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  deliveredBy: text('delivered_by'),
  /** A failed delivery waits before the next try, so one broken message does not burn its attempts at once. */
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  failedAt: timestamp('failed_at', { withTimezone: true }),
  /**
   * When the recipient read it in their inbox (apps/api/src/features/inbox). On the message itself: a
   * row has one recipient (a user, or a resident whose linked account reads it), so the read state is
   * the row's, and the unread count is one index range, not an anti-join against a second table.
   */
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  index('outbox_pending_idx').on(t.nextAttemptAt).where(sql`delivered_at IS NULL AND failed_at IS NULL`),
  index('outbox_recipient_idx').on(t.recipientUserId, t.createdAt),
  // The inbox: a person's messages newest first, and their unread count. Sign-in codes (auth.*) never
  // show in an inbox, so they stay out of these indexes; the inbox's queries repeat the same predicate.
  index('outbox_inbox_resident_idx').on(t.recipientResidentId, t.createdAt).where(sql`template NOT LIKE 'auth.%'`),
  index('outbox_unread_user_idx').on(t.recipientUserId).where(sql`read_at IS NULL AND template NOT LIKE 'auth.%'`),
  index('outbox_unread_resident_idx').on(t.recipientResidentId).where(sql`read_at IS NULL AND template NOT LIKE 'auth.%'`),
]);
