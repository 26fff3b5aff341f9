/**
 * Crash test (`npm run test:crash`): runs the API as a child process on loopback, drives a bounded
 * write load at it, kills it with SIGKILL midway (with its embedded PostgreSQL, like a power cut),
 * restarts it and checks that every write answered 2xx is there, and that every funds transaction
 * still sums to zero. Zero lost, or the exit code is 1.
 *
 *   CRASH_WRITES   writes to attempt (default 10000; CI runs a reduced size)
 *   DATABASE_URL   run against this PostgreSQL server (a fresh database is created on it and dropped);
 *                  without it the embedded database runs in a temporary folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbedded } from '../../src/platform/db/embedded.ts';

const WRITES = Number(process.env.CRASH_WRITES ?? 10_000);
const CONCURRENCY = 16;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = path.join(root, 'apps/api/bin/gongzhi.mjs');
const WORKER = { phone: '13900000005', password: 'gongzhi2026' };

const log = (msg: string) => process.stdout.write(`[crash] ${msg}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

/** The database the child uses: a fresh one on the server, or an embedded cluster in a temp folder. */
async function prepare(): Promise<{ env: Record<string, string>; url: () => Promise<string>; cleanup: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (server) {
    const name = `gz_crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-crash-'));
    return {
      env: { DATABASE_URL: u.toString(), GONGZHI_DATA: dataDir }, url: async () => u.toString(),
      cleanup: async () => { await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await admin.end(); fs.rmSync(dataDir, { recursive: true, force: true }); },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-crash-'));
  let stop: (() => Promise<void>) | undefined;
  return {
    env: { GONGZHI_DATA: dataDir, DATABASE_URL: '' },
    url: async () => { const e = await startEmbedded(dataDir, { quiet: true }); stop = e.owned ? e.stop : stop; return e.url(); },
    cleanup: async () => { await stop?.(); fs.rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** Starts the API in its own process group (so SIGKILL takes its embedded PostgreSQL too) and waits for health. */
async function start(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
    detached: true, stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => { if (process.env.CRASH_VERBOSE) process.stderr.write(d); });
  child.once('exit', (code, signal) => { if (!killed.has(child)) log(`the API process exited by itself (code ${code}, signal ${signal})`); });
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode} while starting`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('API did not become healthy in 5 minutes');
}

/** Children this script killed on purpose; any other exit of the API is reported. */
const killed = new WeakSet<ChildProcess>();

function kill(child: ChildProcess): Promise<void> {
  killed.add(child);
  return new Promise((resolve) => {
    // An 'exit' that already happened will not be emitted again: waiting for it would hang.
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGKILL');
  });
}

async function main() {
  const db = await prepare();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  log(`${WRITES} writes, ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PostgreSQL'}, port ${port}`);
  let child = await start(db.env, port);
  let failed = false;
  try {
    const signIn = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(WORKER) });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const homes = (await (await fetch(`${base}/api/v1/households?limit=50`, { headers })).json()) as { items: { id: string }[] };
    if (!homes.items.length) throw new Error('the worker sees no households');

    const acked: string[] = [];
    let attempted = 0;
    let errors = 0;
    let killedAt = -1;
    let restarting: Promise<void> | null = null;
    const one = async (i: number) => {
      const body = { householdId: homes.items[i % homes.items.length]!.id, name: `压测${i}`, relation: '其他', tags: [] };
      try {
        const res = await fetch(`${base}/api/v1/residents`, { method: 'POST', headers: { ...headers, 'idempotency-key': `crash-${i}` }, body: JSON.stringify(body) });
        if (res.status >= 200 && res.status < 300) acked.push(((await res.json()) as { id: string }).id);
        else errors++;
      } catch {
        errors++; // no answer: the outcome is unknown, so it is not counted as acknowledged
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (attempted < WRITES) {
        if (restarting) { await restarting; continue; }
        const i = attempted++;
        if (i === Math.floor(WRITES / 2) && killedAt < 0) {
          killedAt = acked.length;
          log(`SIGKILL after ${acked.length} acknowledged writes (${i} attempted)`);
          restarting = (async () => {
            await kill(child);
            child = await start(db.env, port);
            log('restarted');
            restarting = null;
          })();
        }
        await one(i);
      }
    });
    await Promise.all(workers);
    log(`attempted ${attempted}, acknowledged ${acked.length}, unanswered or refused ${errors}`);

    const client = new pg.Client({ connectionString: await db.url() });
    await client.connect();
    const { rows } = await client.query<{ id: string }>('SELECT id::text FROM residents WHERE id = ANY($1::uuid[])', [acked]);
    const present = new Set(rows.map((r) => r.id));
    const lost = acked.filter((id) => !present.has(id));
    log(`lost ${lost.length} of ${acked.length} acknowledged writes`);
    if (lost.length) { failed = true; log(`lost ids: ${lost.slice(0, 10).join(', ')}`); }
    // The funds ledger (when that feature is installed): every transaction's postings sum to zero.
    const ledger = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'postings'");
    if (ledger.rowCount) {
      const all = await client.query<{ n: string }>('SELECT count(DISTINCT transaction_id)::text AS n FROM postings');
      const unbalanced = await client.query('SELECT transaction_id FROM postings GROUP BY transaction_id HAVING sum(amount) <> 0');
      log(`funds: ${all.rows[0]!.n} ledger transactions, ${unbalanced.rowCount} unbalanced`);
      if (unbalanced.rowCount) failed = true;
    }
    await client.end();
    if (killedAt < 0) { failed = true; log('the API was never killed'); }
  } finally {
    if (child.exitCode === null) await kill(child);
    await db.cleanup();
  }
  log(failed ? 'FAILED' : 'passed: zero lost');
  process.exit(failed ? 1 : 0);
}

// Node ends quietly with code 0 when nothing is left to wait for; a run that stops before its
// verdict (a promise that never settles) must fail instead of passing unseen.
process.on('beforeExit', () => { log('FAILED: the run ended before its verdict'); process.exit(1); });
main().catch((err) => { process.stderr.write(`[crash] ${(err as Error).stack}\n`); process.exit(1); });
