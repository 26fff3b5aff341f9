import { char, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../platform/db/columns.ts';

/** Keys for Open311 clients (only the hash is kept). */
export const open311Keys = pgTable('open311_keys', {
  id: id(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull(),
  districtCode: char('district_code', { length: 6 }).notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('open311_keys_hash_uq').on(t.keyHash)]);
