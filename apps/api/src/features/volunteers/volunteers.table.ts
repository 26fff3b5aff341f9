import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

/** Where a registration stands: the community verifies (or rejects) what a person submitted. */
export type VolunteerStatus = 'pending' | 'verified' | 'rejected';
/** Where a service record stands: it counts only once a second person approved it. */
export type ServiceRecordStatus = 'pending' | 'approved' | 'rejected';
/** One weekly slot a volunteer is usually free: weekday 1 (Monday) … 7 and a part of the day. */
export interface AvailabilitySlot { weekday: number; part: 'morning' | 'afternoon' | 'evening' }

/**
 * A volunteer's registration (志愿服务条例 art. 19): one per person of the register, placed where the
 * person lives (their region path), so the community's staff find it in their scope.
 */
export const volunteers = pgTable('volunteers', {
  id: id(),
  /** The person's entry in the register (org's residents): the real name comes from there. */
  residentId: uuid('resident_id').notNull(),
  ...scopeColumns(),
  skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
  /** Skills not on the list, in the person's words. */
  skillsOther: text('skills_other').notNull().default(''),
  availability: jsonb('availability').$type<AvailabilitySlot[]>().notNull().default(sql`'[]'::jsonb`),
  /** Region ids where the person is willing to serve. */
  serviceAreas: uuid('service_areas').array().notNull().default(sql`'{}'::uuid[]`),
  status: text('status').$type<VolunteerStatus>().notNull().default('pending'),
  rejectReason: text('reject_reason'),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('volunteers_resident_uq').on(t.residentId),
  index('volunteers_region_path_idx').on(t.regionPath.op('text_pattern_ops'), t.status),
]);

/** A community's volunteer team (志愿服务队) with its leader (a volunteer). */
export const volunteerTeams = pgTable('volunteer_teams', {
  id: id(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  name: text('name').notNull(),
  leaderVolunteerId: uuid('leader_volunteer_id').references(() => volunteers.id),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('volunteer_teams_name_uq').on(t.regionPath, t.name),
]);

/** Who belongs to which team. */
export const volunteerTeamMembers = pgTable('volunteer_team_members', {
  teamId: uuid('team_id').notNull().references(() => volunteerTeams.id),
  volunteerId: uuid('volunteer_id').notNull().references(() => volunteers.id),
  joinedAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.teamId, t.volunteerId] })]);

/**
 * Minutes of service of one volunteer: recorded by an organiser, or taken from an activity's
 * attendance. Credited (counted in hours, stars and certificates) only once approved by a second person.
 */
export const volunteerServiceRecords = pgTable('volunteer_service_records', {
  id: id(),
  volunteerId: uuid('volunteer_id').notNull().references(() => volunteers.id),
  /** The volunteer's register entry, copied so the approved record names its person without a join. */
  residentId: uuid('resident_id').notNull(),
  ...scopeColumns(),
  /** The activity the service was part of (activities feature), when there was one. */
  activityId: uuid('activity_id'),
  categoryCode: text('category_code').notNull().default('general'),
  title: text('title').notNull(),
  /** The day of service in Asia/Shanghai. */
  serviceDay: date('service_day').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  /** Credited minutes: whole minutes, capped per activity category when from attendance. */
  minutes: integer('minutes').notNull(),
  source: text('source').$type<'organiser' | 'attendance'>().notNull(),
  status: text('status').$type<ServiceRecordStatus>().notNull().default('pending'),
  /** Who recorded it (for attendance, the activity's organiser): never its reviewer. */
  recordedBy: uuid('recorded_by').notNull(),
  recordedByName: text('recorded_by_name'),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  rejectReason: text('reject_reason'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('volunteer_records_activity_uq').on(t.volunteerId, t.activityId).where(sql`activity_id IS NOT NULL`),
  index('volunteer_records_volunteer_idx').on(t.volunteerId, t.serviceDay),
  index('volunteer_records_region_path_idx').on(t.regionPath.op('text_pattern_ops'), t.status),
  check('volunteer_records_minutes_ck', sql`${t.minutes} > 0`),
]);

/** The most minutes one activity credits, by activity category; `default` applies to the rest. */
export const volunteerHourCaps = pgTable('volunteer_hour_caps', {
  categoryCode: text('category_code').primaryKey(),
  maxMinutes: integer('max_minutes').notNull(),
  updatedAt: updatedAt(),
}, (t) => [check('volunteer_hour_caps_ck', sql`${t.maxMinutes} > 0`)]);

/** A district's star thresholds in whole hours (five, increasing); districts without a row use the default. */
export const volunteerStarThresholds = pgTable('volunteer_star_thresholds', {
  districtCode: text('district_code').primaryKey(),
  hours: integer('hours').array().notNull(),
  updatedAt: updatedAt(),
});

/** The configurable list of skills a volunteer picks from (besides free text). */
export const volunteerSkills = pgTable('volunteer_skills', {
  code: text('code').primaryKey(),
  labelZh: text('label_zh').notNull(),
  labelEn: text('label_en').notNull(),
  sort: integer('sort').notNull().default(0),
});

/** Certificates issued, so a verification number can be checked against what was printed. */
export const volunteerCertificates = pgTable('volunteer_certificates', {
  id: id(),
  number: text('number').notNull(),
  volunteerId: uuid('volunteer_id').notNull().references(() => volunteers.id),
  ...scopeColumns(),
  fromDay: date('from_day').notNull(),
  toDay: date('to_day').notNull(),
  minutes: integer('minutes').notNull(),
  issuedBy: uuid('issued_by').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('volunteer_certificates_number_uq').on(t.number)]);
