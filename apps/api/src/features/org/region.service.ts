import { and, asc, eq, getTableName, inArray, isNull, like, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { bboxOf, checkRegionCode, childLevel, containsPoint, parentLevel, segmentOf, validateBoundary, type Polygonal } from '@gongzhi/core';
import type { z } from 'zod';
import type { CreateRegionBody, MoveRegionBody, UpdateRegionBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { scopedTablesOf, type ScopedTable } from '../../platform/db/scoped-tables.ts';
import * as registry from '../../tables.ts';
import { households, regions } from './org.table.ts';
import { boundaryCandidates, findRegion, type RegionRow } from './region.repository.ts';
import { Locator } from './locator.ts';
import { assertBoundaryFits, assertMovedFits, lockForBoundary } from './region.boundary.service.ts';
import { mayCreateDistrict, mayManageRegion } from './org.policy.ts';
import { qualified } from '../../platform/db/columns.ts';

// Every feature's region-scoped tables, from the table registry (not from the features themselves):
// found on first use, so the registry's modules have all loaded by then.
let scoped: ScopedTable[] | undefined;
const scopedTables = () => (scoped ??= scopedTablesOf(registry));

const auditView = (r: RegionRow) => ({ code: r.code, name: r.name, level: r.level, parentId: r.parentId, boundary: r.boundary, retiredAt: r.retiredAt });

function boundaryColumns(input: unknown) {
  if (input === undefined) return {};
  if (input === null) return { boundary: null, minLat: null, minLng: null, maxLat: null, maxLng: null };
  const v = validateBoundary(input);
  if (!v.ok) throw new AppError('BOUNDARY_INVALID', { reason: v.reason });
  const b = bboxOf(v.geometry);
  return { boundary: v.geometry as Polygonal, minLat: b.minLat, minLng: b.minLng, maxLat: b.maxLat, maxLng: b.maxLng };
}

async function assertCodeFree(tx: DbOrTx, code: string) {
  const [taken] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.code, code));
  if (taken) throw new AppError('REGION_CODE_TAKEN', { code });
}

/** Creates a child region under a parent the actor manages, or a district (platform administrators). */
export async function createRegion(db: Db, actor: Actor, body: z.infer<typeof CreateRegionBody>): Promise<RegionRow> {
  return db.transaction(async (tx) => {
    let level: RegionRow['level'];
    let code: string;
    let parentId: string | null = null;
    if (!body.parentId) {
      ensure(mayCreateDistrict(actor));
      if (!body.code) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/code', message: 'required for a district' }]);
      level = 'district';
      code = body.code;
    } else {
      const parent = found(await findRegion(tx, actor, body.parentId, 'region.read'), 'REGION_NOT_FOUND');
      ensure(mayManageRegion(actor, parent.code));
      if (parent.retiredAt) throw new AppError('REGION_RETIRED');
      const lv = childLevel(parent.level);
      if (!lv) throw new AppError('REGION_LEVEL_INVALID');
      if (!body.segment) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/segment', message: 'required' }]);
      level = lv;
      code = parent.code + body.segment;
      parentId = parent.id;
    }
    const check = checkRegionCode(level, code, level === 'district' ? null : code.slice(0, -3));
    if (!check.ok) throw new AppError('REGION_CODE_INVALID', { reason: check.reason });
    const columns = boundaryColumns(body.boundary);
    const locked = await lockForBoundary(tx, parentId);
    if (locked.parent?.retiredAt) throw new AppError('REGION_RETIRED');
    await assertBoundaryFits(tx, { boundary: columns.boundary ?? null, level, parentCode: locked.parent?.code ?? null });
    await assertCodeFree(tx, code);
    const [row] = await tx.insert(regions).values({
      parentId, level, code, name: body.name, districtCode: code.slice(0, 6), ...columns,
    }).returning();
    await audit(tx, actor, { action: 'region.create', subjectType: 'region', subjectId: row!.id, regionPath: code, after: auditView(row!) });
    return row!;
  });
}

/** Renames a region or sets/clears its boundary. */
export async function updateRegion(db: Db, actor: Actor, id: string, body: z.infer<typeof UpdateRegionBody>): Promise<RegionRow> {
  return db.transaction(async (tx) => {
    const seen = found(await findRegion(tx, actor, id), 'REGION_NOT_FOUND');
    ensure(mayManageRegion(actor, seen.code));
    const columns = boundaryColumns(body.boundary);
    let before = seen;
    if (columns.boundary) {
      // Checked against the parent, the siblings and its own children as they stand under lock.
      const locked = await lockForBoundary(tx, seen.parentId, id);
      before = locked.region ?? seen;
      await assertBoundaryFits(tx, { boundary: columns.boundary, level: before.level, parentCode: locked.parent?.code ?? null, selfId: id, selfCode: before.code, children: true });
    }
    const [after] = await tx.update(regions).set({ ...(body.name ? { name: body.name } : {}), ...columns })
      .where(eq(regions.id, id)).returning();
    await audit(tx, actor, { action: 'region.update', subjectType: 'region', subjectId: id, regionPath: before.code, before: auditView(before), after: auditView(after!) });
    return after!;
  });
}

