import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbedded, ensureDatabase } from '@gongzhi/api/src/platform/db/embedded.ts';
import { openDatabase } from '@gongzhi/api/src/platform/db/client.ts';
import { runMigrations } from '@gongzhi/api/src/platform/db/migrate.ts';
import { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { generateCity, STREET_SHAPE } from '@gongzhi/api/src/seed/demo-city.ts';
import { isEmpty, loadCity } from '@gongzhi/api/src/seed/load.ts';
import { residentsListBench } from './residents-list.ts';
import { intakeBench } from './intake.ts';
import { assemblyBench } from './assembly.ts';
import { benchOnServer } from './server.ts';
import { instructionsAtScale, scaleArg } from './instructions-scale.ts';
import { fundsBench } from './funds.ts';
import { pointsBench } from './points.ts';
import { checkinsBench } from './checkins.ts';
import { seedScaleBench } from './seed-scale.ts';
import { webBenchOnServer } from './web.ts';
import { projectsBench } from './projects.ts';
import { visitsAtScale } from './visits.ts';

/**
 * `npm run bench`: builds a 300,000-resident street on the embedded PostgreSQL (kept in
 * GONGZHI_BENCH_DATA between runs when set, else a temporary folder) and prints one JSON line per figure.
 */
async function main() {
  const keep = process.env.GONGZHI_BENCH_DATA;
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const server = await startEmbedded(dir, { quiet: true });
  await ensureDatabase(server.url('postgres'), 'bench');
  const database = openDatabase(server.url('bench'), { max: 10 });
  const keyFile = path.join(dir, 'bench.key');
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64'));
  const vault = new Vault(Buffer.from(fs.readFileSync(keyFile, 'utf8'), 'base64'));
  try {
    await runMigrations(database.db);
    if (await isEmpty(database.db)) {
      const t0 = Date.now();
      const counts = await loadCity(database.db, vault, generateCity(STREET_SHAPE));
      await database.pool.query('ANALYZE');
      process.stderr.write(`street seeded: ${counts.residents} residents, ${counts.households} households in ${Math.round((Date.now() - t0) / 1000)} s\n`);
    }
    await residentsListBench(database, vault, { runs: Number(process.env.BENCH_RUNS ?? 300) });
    await intakeBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10), label: 'embedded' });
    await assemblyBench(database, vault, { owners: Number(process.env.BENCH_OWNERS ?? 3000), label: 'embedded' });
    await projectsBench(database, vault, { residents: Number(process.env.BENCH_VOTERS ?? 3000), projects: 10_000 });
    await checkinsBench(database, vault, { people: Number(process.env.BENCH_CHECKINS ?? 2000), label: 'embedded' });
    await fundsBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10), postings: Number(process.env.BENCH_FUND_POSTINGS ?? 1_000_000), runs: 300 });
    await pointsBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10) });
    // Instructions to every door on a generated district (`--scale city`: Chengdu on a PostgreSQL server).
    await instructionsAtScale(vault, { scale: scaleArg(), embeddedAdmin: server.url('postgres'), keep: Boolean(keep) });
    // Visit coverage of the generated district by grid and by worker, kept rows against the per-view computation.
    await visitsAtScale(vault, { scale: 'district', admin: server.url('postgres'), label: 'embedded', keep: Boolean(keep) });
  } finally {
    await database.close();
    await server.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  await benchOnServer(vault);
  // The resident's phone pages, throttled to slow 4G and a 4× slower CPU, against the same pages uncompressed.
  await webBenchOnServer(vault);
  // Generation of the synthetic city against raw COPY of the same rows (full set only: it seeds the city twice over).
  if (scaleArg() === 'city') await seedScaleBench('city');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
