import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AssemblyMatterKind, OwnersVoteChoice, OwnersVoteResult } from '@gongzhi/core';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

/** Where an assembly is in its life: noticed (public notice running), voting, closed (tallied and published). */
export type AssemblyState = 'noticed' | 'voting' | 'closed';

/**
 * An owners' assembly (业主大会) of one compound: a region (a grid, a micro-grid or any subtree) whose
 * units make up the compound. Eligible totals are frozen when voting opens, from the roll below, so
 * the live progress is two aggregates and the result can always be recounted from the export.
 */
export const assemblies = pgTable('assemblies', {
  id: id(),
  /** The compound: every unit whose region path starts with this region's path takes part. */
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  state: text('state').$type<AssemblyState>().notNull(),
  /** When the notice was posted; at least 15 days before voting opens. */
  noticedAt: timestamp('noticed_at', { withTimezone: true }).notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** The latest moment results may be posted: three days after the close. */
  resultsDueAt: timestamp('results_due_at', { withTimezone: true }).notNull(),
  resultsPublishedAt: timestamp('results_published_at', { withTimezone: true }),
  /** Frozen at opening: distinct voting owners and their total exclusive area (0.01 m²). */
  eligibleOwners: integer('eligible_owners'),
  eligibleAreaCentiM2: bigint('eligible_area_centi_m2', { mode: 'bigint' }),
  createdByUserId: uuid('created_by_user_id').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('assemblies_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
  index('assemblies_state_idx').on(t.state),
]);

/** One matter put to the vote, of one of the nine kinds of Civil Code art. 278. */
export const assemblyMatters = pgTable('assembly_matters', {
  id: id(),
  assemblyId: uuid('assembly_id').notNull().references(() => assemblies.id),
  position: integer('position').notNull(),
  kind: text('kind').$type<AssemblyMatterKind>().notNull(),
  /** `special` for items 6–8 (three quarters), else `ordinary` (more than half); derived from kind. */
  majority: text('majority').$type<'ordinary' | 'special'>().notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** The tally, stored when the vote closes (the same object the pure function returns). */
  result: jsonb('result').$type<OwnersVoteResult>(),
}, (t) => [uniqueIndex('assembly_matters_position_uq').on(t.assemblyId, t.position)]);

/**
 * The roll of voting owners, frozen when voting opens. Units whose sets of owners are equal are one
 * voting owner (SPC interpretation art. 9; `groupUnitsByOwners` in core), so `owner_key` is that set
 * ("res:<id>+res:<id>") and `parties` lists who may vote for it (`res:<id>` / `org:<id>`).
 */
export const assemblyOwners = pgTable('assembly_owners', {
  id: id(),
  assemblyId: uuid('assembly_id').notNull().references(() => assemblies.id),
  ...scopeColumns(),
  ownerKey: text('owner_key').notNull(),
  parties: text('parties').array().notNull(),
  /** Display name for the roll and the export: resident names or the organisation's name. */
  label: text('label').notNull(),
  areaCentiM2: bigint('area_centi_m2', { mode: 'bigint' }).notNull(),
  unitCount: integer('unit_count').notNull(),
}, (t) => [
  uniqueIndex('assembly_owners_key_uq').on(t.assemblyId, t.ownerKey),
  index('assembly_owners_parties_idx').using('gin', t.parties),
]);

/** The units behind the roll, frozen at opening, for the recount export. */
export const assemblyUnits = pgTable('assembly_units', {
  id: id(),
  assemblyId: uuid('assembly_id').notNull().references(() => assemblies.id),
  unitId: uuid('unit_id').notNull(),
  ...scopeColumns(),
  ownerKey: text('owner_key').notNull(),
  /** "3栋 2单元1502" */
  label: text('label').notNull(),
  areaCentiM2: bigint('area_centi_m2', { mode: 'bigint' }).notNull(),
}, (t) => [uniqueIndex('assembly_units_uq').on(t.assemblyId, t.unitId)]);

/**
 * One owner's choice on one matter. The unique index is the rule "one ballot per owner": a second
 * ballot fails in the database whatever the race. The owner's area is copied in so the live progress
 * is a plain aggregate over this table.
 */
export const assemblyBallots = pgTable('assembly_ballots', {
  id: id(),
  assemblyId: uuid('assembly_id').notNull().references(() => assemblies.id),
  matterId: uuid('matter_id').notNull().references(() => assemblyMatters.id),
  ...scopeColumns(),
  ownerKey: text('owner_key').notNull(),
  choice: text('choice').$type<OwnersVoteChoice>().notNull(),
  areaCentiM2: bigint('area_centi_m2', { mode: 'bigint' }).notNull(),
  channel: text('channel').$type<'online' | 'paper'>().notNull(),
  /** Online: the owner's account; paper: the staff member who entered it. */
  castByUserId: uuid('cast_by_user_id').notNull(),
  /** The paper ballot's scan (platform storage key), required for paper ballots. */
  scanKey: text('scan_key'),
  scanMime: text('scan_mime'),
  /**
   * SHA-256 (hex) of the scan's bytes. One sheet of paper is one owner's ballot: the unique index
   * (matter, scan) refuses the same scan for a second owner, as every ballot covers every matter.
   */
  scanSha256: text('scan_sha256'),
  /**
   * Paper only: the second staff member (监票人) who checked the ballot against its scan, and when.
   * An unverified paper ballot is pending: it holds the owner's place but counts for nothing.
   */
  verifiedByUserId: uuid('verified_by_user_id'),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('assembly_ballots_owner_uq').on(t.matterId, t.ownerKey),
  uniqueIndex('assembly_ballots_scan_uq').on(t.matterId, t.scanSha256),
  index('assembly_ballots_assembly_idx').on(t.assemblyId, t.ownerKey),
]);

export type AssemblyRow = typeof assemblies.$inferSelect;
export type AssemblyMatterRow = typeof assemblyMatters.$inferSelect;