/**
 * Moves a region and its whole subtree under a new parent of the level above it. Codes are
 * hierarchical, so the subtree is re-coded, and every row of people's data below it is re-pathed,
 * all in one transaction. A subtree with fund ledger entries is not moved (REGION_HAS_LEDGER).
 */
export async function moveRegion(db: Db, actor: Actor, id: string, body: z.infer<typeof MoveRegionBody>): Promise<RegionRow> {
  return db.transaction(async (tx) => {
    const region = found(await findRegion(tx, actor, id), 'REGION_NOT_FOUND');
    const parent = found(await findRegion(tx, actor, body.parentId), 'REGION_NOT_FOUND');
    ensure(mayManageRegion(actor, region.code));
    ensure(mayManageRegion(actor, parent.code));
    if (parent.code.startsWith(region.code)) throw new AppError('REGION_MOVE_CYCLE');
    if (parentLevel(region.level) !== parent.level) throw new AppError('REGION_LEVEL_INVALID');
    if (parent.retiredAt) throw new AppError('REGION_RETIRED');
    const oldCode = region.code;
    const newCode = parent.code + (body.segment ?? segmentOf(oldCode));
    if (newCode === oldCode) return region;
    await assertNoLedger(tx, region);
    await assertCodeFree(tx, newCode);
    // Its ground must lie in the new parent's and clear of the new siblings' (its children move with it).
    const locked = await lockForBoundary(tx, parent.id, id);
    await assertMovedFits(tx, locked.region ?? region, locked.parent ?? parent);
    const recode = (col: unknown) => sql`${newCode} || substr(${col}, ${oldCode.length + 1})`;
    const district = newCode.slice(0, 6);
    await tx.update(regions).set({ code: recode(regions.code), districtCode: district }).where(like(regions.code, likePrefix(oldCode)));
    await tx.update(regions).set({ parentId: parent.id }).where(eq(regions.id, id));
    const moved: Record<string, number> = {};
    for (const t of scopedTables()) {
      const set: Record<string, unknown> = { [t.regionPath.name]: recode(t.regionPath) };
      if (t.districtCode) set[t.districtCode.name] = district;
      const res = await tx.execute(sql`UPDATE ${t.table} SET ${sql.join(Object.entries(set).map(([c, v]) => sql`${sql.identifier(c)} = ${v}`), sql`, `)} WHERE ${t.regionPath} LIKE ${likePrefix(oldCode)}`);
      if (res.rowCount) moved[getTableName(t.table)] = res.rowCount;
    }
    const [after] = await tx.select().from(regions).where(eq(regions.id, id));
    await audit(tx, actor, {
      action: 'region.move', subjectType: 'region', subjectId: id, regionPath: newCode,
      before: auditView(region), after: auditView(after!), details: { from: oldCode, to: newCode, rows: moved },
    });
    return after!;
  });
}

/**
 * Tables whose rows never change once written (a database trigger refuses any UPDATE): the funds
 * ledger. An entry keeps the region path it was booked under, by law, so a region whose subtree has
 * entries cannot be re-coded: re-pathing them would be refused (it was a 500), and re-pathing
 * everything else but them would split a fund's books from its region.
 */
const APPEND_ONLY = new Set(['ledger_transactions']);

/** Refuses (REGION_HAS_LEDGER, 409) to move a region whose subtree holds rows of an append-only table. */
async function assertNoLedger(tx: DbOrTx, region: RegionRow) {
  for (const t of scopedTables().filter((t) => APPEND_ONLY.has(getTableName(t.table)))) {
    const hit = await tx.execute(sql`SELECT 1 FROM ${t.table} WHERE ${t.regionPath} LIKE ${likePrefix(region.code)} LIMIT 1`);
    if (hit.rows.length) throw new AppError('REGION_HAS_LEDGER', { region: region.name });
  }
}

/** Retires a region that has no active children and no households living in it. */
export async function retireRegion(db: Db, actor: Actor, id: string, now: Date): Promise<RegionRow> {
  return db.transaction(async (tx) => {
    const region = found(await findRegion(tx, actor, id), 'REGION_NOT_FOUND');
    ensure(mayManageRegion(actor, region.code));
    if (region.retiredAt) throw new AppError('REGION_RETIRED');
    const [child] = await tx.select({ id: regions.id }).from(regions).where(and(eq(regions.parentId, id), isNull(regions.retiredAt))).limit(1);
    const [home] = await tx.select({ id: households.id }).from(households)
      .where(and(like(households.regionPath, likePrefix(region.code)), isNull(households.movedOutAt))).limit(1);
    if (child || home) throw new AppError('REGION_NOT_EMPTY');
    const [after] = await tx.update(regions).set({ retiredAt: now }).where(eq(regions.id, id)).returning();
    await audit(tx, actor, { action: 'region.retire', subjectType: 'region', subjectId: id, regionPath: region.code, before: auditView(region), after: auditView(after!) });
    return after!;
  });
}

