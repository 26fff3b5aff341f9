import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { TRIAGE_TEST_SET } from '@gongzhi/core';
import { buildApp } from '@gongzhi/api/src/app.ts';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import { lockWaitsDuring, report } from './measure.ts';

/** Points in the middle of every micro-grid, so each request is placed by `locate`. */
async function points(database: Database): Promise<{ lat: number; lng: number }[]> {
  const rows = await database.pool.query<{ min_lat: number; max_lat: number; min_lng: number; max_lng: number }>(
    "SELECT min_lat, max_lat, min_lng, max_lng FROM regions WHERE level = 'microgrid' AND boundary IS NOT NULL LIMIT 500");
  return rows.rows.map((r) => ({ lat: (r.min_lat + r.max_lat) / 2, lng: (r.min_lng + r.max_lng) / 2 }));
}

/**
 * Loads `url` from a worker thread, so the load generator does not compete with the server under test
 * for the main thread. Bodies are built beforehand and cycled, since functions cannot cross to a worker.
 */
function load(url: string, headers: Record<string, string>, bodies: string[], seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections: 16, duration: seconds, workers: 1, method: 'POST', headers: { 'content-type': 'application/json', ...headers },
      requests: bodies.map((body) => ({ method: 'POST', body })),
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Several short runs summed: requests per second over them all, and the median of their latencies. */
interface Rounds { rps: number; p50: number; p99: number; total: number; non2xx: number }

function summarise(runs: autocannon.Result[], seconds: number): Rounds {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const total = runs.reduce((n, r) => n + r.requests.total, 0);
  return {
    rps: total / (seconds * runs.length), p50: median(runs.map((r) => r.latency.p50)), p99: median(runs.map((r) => r.latency.p99)),
    total, non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  };
}

/**
 * The API and the baseline in alternating short rounds rather than one after the other, so that other
 * work on a shared machine weighs on both alike and the ratio stays meaningful.
 */
async function alternate(api: () => Promise<autocannon.Result>, base: () => Promise<autocannon.Result>, rounds: number, seconds: number) {
  const a: autocannon.Result[] = [];
  const b: autocannon.Result[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await api());
    b.push(await base());
  }
  return { api: summarise(a, seconds), base: summarise(b, seconds) };
}

/**
 * Intake under load: `POST /api/v1/requests` end to end (validate, locate, suggest, insert, timeline,
 * timers, counts, audit, notice — one transaction) from 16 concurrent connections over loopback,
 * against a bare Fastify route doing one INSERT on the same database, in the same run.
 */
export async function intakeBench(database: Database, vault: Vault, opts: { seconds: number; label: string }) {
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' }, { rateLimits: false, logger: { level: 'error' } });
  const bare = Fastify();
  await database.pool.query('CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  bare.post('/bare', async (req) => {
    await database.db.execute(sql`INSERT INTO bench_bare (body) VALUES (${JSON.stringify(req.body)})`);
    return { ok: true };
  });
  // The first refused answer, so a failing run says why.
  let firstRefusal: string | undefined;
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode >= 300 && !firstRefusal) firstRefusal = `${reply.statusCode} ${String(payload).slice(0, 300)} for ${JSON.stringify(req.body).slice(0, 200)}`;
    return payload;
  });
  try {
    const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${appUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13900000013', password: 'gongzhi2026' }) });
    const session = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const where = await points(database);
    const bodies = Array.from({ length: 512 }, (_, i) => {
      const p = where[i % where.length]!;
      return JSON.stringify({ description: TRIAGE_TEST_SET[i % TRIAGE_TEST_SET.length]!.text, lat: p.lat, lng: p.lng });
    });
    const rounds = 5;
    const slice = Math.max(1, Math.round(opts.seconds / rounds));
    const waits: number[] = [];
    const { api, base } = await alternate(
      async () => {
        const { result, samples } = await lockWaitsDuring(database.pool, () => load(`${appUrl}/api/v1/requests`, { cookie, 'x-csrf-token': session.csrfToken }, bodies, slice));
        waits.push(...samples);
        return result;
      },
      () => load(`${bareUrl}/bare`, {}, bodies, slice), rounds, slice);
    if (api.non2xx) process.stderr.write(`intake answered ${api.non2xx} non-2xx responses; first: ${firstRefusal}\n`);
    const extra = { database: opts.label, connections: 16, seconds: slice * rounds, rounds, requests: api.total, refused: api.non2xx };
    report(`requests.intake.${opts.label}.throughput`, 'requests/s', api.rps, base.rps, extra);
    report(`requests.intake.${opts.label}.p50`, 'ms', api.p50, base.p50, extra);
    report(`requests.intake.${opts.label}.p99`, 'ms', api.p99, base.p99, extra);
    // How many of the 16 connections sat waiting on a lock, on average (a hot row shows here): the
    // baseline is the number of connections, so the ratio is the share of them that waited.
    const meanWaiting = waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length);
    report(`requests.intake.${opts.label}.lock_waiters`, 'backends', meanWaiting, 16, { ...extra, samples: waits.length, max: Math.max(0, ...waits), baseline_is: 'connections' });
  } finally {
    await app.close();
    await bare.close();
  }
}
