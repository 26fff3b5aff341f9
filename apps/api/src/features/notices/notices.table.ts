import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, scopeColumns } from '../../platform/db/columns.ts';

/**
 * Where a notice is: open while its window runs (and after it, until every objection is answered),
 * closed once the window has ended with every objection answered (its kind's `onClosed` has run),
 * withdrawn when an objection was upheld (its kind's `onUpheld` has run).
 */
export type NoticeState = 'open' | 'closed' | 'withdrawn';

/** A public notice (公示) of some feature's subject: a council resolution, a bid award, a project list… */
export const notices = pgTable('notices', {
  id: id(),
  /** The registered subject kind (`registerNoticeKind`), e.g. 'council_resolution'. */
  kind: text('kind').notNull(),
  subjectId: uuid('subject_id').notNull(),
  ...scopeColumns(),
  /** The region the notice is posted in (its name is shown on the board), when the publisher names one. */
  regionId: uuid('region_id'),
  title: text('title').notNull(),
  body: text('body').notNull(),
  workingDays: integer('working_days').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  state: text('state').$type<NoticeState>().notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  publishedBy: uuid('published_by'),
  createdAt: createdAt(),
}, (t) => [
  // One notice per subject: a subject sent back is decided again as a new subject (a new resolution, a new award).
  uniqueIndex('notices_subject_uq').on(t.kind, t.subjectId),
  index('notices_board_idx').on(t.regionPath.op('text_pattern_ops'), t.publishedAt),
]);

/** A resident's objection to a notice, and the recorded answer it must receive. */
export const noticeObjections = pgTable('notice_objections', {
  id: id(),
  noticeId: uuid('notice_id').notNull().references(() => notices.id),
  ...scopeColumns(),
  userId: uuid('user_id').notNull(),
  text: text('text').notNull(),
  outcome: text('outcome').$type<'upheld' | 'dismissed'>(),
  answer: text('answer'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  answeredBy: uuid('answered_by'),
  createdAt: createdAt(),
}, (t) => [
  index('notice_objections_notice_idx').on(t.noticeId, t.createdAt),
  index('notice_objections_open_idx').on(t.noticeId).where(sql`answered_at IS NULL`),
]);
