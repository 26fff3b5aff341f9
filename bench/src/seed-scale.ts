import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '@gongzhi/api/src/platform/db/client.ts';
import { runMigrations } from '@gongzhi/api/src/platform/db/migrate.ts';
import { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { rawCopy, SCALES, seedAtScale, type Scale } from '@gongzhi/api/src/seed/scale.ts';
import { report } from './measure.ts';

/** Bytes as GiB with two decimals. */
const gb = (bytes: number) => Math.round((bytes / 2 ** 30) * 100) / 100;

/** A fresh, migrated database on the server behind `admin`; returns its URL. */
async function scratchDatabase(admin: pg.Client, adminUrl: string, name: string): Promise<string> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const d = openDatabase(url.toString(), { max: 2 });
  try { await runMigrations(d.db); } finally { await d.close(); }
  return url.toString();
}

/**
 * Generation of a synthetic city against raw COPY of the same rows. The seed writes every table's COPY
 * text to a folder as it streams it; the same text is then COPYed into the same tables of a second
 * scratch database, on one connection per table with indexes rebuilt the same way. Prints:
 * - seed.generate_vs_copy: generation + COPY until the last row is in, against raw COPY of the same text;
 * - seed.total_vs_copy: the whole seed (index rebuilds, catalogue, ANALYZE) against raw COPY + index rebuilds;
 * - seed.memory: the seed process's peak resident memory against the 512 MB budget.
 * BENCH_DATABASE_URL names the server (default the machine's 127.0.0.1:5432); BENCH_KEEP=1 keeps the databases.
 */
export async function seedScaleBench(scale: Scale): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-seed-'));
  const seeded = `gz_seed_${scale}_${process.pid}`, raw = `gz_seed_raw_${scale}_${process.pid}`;
  try {
    const vault = new Vault(Buffer.from(crypto.getRandomValues(new Uint8Array(32))));
    const database = openDatabase(await scratchDatabase(admin, adminUrl, seeded), { max: 4 });
    const seed = await seedAtScale(database, vault, scale, { tee: dir }).finally(() => database.close());
    const size = await admin.query<{ bytes: string }>('SELECT pg_database_size($1) AS bytes', [seeded]);
    const textBytes = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
    const copy = await rawCopy(await scratchDatabase(admin, adminUrl, raw), dir);
    const extra = { scale, residents: seed.residents, households: seed.households, workers: seed.workers, db_gb: gb(Number(size.rows[0]!.bytes)), copy_text_gb: gb(textBytes) };
    report('seed.generate_vs_copy', 's', seed.loadSeconds, copy.copySeconds, extra);
    report('seed.total_vs_copy', 's', seed.totalSeconds, copy.totalSeconds, extra);
    report('seed.memory', 'MB', seed.peakRssMb, 512, { scale });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP !== '1') {
      for (const name of [seeded, raw]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await admin.end();
  }
}

const invoked = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (invoked) {
  const at = process.argv.indexOf('--scale');
  const scale = (at > 0 ? process.argv[at + 1] : process.env.BENCH_SEED_SCALE ?? 'district') as Scale;
  if (!(SCALES as readonly string[]).includes(scale)) throw new Error(`--scale must be one of ${SCALES.join(', ')}`);
  seedScaleBench(scale).catch((err: unknown) => {
    process.stderr.write(`seed bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
