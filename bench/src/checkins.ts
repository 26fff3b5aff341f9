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
import { SYSTEM_ACTOR } from '@gongzhi/api/src/platform/authz/actor.ts';
import { hashToken } from '@gongzhi/api/src/platform/auth/session.service.ts';
import { insertCategories } from '@gongzhi/api/src/features/activities/activities.repository.ts';
import { createActivityFor } from '@gongzhi/api/src/features/activities/activities.service.ts';
import { issueCode } from '@gongzhi/api/src/features/activities/activities.codes.ts';
import { report } from './measure.ts';

const MIN = 60_000;

/**
 * `n` residents of one new grid under the demo community secretary's community, each with an account,
 * a live session and a confirmed place on one large activity starting in ten minutes — written straight
 * to the tables (n sign-ins through the password hash would take minutes).
 */
async function room(database: Database, n: number) {
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  const sec = (await q(`SELECT ra.region_path FROM role_assignments ra JOIN users u ON u.id = ra.user_id
    WHERE ra.role = 'community_secretary' AND u.demo ORDER BY u.created_at LIMIT 1`)).rows[0] as { region_path: string };
  const community = (await q('SELECT id, code, district_code FROM regions WHERE code = $1', [sec.region_path])).rows[0] as { id: string; code: string; district_code: string };
  const code = `${community.code}${String(800 + Math.floor(Math.random() * 99)).padStart(3, '0')}`;
  const regionId = newId();
  await q(`INSERT INTO regions (id, parent_id, level, code, name, district_code) VALUES ($1, $2, 'grid', $3, $4, $5)`,
    [regionId, community.id, code, `签到压测网格${code.slice(-3)}`, community.district_code]);
  const ids = () => Array.from({ length: n }, () => newId());
  const [households, residents, users] = [ids(), ids(), ids()];
  const tokens = Array.from({ length: n }, () => `gzs_${randomBytes(24).toString('base64url')}`);
  const csrfs = Array.from({ length: n }, () => randomBytes(24).toString('base64url'));
  const idx = Array.from({ length: n }, (_, i) => i);
  const scope = [regionId, code, community.district_code];
  await q(`INSERT INTO households (id, region_id, region_path, district_code, address, tenure)
    SELECT h, $2, $3, $4, '签到压测' || i || '号', 'owner' FROM unnest($1::uuid[], $5::int[]) AS t(h, i)`, [households, ...scope, idx]);
  await q(`INSERT INTO residents (id, household_id, region_id, region_path, district_code, name, relation)
    SELECT r, h, $3, $4, $5, '居民' || i, '户主' FROM unnest($1::uuid[], $2::uuid[], $6::int[]) AS t(r, h, i)`, [residents, households, ...scope, idx]);
  await q(`INSERT INTO users (id, name, phone_hash, phone_cipher, phone_masked, password_hash, resident_id)
    SELECT u, '居民' || i, 'bench:' || u, '-', '-', '!', r FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(u, r, i)`, [users, residents, idx]);
  await q(`INSERT INTO role_assignments (id, user_id, role, region_id, region_path)
    SELECT gen_random_uuid(), u, 'resident', $2, $3 FROM unnest($1::uuid[]) AS t(u)`, [users, regionId, code]);
  await q(`INSERT INTO sessions (id, user_id, token_hash, csrf_token, expires_at)
    SELECT gen_random_uuid(), u, h, c, now() + interval '1 day' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(u, h, c)`, [users, tokens.map(hashToken), csrfs]);

  await insertCategories(database.db, [{ code: 'bench.checkin', nameZh: '签到压测', nameEn: 'Check-in bench', parentCode: null }]);
  const now = new Date();
  const { id } = await database.db.transaction((tx) => createActivityFor(tx, SYSTEM_ACTOR, {
    regionId: community.id, organiserKind: 'community', organiserName: '社区居委会', title: '签到压测：社区运动会', description: '', address: '社区广场',
    startsAt: new Date(now.getTime() + 10 * MIN).toISOString(), endsAt: new Date(now.getTime() + 130 * MIN).toISOString(), capacity: n,
    categoryCode: 'bench.checkin', audience: 'anyone', creditsHours: true, maxCreditedMinutes: 120, cancelUntilMinutes: 0, reminderHours: 0,
  }, now));
  await q(`INSERT INTO activity_signups (id, activity_id, region_path, district_code, person_id, user_id, name, status, queued_at)
    SELECT gen_random_uuid(), $1, $2, $3, r, u, '居民' || i, 'confirmed', now() FROM unnest($4::uuid[], $5::uuid[], $6::int[]) AS t(r, u, i)`,
  [id, community.code, community.district_code, residents, users, idx]);
  await q('ANALYZE sessions; ANALYZE users; ANALYZE activity_signups');
  return { activityId: id, people: tokens.map((t, i) => ({ cookie: `gz_session=${t}`, csrf: csrfs[i]! })) };
}

