import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { instructionsAtScale, scaleArg } from './instructions-scale.ts';
import { runMain } from './scratch.ts';

/**
 * `npx tsx bench/src/instructions.main.ts [--scale street|district|city]`: the instruction benches
 * alone (dispatch against COPY of a row per household, acknowledgements against a bare route, the
 * roll-up while they stream in) on the PostgreSQL server (BENCH_DATABASE_URL, else 127.0.0.1:5432).
 * BENCH_KEEP=1 keeps the generated database (and the key that encrypted it, in the temp folder), so
 * only the first run pays for the seed. `npm run bench` runs them too, on the embedded database.
 */
runMain(async () => {
  const keep = Boolean(process.env.BENCH_KEEP);
  const keyFile = path.join(os.tmpdir(), 'gongzhi-bench-instructions.key');
  if (keep && !fs.existsSync(keyFile)) fs.writeFileSync(keyFile, randomBytes(32).toString('base64'));
  const vault = new Vault(keep ? Buffer.from(fs.readFileSync(keyFile, 'utf8'), 'base64') : randomBytes(32));
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  await instructionsAtScale(vault, { scale: scaleArg(), embeddedAdmin: admin, keep, onServer: true });
});
