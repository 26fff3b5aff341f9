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
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@gongzhi/api/src/platform/authz/actor.ts';
import { newId } from '@gongzhi/api/src/platform/db/columns.ts';
import { requests } from '@gongzhi/api/src/features/requests/requests.table.ts';
import type { RequestRow } from '@gongzhi/api/src/features/requests/requests.repository.ts';
import { requestCaches } from '@gongzhi/api/src/features/requests/caches.ts';
import { writeNewRequest } from '@gongzhi/api/src/features/requests/intake.write.ts';
import { lockWaitsDuring, report, timed } from './measure.ts';
import { reportSameWork, sameWorkServer } from './same-work.ts';

/** Points in the middle of every micro-grid, so each request is placed by `locate`. */
async function points(database: Database): Promise<{ lat: number; lng: number }[]> {
  const rows = await database.pool.query<{ min_lat: number; max_lat: number; min_lng: number; max_lng: number }>(
    "SELECT min_lat, max_lat, min_lng, max_lng FROM regions WHERE level = 'microgrid' AND boundary IS NOT NULL LIMIT 500");
  return rows.rows.map((r) => ({ lat: (r.min_lat + r.max_lat) / 2, lng: (r.min_lng + r.max_lng) / 2 }));
}

/**
 * Loads `url` from a worker thread, so the load generator does not compete with the server under test
 * for the main thread. Bodies are built beforehand and cycled, since functions cannot cross to a worker.
 * Timed on the monotonic clock: autocannon's own duration is whole seconds.
 */
function load(url: string, headers: Record<string, string>, bodies: string[], seconds: number) {
  return timed(() => new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({
      url, connections: 16, duration: seconds, workers: 1, method: 'POST', headers: { 'content-type': 'application/json', ...headers },
      requests: bodies.map((body) => ({ method: 'POST', body })),
    }, (err, result) => (err ? reject(err) : resolve(result)));
  }));
}

/** Several short runs summed: requests per second over their measured time, and the median of their latencies. */
interface Rounds { rps: number; p50: number; p99: number; total: number; non2xx: number }

function summarise(runs: { result: autocannon.Result; seconds: number }[]): Rounds {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const total = runs.reduce((n, r) => n + r.result.requests.total, 0);
  return {
    rps: total / runs.reduce((s, r) => s + r.seconds, 0), p50: median(runs.map((r) => r.result.latency.p50)), p99: median(runs.map((r) => r.result.latency.p99)),
    total, non2xx: runs.reduce((n, r) => n + r.result.non2xx, 0),
  };
}

type Load = () => Promise<{ result: autocannon.Result; seconds: number }>;

/**
 * The API and the baselines in turn in short rounds rather than one after the other, so that other
 * work on a shared machine weighs on all alike and the ratios stay meaningful.
 */
async function alternate<K extends string>(loads: Record<K, Load>, rounds: number): Promise<Record<K, Rounds>> {
  const names = Object.keys(loads) as K[];
  const runs = Object.fromEntries(names.map((k) => [k, [] as { result: autocannon.Result; seconds: number }[]])) as Record<K, { result: autocannon.Result; seconds: number }[]>;
  for (let i = 0; i < rounds; i++) for (const k of names) runs[k].push(await loads[k]());
  return Object.fromEntries(names.map((k) => [k, summarise(runs[k])])) as Record<K, Rounds>;
}

/**
 * Intake's same work: the one statement intake writes (`writeNewRequest`: request, timeline entry,
 * daily counts upsert, audit row, SLA timers, acknowledgement), with a number from the same
 * reservation, for rows copied from the API's own rows of this run (same place, category, suggestion
 * and sizes; new id, number, public id and times). Placing, triage and validation are not repeated:
 * they read per-process caches, not the database.
 */
