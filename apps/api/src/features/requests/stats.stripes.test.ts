import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { foldStatStripes } from './stats.ts';
import { STAT_STRIPES } from './requests.table.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const PATH = '510108999001001';
const upsert = `INSERT INTO request_stats_daily (day, region_path, department_key, received) VALUES ($1, '${PATH}', '', 1)
  ON CONFLICT (day, region_path, department_key, stripe) DO UPDATE SET received = request_stats_daily.received + 1`;

/** Two pooled connections whose backends land on different stripes. */
async function twoStripes(): Promise<[pg.PoolClient, pg.PoolClient]> {
  const held: pg.PoolClient[] = [];
  for (let i = 0; i < 6; i++) {
    const c = await ctx.database.pool.connect();
    held.push(c);
    const stripes = await Promise.all(held.map(async (h) => Number((await h.query('SELECT pg_backend_pid() % $1 AS s', [STAT_STRIPES])).rows[0].s)));
    const j = stripes.findIndex((s) => s !== stripes[held.length - 1]);
    if (j >= 0) {
      for (const h of held) if (h !== held[j] && h !== c) h.release();
      return [held[j]!, c];
    }
  }
  throw new Error('no two connections on different stripes');
}

const total = async (day: string) => Number((await ctx.database.pool.query(
  `SELECT coalesce(sum(received), 0)::int AS n FROM request_stats_daily WHERE region_path = '${PATH}' AND day = $1`, [day])).rows[0].n);

describe('request statistics stripes', () => {
  it('lets two uncommitted intakes of one grid on one day add to the bucket without waiting for each other', async () => {
    const [a, b] = await twoStripes();
    try {
      await a.query('BEGIN');
      await a.query(upsert, ['2026-11-02']);
      await b.query('BEGIN');
      // With one row per bucket this upsert waits for A's commit and fails on the timeout.
      await b.query("SET LOCAL lock_timeout = '500ms'");
      await b.query(upsert, ['2026-11-02']);
      await b.query('COMMIT');
      await a.query('COMMIT');
    } finally {
      a.release();
      b.release();
    }
    expect(await total('2026-11-02')).toBe(2);
  });

  it('folds past days into stripe 0 keeping every sum, and leaves today striped', async () => {
    const pool = ctx.database.pool;
    await pool.query(`INSERT INTO request_stats_daily (day, region_path, department_key, stripe, received, resolved, rated)
      VALUES ('2026-11-03', '${PATH}', '', 0, 5, 1, 0), ('2026-11-03', '${PATH}', '', 3, 2, 2, 1), ('2026-11-03', '${PATH}', '', 6, -1, 0, 0),
             ('2026-11-03', '${PATH}', 'dept', 4, 7, 0, 0), ('2026-11-04', '${PATH}', '', 2, 9, 0, 0)`);
    const folded = await foldStatStripes(ctx.database.db, '2026-11-04');
    expect(folded).toBeGreaterThanOrEqual(3);
    const rows = (await pool.query(`SELECT day::text, department_key, stripe, received, resolved, rated FROM request_stats_daily
      WHERE region_path = '${PATH}' AND day IN ('2026-11-03', '2026-11-04') ORDER BY day, department_key, stripe`)).rows;
    expect(rows).toEqual([
      { day: '2026-11-03', department_key: '', stripe: 0, received: '6', resolved: '3', rated: '1' },
      { day: '2026-11-03', department_key: 'dept', stripe: 0, received: '7', resolved: '0', rated: '0' },
      { day: '2026-11-04', department_key: '', stripe: 2, received: '9', resolved: '0', rated: '0' },
    ]);
    expect(await foldStatStripes(ctx.database.db, '2026-11-04')).toBe(0);
  });
});
