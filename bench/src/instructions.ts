import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { buildApp } from '@gongzhi/api/src/app.ts';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { newId } from '@gongzhi/api/src/platform/db/columns.ts';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import { dispatchRows } from '@gongzhi/api/src/features/instructions/dispatch.repository.ts';
import { progressOf } from '@gongzhi/api/src/features/instructions/progress.service.ts';
import { ackSameWork, reportSameWork, resetAcks, sameWorkServer, workerNames } from './same-work.ts';
import { quantile, report, timed } from './measure.ts';

/** The longest code prefix shared by every top region: the whole loaded tree (one district, or the city). */
async function wholeTree(database: Database): Promise<{ path: string; regionId: string; districtCode: string }> {
  const res = await database.pool.query<{ id: string; code: string; district_code: string }>('SELECT id, code, district_code FROM regions WHERE parent_id IS NULL ORDER BY code');
  const codes = res.rows.map((r) => r.code);
  let p = codes[0]!;
  for (const c of codes) while (!c.startsWith(p)) p = p.slice(0, -1);
  return { path: p, regionId: res.rows[0]!.id, districtCode: res.rows[0]!.district_code };
}

/**
 * One instruction to every micro-grid of the tree, written exactly as the service does (dispatchRows
 * in one transaction); returns its id, the rows per table and the seconds from BEGIN to COMMIT.
 */
