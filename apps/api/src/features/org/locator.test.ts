import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { Locator } from './locator.ts';
import { regions } from './org.table.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const centre = (r: { minLat: number | null; maxLat: number | null; minLng: number | null; maxLng: number | null }) =>
  [(r.minLat! + r.maxLat!) / 2, (r.minLng! + r.maxLng!) / 2] as const;

describe('the in-memory locator', () => {
  it('answers every one of many concurrent first lookups (none searches a tree still loading)', async () => {
    const micro = await ctx.database.db.select().from(regions).where(eq(regions.level, 'microgrid'));
    const locator = new Locator(ctx.database.db);
    // Lookups keep arriving while the first load is under way, as under real load.
    const pending: Promise<{ code: string } | null>[] = [];
    for (const m of micro) {
      pending.push(locator.locate(...centre(m)));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const hits = await Promise.all(pending);
    expect(hits.map((h) => h?.code)).toEqual(micro.map((m) => m.code));
  });

  it('finds nothing outside every boundary, and sees a new boundary after the check interval', async () => {
    const locator = new Locator(ctx.database.db, 0);
    expect(await locator.locate(39.9, 116.4)).toBeNull();
    const [grid] = await ctx.database.db.select().from(regions).where(eq(regions.code, '510108002002003'));
    await ctx.database.db.update(regions).set({
      boundary: { type: 'Polygon', coordinates: [[[116.3, 39.8], [116.5, 39.8], [116.5, 40], [116.3, 40], [116.3, 39.8]]] },
      minLat: 39.8, maxLat: 40, minLng: 116.3, maxLng: 116.5,
    }).where(eq(regions.id, grid!.id));
    expect((await locator.locate(39.9, 116.4))?.code).toBe('510108002002003');
  });
});
