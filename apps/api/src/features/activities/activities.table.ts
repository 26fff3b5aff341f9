import { boolean, char, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ActivityAudience, OrganiserKind, SignupStatus } from '@gongzhi/contracts';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

/**
 * The service-category menu (like Wuhan's 5 groups / 34 items): global rows have no district, a
 * district may add its own. A group has no parent; an item names its group's code.
 */
export const activityCategories = pgTable('activity_categories', {
  id: id(),
  /** Null: the menu every district shares. */
  districtCode: char('district_code', { length: 6 }),
  code: text('code').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  parentCode: text('parent_code'),
  sort: integer('sort').notNull().default(0),
}, (t) => [uniqueIndex('activity_categories_code_uq').on(t.districtCode, t.code)]);

/**
 * One activity. Projects, culture and party work use the same rows (`organiser_kind`); the region
 * path is the community (or street) it belongs to, and places it in everybody's scope.
 */
export const activities = pgTable('activities', {
  id: id(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  organiserKind: text('organiser_kind').$type<OrganiserKind>().notNull(),
  organiserId: uuid('organiser_id'),
  organiserName: text('organiser_name').notNull(),
  /** The staff member who created it. */
  organiserUserId: uuid('organiser_user_id').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  address: text('address').notNull(),
  /** A space of a service complex, once that feature exists. */
  spaceId: uuid('space_id'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  capacity: integer('capacity').notNull(),
  categoryCode: text('category_code').notNull(),
  audience: text('audience').$type<ActivityAudience>().notNull(),
  creditsHours: boolean('credits_hours').notNull().default(false),
  maxCreditedMinutes: integer('max_credited_minutes').notNull().default(120),
  /** Sign-ups may be cancelled until this many minutes before the start. */
  cancelUntilMinutes: integer('cancel_until_minutes').notNull().default(120),
  /** Hours before the start the reminder goes out (0: none). */
  reminderHours: integer('reminder_hours').notNull().default(24),
  status: text('status').$type<'published' | 'cancelled'>().notNull().default('published'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('activities_region_path_idx').on(t.regionPath.op('text_pattern_ops'), t.startsAt),
  index('activities_starts_idx').on(t.startsAt),
]);

/**
 * A person's place on an activity and their attendance. `person_id` is the resident record (the
 * people the platform knows); `user_id` is null for someone without an account the organiser marks
 * by hand. Waiting-list order is `queued_at`, then id.
 */
export const activitySignups = pgTable('activity_signups', {
  id: id(),
  activityId: uuid('activity_id').notNull().references(() => activities.id),
  ...scopeColumns(),
  personId: uuid('person_id').notNull(),
  userId: uuid('user_id'),
  /** The name as given at sign-up, for the organiser's attendance list. */
  name: text('name').notNull(),
  status: text('status').$type<SignupStatus>().notNull(),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
  checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
  /** Set when the organiser marks attendance by hand (null: not marked, the codes decide). */
  present: boolean('present'),
  markedByUserId: uuid('marked_by_user_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('activity_signups_person_uq').on(t.activityId, t.personId),
  index('activity_signups_activity_idx').on(t.activityId, t.status, t.queuedAt),
  index('activity_signups_user_idx').on(t.userId),
]);

