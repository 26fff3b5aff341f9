import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Action } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { inScope, scopeFor, type Scope } from '../../platform/authz/scope.ts';
import { likeContains, likePrefix } from '../../platform/db/like.ts';
import { buildings, households, organisations, regions, residents, unitOwners, units } from './org.table.ts';

/** Loads one row of a scoped table by id, only inside `scope` (out of scope looks missing). */
async function scopedOne<T extends typeof buildings | typeof units | typeof households | typeof residents>(
  db: DbOrTx, table: T, scope: Scope, id: string,
): Promise<T['$inferSelect'] | undefined> {
  const rows = await db.select().from(table as typeof buildings).where(and(eq(table.id, id), inScope(scope, { region: table.regionPath })));
  return rows[0] as T['$inferSelect'] | undefined;
}

/** A building, unit or household inside a `people.*` scope. */
export const findBuilding = (db: DbOrTx, scope: Scope, id: string) => scopedOne(db, buildings, scope, id);
export const findUnit = (db: DbOrTx, scope: Scope, id: string) => scopedOne(db, units, scope, id);
export const findHousehold = (db: DbOrTx, scope: Scope, id: string) => scopedOne(db, households, scope, id);
/**
 * A resident the actor may perform `action` on. Takes the actor (not a scope) because other features
 * reach residents through it; the scope is built here, the one way.
 */
export const findResident = (db: DbOrTx, actor: Actor, id: string, action: Action = 'people.read') => scopedOne(db, residents, scopeFor(actor, action), id);

/** The columns every resident list shows: masked personal data only, never the sealed values. */
export const residentListColumns = {
  id: residents.id, householdId: residents.householdId, regionId: residents.regionId, regionName: regions.name, name: residents.name,
  gender: residents.gender, birthDate: residents.birthDate, idNumber: residents.idMasked, phone: residents.phoneMasked,
  relation: residents.relation, tags: residents.tags, address: households.address,
};

/** One resident's list row (masked), by id; the caller has already found it in scope. */
export async function residentListRow(db: DbOrTx, id: string) {
  const [row] = await db.select(residentListColumns).from(residents)
    .innerJoin(households, eq(households.id, residents.householdId)).innerJoin(regions, eq(regions.id, residents.regionId))
    .where(eq(residents.id, id));
  return row;
}

/** The residents living in a household (masked), oldest first; the caller has already found it in scope. */
export function householdMembers(db: DbOrTx, householdId: string) {
  return db.select(residentListColumns).from(residents).innerJoin(households, eq(households.id, residents.householdId)).innerJoin(regions, eq(regions.id, residents.regionId))
    .where(and(eq(residents.householdId, householdId), isNull(residents.movedOutAt))).orderBy(asc(residents.birthDate));
}

export interface ResidentFilter { regionCode?: string; householdId?: string; nameLike?: string; hashes?: string[]; tag?: string; limit: number; offset: number }

