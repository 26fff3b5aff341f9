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
import { benchOnServer } from './server.ts';

/**
 * `npm run bench`: builds a 300,000-resident street on the embedded PostgreSQL (kept in
 * GONGZHI_BENCH_DATA between runs when set, else a temporary folder) and prints one JSON line per figure.
 */
async function main() {
  const keep = process.env.GONGZHI_BENCH_DATA;
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
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
  } finally {
    await database.close();
    await server.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  await benchOnServer(vault);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
