import pg from 'pg';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { intakeBench } from './intake.ts';
import { kpiBench } from './kpi.ts';
import { onScratchServerDatabase } from './scratch.ts';

/**
 * The same intake benchmark on a PostgreSQL server (BENCH_DATABASE_URL, else the machine's server on
 * 127.0.0.1:5432 when one answers), in a fresh database seeded with the demo city, and the KPI figures.
 */
export async function benchOnServer(vault: Vault) {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const probe = new pg.Client({ connectionString: admin });
  try {
    await probe.connect();
  } catch {
    process.stderr.write(`no PostgreSQL server at ${admin}; skipping the server figures\n`);
    return;
  } finally {
    await probe.end().catch(() => {});
  }
  await onScratchServerDatabase('server', async (database) => {
    await intakeBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10), label: 'server' });
    await kpiBench(database, { requests: Number(process.env.BENCH_KPI_REQUESTS ?? 10_000_000), queries: 300 });
  }, vault);
}
