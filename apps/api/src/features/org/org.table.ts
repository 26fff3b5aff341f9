import {
  bigint, char, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { Polygonal, RegionLevel, ResidentTag, Tenure } from '@gongzhi/core';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

/**
 * The organisation tree. `code` is the national hierarchical code (6/9/12/15/18 digits), and since
 * every child code extends its parent's, it doubles as the materialised path: a subtree is a prefix.
 */
export const regions = pgTable('regions', {
  id: id(),
  parentId: uuid('parent_id'),
  level: text('level').$type<RegionLevel>().notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  districtCode: char('district_code', { length: 6 }).notNull(),
  boundary: jsonb('boundary').$type<Polygonal>(),
  minLat: doublePrecision('min_lat'),
  minLng: doublePrecision('min_lng'),
  maxLat: doublePrecision('max_lat'),
  maxLng: doublePrecision('max_lng'),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('regions_code_uq').on(t.code),
  index('regions_code_prefix_idx').on(t.code.op('text_pattern_ops')),
  index('regions_parent_idx').on(t.parentId),
  index('regions_bbox_idx').on(t.minLat, t.maxLat, t.minLng, t.maxLng).where(sql`boundary IS NOT NULL`),
]);

/** A building in a grid (or a whole-building micro-grid). */
export const buildings = pgTable('buildings', {
  id: id(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  floors: integer('floors'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('buildings_region_path_idx').on(t.regionPath.op('text_pattern_ops'))]);

/** A unit of property (flat or shop) with its registered exclusive floor area in 0.01 m². */
export const units = pgTable('units', {
  id: id(),
  buildingId: uuid('building_id').notNull().references(() => buildings.id),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  /** e.g. "2单元 1502" */
  number: text('number').notNull(),
  floor: integer('floor'),
  areaCentiM2: bigint('area_centi_m2', { mode: 'number' }).notNull(),
  use: text('use').$type<'residential' | 'commercial'>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('units_building_number_uq').on(t.buildingId, t.number),
  index('units_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
]);

/** Who owns a unit: one or several residents, or an organisation (the developer for unsold units). */
export const unitOwners = pgTable('unit_owners', {
  id: id(),
  unitId: uuid('unit_id').notNull().references(() => units.id),
  residentId: uuid('resident_id'),
  organisationId: uuid('organisation_id'),
  ...scopeColumns(),
  since: date('since'),
  until: date('until'),
  createdAt: createdAt(),
}, (t) => [index('unit_owners_unit_idx').on(t.unitId), index('unit_owners_resident_idx').on(t.residentId)]);

/** A household (户) living in a micro-grid, usually in one unit, as owner or tenant. */
export const households = pgTable('households', {
  id: id(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  unitId: uuid('unit_id').references(() => units.id),
  address: text('address').notNull(),
  tenure: text('tenure').$type<Tenure>().notNull(),
  movedOutAt: timestamp('moved_out_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('households_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
  index('households_unit_idx').on(t.unitId),
]);

/**
 * A resident. The ID number and phone are stored encrypted with a keyed hash (for uniqueness and
 * lookup) and a masked copy (for every list), so reading one in full is always a deliberate decrypt.
 */
export const residents = pgTable('residents', {
  id: id(),
  householdId: uuid('household_id').notNull().references(() => households.id),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  name: text('name').notNull(),
  gender: text('gender').$type<'male' | 'female'>(),
  birthDate: date('birth_date'),
  idHash: text('id_hash'),
  idCipher: text('id_cipher'),
  idMasked: text('id_masked'),
  phoneHash: text('phone_hash'),
  phoneCipher: text('phone_cipher'),
  phoneMasked: text('phone_masked'),
  /** Relation to the head of household: 户主, 配偶, 子女, 父母, 其他. */
  relation: text('relation').notNull(),
  tags: text('tags').array().$type<ResidentTag[]>().notNull().default(sql`'{}'::text[]`),
  movedOutAt: timestamp('moved_out_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('residents_id_hash_uq').on(t.idHash),
  index('residents_region_path_idx').on(t.regionPath.op('text_pattern_ops'), t.name),
  index('residents_household_idx').on(t.householdId),
  index('residents_tags_idx').using('gin', t.tags),
]);

/** Organisations: departments, social organisations, enterprises, resident units, property companies, developers. */
export const organisations = pgTable('organisations', {
  id: id(),
  kind: text('kind').$type<OrganisationKind>().notNull(),
  /** For departments: the service catalogue's department code (chengguan, zhujian…). */
  code: text('code'),
  name: text('name').notNull(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  creditCode: text('credit_code'),
  address: text('address'),
  contactPhone: text('contact_phone'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('organisations_region_path_idx').on(t.regionPath.op('text_pattern_ops'))]);

export const ORGANISATION_KINDS = ['department', 'social_org', 'enterprise', 'resident_unit', 'property_company', 'developer'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Staff of an organisation who have accounts. */
export const organisationStaff = pgTable('organisation_staff', {
  id: id(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  userId: uuid('user_id').notNull(),
  title: text('title'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('organisation_staff_uq').on(t.organisationId, t.userId)]);

/** Party organisations mirroring the tree: community committee → grid branch → building group. */
export const partyOrgs = pgTable('party_orgs', {
  id: id(),
  parentId: uuid('parent_id'),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  kind: text('kind').$type<'committee' | 'branch' | 'group'>().notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [index('party_orgs_region_path_idx').on(t.regionPath.op('text_pattern_ops'))]);

/** A party member's membership and registration at their residence (在职党员报到). */
export const partyMembers = pgTable('party_members', {
  id: id(),
  residentId: uuid('resident_id').notNull().references(() => residents.id),
  partyOrgId: uuid('party_org_id').notNull().references(() => partyOrgs.id),
  ...scopeColumns(),
  joinedOn: date('joined_on'),
  registeredAt: date('registered_at'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('party_members_resident_uq').on(t.residentId)]);

/** An uploaded file waiting for the user to confirm its import: nothing is written before that. */
export const imports = pgTable('imports', {
  id: id(),
  userId: uuid('user_id').notNull(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  filename: text('filename').notNull(),
  rows: jsonb('rows').$type<unknown[]>().notNull(),
  report: jsonb('report').$type<unknown>().notNull(),
  errorCount: integer('error_count').notNull(),
  status: text('status').$type<'previewed' | 'committed'>().notNull(),
  createdAt: createdAt(),
  committedAt: timestamp('committed_at', { withTimezone: true }),
});
