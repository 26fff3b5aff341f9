import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '@gongzhi/api/src/app.ts';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { newId } from '@gongzhi/api/src/platform/db/columns.ts';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import { SYSTEM_ACTOR } from '@gongzhi/api/src/platform/authz/actor.ts';
import { hashToken } from '@gongzhi/api/src/platform/auth/session.service.ts';
import { createAssembly, openVoting } from '@gongzhi/api/src/features/assembly/assembly.service.ts';
import { assemblies, assemblyBallots, assemblyOwners } from '@gongzhi/api/src/features/assembly/assembly.table.ts';
import { auditLog } from '@gongzhi/api/src/platform/audit/audit.table.ts';
import { auditRow } from '@gongzhi/api/src/platform/audit/audit.ts';
import { burst, quantile, report, timed } from './measure.ts';
import { indexOf, reportSameWork, sameWorkServer } from './same-work.ts';

/**
 * The ballot's same work: `POST /same/ballot/:i` casts owner i's ballot with the statement the ballot
 * service sends (ballot.service.ts `writeBallot`, copied here as it is not exported: the assembly under
 * a KEY SHARE lock, the owner on the roll, a row per matter, the audit row — one statement), with
 * nothing around it. Keep it in step with the service.
 */
function ballotSameWork(app: FastifyInstance, database: Database, assemblyId: string, owners: Owner[]) {
  app.post('/same/ballot/:i', async (req) => {
    const o = owners[indexOf(req.params, owners.length)]!;
    const choices = [...(req.body as { choices: { matterId: string; choice: string }[] }).choices].sort((x, y) => (x.matterId < y.matterId ? -1 : 1));
    const at = new Date().toISOString();
    const ids = Array.from({ length: choices.length * 4 }, () => newId());
    const log = auditRow({ userId: o.userId, name: o.name, via: 'session', ip: '127.0.0.1' }, { action: 'assembly.ballot.cast', subjectType: 'assembly', subjectId: assemblyId });
    const details = { matters: choices.length };
    const res = await database.db.execute<{ inserted: number }>(sql`
      WITH a AS (
        SELECT id, region_path, district_code FROM ${assemblies}
        WHERE id = ${assemblyId} AND state = 'voting' AND closes_at > ${at}::timestamptz FOR KEY SHARE
      ), o AS (
        SELECT owner_key, area_centi_m2 FROM ${assemblyOwners} WHERE assembly_id = ${assemblyId} AND parties @> ARRAY[${`res:${o.residentId}`}]::text[]
      ), ins AS (
        INSERT INTO ${assemblyBallots} (id, assembly_id, matter_id, region_path, district_code, owner_key, choice, area_centi_m2, channel, cast_by_user_id, scan_key, scan_mime, scan_sha256, cast_at)
        SELECT coalesce((${`{${ids.join(',')}}`}::uuid[])[x.rn], gen_random_uuid()), a.id, x.matter_id, a.region_path, a.district_code, x.owner_key, x.choice, x.area_centi_m2,
          ${'online'}, ${o.userId}, ${null}, ${null}, ${null}, ${at}::timestamptz
        FROM a, (
          SELECT o.owner_key, o.area_centi_m2, v.matter_id, v.choice, row_number() OVER (ORDER BY o.owner_key, v.matter_id) AS rn
          FROM o, unnest(${`{${choices.map((c) => c.matterId).join(',')}}`}::uuid[], ${`{${choices.map((c) => c.choice).join(',')}}`}::text[]) AS v(matter_id, choice)
        ) x
        ORDER BY x.rn
        ON CONFLICT DO NOTHING RETURNING owner_key
      ), aud AS (
        INSERT INTO ${auditLog} (id, actor_id, actor_name, action, subject_type, subject_id, region_path, details, ip)
        SELECT ${newId()}, ${log.actorId}, ${log.actorName}, ${log.action}, ${log.subjectType}, ${log.subjectId}, a.region_path,
          ${JSON.stringify(details)}::jsonb || jsonb_build_object('ownerKeys', (SELECT jsonb_agg(DISTINCT owner_key) FROM ins)), ${log.ip}
        FROM a WHERE EXISTS (SELECT 1 FROM ins) RETURNING 1
      )
      SELECT (SELECT count(*) FROM a)::int AS open, (SELECT count(*) FROM o)::int AS owner,
        (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM aud)::int AS audited`);
    if (!res.rows[0]?.inserted) throw new Error('same-work ballot inserted nothing');
    return { ok: true };
  });
}

const DAY = 86_400_000;

/** One owner of the benchmark compound with a signed-in phone session: their account and resident. */
interface Owner { cookie: string; csrf: string; userId: string; residentId: string; name: string }

/**
 * A compound of `n` flats, each with its own owner who has an account and a live session, written
 * straight to the tables (3,000 sign-ins through the password hash would take minutes), under the
 * demo community secretary's community so the secretary can watch the progress.
 */
