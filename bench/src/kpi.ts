import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import { ratesFor } from '@gongzhi/api/src/features/requests/kpi.ts';
import { quantile, report, timeCalls } from './measure.ts';

const DAY = 86_400_000;
/** A Chengdu-like tree of codes: 20 districts × 13 streets × 12 communities × 1 grid ≈ 3,120 grids. */
function gridCodes(): string[] {
  const out: string[] = [];
  for (let d = 1; d <= 20; d++) for (let s = 1; s <= 13; s++) for (let c = 1; c <= 12; c++) {
    out.push(`5101${String(d).padStart(2, '0')}${String(s).padStart(3, '0')}${String(c).padStart(3, '0')}001`);
  }
  return out;
}

/** Streams `count` synthetic requests spread over a year and the grids into `requests` with COPY. */
async function loadRequests(pool: pg.Pool, count: number, grids: string[]) {
  const client = await pool.connect();
  try {
    const start = Date.UTC(2025, 0, 1);
    let i = 0;
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
    const rows = new Readable({
      read() {
        for (let k = 0; k < 5000 && i < count; k++, i++) {
          const created = new Date(start + Math.floor(rnd() * 365 * DAY));
          const grid = grids[Math.floor(rnd() * grids.length)]!;
          const responded = rnd() < 0.97;
          const replied = responded && rnd() < 0.9;
          const rating = replied && rnd() < 0.6 ? 1 + Math.floor(rnd() * 5) : '\\N';
          const state = replied ? (rating === '\\N' ? 'closed' : 'rated') : responded ? 'in_progress' : 'received';
          const due = new Date(created.getTime() + 2 * 3_600_000).toISOString();
          this.push([uuidv7(), `B${i}`, grid.slice(0, 6), grid, 'bench', 'web', state, due, new Date(created.getTime() + 7 * DAY).toISOString(),
            responded ? new Date(created.getTime() + rnd() * 3 * 3_600_000).toISOString() : '\\N',
            replied ? new Date(created.getTime() + rnd() * 9 * DAY).toISOString() : '\\N', rating, created.toISOString()].join('\t') + '\n');
        }
        if (i >= count) this.push(null);
      },
    });
    await pipeline(rows, client.query(copyFrom(
      'COPY requests (id, number, district_code, region_path, description, channel, state, respond_due_at, resolve_due_at, responded_at, replied_at, rating, created_at) FROM STDIN')));
  } finally {
    client.release();
  }
}

/** Builds the daily counts from the requests in one pass, with the same rules as the live maintenance. */
async function rollUp(pool: pg.Pool) {
  await pool.query(`
    INSERT INTO request_stats_daily (day, region_path, department_key, received, responded, responded_on_time, resolved, resolved_on_time, rated, satisfied)
    SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date, region_path, coalesce(department_id::text, ''), count(*),
      count(responded_at), count(*) FILTER (WHERE responded_at <= respond_due_at),
      count(*) FILTER (WHERE state IN ('replied','verified','closed','rated') AND replied_at IS NOT NULL),
      count(*) FILTER (WHERE state IN ('replied','verified','closed','rated') AND replied_at <= resolve_due_at),
      count(rating), count(*) FILTER (WHERE rating >= 4)
    FROM requests WHERE number LIKE 'B%' GROUP BY 1, 2, 3
    ON CONFLICT (day, region_path, department_key) DO NOTHING`);
  await pool.query('ANALYZE requests; ANALYZE request_stats_daily');
}

/**
 * The three rates for random nodes of a city tree (district, street, community or grid) over random
 * periods, read from the daily counts, against a plain indexed count of the same requests.
 */
export async function kpiBench(database: Database, opts: { requests: number; queries: number }) {
  const grids = gridCodes();
  const { rows: [have] } = await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM requests WHERE number LIKE 'B%'`);
  if (Number(have!.n) < opts.requests) {
    const t0 = Date.now();
    await loadRequests(database.pool, opts.requests - Number(have!.n), grids);
    await database.pool.query('TRUNCATE request_stats_daily');
    await rollUp(database.pool);
    process.stderr.write(`kpi: ${opts.requests} requests loaded and rolled up in ${Math.round((Date.now() - t0) / 1000)} s\n`);
  }
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const cases = Array.from({ length: opts.queries }, () => {
    const grid = grids[Math.floor(rnd() * grids.length)]!;
    const path = grid.slice(0, [6, 9, 12, 15][Math.floor(rnd() * 4)]);
    const from = Date.UTC(2025, 0, 1) + Math.floor(rnd() * 300) * DAY;
    const to = from + Math.floor(1 + rnd() * 64) * DAY;
    return { path, from: new Date(from).toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10) };
  });
  let k = 0;
  const rates = await timeCalls(() => ratesFor(database.db, cases[k++ % cases.length]!), opts.queries, 20);
  k = 0;
  const counts = await timeCalls(async () => {
    const c = cases[k++ % cases.length]!;
    await database.pool.query(`SELECT count(*) FROM requests WHERE region_path LIKE $1 AND created_at >= $2::date AND created_at < $3::date + 1`, [`${c.path}%`, c.from, c.to]);
  }, opts.queries, 20);
  const extra = { requests: opts.requests, queries: opts.queries, grids: grids.length };
  report('requests.kpi.rates.p95', 'ms', quantile(rates, 0.95), quantile(counts, 0.95), extra);
  report('requests.kpi.rates.p50', 'ms', quantile(rates, 0.5), quantile(counts, 0.5), extra);
}
