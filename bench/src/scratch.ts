import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '@gongzhi/api/src/platform/db/client.ts';
import { runMigrations } from '@gongzhi/api/src/platform/db/migrate.ts';
import { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { generateCity } from '@gongzhi/api/src/seed/demo-city.ts';
import { loadCity } from '@gongzhi/api/src/seed/load.ts';

/**
 * Runs `fn` on a fresh database of a PostgreSQL server (BENCH_DATABASE_URL, else 127.0.0.1:5432),
 * migrated and seeded with the demo city, then drops it (BENCH_KEEP=1 keeps it, for looking at query
 * plans afterwards). For the benchmarks that can run alone: `npx tsx bench/src/<name>.main.ts`.
 */
export async function onScratchServerDatabase(label: string, fn: (database: Database, vault: Vault) => Promise<void>, vault = new Vault(randomBytes(32))) {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const name = `gz_bench_${label}_${process.pid}`;
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), { max: 10 });
  try {
    await runMigrations(database.db);
    await loadCity(database.db, vault, generateCity());
    await database.pool.query('ANALYZE');
    await fn(database, vault);
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else process.stderr.write(`kept database ${name}\n`);
    await client.end();
  }
}

/** Runs a benchmark's main, reporting a failure on stderr with a non-zero exit. */
export function runMain(main: () => Promise<void>) {
  main().catch((err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
