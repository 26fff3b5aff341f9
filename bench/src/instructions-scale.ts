import pg from 'pg';
import { ensureDatabase } from '@gongzhi/api/src/platform/db/embedded.ts';
import { openDatabase } from '@gongzhi/api/src/platform/db/client.ts';
import { runMigrations } from '@gongzhi/api/src/platform/db/migrate.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { SCALES, seedAtScale, type Scale } from '@gongzhi/api/src/seed/scale.ts';
import { instructionsBench } from './instructions.ts';

/** `--scale street|district|city` from the command line (default: district, the quick set). */
export function scaleArg(argv: string[] = process.argv): Scale {
  const i = argv.indexOf('--scale');
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--scale='))?.slice(8);
  if (v === undefined) return 'district';
  if (!(SCALES as readonly string[]).includes(v)) throw new Error(`--scale must be one of ${SCALES.join(', ')}`);
  return v as Scale;
}

/** The PostgreSQL server to use for the city (BENCH_DATABASE_URL, else the machine's on 5432), if one answers. */
async function serverAdminUrl(): Promise<string | null> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new pg.Client({ connectionString: url });
  try { await c.connect(); await c.end(); return url; } catch { return null; }
}

/**
 * The instruction figures on a generated organisation of `scale` (seedAtScale, COPY-based) in a
 * database of its own: the city on a PostgreSQL server when one answers, smaller scales on the
 * embedded server (`embeddedAdmin`). The database is kept between runs when `keep` (GONGZHI_BENCH_DATA),
 * so only the first run pays for the seed; otherwise it is dropped afterwards. `onServer` puts any
 * scale on the server (the bench run alone, instructions.main.ts).
 */
export async function instructionsAtScale(vault: Vault, opts: { scale: Scale; embeddedAdmin: string; keep: boolean; onServer?: boolean }) {
  const admin = (opts.scale === 'city' || opts.onServer ? await serverAdminUrl() : null) ?? opts.embeddedAdmin;
  const label = `${opts.scale}.${admin === opts.embeddedAdmin && !opts.onServer ? 'embedded' : 'server'}`;
  const name = opts.keep ? `bench_instructions_${opts.scale}` : `bench_instructions_${opts.scale}_${process.pid}`;
  await ensureDatabase(admin, name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), { max: 10 });
  try {
    await runMigrations(database.db);
    const empty = (await database.pool.query<{ e: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM regions) AS e')).rows[0]!.e;
    if (empty) {
      const r = await seedAtScale(database, vault, opts.scale);
      process.stderr.write(`${opts.scale} seeded for the instruction bench: ${r.households} households, ${r.workers} workers in ${Math.round(r.totalSeconds)} s\n`);
    }
    const full = opts.scale === 'city';
    await instructionsBench(database, vault, {
      label, acks: Number(process.env.BENCH_ACKS ?? (full ? 100_000 : 10_000)), rollups: Number(process.env.BENCH_ROLLUPS ?? (full ? 5000 : 1500)),
    });
  } finally {
    await database.close();
    if (!opts.keep) {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  }
}
