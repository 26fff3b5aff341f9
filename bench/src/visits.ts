import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chinaDay } from '@gongzhi/core';
import { buildApp } from '@gongzhi/api/src/app.ts';
import { ensureDatabase } from '@gongzhi/api/src/platform/db/embedded.ts';
import { openDatabase, type Database } from '@gongzhi/api/src/platform/db/client.ts';
import { runMigrations } from '@gongzhi/api/src/platform/db/migrate.ts';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { seedAtScale, type Scale } from '@gongzhi/api/src/seed/scale.ts';
import { quantile, report, timeCalls, timed } from './measure.ts';

/**
 * The per-view computation coverage replaced (commit fb376a5, visits/due.repository.ts `coverageByPath`):
 * every household under the prefix with its community's rule, special members and last visit, hash
 * joined, grouped by micro-grid. Kept here as the bench's baseline only.
 */
const PER_VIEW_SQL = `
  WITH hh AS (
    SELECT h.id, h.region_path, h.created_at, left(h.region_path, 12) AS community FROM households h WHERE h.moved_out_at IS NULL AND h.region_path LIKE $1
  ), comm AS MATERIALIZED (
    SELECT c.community, vr.size, vr.large_days, vr.small_days, vr.special_days, vr.special_tags,
           (SELECT count(*) FROM households x WHERE x.region_path ~>=~ c.community AND x.region_path ~<~ (c.community || ':') AND x.moved_out_at IS NULL) AS n
      FROM (SELECT DISTINCT community FROM hh) c LEFT JOIN visit_rules vr ON vr.region_path = c.community
  ), rule AS MATERIALIZED (
    SELECT community, CASE WHEN size = 'large' OR (coalesce(size, 'auto') = 'auto' AND n >= 1000) THEN coalesce(large_days, 60) ELSE coalesce(small_days, 30) END AS regular_days,
           coalesce(special_days, 1) AS special_days, coalesce(special_tags, '{elderly_alone,disabled}'::text[]) AS special_tags FROM comm
  ), sp AS MATERIALIZED (
    SELECT DISTINCT m.household_id FROM residents m JOIN rule r ON r.community = left(m.region_path, 12)
     WHERE m.moved_out_at IS NULL AND m.tags && r.special_tags AND m.region_path LIKE $1
  ), lv AS MATERIALIZED (
    SELECT v.household_id, max(v.visited_at) AS last_visit_at FROM visits v WHERE v.outcome = 'visited' AND v.region_path LIKE $1 GROUP BY v.household_id
  ), x AS (
    SELECT hh.*, r.regular_days, r.special_days, sp.household_id IS NOT NULL AS special, lv.last_visit_at
      FROM hh JOIN rule r USING (community) LEFT JOIN sp ON sp.household_id = hh.id LEFT JOIN lv ON lv.household_id = hh.id
  ), d AS (
    SELECT x.*, CASE WHEN last_visit_at IS NULL THEN (created_at AT TIME ZONE 'Asia/Shanghai')::date
                     ELSE (last_visit_at AT TIME ZONE 'Asia/Shanghai')::date + CASE WHEN special THEN special_days ELSE regular_days END END AS due_day
      FROM x
  ), s AS (SELECT d.*, $2::date - d.due_day AS late FROM d)
  SELECT region_path, count(*)::int AS households, count(*) FILTER (WHERE late > 0)::int AS overdue, count(*) FILTER (WHERE late = 0)::int AS due,
         count(*) FILTER (WHERE special)::int AS special, count(*) FILTER (WHERE special AND late > 0)::int AS special_overdue
    FROM s GROUP BY region_path`;

/** The old view's other half, unchanged: grid workers bound under the prefix with their visits of 30 days. */
const WORKERS_SQL = `SELECT u.id AS user_id, u.name, array_agg(DISTINCT ra.region_path) AS paths,
    (SELECT count(*) FROM visits v WHERE v.worker_user_id = u.id AND v.visited_at > $2::date - 30)::int AS visits30d
  FROM role_assignments ra JOIN users u ON u.id = ra.user_id AND u.disabled_at IS NULL
  WHERE ra.role = 'grid_worker' AND ra.region_path IS NOT NULL AND ra.region_path LIKE $1 GROUP BY u.id, u.name ORDER BY u.name LIMIT 20000`;

/**
 * Visits for about 40% of the households, dated over the last 60 days by a worker of their own
 * micro-grid (none for the rest: due since registration), in one statement so the triggers keep
 * visit_due in one set-based pass. Returns the rows and seconds (visits and kept rows together).
 */
