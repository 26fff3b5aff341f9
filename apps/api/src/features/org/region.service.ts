import { and, eq, getTableName, isNull, like, sql } from 'drizzle-orm';
import { bboxOf, checkRegionCode, childLevel, parentLevel, segmentOf, validateBoundary, type Polygonal } from '@gongzhi/core';
import type { z } from 'zod';
import type { CreateRegionBody, MoveRegionBody, UpdateRegionBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { SCOPED_TABLES } from '../../platform/db/scoped-tables.ts';
import { households, regions } from './org.table.ts';
import { findRegion, type RegionRow } from './region.repository.ts';
import { mayCreateDistrict, mayManageRegion } from './org.policy.ts';

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
    await assertCodeFree(tx, code);
    const [row] = await tx.insert(regions).values({
      parentId, level, code, name: body.name, districtCode: code.slice(0, 6), ...boundaryColumns(body.boundary),
    }).returning();
    await audit(tx, actor, { action: 'region.create', subjectType: 'region', subjectId: row!.id, regionPath: code, after: auditView(row!) });
    return row!;
  });
}

/** Renames a region or sets/clears its boundary. */
export async function updateRegion(db: Db, actor: Actor, id: string, body: z.infer<typeof UpdateRegionBody>): Promise<RegionRow> {
  return db.transaction(async (tx) => {
    const before = found(await findRegion(tx, actor, id), 'REGION_NOT_FOUND');
    ensure(mayManageRegion(actor, before.code));
    const [after] = await tx.update(regions).set({ ...(body.name ? { name: body.name } : {}), ...boundaryColumns(body.boundary) })
      .where(eq(regions.id, id)).returning();
    await audit(tx, actor, { action: 'region.update', subjectType: 'region', subjectId: id, regionPath: before.code, before: auditView(before), after: auditView(after!) });
    return after!;
  });
}

/**
 * Moves a region and its whole subtree under a new parent of the level above it. Codes are
 * hierarchical, so the subtree is re-coded, and every row of people's data below it is re-pathed,
 * all in one transaction.
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
    if (newCode !== oldCode) await assertCodeFree(tx, newCode);
    const recode = (col: unknown) => sql`${newCode} || substr(${col}, ${oldCode.length + 1})`;
    const district = newCode.slice(0, 6);
    await tx.update(regions).set({ code: recode(regions.code), districtCode: district }).where(like(regions.code, likePrefix(oldCode)));
    await tx.update(regions).set({ parentId: parent.id }).where(eq(regions.id, id));
    const moved: Record<string, number> = {};
    for (const t of SCOPED_TABLES) {
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
