import pg from 'pg';
import { openDatabase } from '@gongzhi/api/src/platform/db/client.ts';
import { runMigrations } from '@gongzhi/api/src/platform/db/migrate.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { generateCity } from '@gongzhi/api/src/seed/demo-city.ts';
import { loadCity } from '@gongzhi/api/src/seed/load.ts';
import { intakeBench } from './intake.ts';
import { kpiBench } from './kpi.ts';

/**
 * The same intake benchmark on a PostgreSQL server (BENCH_DATABASE_URL, else the machine's server on
 * 127.0.0.1:5432 when one answers), in a fresh database seeded with the demo city.
 */
export async function benchOnServer(vault: Vault) {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch {
    process.stderr.write(`no PostgreSQL server at ${admin}; skipping the server figures\n`);
    return;
  }
  const name = `gz_bench_${process.pid}`;
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), { max: 10 });
  try {
    await runMigrations(database.db);
    await loadCity(database.db, vault, generateCity());
    await intakeBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10), label: 'server' });
    await kpiBench(database, { requests: Number(process.env.BENCH_KPI_REQUESTS ?? 10_000_000), queries: 300 });
  } finally {
    await database.close();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
}
