import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { runMain } from './scratch.ts';
import { visitsAtScale } from './visits.ts';

/**
 * `npx tsx bench/src/visits.main.ts`: the coverage figure alone, on a generated district in a database
 * of a PostgreSQL server (BENCH_DATABASE_URL, else 127.0.0.1:5432), dropped afterwards unless
 * BENCH_KEEP=1 (then kept as bench_visits_district, and the next run skips the seed).
 * `npm run bench` runs it on the embedded server.
 */
// A kept database needs the key it was sealed with (accounts are found by their phone's keyed hash).
const keyFile = path.join(os.tmpdir(), 'gongzhi-bench-visits.key');
if (process.env.BENCH_KEEP && !fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(32).toString('base64'));
const key = process.env.BENCH_KEEP ? Buffer.from(fs.readFileSync(keyFile, 'utf8'), 'base64') : randomBytes(32);

runMain(() => visitsAtScale(new Vault(key), {
  scale: 'district', admin: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', label: 'server', keep: Boolean(process.env.BENCH_KEEP),
}));
