import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '@gongzhi/api/src/app.ts';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { newId } from '@gongzhi/api/src/platform/db/columns.ts';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import { hashToken } from '@gongzhi/api/src/platform/auth/session.service.ts';
import { quantile, report, timeCalls } from './measure.ts';

/** The p95 the public projects page must keep on a district of 10,000 projects. */
const TARGET_MS = 50;

/**
 * `n` residents of a new grid under the demo secretary's community, each with an account and a live
 * session, written straight to the tables; a round of that community with five listed projects, open
 * for the residents' vote.
 */
async function votingRound(database: Database, n: number) {
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  const sec = (await q(`SELECT ra.region_path, ra.user_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id
    WHERE ra.role = 'community_secretary' AND u.demo ORDER BY u.created_at LIMIT 1`)).rows[0] as { region_path: string; user_id: string };
  const community = (await q('SELECT id, code, district_code FROM regions WHERE code = $1', [sec.region_path])).rows[0] as { id: string; code: string; district_code: string };
  const code = `${community.code}${String(800 + Math.floor(Math.random() * 99)).padStart(3, '0')}`;
  const regionId = newId();
  await q(`INSERT INTO regions (id, parent_id, level, code, name, district_code) VALUES ($1, $2, 'grid', $3, $4, $5) ON CONFLICT DO NOTHING`,
    [regionId, community.id, code, `投票压测网格${code.slice(-3)}`, community.district_code]);
  const users = Array.from({ length: n }, () => newId());
  const tokens = users.map(() => `gzs_${randomBytes(24).toString('base64url')}`);
  const csrfs = users.map(() => randomBytes(24).toString('base64url'));
  const idx = users.map((_, i) => i);
  await q(`INSERT INTO users (id, name, phone_hash, phone_cipher, phone_masked, password_hash)
    SELECT u, '居民' || i, 'bench-vote:' || u, '-', '-', '!' FROM unnest($1::uuid[], $2::int[]) AS t(u, i)`, [users, idx]);
  await q(`INSERT INTO role_assignments (id, user_id, role, region_id, region_path) SELECT gen_random_uuid(), u, 'resident', $2, $3 FROM unnest($1::uuid[]) AS t(u)`, [users, regionId, code]);
  await q(`INSERT INTO sessions (id, user_id, token_hash, csrf_token, expires_at)
    SELECT gen_random_uuid(), u, h, c, now() + interval '1 day' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(u, h, c)`, [users, tokens.map(hashToken), csrfs]);
  const roundId = newId();
  // A year of its own, so repeated runs on a kept database do not meet the one-round-a-year rule.
  const year = 2100 - Math.floor(Math.random() * 90);
  await q(`INSERT INTO project_rounds (id, community_id, region_path, district_code, year, budget_fen, rule, status, created_by)
    VALUES ($1, $2, $3, $4, $5, 50000000, 'greedy', 'voting', $6) ON CONFLICT DO NOTHING`, [roundId, community.id, community.code, community.district_code, year, sec.user_id]);
  const projects = Array.from({ length: 5 }, () => newId());
  await q(`INSERT INTO projects (id, community_id, region_path, district_code, title, summary, reason, class, priority_area, cost_fen, beneficiaries, status, round_id)
    SELECT p, $2, $3, $4, '压测项目' || i, '内容', '原因', 'service', '志愿服务', 1000000 * (i + 1), '居民', 'listed', $5 FROM unnest($1::uuid[], $6::int[]) AS t(p, i)`,
  [projects, community.id, community.code, community.district_code, roundId, [0, 1, 2, 3, 4]]);
  await q('ANALYZE sessions; ANALYZE users; ANALYZE role_assignments');
  return { roundId, projects, residents: tokens.map((t, i) => ({ cookie: `gz_session=${t}`, csrf: csrfs[i]! })), districtCode: community.district_code, community };
}

