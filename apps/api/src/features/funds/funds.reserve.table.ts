import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from '../../platform/db/columns.ts';
import { funds } from './funds.table.ts';

/**
 * Money of a fund kept for one purpose (a community project's award), so the same money cannot be
 * promised twice. While `open`, what is left of it (amount − spent) is not free: an ordinary expense
 * cannot use it, and a new reservation counts it as taken. Expenses against it (fund_expenses.reservation_id)
 * grow `spent` when approved; releasing it (at the project's close) gives the rest back. One open
 * reservation per subject. The fund row is locked whenever a reservation is made, spent or released.
 */
export const fundReservations = pgTable('fund_reservations', {
  id: id(),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
  spent: bigint('spent', { mode: 'bigint' }).notNull().default(sql`0`),
  state: text('state').$type<'open' | 'released'>().notNull().default('open'),
  /** Shown on the fund's page beside the amount, e.g. "社区项目：楼道照明改造". */
  purpose: text('purpose').notNull(),
  /** What it is kept for: 'project' and the project's id. */
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  reservedBy: uuid('reserved_by'),
  reservedByName: text('reserved_by_name').notNull(),
  /** What went back to the fund on release (amount − spent then). */
  releasedAmount: bigint('released_amount', { mode: 'bigint' }),
  releasedAt: timestamp('released_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('fund_reservations_open_idx').on(t.fundId).where(sql`state = 'open'`),
  // The last guard of "paid never exceeds awarded": a reservation is never spent beyond its amount.
  check('fund_reservations_spent_ck', sql`spent >= 0 AND spent <= amount AND amount > 0`),
  uniqueIndex('fund_reservations_subject_open_uq').on(t.subjectType, t.subjectId).where(sql`state = 'open'`),
]);
