import { assemblyBench } from './assembly.ts';
import { onScratchServerDatabase, runMain } from './scratch.ts';

/**
 * `npx tsx bench/src/assembly.main.ts`: the owners' assembly benchmark alone, on a PostgreSQL server
 * in a fresh database seeded with the demo city. `npm run bench` runs it too, on the embedded database.
 */
runMain(() => onScratchServerDatabase('assembly', (database, vault) =>
  assemblyBench(database, vault, { owners: Number(process.env.BENCH_OWNERS ?? 3000), label: 'server' })));
