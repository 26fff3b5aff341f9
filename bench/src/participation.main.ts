import { projectsBench } from './projects.ts';
import { checkinsBench } from './checkins.ts';
import { pointsBench } from './points.ts';
import { onScratchServerDatabase, runMain } from './scratch.ts';

/**
 * `npx tsx bench/src/participation.main.ts`: the participation benchmarks alone (residents' votes on a
 * project shortlist and the public projects page, activity check-ins, charity-bank points), on a
 * PostgreSQL server in a fresh database seeded with the demo city. `npm run bench` runs them too.
 */
runMain(() => onScratchServerDatabase('participation', async (database, vault) => {
  await projectsBench(database, vault, { residents: Number(process.env.BENCH_VOTERS ?? 3000), projects: 10_000 });
  await checkinsBench(database, vault, { people: Number(process.env.BENCH_CHECKINS ?? 2000), label: 'server' });
  await pointsBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10) });
}));
