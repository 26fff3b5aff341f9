import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { chinaDay, effectiveVisitRule, LARGE_COMMUNITY_HOUSEHOLDS, nextDueDay } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';

// The kept coverage rows (visit_due) against the rule computed afresh and against packages/core, after
// writes made by the API and by plain SQL (as imports, the seed or another feature write).

let ctx: TestContext;
let grid: Client, secretary: Client;
const GRID = '510108001001001';
const COMMUNITY = '510108001001';
const q = async <T>(text: ReturnType<typeof sql>) => (await ctx.database.db.execute(text)).rows as T[];
type Kept = { household_id: string; region_path: string; special: boolean; interval_days: number; last_visit_at: Date | string | null; registered_day: string; due_day: string };
const KEPT = sql`SELECT household_id, region_path, special, interval_days, last_visit_at, registered_day::text, due_day::text FROM visit_due`;

/** Rows of visit_due that differ from a fresh computation over every current household, both ways. */
async function drift(): Promise<unknown[]> {
  return q(sql`WITH fresh AS (SELECT household_id, region_path, special, interval_days, last_visit_at, registered_day, due_day
      FROM visit_due_compute(ARRAY(SELECT id FROM households))),
    kept AS (SELECT household_id, region_path, special, interval_days, last_visit_at, registered_day, due_day FROM visit_due)
    (SELECT 'missing' AS why, * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) a)
    UNION ALL (SELECT 'stale' AS why, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) b) LIMIT 5`);
}

const keptOf = async (householdId: string) => (await q<Kept>(sql`${KEPT} WHERE household_id = ${householdId}`))[0];

beforeAll(async () => {
  ctx = await createTestContext();
  [grid, secretary] = await Promise.all([signIn(ctx.app, DEMO.grid), signIn(ctx.app, DEMO.secretary)]);
});
afterAll(async () => { await ctx.close(); });

