import { and, asc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { Action } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { inScope, scopeFor, scopePrefixes, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { buildings, households, regions, residents } from './org.table.ts';

export type RegionRow = typeof regions.$inferSelect;

/** One region the actor may see for `action`, or undefined (missing and out-of-scope look the same). */
export async function findRegion(db: DbOrTx, actor: Actor, id: string, action: Action = 'region.read'): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(and(eq(regions.id, id), inScope(scopeFor(actor, action), { region: regions.code })));
  return row;
}

/** The regions at the top of a `region.read` scope (all districts for a platform-wide one). */
export async function scopeRoots(db: DbOrTx, scope: Scope, includeRetired: boolean): Promise<RegionRow[]> {
  const paths = scopePrefixes(scope);
  const where: SQL[] = paths === null ? [eq(regions.level, 'district')] : paths.length ? [inArray(regions.code, paths)] : [sql`false`];
  if (!includeRetired) where.push(isNull(regions.retiredAt));
  return db.select().from(regions).where(and(...where)).orderBy(asc(regions.code));
}

/** Children of a region (the caller has checked the parent is in scope). */
export async function childrenOf(db: DbOrTx, parentId: string, includeRetired: boolean): Promise<RegionRow[]> {
  const where = [eq(regions.parentId, parentId)];
  if (!includeRetired) where.push(isNull(regions.retiredAt));
  return db.select().from(regions).where(and(...where)).orderBy(asc(regions.code));
}

/** Ancestors of a code from the district down; the region itself too when `inclusive`. */
export async function ancestorsOf(db: DbOrTx, code: string, inclusive = false) {
  const prefixes: string[] = [];
  for (let len = 6; inclusive ? len <= code.length : len < code.length; len += 3) prefixes.push(code.slice(0, len));
  if (!prefixes.length) return [];
  return db.select({ id: regions.id, level: regions.level, code: regions.code, name: regions.name })
    .from(regions).where(inArray(regions.code, prefixes)).orderBy(asc(regions.code));
}

export interface Counts { children: number; buildings: number; households: number; residents: number }

/**
 * Counts below each of the given sibling regions in four grouped queries (one per table), each a
 * prefix range scan on the scope index rather than one query per region.
 */
export async function countsFor(db: DbOrTx, rows: Pick<RegionRow, 'id' | 'code'>[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>(rows.map((r) => [r.code, { children: 0, buildings: 0, households: 0, residents: 0 }]));
  if (!rows.length) return out;
  const len = rows[0]!.code.length;
  const parent = commonPrefix(rows.map((r) => r.code));
  const group = async (table: typeof buildings | typeof households | typeof residents, activeOnly: boolean) => {
    // The length is inlined (a number we computed) so SELECT and GROUP BY are the same expression.
    const p = sql`substr(${table.regionPath}, 1, ${sql.raw(String(Math.trunc(len)))})`;
    const where = [sql`${table.regionPath} LIKE ${likePrefix(parent)}`];
    if (activeOnly && 'movedOutAt' in table) where.push(isNull(table.movedOutAt));
    return db.select({ p: sql<string>`${p}`, n: sql<number>`count(*)::int` }).from(table).where(and(...where)).groupBy(p);
  };
  const [b, h, r, c] = await Promise.all([
    group(buildings, false), group(households, true), group(residents, true),
    db.select({ p: regions.parentId, n: sql<number>`count(*)::int` }).from(regions)
      .where(and(inArray(regions.parentId, rows.map((x) => x.id)), isNull(regions.retiredAt))).groupBy(regions.parentId),
  ]);
  for (const x of b) { const o = out.get(x.p); if (o) o.buildings = x.n; }
  for (const x of h) { const o = out.get(x.p); if (o) o.households = x.n; }
  for (const x of r) { const o = out.get(x.p); if (o) o.residents = x.n; }
  const byId = new Map(rows.map((x) => [x.id, x.code]));
  for (const x of c) { const o = out.get(byId.get(x.p!) ?? ''); if (o) o.children = x.n; }
  return out;
}

function commonPrefix(codes: string[]): string {
  let p = codes[0] ?? '';
  for (const c of codes) while (!c.startsWith(p)) p = p.slice(0, -3);
  return p;
}

/** Residents by tag below a region. */
export async function tagCounts(db: DbOrTx, code: string): Promise<Record<string, number>> {
  const rows = await db.select({ tag: sql<string>`t.tag`, n: sql<number>`count(*)::int` })
    .from(sql`${residents}, unnest(${residents.tags}) AS t(tag)`)
    .where(and(sql`${residents.regionPath} LIKE ${likePrefix(code)}`, isNull(residents.movedOutAt)))
    .groupBy(sql`t.tag`);
  return Object.fromEntries(rows.map((r) => [r.tag, r.n]));
}

/** Grids and micro-grids whose bounding box holds the point: candidates for the exact polygon test. */
export async function boundaryCandidates(db: DbOrTx, lat: number, lng: number): Promise<RegionRow[]> {
  return db.select().from(regions).where(and(
    sql`${regions.boundary} IS NOT NULL`, isNull(regions.retiredAt),
    sql`${regions.minLat} <= ${lat} AND ${regions.maxLat} >= ${lat} AND ${regions.minLng} <= ${lng} AND ${regions.maxLng} >= ${lng}`,
  ));
}

/** What other features need of a region found in scope. */
export interface ScopedRegion { id: string; code: string; name: string; level: RegionRow['level']; districtCode: string }

/**
 * A region by id when its code lies within `scope` (active ones only with `active`), else undefined:
 * the one way other features find "the region asked for, if the actor may see it".
 */
export async function regionInScope(db: DbOrTx, scope: Scope, id: string, opts: { active?: boolean } = {}): Promise<ScopedRegion | undefined> {
  const [r] = await db.select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level, districtCode: regions.districtCode })
    .from(regions).where(and(eq(regions.id, id), inScope(scope, { region: regions.code }), opts.active ? isNull(regions.retiredAt) : undefined));
  return r;
}


