import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { runDueTimers } from '../../platform/jobs/scheduler.ts';
import { TIMER_HANDLERS } from '../../timers.ts';
import { issueCode, shortCodeFor, WINDOW_SECONDS } from './activities.codes.ts';
import { attendanceFor } from './activities.service.ts';

let ctx: TestContext;
let worker: Client, district: Client, resident: Client, owner: Client, party: Client;
let communityId: string, otherCommunityId: string;
const MIN = 60_000;

const q = async <T>(text: ReturnType<typeof sql>) => (await ctx.database.db.execute(text)).rows as T[];
const now = () => new Date(Date.now() + ctx.clock.offsetMs);
/** Creates an activity as `who` (default: the community worker) starting `inMin` minutes from now. */
async function create(over: Record<string, unknown> = {}, who = worker, inMin = 10) {
  const start = new Date(now().getTime() + inMin * MIN);
  const res = await who.request('POST', '/api/v1/activities', {
    regionId: communityId, organiserName: '社区居委会', title: '测试活动', address: '党群服务中心', startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 120 * MIN).toISOString(), capacity: 10, categoryCode: 'culture.sport', audience: 'anyone', ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; me: unknown; counts: { confirmed: number; waiting: number; checkedIn: number } };
}
const detail = async (c: Client, id: string) => (await c.request('GET', `/api/v1/activities/${id}`)).json() as {
  me: { status: string; waitingPosition: number | null; checkedInAt: string | null; checkedOutAt: string | null } | null;
  counts: { confirmed: number; waiting: number; checkedIn: number } | null; placesLeft: number;
};
const code = async (id: string, kind: 'in' | 'out' = 'in') => (await worker.request('GET', `/api/v1/activities/${id}/code?kind=${kind}`)).json() as { token: string; shortCode: string };
const check = (c: Client, id: string, value: string) => c.request('POST', `/api/v1/activities/${id}/check`, { code: value });

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, district, resident, owner, party] = await Promise.all([DEMO.worker, DEMO.district, DEMO.resident, DEMO.owner, DEMO.partyMember].map((p) => signIn(ctx.app, p))) as [Client, Client, Client, Client, Client];
  const me = (await worker.request('GET', '/api/v1/session')).json() as { grants: { role: string; regionId: string; regionPath: string }[] };
  const g = me.grants.find((x) => x.role === 'community_worker')!;
  communityId = g.regionId;
  otherCommunityId = (await q<{ id: string }>(sql`SELECT id FROM regions WHERE level = 'community' AND code <> ${g.regionPath} ORDER BY code LIMIT 1`))[0]!.id;
});
afterAll(async () => { await ctx.close(); });
beforeEach(() => { ctx.clock.offsetMs = 0; });

