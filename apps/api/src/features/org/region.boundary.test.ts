import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import type { Polygonal } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { regions } from './org.table.ts';
import { Locator } from './locator.ts';
import { boundaryViolations } from './region.boundary.service.ts';

// The probe of issue 14: a community secretary drew a grid over ANOTHER community's ground (and one
// with exactly another grid's boundary); the locator then gave that community's new requests to the
// intruder. Every way a boundary is written must refuse it, with nothing written.

let ctx: TestContext;
let admin: Client, secretary: Client;
const byCode = async (code: string) => (await ctx.database.db.select().from(regions).where(eq(regions.code, code)))[0]!;
const countRegions = async () => (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM regions`)).rows[0]!.n;
const countAudit = async () => (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`)).rows[0]!.n;
const box = (lng0: number, lat0: number, lng1: number, lat1: number): Polygonal => ({
  type: 'Polygon', coordinates: [[[lng0, lat0], [lng1, lat0], [lng1, lat1], [lng0, lat1], [lng0, lat0]]],
});
const bboxOfRow = (r: { minLat: number | null; maxLat: number | null; minLng: number | null; maxLng: number | null }) => ({ lat0: r.minLat!, lat1: r.maxLat!, lng0: r.minLng!, lng1: r.maxLng! });

/** Runs `act` and checks it wrote nothing: no region row and no audit row more than before. */
async function writesNothing(act: () => Promise<unknown>) {
  const [r, a] = [await countRegions(), await countAudit()];
  await act();
  expect(await countRegions()).toBe(r);
  expect(await countAudit()).toBe(a);
}

/** A community in a new district of its own, with no boundary anywhere above it: free ground to draw on. */
async function freeCommunity(district: string, name: string): Promise<{ id: string; code: string }> {
  const d = (await admin.request('POST', '/api/v1/regions', { code: district, name: `${name}区` })).json();
  const st = (await admin.request('POST', '/api/v1/regions', { parentId: d.id, segment: '001', name: `${name}街道` })).json();
  return (await admin.request('POST', '/api/v1/regions', { parentId: st.id, segment: '001', name })).json();
}

beforeAll(async () => {
  ctx = await createTestContext();
  [admin, secretary] = await Promise.all([signIn(ctx.app, DEMO.admin), signIn(ctx.app, DEMO.secretary)]);
});
afterAll(async () => { await ctx.close(); });

describe('the demo city', () => {
  it('has boundaries that tile the tree: no child outside its parent, no overlapping siblings', async () => {
    expect(await boundaryViolations(ctx.database.db)).toEqual([]);
  });
});

describe('creating a region', () => {
  it('refuses a grid a secretary draws inside ANOTHER community’s ground, writing nothing, and requests there still reach the rightful community', async () => {
    const own = await byCode('510108001001');
    const other = bboxOfRow(await byCode('510108001002001'));
    const inside = box(other.lng0 + 0.001, other.lat0 + 0.001, other.lng1 - 0.001, other.lat1 - 0.001);
    await writesNothing(async () => {
      const res = await secretary.request('POST', '/api/v1/regions', { parentId: own.id, segment: '051', name: '越界网格', boundary: inside });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('REGION_OUTSIDE_PARENT');
      expect(res.json().error.message).toContain(own.name);
    });
    const centre = { lat: (other.lat0 + other.lat1) / 2, lng: (other.lng0 + other.lng1) / 2 };
    const placed = await new Locator(ctx.database.db, 0).locate(centre.lat, centre.lng);
    expect(placed?.code.startsWith('510108001002001')).toBe(true);
    // And a resident's request filed there goes to the rightful community, as intake places it.
    const resident = await signIn(ctx.app, DEMO.resident);
    const made = await resident.request('POST', '/api/v1/requests', { description: '楼下路灯坏了好几天，晚上很黑', ...centre });
    expect(made.statusCode).toBe(201);
    expect(made.json().region.code.startsWith('510108001002001')).toBe(true);
  });

  it('refuses a grid over another community’s grid even when its own community has no boundary', async () => {
    const street = await byCode('510108001');
    const undrawn = (await admin.request('POST', '/api/v1/regions', { parentId: street.id, segment: '081', name: '无边界社区' })).json();
    const victim = await byCode('510108001002001');
    await writesNothing(async () => {
      const res = await admin.request('POST', '/api/v1/regions', { parentId: undrawn.id, segment: '001', name: '越界网格', boundary: victim.boundary });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('REGION_OVERLAPS_SIBLING');
      expect(res.json().error.message).toContain(victim.name);
    });
  });

  it('refuses a grid with exactly another grid’s boundary, naming that grid, writing nothing', async () => {
    const own = await byCode('510108001001');
    const sibling = await byCode('510108001001002');
    await writesNothing(async () => {
      const res = await secretary.request('POST', '/api/v1/regions', { parentId: own.id, segment: '052', name: '复制网格', boundary: sibling.boundary });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('REGION_OVERLAPS_SIBLING');
      expect(res.json().error.message).toContain(sibling.name);
    });
  });

  it('lets exactly one of two concurrent overlapping siblings through', async () => {
    const community = await freeCommunity('510199', '竞争社区');
    const shape = box(104.2, 30.7, 104.21, 30.71);
    const results = await Promise.all(['001', '002', '003'].map((segment) =>
      admin.request('POST', '/api/v1/regions', { parentId: community.id, segment, name: `并发网格${segment}`, boundary: shape })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'REGION_OVERLAPS_SIBLING')).toBe(true);
    const made = await ctx.database.db.select().from(regions).where(like(regions.code, `${community.code}%`));
    expect(made).toHaveLength(2);
  });

  it('accepts a grid that only shares an edge with its siblings, and ignores retired siblings', async () => {
    const community = await freeCommunity('510198', '相邻社区');
    const west = await admin.request('POST', '/api/v1/regions', { parentId: community.id, segment: '001', name: '西网格', boundary: box(104.3, 30.7, 104.31, 30.71) });
    expect(west.statusCode).toBe(201);
    const east = await admin.request('POST', '/api/v1/regions', { parentId: community.id, segment: '002', name: '东网格', boundary: box(104.31, 30.7, 104.32, 30.71) });
    expect(east.statusCode).toBe(201);
    expect((await admin.request('POST', `/api/v1/regions/${west.json().id}/retire`)).statusCode).toBe(200);
    const again = await admin.request('POST', '/api/v1/regions', { parentId: community.id, segment: '003', name: '新西网格', boundary: box(104.3, 30.7, 104.31, 30.71) });
    expect(again.statusCode).toBe(201);
  });
});