/**
 * Locks regions' rows for the rest of the transaction and returns them as they stand now. Rows are
 * locked in code order, so an ancestor is always locked before its descendants and two transactions
 * locking overlapping sets cannot deadlock each other.
 */
export async function lockRegions(tx: DbOrTx, ids: string[]): Promise<RegionRow[]> {
  if (!ids.length) return [];
  return tx.select().from(regions).where(inArray(regions.id, ids)).orderBy(asc(regions.code)).for('update');
}

/**
 * The advisory lock for boundary writes at every level, held to the end of the transaction: a region
 * must also stay clear of drawn regions of OTHER levels that are not its ancestors or descendants (a
 * street over a neighbouring street's community), so writes at two levels must not race either.
 */
export async function lockBoundaries(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('gongzhi:regions:boundaries'))`);
}

/**
 * Active regions of any level with a boundary whose box overlaps `b`, except `codes` (the region's
 * ancestors) and the subtree under `under` (itself and its descendants): the candidates a boundary
 * must stay clear of whatever their level. The box prefilter runs in SQL.
 */
export async function drawnUnrelated(db: DbOrTx, b: { minLat: number; minLng: number; maxLat: number; maxLng: number }, codes: string[], under: string | undefined): Promise<RegionRow[]> {
  return db.select().from(regions).where(and(
    isNull(regions.retiredAt), sql`${regions.boundary} IS NOT NULL`,
    sql`${regions.minLat} < ${b.maxLat} AND ${regions.maxLat} > ${b.minLat} AND ${regions.minLng} < ${b.maxLng} AND ${regions.maxLng} > ${b.minLng}`,
    codes.length ? sql`NOT (${inArray(regions.code, codes)})` : undefined,
    under ? sql`NOT (${like(regions.code, likePrefix(under))})` : undefined,
  )).orderBy(asc(regions.code));
}

/** Active regions of a level with a boundary whose box overlaps the given one (candidates to clip). */
export async function drawnAt(db: DbOrTx, level: RegionRow['level'], b: { minLat: number; minLng: number; maxLat: number; maxLng: number }): Promise<RegionRow[]> {
  return db.select().from(regions).where(and(
    eq(regions.level, level), isNull(regions.retiredAt), sql`${regions.boundary} IS NOT NULL`,
    sql`${regions.minLat} < ${b.maxLat} AND ${regions.maxLat} > ${b.minLat} AND ${regions.minLng} < ${b.maxLng} AND ${regions.maxLng} > ${b.minLng}`,
  )).orderBy(asc(regions.code));
}

/** The deepest region among `code` and its ancestors that has a boundary (what `code`'s ground must lie in). */
export async function drawnAncestor(db: DbOrTx, code: string): Promise<RegionRow | undefined> {
  const prefixes: string[] = [];
  for (let len = 6; len <= code.length; len += 3) prefixes.push(code.slice(0, len));
  const [r] = await db.select().from(regions).where(and(inArray(regions.code, prefixes), sql`${regions.boundary} IS NOT NULL`))
    .orderBy(sql`length(${regions.code}) DESC`).limit(1);
  return r;
}

/** Active regions below `code` (not itself) that have a boundary, by code. */
export async function drawnBelow(db: DbOrTx, code: string): Promise<RegionRow[]> {
  return db.select().from(regions).where(and(
    like(regions.code, likePrefix(code)), sql`${regions.code} <> ${code}`, isNull(regions.retiredAt), sql`${regions.boundary} IS NOT NULL`,
  )).orderBy(asc(regions.code));
}
/** Every active region, lightest columns first: the whole-tree boundary check walks it in memory. */
export async function activeRegions(db: DbOrTx): Promise<Pick<RegionRow, 'id' | 'parentId' | 'code' | 'name' | 'level' | 'boundary'>[]> {
  return db.select({ id: regions.id, parentId: regions.parentId, code: regions.code, name: regions.name, level: regions.level, boundary: regions.boundary })
    .from(regions).where(isNull(regions.retiredAt)).orderBy(asc(regions.code));
}