async function recordVisits(database: Database): Promise<{ rows: number; seconds: number }> {
  const { result, seconds } = await timed(() => database.pool.query(`
    INSERT INTO visits (id, household_id, region_id, region_path, district_code, worker_user_id, visited_at, outcome)
    SELECT gen_random_uuid(), h.id, h.region_id, h.region_path, h.district_code,
           coalesce((SELECT ra.user_id FROM role_assignments ra WHERE ra.role = 'grid_worker' AND ra.region_path = h.region_path LIMIT 1), gen_random_uuid()),
           now() - (random() * interval '60 days'), CASE WHEN random() < 0.9 THEN 'visited' ELSE 'not_home' END
      FROM households h WHERE h.moved_out_at IS NULL AND random() < 0.4`));
  await database.pool.query('ANALYZE visits; ANALYZE visit_due');
  return { rows: result.rowCount ?? 0, seconds };
}

/**
 * A district officer's coverage of the whole generated district (by grid and by worker) through the
 * API, kept rows (`visit_due`), against the per-view computation it replaced on the same data and pool:
 * `visits.coverage.district.<db>.p95_ms`, ratio = API p95 / per-view p95.
 */
export async function visitsBench(database: Database, vault: Vault, opts: { label: string; runs: number; baselineRuns: number }) {
  const [{ n }] = (await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM visits')).rows as [{ n: number }];
  if (n === 0) {
    const v = await recordVisits(database);
    process.stderr.write(`visits bench: ${v.rows} visits recorded (visit_due kept by triggers) in ${v.seconds.toFixed(1)} s\n`);
  }
  const district = (await database.pool.query<{ id: string; code: string }>("SELECT id, code FROM regions WHERE level = 'district' ORDER BY code LIMIT 1")).rows[0]!;
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' });
  try {
    // The first district officer of the generated organisation (emitAccount: prefix 75).
    const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { phone: '17500000001', password: 'gongzhi2026' } });
    if (login.statusCode !== 200) throw new Error(`bench sign-in failed: ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const url = `/api/v1/visits/coverage?regionId=${district.id}`;
    let shape = { grids: 0, workers: 0, households: 0, overdue: 0 };
    const api = await timeCalls(async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(res.body);
      const c = res.json() as { byGrid: unknown[]; byWorker: unknown[]; totals: { households: number; overdue: number } };
      shape = { grids: c.byGrid.length, workers: c.byWorker.length, households: c.totals.households, overdue: c.totals.overdue };
    }, opts.runs);
    const args = [`${district.code}%`, chinaDay(new Date())];
    let perViewHouseholds = 0, perViewOverdue = 0;
    const perView = await timeCalls(async () => {
      const [rows] = await Promise.all([database.pool.query<{ households: number; overdue: number }>(PER_VIEW_SQL, args), database.pool.query(WORKERS_SQL, args)]);
      perViewHouseholds = rows.rows.reduce((s, r) => s + r.households, 0);
      perViewOverdue = rows.rows.reduce((s, r) => s + r.overdue, 0);
    }, opts.baselineRuns, 1);
    // Both read the same coverage: a bench that counted something else would be no comparison.
    if (perViewHouseholds !== shape.households || perViewOverdue !== shape.overdue) {
      throw new Error(`kept coverage ${shape.households}/${shape.overdue} differs from the per-view computation ${perViewHouseholds}/${perViewOverdue}`);
    }
    const extra = { runs: opts.runs, baselineRuns: opts.baselineRuns, median_ms: Math.round(quantile(api, 0.5) * 10) / 10, baselineMedian_ms: Math.round(quantile(perView, 0.5)), ...shape };
    report(`visits.coverage.district.${opts.label}.p95_ms`, 'ms', quantile(api, 0.95), quantile(perView, 0.95), extra);
  } finally {
    await app.close();
  }
}

/**
 * The coverage figure on a generated district in a database of its own on the embedded server (kept
 * between runs as `bench_visits_<scale>` when `keep`, so only the first run pays for the seed).
 */
export async function visitsAtScale(vault: Vault, opts: { scale: Scale; admin: string; label: string; keep: boolean }) {
  const name = opts.keep ? `bench_visits_${opts.scale}` : `bench_visits_${opts.scale}_${process.pid}`;
  await ensureDatabase(opts.admin, name);
  const url = new URL(opts.admin);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), { max: 10 });
  try {
    await runMigrations(database.db);
    const empty = (await database.pool.query<{ e: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM regions) AS e')).rows[0]!.e;
    if (empty) {
      const r = await seedAtScale(database, vault, opts.scale);
      process.stderr.write(`${opts.scale} seeded for the visits bench: ${r.households} households in ${Math.round(r.totalSeconds)} s\n`);
    }
    await visitsBench(database, vault, { label: opts.label, runs: Number(process.env.BENCH_COVERAGE_RUNS ?? 100), baselineRuns: Number(process.env.BENCH_COVERAGE_BASELINE_RUNS ?? 10) });
  } finally {
    await database.close();
    if (!opts.keep) {
      const c = new pg.Client({ connectionString: opts.admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  }
}