async function compound(database: Database, n: number): Promise<{ regionId: string; owners: Owner[] }> {
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  const sec = (await q(`SELECT ra.region_path FROM role_assignments ra JOIN users u ON u.id = ra.user_id
    WHERE ra.role = 'community_secretary' AND u.demo ORDER BY u.created_at LIMIT 1`)).rows[0] as { region_path: string };
  const community = (await q('SELECT id, code, district_code FROM regions WHERE code = $1', [sec.region_path])).rows[0] as { id: string; code: string; district_code: string };
  const code = `${community.code}${String(900 + Math.floor(Math.random() * 99)).padStart(3, '0')}`;
  const regionId = newId();
  const buildingId = newId();
  await q(`INSERT INTO regions (id, parent_id, level, code, name, district_code) VALUES ($1, $2, 'grid', $3, $4, $5)`,
    [regionId, community.id, code, `压测小区${code.slice(-3)}网格`, community.district_code]);
  await q(`INSERT INTO buildings (id, region_id, region_path, district_code, name, address) VALUES ($1, $2, $3, $4, '1栋', '压测小区1栋')`,
    [buildingId, regionId, code, community.district_code]);
  const ids = (k: number) => Array.from({ length: k }, () => newId());
  const [units, households, residents, users] = [ids(n), ids(n), ids(n), ids(n)];
  const tokens = Array.from({ length: n }, () => `gzs_${randomBytes(24).toString('base64url')}`);
  const csrfs = Array.from({ length: n }, () => randomBytes(24).toString('base64url'));
  const idx = Array.from({ length: n }, (_, i) => i);
  const scope = [regionId, code, community.district_code];
  await q(`INSERT INTO units (id, building_id, region_id, region_path, district_code, number, floor, area_centi_m2, use)
    SELECT u, $2, $3, $4, $5, 'F' || i, 1 + i % 30, 5500 + (i * 37) % 9000, 'residential' FROM unnest($1::uuid[], $6::int[]) AS t(u, i)`, [units, buildingId, ...scope, idx]);
  await q(`INSERT INTO households (id, region_id, region_path, district_code, unit_id, address, tenure)
    SELECT h, $3, $4, $5, u, '压测小区1栋F' || i, 'owner' FROM unnest($1::uuid[], $2::uuid[], $6::int[]) AS t(h, u, i)`, [households, units, ...scope, idx]);
  await q(`INSERT INTO residents (id, household_id, region_id, region_path, district_code, name, relation)
    SELECT r, h, $3, $4, $5, '业主' || i, '户主' FROM unnest($1::uuid[], $2::uuid[], $6::int[]) AS t(r, h, i)`, [residents, households, ...scope, idx]);
  await q(`INSERT INTO unit_owners (id, unit_id, resident_id, region_path, district_code)
    SELECT gen_random_uuid(), u, r, $3, $4 FROM unnest($1::uuid[], $2::uuid[]) AS t(u, r)`, [units, residents, code, community.district_code]);
  await q(`INSERT INTO users (id, name, phone_hash, phone_cipher, phone_masked, password_hash, resident_id)
    SELECT u, '业主' || i, 'bench:' || u, '-', '-', '!', r FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(u, r, i)`, [users, residents, idx]);
  await q(`INSERT INTO role_assignments (id, user_id, role, region_id, region_path)
    SELECT gen_random_uuid(), u, 'owner', $2, $3 FROM unnest($1::uuid[]) AS t(u)`, [users, regionId, code]);
  await q(`INSERT INTO sessions (id, user_id, token_hash, csrf_token, expires_at)
    SELECT gen_random_uuid(), u, h, c, now() + interval '1 day' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(u, h, c)`,
  [users, tokens.map(hashToken), csrfs]);
  await q('ANALYZE units; ANALYZE unit_owners; ANALYZE sessions; ANALYZE users');
  return { regionId, owners: tokens.map((t, i) => ({ cookie: `gz_session=${t}`, csrf: csrfs[i]!, userId: users[i]!, residentId: residents[i]!, name: `业主${i}` })) };
}

/**
 * A burst of `owners` owners each casting their ballot (two matters) through `POST
 * /api/v1/assemblies/:id/ballots` (session, roll lookup, window check under a KEY SHARE lock, two
 * ballot rows, audit row), against a bare route doing one INSERT per request and against a bare
 * route running the ballot's own statement for the same owners (same work), all 16 connections in
 * the same run; and the live quorum progress as staff poll it, p95 during the burst against idle.
 */
