import { intakeBench } from './intake.ts';
import { onScratchServerDatabase, runMain } from './scratch.ts';

/**
 * `npx tsx bench/src/intake.main.ts`: the intake benchmark alone, on a PostgreSQL server in a fresh
 * database seeded with the demo city — quick to repeat, and to run under `node --cpu-prof`.
 * `npm run bench` runs it on both databases.
 */
runMain(() => onScratchServerDatabase('intake', (database, vault) =>
  intakeBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10), label: 'server' })));
