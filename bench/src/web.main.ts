import { runMain } from './scratch.ts';
import { webBenchOnServer } from './web.ts';

/**
 * `npx tsx bench/src/web.main.ts`: the resident's phone pages alone (builds the web, serves it from a
 * fresh API on a PostgreSQL server seeded with the demo city, drives Debian's Chromium throttled).
 * `npm run bench` runs it too.
 */
runMain(() => webBenchOnServer());
