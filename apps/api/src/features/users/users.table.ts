import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, scopeColumns } from '../../platform/db/columns.ts';
import { users } from '../../platform/auth/auth.table.ts';

/**
 * A signed-up account that could not be linked to a register entry at once (no entry matched name
 * and ID number, or the entry already has an account). A community worker of the chosen community
 * links it to an entry, creates one, or rejects it. The ID number is kept sealed for that decision.
 */
export const accountLinkRequests = pgTable('account_link_requests', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id),
  /** The community the person said they live in (its path is the scope). */
  communityId: uuid('community_id').notNull(),
  ...scopeColumns(),
  name: text('name').notNull(),
  idHash: text('id_hash'),
  idCipher: text('id_cipher'),
  idMasked: text('id_masked'),
  reason: text('reason').$type<'no_match' | 'already_linked'>().notNull(),
  state: text('state').$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
  residentId: uuid('resident_id'),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionNote: text('decision_note'),
  createdAt: createdAt(),
}, (t) => [index('account_link_requests_region_idx').on(t.regionPath.op('text_pattern_ops'), t.state), index('account_link_requests_user_idx').on(t.userId)]);