describe('changing a boundary', () => {
  it('refuses redrawing a grid over its sibling, leaving the boundary as it was', async () => {
    const g = await byCode('510108001001001');
    const sibling = await byCode('510108001001002');
    await writesNothing(async () => {
      const res = await secretary.request('PATCH', `/api/v1/regions/${g.id}`, { boundary: sibling.boundary });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('REGION_OVERLAPS_SIBLING');
    });
    expect((await byCode(g.code)).boundary).toEqual(g.boundary);
  });

  it('refuses shrinking a parent away from its child, naming the child, leaving the boundary as it was', async () => {
    const community = await byCode('510108001001');
    const b = bboxOfRow(community);
    const top = box(b.lng0, (b.lat0 + b.lat1) / 2, b.lng1, b.lat1);
    await writesNothing(async () => {
      const res = await secretary.request('PATCH', `/api/v1/regions/${community.id}`, { boundary: top });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('REGION_CHILD_OUTSIDE');
      expect(res.json().error.message).toContain((await byCode('510108001001001')).name);
    });
    expect((await byCode(community.code)).boundary).toEqual(community.boundary);
  });

  it('still renames a region and clears a boundary without any check', async () => {
    const g = await byCode('510108002002003');
    const res = await admin.request('PATCH', `/api/v1/regions/${g.id}`, { name: '改名网格', boundary: null });
    expect(res.statusCode).toBe(200);
    expect((await byCode(g.code)).boundary).toBeNull();
  });
});