/** A page of residents in the actor's scope, ordered by place then name, with the total. */
export async function listResidents(db: DbOrTx, scope: Scope, f: ResidentFilter) {
  const where: (SQL | undefined)[] = [inScope(scope, { region: residents.regionPath }), isNull(residents.movedOutAt)];
  if (f.regionCode) where.push(sql`${residents.regionPath} LIKE ${likePrefix(f.regionCode)}`);
  if (f.householdId) where.push(eq(residents.householdId, f.householdId));
  if (f.tag) where.push(sql`${residents.tags} @> ARRAY[${f.tag}]::text[]`);
  if (f.hashes) where.push(sql`(${inArray(residents.idHash, f.hashes)} OR ${inArray(residents.phoneHash, f.hashes)})`);
  else if (f.nameLike) where.push(sql`${residents.name} LIKE ${likeContains(f.nameLike)}`);
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    db.select(residentListColumns).from(residents)
      .innerJoin(households, eq(households.id, residents.householdId))
      .innerJoin(regions, eq(regions.id, residents.regionId))
      .where(cond).orderBy(asc(residents.regionPath), asc(residents.name), asc(residents.id)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(residents).where(cond),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** A page of households in scope with member counts and the head's name. */
export async function listHouseholds(db: DbOrTx, scope: Scope, f: { regionCode?: string; q?: string; limit: number; offset: number }) {
  const where: (SQL | undefined)[] = [inScope(scope, { region: households.regionPath }), isNull(households.movedOutAt)];
  if (f.regionCode) where.push(sql`${households.regionPath} LIKE ${likePrefix(f.regionCode)}`);
  if (f.q) where.push(sql`${households.address} LIKE ${likeContains(f.q)}`);
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    db.select({
      id: households.id, regionId: households.regionId, regionName: regions.name, unitId: households.unitId, address: households.address, tenure: households.tenure,
      members: sql<number>`(SELECT count(*)::int FROM ${residents} r WHERE r.household_id = ${households.id} AND r.moved_out_at IS NULL)`,
      head: sql<string | null>`(SELECT r.name FROM ${residents} r WHERE r.household_id = ${households.id} AND r.relation = '户主' AND r.moved_out_at IS NULL LIMIT 1)`,
    }).from(households).innerJoin(regions, eq(regions.id, households.regionId))
      .where(cond).orderBy(asc(households.regionPath), asc(households.address)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(households).where(cond),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Owners (resident or organisation names) of the given units. */
export async function ownersOf(db: DbOrTx, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db.select({
    id: unitOwners.id, unitId: unitOwners.unitId, residentName: residents.name, organisationName: organisations.name, since: unitOwners.since,
  }).from(unitOwners)
    .leftJoin(residents, eq(residents.id, unitOwners.residentId))
    .leftJoin(organisations, eq(organisations.id, unitOwners.organisationId))
    .where(and(inArray(unitOwners.unitId, unitIds), isNull(unitOwners.until)));
}

/** Units of a building, or the given units, with their owners and households. */
export async function unitsWithOwners(db: DbOrTx, where: { buildingId?: string; unitIds?: string[] }) {
  const rows = await db.select().from(units)
    .where(where.buildingId ? eq(units.buildingId, where.buildingId) : inArray(units.id, where.unitIds ?? []))
    .orderBy(asc(units.number));
  const ids = rows.map((u) => u.id);
  const [owners, homes] = await Promise.all([
    ownersOf(db, ids),
    ids.length ? db.select({ id: households.id, unitId: households.unitId, address: households.address, tenure: households.tenure })
      .from(households).where(and(inArray(households.unitId, ids), isNull(households.movedOutAt))) : [],
  ]);
  return rows.map((u) => ({
    id: u.id, buildingId: u.buildingId, number: u.number, floor: u.floor, areaCentiM2: u.areaCentiM2, use: u.use,
    owners: owners.filter((o) => o.unitId === u.id).map((o) => ({
      id: o.id, kind: o.residentName ? ('resident' as const) : ('organisation' as const), name: o.residentName ?? o.organisationName ?? '', since: o.since,
    })),
    households: homes.filter((h) => h.unitId === u.id).map(({ id, address, tenure }) => ({ id, address, tenure })),
  }));
}

/** Buildings below a region with unit and household counts. */
export async function listBuildings(db: DbOrTx, scope: Scope, regionCode: string) {
  return db.select({
    id: buildings.id, regionId: buildings.regionId, regionName: regions.name, name: buildings.name, address: buildings.address, floors: buildings.floors,
    units: sql<number>`(SELECT count(*)::int FROM ${units} u WHERE u.building_id = ${buildings.id})`,
    households: sql<number>`(SELECT count(*)::int FROM ${households} h JOIN ${units} u ON u.id = h.unit_id WHERE u.building_id = ${buildings.id} AND h.moved_out_at IS NULL)`,
  }).from(buildings).innerJoin(regions, eq(regions.id, buildings.regionId))
    .where(and(inScope(scope, { region: buildings.regionPath }), sql`${buildings.regionPath} LIKE ${likePrefix(regionCode)}`))
    .orderBy(asc(buildings.regionPath), asc(buildings.name));
}

/** A unit of a compound with its current owners as parties (`res:<resident id>` or `org:<organisation id>`) and their names. */
export interface UnitWithOwners { unitId: string; label: string; areaCentiM2: number; regionPath: string; districtCode: string; parties: { party: string; name: string }[] }

/**
 * Every unit under a region path with its current owners, in one query (an owners' assembly's roll
 * is built from it). Whatever the actor's scope: the caller has checked its right to the compound.
 */
export async function compoundUnitsWithOwners(db: DbOrTx, regionPath: string): Promise<UnitWithOwners[]> {
  const res = await db.execute<{ unit_id: string; label: string; area: string; region_path: string; district_code: string; parties: { party: string; name: string }[] }>(sql`
    SELECT u.id AS unit_id, b.name || ' ' || u.number AS label, u.area_centi_m2::text AS area, u.region_path, u.district_code,
      coalesce(json_agg(json_build_object(
        'party', CASE WHEN o.resident_id IS NOT NULL THEN 'res:' || o.resident_id ELSE 'org:' || o.organisation_id END,
        'name', coalesce(r.name, g.name, '')) ORDER BY o.created_at) FILTER (WHERE o.resident_id IS NOT NULL OR o.organisation_id IS NOT NULL), '[]') AS parties
    FROM units u
    JOIN buildings b ON b.id = u.building_id
    LEFT JOIN unit_owners o ON o.unit_id = u.id AND (o.until IS NULL OR o.until > current_date)
    LEFT JOIN residents r ON r.id = o.resident_id
    LEFT JOIN organisations g ON g.id = o.organisation_id
    WHERE u.region_path LIKE ${likePrefix(regionPath)}
    GROUP BY u.id, b.name
    ORDER BY b.name, u.number`);
  return res.rows.map((r) => ({
    unitId: r.unit_id, label: r.label, areaCentiM2: Number(r.area), regionPath: r.region_path, districtCode: r.district_code, parties: r.parties,
  }));
}
