import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import { buildApp } from '@gongzhi/api/src/app.ts';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { quantile, report, timeCalls } from './measure.ts';

const BARE_SQL = `
  SELECT r.id, r.household_id, r.region_id, g.name AS region_name, r.name, r.gender, r.birth_date, r.id_masked, r.phone_masked,
         r.relation, r.tags, h.address
  FROM residents r JOIN households h ON h.id = r.household_id JOIN regions g ON g.id = r.region_id
  WHERE r.region_path LIKE $1 AND r.moved_out_at IS NULL
  ORDER BY r.region_path, r.name, r.id LIMIT 200`;
const BARE_COUNT = `SELECT count(*)::int AS n FROM residents r WHERE r.region_path LIKE $1 AND r.moved_out_at IS NULL`;

/**
 * A grid worker lists the first 200 residents of their grid through the whole API (session lookup,
 * scope filter in SQL, masking, JSON serialisation) against the bare SQL doing the same read
 * (the same page and total) on the same pool.
 */
export async function residentsListBench(database: Database, vault: Vault, opts: { runs: number }) {
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { phone: '13900000006', password: 'gongzhi2026' } });
    if (login.statusCode !== 200) throw new Error(`bench sign-in failed: ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const gridCode = (login.json() as { grants: { regionPath: string }[] }).grants[0]!.regionPath;
    const gridId = ((await database.pool.query('SELECT id FROM regions WHERE code = $1', [gridCode])).rows[0] as { id: string }).id;
    const url = `/api/v1/residents?regionId=${gridId}&limit=200`;
    const first = await app.inject({ method: 'GET', url, headers: { cookie } });
    const { total } = first.json() as { total: number };
    const streetTotal = ((await database.pool.query('SELECT count(*)::int AS n FROM residents')).rows[0] as { n: number }).n;

    const api = await timeCalls(async () => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(res.body);
    }, opts.runs);
    const client: pg.Pool = database.pool;
    const bare = await timeCalls(async () => {
      await Promise.all([client.query(BARE_SQL, [`${gridCode}%`]), client.query(BARE_COUNT, [`${gridCode}%`])]);
    }, opts.runs);
    const extra = { runs: opts.runs, gridResidents: total, streetResidents: streetTotal };
    report('residents.list.grid.median', 'ms/request', quantile(api, 0.5), quantile(bare, 0.5), extra);
    report('residents.list.grid.p95', 'ms/request', quantile(api, 0.95), quantile(bare, 0.95), extra);
  } finally {
    await app.close();
  }
}