// ---- What other features read of the region tree (they never touch org's tables themselves) ----

export { findRegion, ancestorsOf, childrenOf, regionInScope, type RegionRow, type ScopedRegion } from './region.repository.ts';
export type { Locator, Placed } from './locator.ts';

/** A text looked up by a region id: never null for a NOT NULL id column (regions are retired, never deleted). */
type ByRegionId<I> = I extends { _: { notNull: true } } ? string : string | null;

/**
 * SQL for the name of the region whose id `id` holds (a column or expression of another feature's
 * table), to select beside that feature's rows in the same statement: a correlated lookup on the
 * primary key, as cheap as the join it replaces. Null when `id` is null.
 */
export const regionNameOf = <I extends AnyColumn | SQL>(id: I): SQL<ByRegionId<I>> =>
  sql<ByRegionId<I>>`(SELECT r.name FROM ${regions} r WHERE r.id = ${qualified(id)})`;

/** SQL for the code (path) of the region whose id `id` holds; see {@link regionNameOf}. */
export const regionCodeOf = <I extends AnyColumn | SQL>(id: I): SQL<ByRegionId<I>> =>
  sql<ByRegionId<I>>`(SELECT r.code FROM ${regions} r WHERE r.id = ${qualified(id)})`;

/** Names and codes of regions by id, in one query (for a page of rows, never one query per row). */
export async function regionNames(db: DbOrTx, ids: string[]): Promise<Map<string, { name: string; code: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: regions.id, name: regions.name, code: regions.code }).from(regions).where(inArray(regions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, code: r.code }]));
}

/** A region by id whatever the actor's scope, for callers that checked access another way (public pages, jobs). */
export async function regionById(db: DbOrTx, id: string): Promise<RegionRow | undefined> {
  const [r] = await db.select().from(regions).where(eq(regions.id, id));
  return r;
}

/**
 * An active (not retired) region by id whatever the actor's scope, for intake, where residents may
 * name any grid. Raw and light: it runs once per request taken in that way.
 */
export async function activeRegion(db: DbOrTx, id: string): Promise<{ id: string; code: string; name: string; level: string; districtCode: string } | undefined> {
  const [r] = (await db.execute<{ id: string; code: string; name: string; level: string; district_code: string }>(
    sql`SELECT id, code, name, level, district_code FROM regions WHERE id = ${id} AND retired_at IS NULL`)).rows;
  return r ? { id: r.id, code: r.code, name: r.name, level: r.level, districtCode: r.district_code } : undefined;
}

/** A region by its code whatever the actor's scope (operator commands, the dashboard's default region). */
export async function regionByCode(db: DbOrTx, code: string): Promise<RegionRow | undefined> {
  const [r] = await db.select().from(regions).where(eq(regions.code, code));
  return r;
}

/** The first district by code: the dashboard's region for platform-wide roles. */
export async function firstDistrict(db: DbOrTx): Promise<RegionRow | undefined> {
  const [r] = await db.select().from(regions).where(eq(regions.level, 'district')).orderBy(asc(regions.code)).limit(1);
  return r;
}

/** True when `code` is a district (6 digits) in service. */
export async function districtExists(db: DbOrTx, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const [r] = await db.select({ id: regions.id }).from(regions)
    .where(and(eq(regions.code, code), eq(regions.level, 'district'), isNull(regions.retiredAt))).limit(1);
  return Boolean(r);
}

/** Codes of up to `limit` districts in service, by code. */
export async function districtCodes(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db.select({ code: regions.code }).from(regions)
    .where(and(eq(regions.level, 'district'), isNull(regions.retiredAt))).orderBy(asc(regions.code)).limit(limit);
  return rows.map((r) => r.code);
}

/**
 * The smallest active region whose boundary contains the point: a bounding-box prefilter in SQL,
 * then the exact polygon test. For occasional lookups (placing one request by hand); hot paths keep
 * a {@link pointLocator}.
 */
export async function locate(db: DbOrTx, lat: number, lng: number): Promise<RegionRow | null> {
  const candidates = await boundaryCandidates(db, lat, lng);
  const hits = candidates.filter((c) => containsPoint(c.boundary as Polygonal, lat, lng));
  hits.sort((a, b) => b.code.length - a.code.length);
  return hits[0] ?? null;
}

/** An in-memory point locator over every active boundary, for hot paths (intake): no query per lookup. */
export function pointLocator(db: DbOrTx, checkMs?: number): Locator {
  return new Locator(db, checkMs);
}