describe('sign-up, waiting list, cancellation', () => {
  it('fills the places, then queues with positions; a cancellation promotes the first waiting and tells them', async () => {
    const a = await create({ capacity: 1 }, worker, 600);
    expect((await resident.request('POST', `/api/v1/activities/${a.id}/signup`)).json().me.status).toBe('confirmed');
    const w1 = (await owner.request('POST', `/api/v1/activities/${a.id}/signup`)).json();
    expect(w1.me).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    expect((await party.request('POST', `/api/v1/activities/${a.id}/signup`)).json().me).toMatchObject({ status: 'waiting', waitingPosition: 2 });
    expect((await resident.request('POST', `/api/v1/activities/${a.id}/signup`)).json().error.code).toBe('ACTIVITY_ALREADY_SIGNED_UP');

    const cancelled = await resident.request('POST', `/api/v1/activities/${a.id}/signup/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().me).toBeNull();
    expect((await detail(owner, a.id)).me).toMatchObject({ status: 'confirmed', waitingPosition: null });
    expect((await detail(party, a.id)).me).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    const ownerUser = (await owner.request('GET', '/api/v1/session')).json().user.id as string;
    const msgs = await q<{ template: string; recipient_user_id: string }>(sql`SELECT template, recipient_user_id FROM outbox WHERE payload->>'activityId' = ${a.id}`);
    expect(msgs).toEqual([{ template: 'activity.promoted', recipient_user_id: ownerUser }]);
    const counts = (await detail(worker, a.id)).counts;
    expect(counts).toEqual({ confirmed: 1, waiting: 1, checkedIn: 0 });
  });

  it('refuses to cancel after the cancel-until time, and sign-up once the activity has started', async () => {
    const a = await create({ cancelUntilMinutes: 120 }, worker, 60);
    await resident.request('POST', `/api/v1/activities/${a.id}/signup`);
    const late = await resident.request('POST', `/api/v1/activities/${a.id}/signup/cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ACTIVITY_CANCEL_CLOSED');
    ctx.clock.offsetMs = 61 * MIN;
    expect((await owner.request('POST', `/api/v1/activities/${a.id}/signup`)).json().error.code).toBe('ACTIVITY_STARTED');
  });

  it('gives the last place to exactly one of two people asking at once', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await create({ capacity: 1 }, worker, 600);
      const [x, y] = await Promise.all([resident.request('POST', `/api/v1/activities/${a.id}/signup`), owner.request('POST', `/api/v1/activities/${a.id}/signup`)]);
      expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
      expect([x.json().me.status, y.json().me.status].sort()).toEqual(['confirmed', 'waiting']);
      expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM activity_signups WHERE activity_id = ${a.id} AND status = 'confirmed'`))[0]!.n).toBe(1);
    }
  });

  it('honours Idempotency-Key: a retried sign-up is answered once, one row, one audit entry', async () => {
    const a = await create({}, worker, 600);
    const key = { 'idempotency-key': `signup-${a.id}` };
    const first = await resident.request('POST', `/api/v1/activities/${a.id}/signup`, undefined, key);
    const again = await resident.request('POST', `/api/v1/activities/${a.id}/signup`, undefined, key);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().me.status).toBe('confirmed');
    expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM activity_signups WHERE activity_id = ${a.id}`))[0]!.n).toBe(1);
    expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'activity.signup' AND subject_id = ${a.id}`))[0]!.n).toBe(1);
  });

  it('keeps a residents-only activity to residents of the community, and a party one to party members', async () => {
    const own = await create({ audience: 'residents' }, worker, 600);
    expect((await resident.request('POST', `/api/v1/activities/${own.id}/signup`)).statusCode).toBe(200);
    const partyOnly = await create({ audience: 'party_members' }, worker, 600);
    const refused = await resident.request('POST', `/api/v1/activities/${partyOnly.id}/signup`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ACTIVITY_NOT_ELIGIBLE');
    expect((await party.request('POST', `/api/v1/activities/${partyOnly.id}/signup`)).statusCode).toBe(200);
  });
});

describe('check-in and check-out with codes', () => {
  it('checks in with the scanned token or the typed short code, once per person; then out', async () => {
    const a = await create();
    await resident.request('POST', `/api/v1/activities/${a.id}/signup`);
    await owner.request('POST', `/api/v1/activities/${a.id}/signup`);
    const c = await code(a.id);
    expect(c.shortCode).toMatch(/^[A-Z2-9]{6}$/);
    const ok = await check(resident, a.id, c.token);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'in', checkedOutAt: null });
    // The same code shown to the whole room works for the next person, typed in lower case even.
    expect((await check(owner, a.id, c.shortCode.toLowerCase())).statusCode).toBe(200);
    const reused = await check(resident, a.id, c.token);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('ACTIVITY_ALREADY_CHECKED_IN');
    const out = await check(resident, a.id, (await code(a.id, 'out')).shortCode);
    expect(out.json()).toMatchObject({ kind: 'out' });
    expect(out.json().checkedOutAt).not.toBeNull();
    expect((await detail(worker, a.id)).counts!.checkedIn).toBe(2);
    const facts = await attendanceFor(ctx.database.db, a.id);
    expect(facts!.activity).toMatchObject({ id: a.id, creditsHours: false, maxCreditedMinutes: 120, categoryCode: 'culture.sport' });
    expect(facts!.rows.every((r) => r.present && r.checkedInAt instanceof Date)).toBe(true);
  });

  it('refuses expired, forged and other activities’ codes, outside the window, and without a place', async () => {
    const a = await create();
    const b = await create();
    await resident.request('POST', `/api/v1/activities/${a.id}/signup`);
    const c = await code(a.id);
    const err = async (c2: Client, value: string) => (await check(c2, a.id, value)).json().error?.code as string | undefined;

    // Forged: a payload changed under the old signature, a signature made up, a random short code.
    const [payload, sig] = c.token.split('.');
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), k: 'out' })).toString('base64url');
    expect(await err(resident, `${altered}.${sig}`)).toBe('ACTIVITY_CODE_INVALID');
    expect(await err(resident, `${payload}.${'A'.repeat(43)}`)).toBe('ACTIVITY_CODE_INVALID');
    expect(await err(resident, c.shortCode === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF')).toBe('ACTIVITY_CODE_INVALID');
    // A code of activity B never works for A.
    const other = await code(b.id);
    expect(await err(resident, other.token)).toBe('ACTIVITY_CODE_INVALID');
    expect(await err(resident, other.shortCode)).toBe('ACTIVITY_CODE_INVALID');
    // Not signed up.
    expect(await err(owner, c.token)).toBe('ACTIVITY_NOT_SIGNED_UP');
    // Expired: the same genuine codes a bit more than a minute later.
    ctx.clock.offsetMs = 61_000 + WINDOW_SECONDS * 1000;
    expect(await err(resident, c.token)).toBe('ACTIVITY_CODE_EXPIRED');
    expect(await err(resident, c.shortCode)).toBe('ACTIVITY_CODE_EXPIRED');
    // Outside the window: a fresh, valid code, but three hours after the end.
    ctx.clock.offsetMs = 5 * 60 * MIN;
    expect(await err(resident, issueCode(ctx.vault, a.id, 'in', now()).token)).toBe('ACTIVITY_OUTSIDE_WINDOW');
    expect(await err(resident, shortCodeFor(ctx.vault, a.id, 'in', Math.floor(now().getTime() / 1000 / WINDOW_SECONDS)))).toBe('ACTIVITY_OUTSIDE_WINDOW');
    // Check-out before check-in.
    ctx.clock.offsetMs = 0;
    expect(await err(resident, (await code(a.id, 'out')).token)).toBe('ACTIVITY_NOT_CHECKED_IN');
  });

  it('lets the organiser mark attendance by hand', async () => {
    const a = await create();
    await resident.request('POST', `/api/v1/activities/${a.id}/signup`);
    const list = (await worker.request('GET', `/api/v1/activities/${a.id}/attendance`)).json() as { signupId: string; present: boolean }[];
    expect(list).toHaveLength(1);
    const at = now().toISOString();
    const marked = await worker.request('POST', `/api/v1/activities/${a.id}/attendance/${list[0]!.signupId}`, { present: true, checkedInAt: at });
    expect(marked.json()[0]).toMatchObject({ present: true, markedByHand: true, checkedInAt: at });
    const absent = await worker.request('POST', `/api/v1/activities/${a.id}/attendance/${list[0]!.signupId}`, { present: false });
    expect(absent.json()[0]).toMatchObject({ present: false });
    expect((await attendanceFor(ctx.database.db, a.id))!.rows[0]!.present).toBe(false);
  });
});

describe('scope, lists and calendars', () => {
  it('hides another community’s activity from its organisers and residents elsewhere (404)', async () => {
    const a = await create({ regionId: otherCommunityId }, district);
    expect((await worker.request('GET', `/api/v1/activities/${a.id}`)).statusCode).toBe(404);
    expect((await worker.request('GET', `/api/v1/activities/${a.id}/attendance`)).statusCode).toBe(404);
    expect((await worker.request('GET', `/api/v1/activities/${a.id}/code`)).statusCode).toBe(404);
    expect((await resident.request('POST', `/api/v1/activities/${a.id}/signup`)).statusCode).toBe(404);
    expect((await worker.request('GET', '/api/v1/activities')).json().some((x: { id: string }) => x.id === a.id)).toBe(false);
    expect((await district.request('GET', `/api/v1/activities/${a.id}/attendance`)).statusCode).toBe(200);
    // And a community worker cannot create one there.
    const refused = await worker.request('POST', '/api/v1/activities', { regionId: otherCommunityId, organiserName: 'x', title: 'x', address: 'x',
      startsAt: new Date(Date.now() + DAY_MS).toISOString(), endsAt: new Date(Date.now() + DAY_MS + MIN).toISOString(), capacity: 1, categoryCode: 'culture.sport' });
    expect(refused.statusCode).toBe(404);
  });

  it('lists activities near me, mine (with waiting place) and the organiser’s counts; filters by category', async () => {
    const a = await create({ title: '太极拳晨练', capacity: 1 }, worker, 900);
    await party.request('POST', `/api/v1/activities/${a.id}/signup`);
    await owner.request('POST', `/api/v1/activities/${a.id}/signup`);
    const near = (await owner.request('GET', '/api/v1/activities/near')).json() as { id: string; placesLeft: number }[];
    expect(near.find((x) => x.id === a.id)?.placesLeft).toBe(0);
    expect((await owner.request('GET', '/api/v1/activities/near?category=environment')).json().some((x: { id: string }) => x.id === a.id)).toBe(false);
    expect((await owner.request('GET', '/api/v1/activities/near?category=culture')).json().some((x: { id: string }) => x.id === a.id)).toBe(true);
    const mine = (await owner.request('GET', '/api/v1/activities/mine')).json() as { id: string; me: { status: string; waitingPosition: number } }[];
    expect(mine.find((x) => x.id === a.id)!.me).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    const org = (await worker.request('GET', '/api/v1/activities')).json() as { id: string; counts: object }[];
    expect(org.find((x) => x.id === a.id)!.counts).toEqual({ confirmed: 1, waiting: 1, checkedIn: 0 });
    expect((await resident.request('GET', '/api/v1/activities')).statusCode).toBe(403);
  });

  it('serves the public community calendar and its .ics without sign-in or personal data; the personal feed needs its token', async () => {
    const a = await create({ title: '社区音乐会', description: '欢迎参加' }, worker, 2000);
    await resident.request('POST', `/api/v1/activities/${a.id}/signup`);
    const page = await ctx.app.inject({ method: 'GET', url: `/api/v1/activities/calendar/community/${communityId}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().items.some((x: { id: string }) => x.id === a.id)).toBe(true);
    const residentName = (await resident.request('GET', '/api/v1/session')).json().user.name as string;
    expect(page.body).not.toContain(residentName);
    const ics = await ctx.app.inject({ method: 'GET', url: page.json().icsPath });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(ics.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const ev = events.find((e) => e.uid === `${a.id}@gongzhi`)!;
    expect(ev.summary).toBe('社区音乐会');
    // iCalendar times have whole seconds.
    expect(ev.startDate.toJSDate().getTime()).toBe(Math.floor(new Date((await detail(worker, a.id) as unknown as { startsAt: string }).startsAt).getTime() / 1000) * 1000);
    expect(ics.body).not.toContain(residentName);

    const link = (await resident.request('GET', '/api/v1/activities/calendar/link')).json().path as string;
    const mine = await ctx.app.inject({ method: 'GET', url: link });
    expect(mine.statusCode).toBe(200);
    const uids = new ICAL.Component(ICAL.parse(mine.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid);
    expect(uids).toContain(`${a.id}@gongzhi`);
    const forged = await ctx.app.inject({ method: 'GET', url: link.replace(/token=([^.]+)\.(.)/, (_m, u: string, c: string) => `token=${u}.${c === 'A' ? 'B' : 'A'}`) });
    expect(forged.statusCode).toBe(404);
  });

  it('reminds each confirmed person through the outbox a day before', async () => {
    const a = await create({ reminderHours: 24 }, worker, 26 * 60);
    await resident.request('POST', `/api/v1/activities/${a.id}/signup`);
    await runDueTimers(ctx.database.db, TIMER_HANDLERS, { now: () => new Date(Date.now() + 3 * 3_600_000) });
    const msgs = await q<{ template: string }>(sql`SELECT template FROM outbox WHERE payload->>'activityId' = ${a.id}`);
    expect(msgs.map((m) => m.template)).toEqual(['activity.reminder']);
  });
});

const DAY_MS = 86_400_000;