describe('moving a region', () => {
  it('refuses moving a grid to a community it does not fit, changing nothing', async () => {
    const g = await byCode('510108001001003');
    const target = await byCode('510108001002');
    await writesNothing(async () => {
      const res = await admin.request('POST', `/api/v1/regions/${g.id}/move`, { parentId: target.id, segment: '061' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('REGION_OUTSIDE_PARENT');
    });
    const after = await byCode(g.code);
    expect(after.parentId).toBe(g.parentId);
    const moves = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'region.move'), eq(auditLog.subjectId, g.id)));
    expect(moves).toHaveLength(0);
  });

  it('refuses moving a community without a boundary whose grids do not fit the new street', async () => {
    const community = await byCode('510108001002');
    expect((await admin.request('PATCH', `/api/v1/regions/${community.id}`, { boundary: null })).statusCode).toBe(200);
    const street = await byCode('510108002');
    await writesNothing(async () => {
      const res = await admin.request('POST', `/api/v1/regions/${community.id}/move`, { parentId: street.id, segment: '061' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('REGION_OUTSIDE_PARENT');
    });
    expect((await byCode(community.code)).parentId).toBe(community.parentId);
  });
});

// probe fixes (org): a street drawn over a community of a neighbouring street that has no boundary
// passed (its district holds it, and no drawn street is there to overlap); and shapes that overlap
// themselves were stored.
describe('regions of other levels that are neither above nor below', () => {
  const ground = box(104.30, 30.90, 104.31, 30.91);

  it('refuses a street drawn over a community of a neighbouring undrawn street, naming it, writing nothing', async () => {
    const d = (await admin.request('POST', '/api/v1/regions', { code: '510197', name: '探测区' })).json();
    const a = (await admin.request('POST', '/api/v1/regions', { parentId: d.id, segment: '001', name: '甲街道' })).json();
    const victim = (await admin.request('POST', '/api/v1/regions', { parentId: a.id, segment: '001', name: '甲社区', boundary: ground })).json();
    expect(victim.code).toBe('510197001001');
    const over = box(104.295, 30.895, 104.315, 30.915);
    await writesNothing(async () => {
      const res = await admin.request('POST', '/api/v1/regions', { parentId: d.id, segment: '002', name: '乙街道', boundary: over });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('REGION_OVERLAPS_REGION');
      expect(res.json().error.message).toContain('甲社区');
    });
    // Drawn beside it, the street is taken; redrawing it over the community is refused in the same way.
    const b = (await admin.request('POST', '/api/v1/regions', { parentId: d.id, segment: '002', name: '乙街道', boundary: box(104.31, 30.90, 104.32, 30.91) })).json();
    expect(b.code).toBe('510197002');
    const redraw = await admin.request('PATCH', `/api/v1/regions/${b.id}`, { boundary: over });
    expect(redraw.json().error.code).toBe('REGION_OVERLAPS_REGION');
    // Its own community may lie inside it, and the district over everything (ancestors and descendants).
    expect((await admin.request('POST', '/api/v1/regions', { parentId: b.id, segment: '001', name: '乙社区', boundary: box(104.312, 30.902, 104.318, 30.908) })).statusCode).toBe(201);
    expect((await admin.request('PATCH', `/api/v1/regions/${d.id}`, { boundary: box(104.2, 30.8, 104.4, 31.0) })).statusCode).toBe(200);
  });

  it('refuses a MultiPolygon whose parts overlap, and a bow-tie part, as BOUNDARY_INVALID with the reason', async () => {
    const d = (await admin.request('POST', '/api/v1/regions', { code: '510196', name: '形状区' })).json();
    const overlapping = { type: 'MultiPolygon', coordinates: [box(104.40, 30.90, 104.41, 30.91).coordinates, box(104.405, 30.905, 104.415, 30.915).coordinates] };
    const bowTie = { type: 'MultiPolygon', coordinates: [[[[104.40, 30.90], [104.44, 30.94], [104.44, 30.90], [104.40, 30.92], [104.40, 30.90]]]] };
    const strayHole = { type: 'Polygon', coordinates: [...box(104.40, 30.90, 104.41, 30.91).coordinates, ...box(104.42, 30.92, 104.43, 30.93).coordinates] };
    for (const [boundary, reason] of [[overlapping, 'parts_overlap'], [bowTie, 'self_intersection'], [strayHole, 'hole_outside_shell']] as const) {
      const res = await admin.request('POST', '/api/v1/regions', { parentId: d.id, segment: '001', name: '坏形状', boundary });
      expect([res.statusCode, res.json().error.code], reason).toEqual([422, 'BOUNDARY_INVALID']);
      expect(res.json().error.message).toContain(reason);
    }
  });
});

describe('the whole-tree check', () => {
  it('reports a street over an unrelated community, and a stored shape that overlaps itself', async () => {
    const street = await byCode('510197002');
    const community = await byCode('510197001001');
    await ctx.database.db.update(regions).set({ boundary: box(104.295, 30.895, 104.325, 30.915) }).where(eq(regions.id, street.id));
    const rect = (g: Polygonal) => g.coordinates as number[][][];
    const selfOverlap: Polygonal = { type: 'MultiPolygon', coordinates: [rect(box(104.30, 30.90, 104.31, 30.91)), rect(box(104.305, 30.905, 104.31, 30.91))] };
    await ctx.database.db.update(regions).set({ boundary: selfOverlap }).where(eq(regions.id, community.id));
    const found = await boundaryViolations(ctx.database.db);
    expect(found).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'overlaps_region', code: street.code, otherCode: community.code }),
      expect.objectContaining({ kind: 'invalid_shape', code: community.code, reason: 'parts_overlap' }),
    ]));
  });

  it('reports a planted violation (a grid over its sibling, and one outside its community)', async () => {
    const g = await byCode('510108002001001');
    const sibling = await byCode('510108002001002');
    const far = box(100, 20, 100.01, 20.01);
    await ctx.database.db.update(regions).set({ boundary: sibling.boundary }).where(eq(regions.id, g.id));
    const h = await byCode('510108002001003');
    await ctx.database.db.update(regions).set({ boundary: far }).where(eq(regions.id, h.id));
    const found = await boundaryViolations(ctx.database.db);
    expect(found).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'overlaps_sibling', code: g.code, siblingCode: sibling.code }),
      expect.objectContaining({ kind: 'outside_parent', code: h.code, parentCode: '510108002001' }),
    ]));
  });
});