export async function assemblyBench(database: Database, vault: Vault, opts: { owners: number; label: string }) {
  const { regionId, owners } = await compound(database, opts.owners);
  const now = new Date();
  const assemblyId = await createAssembly(database.db, SYSTEM_ACTOR, {
    regionId, title: '压测业主大会', description: '', noticedAt: new Date(now.getTime() - 20 * DAY).toISOString(),
    opensAt: new Date(now.getTime() - 60_000).toISOString(), closesAt: new Date(now.getTime() + DAY).toISOString(),
    matters: [{ kind: 'property_manager', title: '续聘物业', description: '' }, { kind: 'raise_maintenance_fund', title: '筹集维修资金', description: '' }],
  }, now);
  await openVoting(database.db, SYSTEM_ACTOR, assemblyId, now);
  const matters = (await database.pool.query('SELECT id FROM assembly_matters WHERE assembly_id = $1 ORDER BY position', [assemblyId])).rows as { id: string }[];

  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' }, { rateLimits: false, logger: { level: 'error' } });
  const bare = Fastify();
  const same = sameWorkServer();
  ballotSameWork(same, database, assemblyId, owners);
  await database.pool.query('CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  bare.post('/bare', async (req) => {
    await database.db.execute(sql`INSERT INTO bench_bare (body) VALUES (${JSON.stringify(req.body)})`);
    return { ok: true };
  });
  let firstRefusal: string | undefined;
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.statusCode >= 300 && !firstRefusal) firstRefusal = `${reply.statusCode} ${String(payload).slice(0, 300)}`;
    return payload;
  });
  try {
    const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const sameUrl = await same.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${appUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13900000004', password: 'gongzhi2026' }) });
    const staffCookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const poll = async () => {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${appUrl}/api/v1/assemblies/${assemblyId}/progress`, { headers: { cookie: staffCookie } });
      if (res.status !== 200) throw new Error(`progress answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const idle: number[] = [];
    for (let i = 0; i < 100; i++) idle.push(await poll());

    const busy: number[] = [];
    let running = true;
    const sampler = (async () => {
      // Ten polls a second: fifty staff dashboards refreshing every five seconds.
      while (running) { busy.push(await poll()); await new Promise((r) => setTimeout(r, 100)); }
    })();
    const body = (i: number) => JSON.stringify({ choices: matters.map((m, k) => ({ matterId: m.id, choice: (i + k) % 5 === 0 ? 'against' : 'for' })) });
    const { result: api, seconds: apiSeconds } = await timed(() => burst(`${appUrl}/api/v1/assemblies/${assemblyId}/ballots`, owners.length, (i) => ({
      headers: { cookie: owners[i % owners.length]!.cookie, 'x-csrf-token': owners[i % owners.length]!.csrf }, body: body(i),
    })));
    running = false;
    await sampler;
    const { result: base, seconds: baseSeconds } = await timed(() => burst(`${bareUrl}/bare`, owners.length, (i) => ({ headers: {}, body: body(i) })));

    const cast = Number((await database.pool.query('SELECT count(DISTINCT owner_key)::int AS n FROM assembly_ballots WHERE assembly_id = $1', [assemblyId])).rows[0].n);
    // The same owners cast the same ballots again through the same-work route: the API's go first.
    await database.pool.query('DELETE FROM assembly_ballots WHERE assembly_id = $1', [assemblyId]);
    const { result: work, seconds: workSeconds } = await timed(() => burst(sameUrl, owners.length, (i) => ({ path: `/same/ballot/${i}`, headers: {}, body: body(i) })));
    const recast = Number((await database.pool.query('SELECT count(DISTINCT owner_key)::int AS n FROM assembly_ballots WHERE assembly_id = $1', [assemblyId])).rows[0].n);
    if (api.non2xx) process.stderr.write(`ballots answered ${api.non2xx} non-2xx: ${JSON.stringify(api.statusCodeStats)}; first: ${firstRefusal}\n`);
    const rate = (r: autocannon.Result, seconds: number) => r.requests.total / seconds;
    const extra = { database: opts.label, connections: 16, owners: opts.owners, ballotsCast: cast, refused: api.non2xx };
    report(`assembly.ballots.${opts.label}.throughput`, 'requests/s', rate(api, apiSeconds), rate(base, baseSeconds), extra);
    report(`assembly.ballots.${opts.label}.p99`, 'ms', api.latency.p99, base.latency.p99, extra);
    if (work.non2xx) process.stderr.write(`ballots same-work route answered ${work.non2xx} non-2xx\n`);
    reportSameWork(`assembly.ballots.${opts.label}`, rate(api, apiSeconds), rate(work, workSeconds), { ...extra, sameWorkBallotsCast: recast, sameWorkRefused: work.non2xx, sameWorkP99: work.latency.p99 });
    idle.sort((a, b) => a - b);
    busy.sort((a, b) => a - b);
    report(`assembly.progress.${opts.label}.p95_during_burst`, 'ms', quantile(busy, 0.95), quantile(idle, 0.95), { ...extra, samples: busy.length, baselineIs: 'p95 idle' });
  } finally {
    await app.close();
    await bare.close();
    await same.close();
  }
}