async function dispatch(database: Database, tags: string[] = []) {
  const tree = await wholeTree(database);
  const id = newId();
  const deadline = new Date(Date.now() + 3 * 3_600_000);
  const steps: Record<string, number> = {};
  const t0 = process.hrtime.bigint();
  const counts = await database.db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO instructions (id, region_id, region_path, district_code, issuer_id, issuer_name, title, body, task, tags, channels, deadline)
      VALUES (${id}::uuid, ${tree.regionId}::uuid, ${tree.path}, ${tree.districtCode}, ${newId()}::uuid, '基准测试', '全域指令', '基准测试：逐户传达', 'relay', ${sql.param(tags)}::text[], '{sms}', ${deadline})`);
    const c = await dispatchRows(tx, { id, path: tree.path, tags, channels: ['sms'], title: '全域指令', deadline }, (step, ms) => { if (step) steps[`${step}Ms`] = Math.round(ms); });
    await tx.execute(sql`UPDATE instructions SET microgrids = ${c.microgrids}, workers = ${c.workers}, households = ${c.households} WHERE id = ${id}::uuid`);
    return c;
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { id, counts, seconds, deadline, path: tree.path, steps };
}

/**
 * The baseline: COPY of one row per target household — what dispatch wrote before it stopped writing
 * them — into a scratch temporary table of the same shape (columns, defaults and indexes of
 * instruction_households), timed from BEGIN to COMMIT; the rows are made beforehand from the
 * households the dispatch counted (those living under its path).
 */
async function copyBaseline(database: Database, id: string, target: string): Promise<{ rows: number; seconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-copy-'));
  const file = path.join(dir, 'instruction_households');
  const client = await database.pool.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_copy_households; CREATE TEMP TABLE bench_copy_households (LIKE instruction_households INCLUDING ALL)');
    await pipeline(client.query(copyTo(`COPY (SELECT '${id}'::uuid, h.id, h.region_id, h.region_path, h.district_code, 'pending', 0, NULL, NULL, NULL, NULL
      FROM households h WHERE h.region_path LIKE '${target}%' AND h.moved_out_at IS NULL) TO STDOUT`)), fs.createWriteStream(file));
    const t0 = process.hrtime.bigint();
    await client.query('BEGIN');
    const stream = client.query(copyFrom('COPY bench_copy_households (instruction_id, household_id, region_id, region_path, district_code, status, attempts, answer, recorded_by, via, recorded_at) FROM STDIN'));
    await pipeline(fs.createReadStream(file), stream);
    await client.query('COMMIT');
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await client.query('DROP TABLE bench_copy_households');
    return { rows: stream.rowCount ?? 0, seconds };
  } finally {
    client.release();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Sessions minted directly for the given users (signing in thousands of people through scrypt would take minutes). */
async function sessionsFor(database: Database, users: string[]): Promise<Map<string, { cookie: string; csrf: string }>> {
  const out = new Map<string, { cookie: string; csrf: string }>();
  const rows = users.map((u) => ({ u, token: randomBytes(24).toString('base64url'), csrf: randomBytes(16).toString('base64url') }));
  await database.pool.query(`INSERT INTO sessions (id, user_id, token_hash, csrf_token, expires_at)
    SELECT gen_random_uuid(), u, h, c, now() + interval '1 day' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(u, h, c)`,
  [rows.map((r) => r.u), rows.map((r) => createHash('sha256').update(r.token).digest('base64url')), rows.map((r) => r.csrf)]);
  for (const r of rows) out.set(r.u, { cookie: `gz_session=${r.token}`, csrf: r.csrf });
  return out;
}

function cannon(url: string, amount: number, next: () => { path: string; headers: Record<string, string>; body: string }, method: 'POST' | 'GET' = 'POST'): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections: 16, amount, method, headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
      requests: [{ method, setupRequest: (req) => { const n = next(); return { ...req, path: n.path, headers: { ...req.headers, ...n.headers }, ...(method === 'POST' ? { body: n.body } : {}) }; } }],
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * Instructions at scale: (1) dispatch of one instruction to every micro-grid, worker and household
 * against COPY of a row per target household (what dispatch no longer writes); (2) acknowledgements through the API (session, authorisation, the
 * one-statement ack with counters, audit and NOTIFY) against a bare single-INSERT route, 16
 * connections each; (3) the progress roll-up p95 for nodes at every level while the acks stream in.
 */
export async function instructionsBench(database: Database, vault: Vault, opts: { label: string; acks: number; rollups: number }) {
  await database.pool.query('ANALYZE role_assignments; ANALYZE regions; ANALYZE households');
  const main = await dispatch(database);
  const rows = main.counts.microgrids + main.counts.assignments + main.counts.messages;
  const copy = await copyBaseline(database, main.id, main.path);
  report(`instructions.dispatch.${opts.label}.seconds`, 's', main.seconds, copy.seconds, {
    database: opts.label, ...main.counts, rows, copyRows: copy.rows, target_ratio: 0.11, ...main.steps,
    baseline_is: 'COPY of one row per target household into a temporary table shaped like instruction_households',
  });

  // Enough (instruction, worker) pairs to acknowledge: each further instruction (elderly living alone only) adds its workers.
  const ids = [main.id];
  let slots = main.counts.workers;
  while (slots < opts.acks && ids.length < 12) {
    const more = await dispatch(database, ['elderly_alone']);
    ids.push(more.id);
    slots += more.counts.workers;
  }
  const pairs = (await database.pool.query<{ i: string; u: string }>(
    'SELECT DISTINCT instruction_id AS i, user_id AS u FROM instruction_assignments WHERE instruction_id = ANY ($1::uuid[]) ORDER BY 1, 2 LIMIT $2', [ids, opts.acks])).rows;
  const sessions = await sessionsFor(database, [...new Set(pairs.map((p) => p.u))]);
  const amount = pairs.length;
  await database.pool.query('ANALYZE instruction_assignments; ANALYZE instruction_grids; ANALYZE sessions');

  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' }, { rateLimits: false, logger: { level: 'error' } });
  const bare = Fastify();
  await database.pool.query('CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  bare.post('/bare/:id', async (req) => {
    await database.db.execute(sql`INSERT INTO bench_bare (body) VALUES (${JSON.stringify({ id: (req.params as { id: string }).id, body: req.body })})`);
    return { acked: 1 };
  });
  // The same work bare: the feature's own acknowledgement statement, as the worker, with nothing around it.
  const same = sameWorkServer();
  ackSameWork(same, database, pairs, await workerNames(database, [...sessions.keys()]));
  try {
    const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const sameUrl = await same.listen({ port: 0, host: '127.0.0.1' });
    let i = 0;
    const ackOf = () => {
      const p = pairs[i++ % pairs.length]!;
      const s = sessions.get(p.u)!;
      return { path: `/api/v1/instructions/${p.i}/ack`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: '{}' };
    };
    // Roll-ups for nodes at every level, measured while the acknowledgements stream in.
    const nodes = (await database.pool.query<{ code: string }>(
      'SELECT code FROM regions WHERE code LIKE $1 AND level <> $2 ORDER BY md5(code) LIMIT 200', [`${main.path}%`, 'microgrid'])).rows.map((r) => r.code);
    nodes.unshift(main.path);
    const instr = { id: main.id, deadline: main.deadline };
    // Dashboards re-query at their own pace: one roll-up every 50 ms (20/s, ten live progress pages
    // at the SSE limit of 2/s), the same during the API run and the bare run, so both share the load.
    const rollups = async (stop: () => boolean, max: number, everyMs: number) => {
      const times: number[] = [];
      for (let k = 0; !stop() && k < max; k++) {
        const t0 = process.hrtime.bigint();
        await progressOf(database.db, instr, nodes[k % nodes.length]!, new Date());
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        times.push(ms);
        if (everyMs > ms) await new Promise((r) => setTimeout(r, everyMs - ms));
      }
      return times.sort((a, b) => a - b);
    };
    const idle = await rollups(() => false, Math.min(opts.rollups, 200), 0);
    let streaming = true;
    const during = rollups(() => !streaming, opts.rollups, 50);
    const { result: api, seconds: apiSeconds } = await timed(() => cannon(appUrl, amount, ackOf));
    streaming = false;
    const busy = await during;
    let j = 0;
    streaming = true;
    const alongBare = rollups(() => !streaming, opts.rollups, 50);
    const { result: base, seconds: baseSeconds } = await timed(() => cannon(bareUrl, amount, () => ({ path: `/bare/${j++}`, headers: {}, body: '{}' })));
    streaming = false;
    await alongBare;
    const rate = (r: autocannon.Result, seconds: number) => r.requests.total / seconds;
    const acked = (await database.pool.query<{ n: number }>('SELECT count(*)::int n FROM instruction_assignments WHERE instruction_id = ANY ($1::uuid[]) AND acked_at IS NOT NULL', [ids])).rows[0]!.n;
    const ackExtra = { database: opts.label, connections: 16, requests: amount, acked, refused: api.non2xx, instructions: ids.length, workers: sessions.size };
    report(`instructions.ack.${opts.label}.throughput`, 'requests/s', rate(api, apiSeconds), rate(base, baseSeconds), ackExtra);
    // The same rows acknowledged again by the bare same-work route, so both runs do identical writes.
    await resetAcks(database, ids);
    let k = 0;
    const { result: work, seconds: workSeconds } = await timed(() => cannon(sameUrl, amount, () => ({ path: `/same/ack/${k++}`, headers: {}, body: '{}' })));
    reportSameWork(`instructions.ack.${opts.label}`, rate(api, apiSeconds), rate(work, workSeconds), { ...ackExtra, sameWorkRefused: work.non2xx });
    report(`instructions.ack.${opts.label}.p99`, 'ms', api.latency.p99, base.latency.p99, ackExtra);
    report(`instructions.progress.${opts.label}.p95`, 'ms', quantile(busy, 0.95), quantile(idle, 0.95),
      { database: opts.label, target_ms: 50, queries: busy.length, p50: quantile(busy, 0.5), max: busy[busy.length - 1], microgrids: main.counts.microgrids, baseline_is: 'same roll-ups with no acknowledgements streaming' });
  } finally {
    await app.close();
    await bare.close();
    await same.close();
  }
}
