import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { CouncilMajority, CouncilQuorum } from '@gongzhi/core';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

export type CouncilKind = 'building' | 'grid' | 'community' | 'matter';
export type SeatKind = 'resident_rep' | 'party_member' | 'owners_committee' | 'property_company' | 'resident_unit';
export type AgendaSource = 'small_matter' | 'proposal' | 'party';
export type AgendaState = 'collecting' | 'open' | 'scheduled' | 'resolved' | 'reopened';
export type ResolutionState = 'adopted' | 'published' | 'effective' | 'returned';

/**
 * A council (议事会) attached to a region: building (a micro-grid), grid, community, or a
 * one-matter-one-deliberation group (一事一议) anywhere. Its rules are configured per council.
 */
export const councils = pgTable('councils', {
  id: id(),
  kind: text('kind').$type<CouncilKind>().notNull(),
  name: text('name').notNull(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  matter: text('matter'),
  quorum: text('quorum').$type<CouncilQuorum>().notNull(),
  majority: text('majority').$type<CouncilMajority>().notNull(),
  cosignThreshold: integer('cosign_threshold').notNull(),
  noticeHours: integer('notice_hours').notNull(),
  publicNoticeDays: integer('public_notice_days').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('councils_region_path_idx').on(t.regionPath.op('text_pattern_ops'))]);

/**
 * A seat and who holds it for a term. Vacating keeps the row (vacated_at, reason); a by-election adds
 * a new row pointing at its predecessor, so the history of every seat is kept.
 */
export const councilSeats = pgTable('council_seats', {
  id: id(),
  councilId: uuid('council_id').notNull().references(() => councils.id),
  ...scopeColumns(),
  kind: text('kind').$type<SeatKind>().notNull(),
  residentId: uuid('resident_id'),
  organisationId: uuid('organisation_id'),
  holderName: text('holder_name').notNull(),
  termStart: date('term_start').notNull(),
  termEnd: date('term_end').notNull(),
  vacatedAt: timestamp('vacated_at', { withTimezone: true }),
  vacatedReason: text('vacated_reason'),
  byElection: boolean('by_election').notNull().default(false),
  predecessorId: uuid('predecessor_id'),
  createdAt: createdAt(),
}, (t) => [
  index('council_seats_council_idx').on(t.councilId),
  index('council_seats_resident_idx').on(t.residentId),
  // One by-election per vacancy.
  uniqueIndex('council_seats_predecessor_uq').on(t.predecessorId).where(sql`predecessor_id IS NOT NULL`),
]);

/** An agenda item: a small matter from the requests, a residents' proposal, or the party organisation's. */
export const councilAgendaItems = pgTable('council_agenda_items', {
  id: id(),
  councilId: uuid('council_id').notNull().references(() => councils.id),
  ...scopeColumns(),
  source: text('source').$type<AgendaSource>().notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  requestId: uuid('request_id'),
  requestNumber: text('request_number'),
  state: text('state').$type<AgendaState>().notNull(),
  proposerUserId: uuid('proposer_user_id'),
  cosignThreshold: integer('cosign_threshold').notNull().default(0),
  cosignCount: integer('cosign_count').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('council_agenda_council_idx').on(t.councilId, t.createdAt)]);

/** One resident's co-signature on a proposal; one per person. */
export const councilCosigns = pgTable('council_cosigns', {
  id: id(),
  agendaItemId: uuid('agenda_item_id').notNull().references(() => councilAgendaItems.id),
  userId: uuid('user_id').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('council_cosigns_uq').on(t.agendaItemId, t.userId)]);

/** A meeting, noticed when created; closed when its business is done. */
export const councilMeetings = pgTable('council_meetings', {
  id: id(),
  councilId: uuid('council_id').notNull().references(() => councils.id),
  ...scopeColumns(),
  title: text('title').notNull(),
  location: text('location').notNull().default(''),
  noticeAt: timestamp('notice_at', { withTimezone: true }).notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  state: text('state').$type<'noticed' | 'closed'>().notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
}, (t) => [index('council_meetings_council_idx').on(t.councilId, t.startsAt)]);

/** The meeting's agenda, in order. */
export const councilMeetingAgenda = pgTable('council_meeting_agenda', {
  meetingId: uuid('meeting_id').notNull().references(() => councilMeetings.id),
  agendaItemId: uuid('agenda_item_id').notNull().references(() => councilAgendaItems.id),
  position: integer('position').notNull(),
}, (t) => [uniqueIndex('council_meeting_agenda_uq').on(t.meetingId, t.agendaItemId)]);

/** A member signed in at a meeting (签到). */
export const councilAttendance = pgTable('council_attendance', {
  id: id(),
  meetingId: uuid('meeting_id').notNull().references(() => councilMeetings.id),
  seatId: uuid('seat_id').notNull().references(() => councilSeats.id),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by'),
}, (t) => [uniqueIndex('council_attendance_uq').on(t.meetingId, t.seatId)]);

/** A motion put to the vote; closing it records the counts and the result. */
export const councilMotions = pgTable('council_motions', {
  id: id(),
  meetingId: uuid('meeting_id').notNull().references(() => councilMeetings.id),
  agendaItemId: uuid('agenda_item_id'),
  text: text('text').notNull(),
  majority: text('majority').$type<CouncilMajority>().notNull(),
  state: text('state').$type<'open' | 'closed'>().notNull(),
  result: text('result').$type<'passed' | 'failed'>(),
  presentAtClose: integer('present_at_close'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('council_motions_meeting_idx').on(t.meetingId)]);

/** One member, one vote: the unique index makes a second vote impossible even under a race. */
export const councilVotes = pgTable('council_votes', {
  id: id(),
  motionId: uuid('motion_id').notNull().references(() => councilMotions.id),
  seatId: uuid('seat_id').notNull().references(() => councilSeats.id),
  choice: text('choice').$type<'for' | 'against' | 'abstain'>().notNull(),
  castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  recordedBy: uuid('recorded_by'),
}, (t) => [uniqueIndex('council_votes_uq').on(t.motionId, t.seatId)]);

/**
 * A show of hands (举手表决) on a motion: the counts a staff member entered and the second, different
 * staff member who confirmed them. Until confirmed it counts for nothing; one per motion.
 */
export const councilShowOfHands = pgTable('council_show_of_hands', {
  id: id(),
  motionId: uuid('motion_id').notNull().references(() => councilMotions.id),
  forCount: integer('for_count').notNull(),
  againstCount: integer('against_count').notNull(),
  abstainCount: integer('abstain_count').notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  confirmedBy: uuid('confirmed_by'),
  confirmedByName: text('confirmed_by_name'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
}, (t) => [uniqueIndex('council_show_of_hands_motion_uq').on(t.motionId)]);

/** Minutes, one row per version: drafting and every correction add a version; approval freezes the last. */
export const councilMinutes = pgTable('council_minutes', {
  id: id(),
  meetingId: uuid('meeting_id').notNull().references(() => councilMeetings.id),
  version: integer('version').notNull(),
  body: text('body').notNull(),
  state: text('state').$type<'draft' | 'approved'>().notNull(),
  authorUserId: uuid('author_user_id'),
  authorName: text('author_name').notNull(),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  approvedBy: uuid('approved_by'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('council_minutes_version_uq').on(t.meetingId, t.version)]);

/**
 * A resolution from a passed motion. Its public notice (公示) and the objections to it live in the
 * notices feature; the resolution keeps the notice's dates so the council's pages read them with it.
 */
export const councilResolutions = pgTable('council_resolutions', {
  id: id(),
  councilId: uuid('council_id').notNull().references(() => councils.id),
  meetingId: uuid('meeting_id').notNull().references(() => councilMeetings.id),
  motionId: uuid('motion_id').notNull().references(() => councilMotions.id),
  agendaItemId: uuid('agenda_item_id'),
  ...scopeColumns(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  state: text('state').$type<ResolutionState>().notNull(),
  noticeDays: integer('notice_days'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true }),
  effectiveAt: timestamp('effective_at', { withTimezone: true }),
  returnedAt: timestamp('returned_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('council_resolutions_motion_uq').on(t.motionId),
  index('council_resolutions_board_idx').on(t.regionPath.op('text_pattern_ops'), t.publishedAt).where(sql`published_at IS NOT NULL`),
]);
