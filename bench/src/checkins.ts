import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
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
import type { Actor } from '@gongzhi/api/src/platform/authz/actor.ts';
import { scopeFor } from '@gongzhi/api/src/platform/authz/scope.ts';
import { audit } from '@gongzhi/api/src/platform/audit/audit.ts';
import { findActivity, findSignup, updateSignup } from '@gongzhi/api/src/features/activities/activities.repository.ts';
import { report, timedBurst } from './measure.ts';
import { indexOf, reportSameWork, sameWorkServer } from './same-work.ts';

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
  return { activityId: id, gridCode: code, people: tokens.map((t, i): Person => ({ cookie: `gz_session=${t}`, csrf: csrfs[i]!, userId: users[i]!, residentId: residents[i]!, name: `居民${i}` })) };
}

/** One resident of the bench grid: their session, account and register entry. */
interface Person { cookie: string; csrf: string; userId: string; residentId: string; name: string }

/**
 * The check-in's same work: `POST /same/check/:i` checks person i in with the statements the service
 * runs in its transaction (activities.service.ts `checkWithCode`: the activity read through the
 * resident's scope, the sign-up locked, updated, the audit row), by calling the same repository
 * functions, with nothing around them (no code verification, window or state checks).
 */
function checkinSameWork(app: FastifyInstance, database: Database, activityId: string, people: Person[], gridCode: string) {
  app.post('/same/check/:i', async (req) => {
    const p = people[indexOf(req.params, people.length)]!;
    const actor: Actor = { userId: p.userId, name: p.name, residentId: p.residentId, grants: [{ role: 'resident', regionPath: gridCode, organisationId: null }], via: 'session', ip: '127.0.0.1' };
    const now = new Date();
    await database.db.transaction(async (tx) => {
      const a = await findActivity(tx, scopeFor(actor, 'activity.join'), activityId);
      const s = await findSignup(tx, a!.id, p.residentId, { lock: true });
      await updateSignup(tx, s!.id, { checkedInAt: now });
      await audit(tx, actor, { action: 'activity.check_in', subjectType: 'activity', subjectId: a!.id, regionPath: a!.regionPath, details: { signupId: s!.id } });
    });
    return { kind: 'in' };
  });
}

/**
 * 2,000 residents checking in to one large activity: each `POST /api/v1/activities/:id/check` with the
 * code on the organiser's screen (session, scoped load, HMAC check, window, sign-up row locked and
 * updated, audit row — one transaction), 16 connections, against a bare route doing one INSERT per
 * request and against a bare route running the same transaction's statements (same work), in the same run. Elapsed time by process.hrtime; latencies by autocannon (hrtime too).
 */
export async function checkinsBench(database: Database, vault: Vault, opts: { people: number; label: string }) {
  const { activityId, people, gridCode } = await room(database, opts.people);
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-up-'))), dbKind: 'embedded' }, { rateLimits: false, logger: { level: 'error' } });
  const bare = Fastify();
  const same = sameWorkServer();
  checkinSameWork(same, database, activityId, people, gridCode);
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
    // The screen's code, renewed as the screen renews it (each is good for a minute).
    let shown = issueCode(vault, activityId, 'in', new Date());
    const timer = setInterval(() => { shown = issueCode(vault, activityId, 'in', new Date()); }, 20_000);
    const body = () => JSON.stringify({ code: shown.token });
    const api = await timedBurst(`${appUrl}/api/v1/activities/${activityId}/check`, people.length, (i) => ({
      headers: { cookie: people[i]!.cookie, 'x-csrf-token': people[i]!.csrf }, body: body(),
    }));
    clearInterval(timer);
    const base = await timedBurst(`${bareUrl}/bare`, people.length, () => ({ headers: {}, body: body() }));
    const checkedIn = 'SELECT count(*)::int AS n FROM activity_signups WHERE activity_id = $1 AND checked_in_at IS NOT NULL';
    const done = Number((await database.pool.query(checkedIn, [activityId])).rows[0].n);
    // The same people check in again through the same-work route: the API's check-ins are undone first.
    await database.pool.query('UPDATE activity_signups SET checked_in_at = NULL WHERE activity_id = $1', [activityId]);
    const work = await timedBurst(sameUrl, people.length, (i) => ({ path: `/same/check/${i}`, headers: {}, body: body() }));
    const redone = Number((await database.pool.query(checkedIn, [activityId])).rows[0].n);
    if (api.result.non2xx) process.stderr.write(`check-ins answered ${api.result.non2xx} non-2xx: ${JSON.stringify(api.result.statusCodeStats)}; first: ${firstRefusal}\n`);
    const extra = { database: opts.label, connections: 16, people: opts.people, checkedIn: done, refused: api.result.non2xx };
    report(`activities.checkins.${opts.label}.throughput`, 'requests/s', api.rate, base.rate, extra);
    report(`activities.checkins.${opts.label}.p99`, 'ms', api.result.latency.p99, base.result.latency.p99, extra);
    if (work.result.non2xx) process.stderr.write(`check-ins same-work route answered ${work.result.non2xx} non-2xx\n`);
    reportSameWork(`activities.checkins.${opts.label}`, api.rate, work.rate, { ...extra, sameWorkCheckedIn: redone, sameWorkRefused: work.result.non2xx, sameWorkP99: work.result.latency.p99 });
  } finally {
    await app.close();
    await bare.close();
    await same.close();
  }
}
