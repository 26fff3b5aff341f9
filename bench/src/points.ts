import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { SYSTEM_ACTOR } from '@gongzhi/api/src/platform/authz/actor.ts';
import { buildApp } from '@gongzhi/api/src/app.ts';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import { creditServicePoints } from '@gongzhi/api/src/features/bank/bank.service.ts';
import { rates, report } from './measure.ts';

const DEMO_PASSWORD = 'gongzhi2026';

/**
 * Charity bank figure: points transactions per second through the API — a gift between two demo
 * residents (session, CSRF, idempotency, validation, both accounts locked FOR UPDATE, balance and cap
 * checks, transaction + two postings + audit row) — against a bare INSERT of two rows into a table
 * shaped like bank_postings, one at a time on one connection, alternating in half-second slices in the
 * same run; timed with process.hrtime.bigint.
 */
export async function pointsBench(database: Database, vault: Vault, opts: { seconds: number }) {
  const { db, pool } = database;
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-points-'));
  const app = await buildApp({ db, vault, storage: diskStorage(uploads), dbKind: 'embedded' }, { rateLimits: false });
  try {
    const signIn = async (phone: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { phone, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`points bench: sign-in ${phone}: ${res.statusCode}`);
      return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: (res.json() as { csrfToken: string }).csrfToken };
    };
    const people = await Promise.all(['13900000013', '13900000014'].map(async (phone) => {
      const [u] = (await pool.query<{ resident_id: string; region_path: string }>(
        'SELECT u.resident_id, r.region_path FROM users u JOIN residents r ON r.id = u.resident_id WHERE u.phone_hash = $1', [vault.hash(phone)])).rows;
      if (!u) throw new Error(`points bench: no resident behind ${phone}`);
      return { ...u, session: await signIn(phone) };
    }));
    // No cap in the bench district, and enough points on both sides to give back and forth.
    await pool.query(`INSERT INTO bank_rules (district_code, balance_cap, unlock_minutes, expiry) VALUES ($1, 1000000000000, 0, 'rollover')
      ON CONFLICT (district_code) DO UPDATE SET balance_cap = EXCLUDED.balance_cap`, [people[0]!.region_path.slice(0, 6)]);
    for (const p of people) {
      await db.transaction((tx) => creditServicePoints(tx, SYSTEM_ACTOR, { personId: p.resident_id, regionPath: p.region_path, minutes: 60 * 100_000, categoryCode: 'bench', sourceId: `bench-${uuidv7()}` }, new Date()));
    }
    let turn = 0;
    const gift = async () => {
      const from = people[turn % 2]!;
      const to = people[(turn + 1) % 2]!;
      turn++;
      const res = await app.inject({ method: 'POST', url: '/api/v1/bank/me/gifts', payload: { toPersonId: to.resident_id, points: 1 },
        headers: { cookie: from.session.cookie, 'x-csrf-token': from.session.csrf } });
      if (res.statusCode !== 201) throw new Error(`points bench: gift ${res.statusCode} ${res.body}`);
    };
    await pool.query('CREATE TABLE IF NOT EXISTS bench_bare_bank_postings (id bigserial PRIMARY KEY, transaction_id uuid NOT NULL, account_id uuid NOT NULL, amount bigint NOT NULL)');
    const [a, b] = [uuidv7(), uuidv7()];
    const bare = () => pool.query('INSERT INTO bench_bare_bank_postings (transaction_id, account_id, amount) VALUES ($1, $2, 1), ($1, $3, -1)', [uuidv7(), a, b]);
    const r = await rates({ gift, bare }, opts.seconds);
    report('points.gift.api_tx', 'tx/s', r.gift.rate, r.bare.rate, { connections: 1, baseline_is: 'bare INSERT of two rows', gifts: r.gift.calls });
  } finally {
    await app.close();
    fs.rmSync(uploads, { recursive: true, force: true });
  }
}

// `npx tsx bench/src/points.ts`: only this figure, on a fresh embedded PostgreSQL (or BENCH_DATABASE_URL).
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { startEmbedded, ensureDatabase } = await import('@gongzhi/api/src/platform/db/embedded.ts');
  const { openDatabase } = await import('@gongzhi/api/src/platform/db/client.ts');
  const { runMigrations } = await import('@gongzhi/api/src/platform/db/migrate.ts');
  const { Vault } = await import('@gongzhi/api/src/platform/crypto/vault.ts');
  const { generateCity } = await import('@gongzhi/api/src/seed/demo-city.ts');
  const { loadCity, isEmpty } = await import('@gongzhi/api/src/seed/load.ts');
  const dir = process.env.BENCH_DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-points-bench-'));
  const server = dir ? await startEmbedded(dir, { quiet: true }).catch((err: unknown) => { throw err ?? new Error('the embedded PostgreSQL did not start'); }) : null;
  if (server) await ensureDatabase(server.url('postgres'), 'bench');
  const database = openDatabase(process.env.BENCH_DATABASE_URL ?? server!.url('bench'), { max: 10 });
  const vault = new Vault(Buffer.from(crypto.getRandomValues(new Uint8Array(32))));
  try {
    await runMigrations(database.db);
    if (await isEmpty(database.db)) await loadCity(database.db, vault, generateCity());
    process.stderr.write('points bench: database ready\n');
    await pointsBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10) });
  } finally {
    await database.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
