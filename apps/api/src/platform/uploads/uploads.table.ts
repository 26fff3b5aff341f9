import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

/**
 * Every stored upload that a later call refers to by its key: who uploaded it, for what, and what
 * its bytes really are. A key is honoured only for the same user and purpose, so another user's
 * upload (or a key guessed from a URL) cannot be attached, and the type served is the sniffed one.
 */
export const uploads = pgTable('uploads', {
  key: text('key').primaryKey(),
  ownerUserId: uuid('owner_user_id').notNull(),
  /** What the upload is for, e.g. `instruction.attachment`. */
  purpose: text('purpose').notNull(),
  /** The type sniffed from the bytes when it was stored. */
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  createdAt: createdAt(),
}, (t) => [index('uploads_owner_idx').on(t.ownerUserId, t.purpose)]);
