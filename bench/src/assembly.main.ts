import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '@gongzhi/api/src/platform/db/client.ts';
import { runMigrations } from '@gongzhi/api/src/platform/db/migrate.ts';
import { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { generateCity } from '@gongzhi/api/src/seed/demo-city.ts';
import { loadCity } from '@gongzhi/api/src/seed/load.ts';
import { assemblyBench } from './assembly.ts';

/**
 * `npx tsx bench/src/assembly.main.ts`: the owners' assembly benchmark alone, on a PostgreSQL server
 * (BENCH_DATABASE_URL, else 127.0.0.1:5432) in a fresh database seeded with the demo city. `npm run
 * bench` runs it too, on the embedded database.
 */
async function main() {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const name = `gz_bench_assembly_${process.pid}`;
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), { max: 10 });
  const vault = new Vault(randomBytes(32));
  try {
    await runMigrations(database.db);
    await loadCity(database.db, vault, generateCity());
    await assemblyBench(database, vault, { owners: Number(process.env.BENCH_OWNERS ?? 3000), label: 'server' });
  } finally {
    await database.close();
    // BENCH_KEEP=1 leaves the database for looking at query plans afterwards.
    if (!process.env.BENCH_KEEP) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else process.stderr.write(`kept database ${name}\n`);
    await client.end();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