describe('kept coverage rows', () => {
  it('hold a row for every current household of the seeded city, as computed afresh', async () => {
    const [{ n }] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM households WHERE moved_out_at IS NULL`) as [{ n: number }];
    const [{ kept }] = await q<{ kept: number }>(sql`SELECT count(*)::int AS kept FROM visit_due`) as [{ kept: number }];
    expect(n).toBeGreaterThan(100);
    expect(kept).toBe(n);
    expect(await drift()).toEqual([]);
  });

  it('agree with packages/core: the rule by community size, special households, the due day', async () => {
    const rows = await q<Kept & { n: number; created_at: Date | string; tags: string[][] }>(sql`SELECT d.household_id, d.special, d.interval_days, d.last_visit_at,
        d.due_day::text, h.created_at,
        (SELECT count(*)::int FROM households x WHERE left(x.region_path, 12) = left(d.region_path, 12) AND x.moved_out_at IS NULL) AS n,
        coalesce((SELECT array_agg(array_to_string(m.tags, ',')) FROM residents m WHERE m.household_id = d.household_id AND m.moved_out_at IS NULL), '{}') AS tags
      FROM visit_due d JOIN households h ON h.id = d.household_id
      WHERE NOT EXISTS (SELECT 1 FROM visit_rules r WHERE r.region_path = left(d.region_path, 12)) ORDER BY d.household_id LIMIT 400`);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((r) => r.special)).toBe(true);
    for (const r of rows) {
      const rule = effectiveVisitRule(null, r.n);
      const special = (r.tags as unknown as string[]).some((t) => t.split(',').some((tag) => (rule.specialTags as readonly string[]).includes(tag)));
      expect(r.special).toBe(special);
      expect(r.interval_days).toBe(special ? rule.specialDays : rule.regularDays);
      expect(r.due_day).toBe(nextDueDay(r.last_visit_at ? new Date(r.last_visit_at) : null, new Date(r.created_at), r.interval_days));
    }
  });

  it('move with a visit in the visit’s own transaction, and not at all when it rolls back', async () => {
    const list = (await grid.request('GET', '/api/v1/visits/list?limit=1000')).json() as { householdId: string; special: boolean }[];
    const h = list.find((x) => !x.special)!;
    const visitedAt = new Date(Date.now() - 2 * 86_400_000);
    const res = await grid.request('POST', '/api/v1/visits', { id: randomUUID(), householdId: h.householdId, visitedAt: visitedAt.toISOString(), outcome: 'visited' });
    expect(res.statusCode).toBe(201);
    const kept = (await keptOf(h.householdId))!;
    expect(new Date(kept.last_visit_at!).getTime()).toBe(visitedAt.getTime());
    expect(kept.due_day).toBe(nextDueDay(visitedAt, new Date(), kept.interval_days));

    const before = await keptOf(list[1]!.householdId);
    await expect(ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO visits (id, household_id, region_id, region_path, district_code, worker_user_id, visited_at, outcome)
        SELECT ${randomUUID()}, id, region_id, region_path, district_code, ${randomUUID()}, now(), 'visited' FROM households WHERE id = ${list[1]!.householdId}`);
      const inside = (await tx.execute<{ due_day: string }>(sql`SELECT due_day::text FROM visit_due WHERE household_id = ${list[1]!.householdId}`)).rows[0]!;
      expect(inside.due_day).not.toBe(before!.due_day);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await keptOf(list[1]!.householdId)).toEqual(before);
  });

  it('follow writes made outside visits: tags, moving out, a new household, a rule, a community growing large', async () => {
    const [h] = await q<{ id: string; resident: string }>(sql`SELECT d.household_id AS id, (SELECT m.id FROM residents m WHERE m.household_id = d.household_id LIMIT 1) AS resident
      FROM visit_due d WHERE d.region_path LIKE ${`${GRID}%`} AND NOT d.special AND EXISTS (SELECT 1 FROM residents m WHERE m.household_id = d.household_id) LIMIT 1`);
    await ctx.database.db.execute(sql`UPDATE residents SET tags = array_append(tags, 'disabled') WHERE id = ${h!.resident}`);
    expect(await keptOf(h!.id)).toMatchObject({ special: true, interval_days: 1 });

    await ctx.database.db.execute(sql`UPDATE households SET moved_out_at = now() WHERE id = ${h!.id}`);
    expect(await keptOf(h!.id)).toBeUndefined();

    // A community rule set through the API: intervals change for its households in the same request.
    const [community] = await q<{ id: string }>(sql`SELECT id FROM regions WHERE code = ${COMMUNITY}`);
    expect((await secretary.request('POST', `/api/v1/visits/rules/${community!.id}`, { size: 'small', smallDays: 14 })).statusCode).toBe(200);
    const [{ days }] = await q<{ days: number[] }>(sql`SELECT array_agg(DISTINCT interval_days) AS days FROM visit_due WHERE region_path LIKE ${`${COMMUNITY}%`} AND NOT special`) as [{ days: number[] }];
    expect(days).toEqual([14]);
    expect((await secretary.request('POST', `/api/v1/visits/rules/${community!.id}`, { size: 'auto' })).statusCode).toBe(200);

    // New households registered in bulk (an import) take the community past the large line: every
    // regular household of the community, old and new, moves to the large interval.
    const [{ n }] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM households WHERE region_path LIKE ${`${COMMUNITY}%`} AND moved_out_at IS NULL`) as [{ n: number }];
    expect(n).toBeLessThan(LARGE_COMMUNITY_HOUSEHOLDS);
    await ctx.database.db.execute(sql`INSERT INTO households (id, region_id, region_path, district_code, address, tenure)
      SELECT gen_random_uuid(), h.region_id, h.region_path, h.district_code, '新登记 ' || i, 'owner' FROM (SELECT * FROM households WHERE region_path LIKE ${`${GRID}%`} LIMIT 1) h,
        generate_series(1, ${LARGE_COMMUNITY_HOUSEHOLDS - n}) i`);
    const large = effectiveVisitRule(null, LARGE_COMMUNITY_HOUSEHOLDS).regularDays;
    const [{ after }] = await q<{ after: number[] }>(sql`SELECT array_agg(DISTINCT interval_days) AS after FROM visit_due WHERE region_path LIKE ${`${COMMUNITY}%`} AND NOT special`) as [{ after: number[] }];
    expect(after).toEqual([large]);
    const [added] = await q<Kept>(sql`${KEPT} WHERE household_id = (SELECT id FROM households WHERE address = '新登记 1')`);
    expect(added).toMatchObject({ special: false, interval_days: large, due_day: chinaDay(new Date()) });
    expect(await drift()).toEqual([]);
  });

  it('can be rebuilt from scratch to the same rows (the data migration, and bulk loads run without triggers)', async () => {
    const before = await q<Kept>(sql`${KEPT} ORDER BY household_id`);
    const [{ n }] = await q<{ n: string }>(sql`SELECT visit_due_rebuild() AS n`) as [{ n: string }];
    expect(Number(n)).toBe(before.length);
    expect(await q<Kept>(sql`${KEPT} ORDER BY household_id`)).toEqual(before);
  });
});