/** Sends `count` POSTs, each once, from 16 connections; `make(i)` gives request i's headers and body. */
function burst(url: string | ((i: number) => string), count: number, make: (i: number) => { headers: Record<string, string>; body: string }): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon({
      url: typeof url === 'string' ? url : url(0), connections: 16, amount: count, method: 'POST',
      requests: [{
        method: 'POST',
        setupRequest: (req) => {
          const r = make(next++);
          return { ...req, headers: { ...req.headers, 'content-type': 'application/json', ...r.headers }, body: r.body };
        },
      }],
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * 2,000 residents checking in to one large activity: each `POST /api/v1/activities/:id/check` with the
 * code on the organiser's screen (session, scoped load, HMAC check, window, sign-up row locked and
 * updated, audit row — one transaction), 16 connections, against a bare route doing one INSERT per
 * request in the same run. Elapsed time by process.hrtime; latencies by autocannon (hrtime too).
 */
export async function checkinsBench(database: Database, vault: Vault, opts: { people: number; label: string }) {
  const { activityId, people } = await room(database, opts.people);
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' }, { rateLimits: false, logger: { level: 'error' } });
  const bare = Fastify();
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
    // The screen's code, renewed as the screen renews it (each is good for a minute).
    let shown = issueCode(vault, activityId, 'in', new Date());
    const timer = setInterval(() => { shown = issueCode(vault, activityId, 'in', new Date()); }, 20_000);
    const body = () => JSON.stringify({ code: shown.token });
    const timed = async (run: () => Promise<autocannon.Result>) => {
      const t0 = process.hrtime.bigint();
      const result = await run();
      return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
    };
    const api = await timed(() => burst(`${appUrl}/api/v1/activities/${activityId}/check`, people.length, (i) => ({
      headers: { cookie: people[i]!.cookie, 'x-csrf-token': people[i]!.csrf }, body: body(),
    })));
    clearInterval(timer);
    const base = await timed(() => burst(`${bareUrl}/bare`, people.length, () => ({ headers: {}, body: body() })));
    const done = Number((await database.pool.query('SELECT count(*)::int AS n FROM activity_signups WHERE activity_id = $1 AND checked_in_at IS NOT NULL', [activityId])).rows[0].n);
    if (api.result.non2xx) process.stderr.write(`check-ins answered ${api.result.non2xx} non-2xx: ${JSON.stringify(api.result.statusCodeStats)}; first: ${firstRefusal}\n`);
    const extra = { database: opts.label, connections: 16, people: opts.people, checkedIn: done, refused: api.result.non2xx };
    report(`activities.checkins.${opts.label}.throughput`, 'requests/s', people.length / api.seconds, people.length / base.seconds, extra);
    report(`activities.checkins.${opts.label}.p99`, 'ms', api.result.latency.p99, base.result.latency.p99, extra);
  } finally {
    await app.close();
    await bare.close();
  }
}