function intakeSameWork(app: FastifyInstance, database: Database, actor: Actor) {
  let templates: Promise<RequestRow[]> | undefined;
  let k = 0;
  app.post('/same/intake', async () => {
    // `.execute()`: the builder is only thenable, and awaiting it again would run the query again.
    templates ??= database.db.select().from(requests).where(eq(requests.reporterUserId, actor.userId)).orderBy(desc(requests.createdAt)).limit(512).execute();
    const rows = await templates;
    const t = rows[k++ % rows.length]!;
    const now = new Date();
    const shift = (d: Date | null) => (d ? new Date(now.getTime() + d.getTime() - t.createdAt.getTime()) : null);
    const row: RequestRow = {
      ...t, id: newId(), number: await requestCaches(database.db).nextNumber(), publicId: randomUUID(), createdAt: now, updatedAt: now,
      respondDueAt: shift(t.respondDueAt)!, resolveDueAt: shift(t.resolveDueAt),
    };
    await writeNewRequest(database.db, actor, row);
    return { ok: true };
  });
}

/**
 * Intake under load: `POST /api/v1/requests` end to end (validate, locate, suggest, insert, timeline,
 * timers, counts, audit, notice — one transaction) from 16 concurrent connections over loopback,
 * against a bare Fastify route doing one INSERT on the same database, and against a bare route
 * running intake's own statement (same work), in turns in the same run.
 */
export async function intakeBench(database: Database, vault: Vault, opts: { seconds: number; label: string }) {
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' }, { rateLimits: false, logger: { level: 'error' } });
  const bare = Fastify();
  const same = sameWorkServer();
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
    const [me] = (await database.pool.query<{ id: string; name: string; resident_id: string | null }>('SELECT id, name, resident_id FROM users WHERE phone_hash = $1', [vault.hash('13900000013')])).rows;
    const actor: Actor = { userId: me!.id, name: me!.name, residentId: me!.resident_id, grants: [], via: 'session', ip: '127.0.0.1' };
    intakeSameWork(same, database, actor);
    const sameUrl = await same.listen({ port: 0, host: '127.0.0.1' });
    const rounds = 5;
    const slice = Math.max(1, Math.round(opts.seconds / rounds));
    const waits: number[] = [];
    const { api, base, work } = await alternate({
      api: async () => {
        const { result, samples } = await lockWaitsDuring(database.pool, () => load(`${appUrl}/api/v1/requests`, { cookie, 'x-csrf-token': session.csrfToken }, bodies, slice));
        waits.push(...samples);
        return result;
      },
      base: () => load(`${bareUrl}/bare`, {}, bodies, slice),
      work: () => load(`${sameUrl}/same/intake`, {}, bodies, slice),
    }, rounds);
    if (api.non2xx) process.stderr.write(`intake answered ${api.non2xx} non-2xx responses; first: ${firstRefusal}\n`);
    const extra = { database: opts.label, connections: 16, seconds: slice * rounds, rounds, requests: api.total, refused: api.non2xx };
    report(`requests.intake.${opts.label}.throughput`, 'requests/s', api.rps, base.rps, extra);
    report(`requests.intake.${opts.label}.p50`, 'ms', api.p50, base.p50, extra);
    report(`requests.intake.${opts.label}.p99`, 'ms', api.p99, base.p99, extra);
    if (work.non2xx) process.stderr.write(`intake same-work route answered ${work.non2xx} non-2xx responses\n`);
    reportSameWork(`requests.intake.${opts.label}`, api.rps, work.rps, { ...extra, sameWorkRequests: work.total, sameWorkRefused: work.non2xx, sameWorkP50: work.p50, sameWorkP99: work.p99 });
    // How many of the 16 connections sat waiting on a lock, on average (a hot row shows here): the
    // baseline is the number of connections, so the ratio is the share of them that waited.
    const meanWaiting = waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length);
    report(`requests.intake.${opts.label}.lock_waiters`, 'backends', meanWaiting, 16, { ...extra, samples: waits.length, max: Math.max(0, ...waits), baseline_is: 'connections' });
  } finally {
    await app.close();
    await bare.close();
    await same.close();
  }
}