/** Sends `count` POSTs once each from 16 connections. */
function burst(url: string, count: number, make: (i: number) => { headers: Record<string, string>; body: string }): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections: 16, amount: count, method: 'POST',
      requests: [{ method: 'POST', setupRequest: (req) => { const r = make(next++); return { ...req, headers: { ...req.headers, 'content-type': 'application/json', ...r.headers }, body: r.body }; } }],
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Tops the district up to `total` projects spread over its communities (bulk SQL, idempotent in count). */
async function fillDistrict(database: Database, districtCode: string, total: number) {
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  const have = Number((await q('SELECT count(*)::int AS n FROM projects WHERE district_code = $1', [districtCode])).rows[0].n);
  if (have >= total) return;
  await q(`INSERT INTO projects (id, community_id, region_path, district_code, title, summary, reason, class, priority_area, cost_fen, beneficiaries, status, cosign_count, vote_count, created_at)
    SELECT gen_random_uuid(), c.id, c.code, c.district_code, '社区项目' || g, '内容', '原因', (ARRAY['hardware','service','residents'])[1 + g % 3], '社区总体营造',
      100000 + (g * 7919) % 40000000, '居民', (ARRAY['proposed','published','resolved','not_selected'])[1 + g % 4], g % 50, g % 400, now() - (g || ' minutes')::interval
    FROM generate_series(1, $2::int) g
    JOIN LATERAL (SELECT id, code, district_code FROM regions WHERE level = 'community' AND district_code = $1 ORDER BY code OFFSET (g % GREATEST(1, (SELECT count(*) FROM regions WHERE level = 'community' AND district_code = $1)))::int LIMIT 1) c ON true`,
  [districtCode, total - have]);
  await q('ANALYZE projects');
}

/**
 * The residents' vote: `residents` ballots through `POST /api/v1/project-rounds/:id/ballots`
 * (session, key-share lock on the round, choice check, ballot row, audit row) against a bare INSERT
 * route, 16 connections each, in the same run. Then the public projects page of a district holding
 * 10,000 projects: first page and a page deep in (by cursor), p95 over 300 calls each.
 */
export async function projectsBench(database: Database, vault: Vault, opts: { residents: number; projects: number }) {
  const { roundId, projects, residents, districtCode } = await votingRound(database, opts.residents);
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' }, { rateLimits: false, logger: { level: 'error' } });
  const bare = Fastify();
  await database.pool.query('CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  bare.post('/bare', async (req) => { await database.db.execute(sql`INSERT INTO bench_bare (body) VALUES (${JSON.stringify(req.body)})`); return { ok: true }; });
  try {
    const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const body = (i: number) => JSON.stringify({ projectIds: projects.filter((_, k) => (i + k) % 3 !== 0) });
    const api = await burst(`${appUrl}/api/v1/project-rounds/${roundId}/ballots`, residents.length, (i) => ({ headers: { cookie: residents[i]!.cookie, 'x-csrf-token': residents[i]!.csrf }, body: body(i) }));
    const base = await burst(`${bareUrl}/bare`, residents.length, (i) => ({ headers: {}, body: body(i) }));
    const cast = Number((await database.pool.query('SELECT count(*)::int AS n FROM project_ballots WHERE round_id = $1', [roundId])).rows[0].n);
    const rate = (r: autocannon.Result) => r.requests.total / Math.max(r.duration, 0.001);
    const extra = { connections: 16, residents: opts.residents, ballotsCast: cast, refused: api.non2xx };
    report('projects.ballots.throughput', 'requests/s', rate(api), rate(base), extra);
    report('projects.ballots.p99', 'ms', api.latency.p99, base.latency.p99, extra);

    await fillDistrict(database, districtCode, opts.projects);
    const get = async (url: string) => { const res = await app.inject({ method: 'GET', url }); if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`); return res.json() as { nextCursor: string | null }; };
    const first = `/api/v1/public/projects?districtCode=${districtCode}&limit=20`;
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) cursor = (await get(cursor ? `${first}&cursor=${encodeURIComponent(cursor)}` : first)).nextCursor;
    const deep = `${first}&cursor=${encodeURIComponent(cursor ?? '')}`;
    const firstTimes = await timeCalls(() => get(first), 300);
    const deepTimes = await timeCalls(() => get(deep), 300);
    const pExtra = { projects: opts.projects, pageSize: 20, baselineIs: 'target p95' };
    report('projects.public.first_page.p95', 'ms', quantile(firstTimes, 0.95), TARGET_MS, pExtra);
    report('projects.public.page_100.p95', 'ms', quantile(deepTimes, 0.95), TARGET_MS, pExtra);
  } finally {
    await app.close();
    await bare.close();
  }
}
