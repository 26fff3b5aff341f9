import { bigint, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, scopeColumns } from '../../platform/db/columns.ts';

export type PartyReportState = 'submitted' | 'confirmed' | 'returned';
export type PartyNeedKind = 'post' | 'task';
export type PartyClaimState = 'claimed' | 'done';
/** One rule of a district's points catalogue (积分细则): a positive addition or a negative deduction. */
export interface PartyPointRuleRow { code: string; label: string; points: number }

/**
 * A party member's report to the community where they live (双报到). Region path = the community.
 * One pending or confirmed report per resident (the partial unique index): a member reports to one
 * community at a time; a returned slip frees them to report again.
 */
export const partyReports = pgTable('party_reports', {
  id: id(),
  residentId: uuid('resident_id').notNull(),
  /** The member's account (null for a member entered by staff without one, as the demo's are). */
  userId: uuid('user_id'),
  ...scopeColumns(),
  /** The member's name, from their person record when they reported. */
  name: text('name').notNull(),
  employer: text('employer').notNull(),
  employerPartyOrg: text('employer_party_org').notNull(),
  employerPartyContact: text('employer_party_contact').notNull(),
  skills: text('skills').notNull(),
  state: text('state').$type<PartyReportState>().notNull().default('submitted'),
  returnReason: text('return_reason'),
  /** The service card's number, drawn when the report is confirmed. */
  cardNo: text('card_no'),
  handledBy: uuid('handled_by'),
  handledAt: timestamp('handled_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('party_reports_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
  uniqueIndex('party_reports_one_community_uq').on(t.residentId).where(sql`state IN ('submitted', 'confirmed')`),
  uniqueIndex('party_reports_card_uq').on(t.cardNo),
]);

/** A community's need (需求清单): a post (岗位) or a task, with a number of places for members. */
export const partyNeeds = pgTable('party_needs', {
  id: id(),
  ...scopeColumns(),
  kind: text('kind').$type<PartyNeedKind>().notNull(),
  category: text('category').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  whenText: text('when_text').notNull(),
  places: integer('places').notNull(),
  /** Places taken; raised under the need's row lock so the last place has exactly one winner. */
  claimed: integer('claimed').notNull().default(0),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
}, (t) => [index('party_needs_region_path_idx').on(t.regionPath.op('text_pattern_ops'))]);

/** A member's claim of a need; marked done by the community, it counts as one service (1112). */
export const partyClaims = pgTable('party_claims', {
  id: id(),
  needId: uuid('need_id').notNull().references(() => partyNeeds.id),
  reportId: uuid('report_id').notNull().references(() => partyReports.id),
  ...scopeColumns(),
  state: text('state').$type<PartyClaimState>().notNull().default('claimed'),
  /** The China day the service was done; the 1112 year is the year of this day. */
  doneOn: date('done_on'),
  doneBy: uuid('done_by'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('party_claims_need_report_uq').on(t.needId, t.reportId),
  index('party_claims_report_idx').on(t.reportId, t.doneOn),
]);

/** A district's settings: the yearly number of services (1112), the flag date, the points catalogue. */
export const partySettings = pgTable('party_settings', {
  districtCode: text('district_code').primaryKey(),
  yearlyTarget: integer('yearly_target').notNull().default(12),
  /** Month and day ("06-30") by which a member should have reported. */
  flagOn: text('flag_on').notNull().default('06-30'),
  catalogue: jsonb('catalogue').$type<PartyPointRuleRow[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Points accounts, one per member per year and one counter-account per branch (the member's own party
 * organisation, within the community) per year. `balance` follows the postings, changed only under the
 * row lock by the posting that moves it.
 */
export const partyPointAccounts = pgTable('party_point_accounts', {
  id: id(),
  /** "member:<resident id>:<year>" or "branch:<community>:<branch name>:<year>". */
  key: text('key').notNull(),
  kind: text('kind').$type<'member' | 'branch'>().notNull(),
  ...scopeColumns(),
  reportId: uuid('report_id'),
  branch: text('branch').notNull(),
  year: smallint('year').notNull(),
  balance: bigint('balance', { mode: 'bigint' }).notNull().default(sql`0`),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('party_point_accounts_key_uq').on(t.key), index('party_point_accounts_region_idx').on(t.regionPath.op('text_pattern_ops'), t.year)]);

/** A points transaction: never updated or deleted; a correction is a new entry reversing it. */
export const partyPointEntries = pgTable('party_point_entries', {
  id: id(),
  ...scopeColumns(),
  reportId: uuid('report_id').notNull().references(() => partyReports.id),
  year: smallint('year').notNull(),
  rule: text('rule').notNull(),
  ruleLabel: text('rule_label').notNull(),
  points: bigint('points', { mode: 'bigint' }).notNull(),
  reason: text('reason').notNull(),
  /** The claim whose service earned it (one entry per claim). */
  claimId: uuid('claim_id'),
  reversesId: uuid('reverses_id'),
  createdBy: uuid('created_by').notNull(),
  createdByName: text('created_by_name').notNull(),
  createdAt: createdAt(),
}, (t) => [
  index('party_point_entries_region_idx').on(t.regionPath.op('text_pattern_ops'), t.year),
  uniqueIndex('party_point_entries_claim_uq').on(t.claimId),
  uniqueIndex('party_point_entries_reverses_uq').on(t.reversesId),
]);

/** The postings of an entry: the member's account and the branch's counter-account, summing to zero. */
export const partyPointPostings = pgTable('party_point_postings', {
  id: id(),
  entryId: uuid('entry_id').notNull().references(() => partyPointEntries.id),
  accountId: uuid('account_id').notNull().references(() => partyPointAccounts.id),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
}, (t) => [index('party_point_postings_entry_idx').on(t.entryId), index('party_point_postings_account_idx').on(t.accountId)]);

/** A published half-year's red and black lists (红黑榜), frozen when published. */
export const partyRankings = pgTable('party_rankings', {
  id: id(),
  ...scopeColumns(),
  communityName: text('community_name').notNull(),
  year: smallint('year').notNull(),
  half: smallint('half').notNull(),
  size: integer('size').notNull(),
  publishedBy: uuid('published_by').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('party_rankings_half_uq').on(t.regionPath, t.year, t.half)]);

/** One frozen line of a published list; the name is stored masked (张*明), as shown to the public. */
export const partyRankingRows = pgTable('party_ranking_rows', {
  id: id(),
  rankingId: uuid('ranking_id').notNull().references(() => partyRankings.id),
  board: text('board').$type<'red' | 'black'>().notNull(),
  rank: integer('rank').notNull(),
  maskedName: text('masked_name').notNull(),
  points: bigint('points', { mode: 'bigint' }).notNull(),
}, (t) => [index('party_ranking_rows_ranking_idx').on(t.rankingId)]);

/** That a community's secretary was told of the members who had not reported by the flag date, once a year. */
export const partyFlags = pgTable('party_flags', {
  id: id(),
  ...scopeColumns(),
  year: smallint('year').notNull(),
  members: integer('members').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('party_flags_year_uq').on(t.regionPath, t.year)]);
