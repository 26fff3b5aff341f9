import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';

/**
 * The participation loop across three features, through the API: a verified volunteer signs up to a
 * volunteers-only activity, checks in and out with the organiser's codes, the organiser records the
 * hours from the attendance, a second member of staff approves them, and the charity bank credits
 * the points in the same transaction — once, however often the hours are recorded.
 */
let ctx: TestContext;
let worker: Client, secretary: Client, resident: Client, owner: Client;
let communityId: string;
const MIN = 60_000;
const now = () => new Date(Date.now() + ctx.clock.offsetMs);

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary, resident, owner] = await Promise.all([DEMO.worker, DEMO.secretary, DEMO.resident, DEMO.owner].map((p) => signIn(ctx.app, p))) as [Client, Client, Client, Client];
  const me = (await worker.request('GET', '/api/v1/session')).json() as { grants: { role: string; regionId: string }[] };
  communityId = me.grants.find((g) => g.role === 'community_worker')!.regionId;
});
afterAll(async () => { await ctx.close(); });

const balance = async (c: Client) => BigInt(((await c.request('GET', '/api/v1/bank/me')).json() as { balance: string }).balance);
const code = async (id: string, kind: 'in' | 'out') => ((await worker.request('GET', `/api/v1/activities/${id}/code?kind=${kind}`)).json() as { token: string }).token;

describe('volunteer service earns charity-bank points', () => {
  it('runs from sign-up to points, with the second-person rule and no double credit', async () => {
    // The resident registers and the community verifies them.
    expect((await resident.request('POST', '/api/v1/volunteers/me', { skills: ['elderly_care'] })).statusCode).toBeLessThan(300);
    const volunteerId = ((await resident.request('GET', '/api/v1/volunteers/me')).json() as { registration: { id: string } }).registration.id;
    expect((await worker.request('POST', `/api/v1/volunteers/${volunteerId}/decision`, { decision: 'verify' })).statusCode).toBe(200);

    const start = new Date(now().getTime() + 10 * MIN);
    const created = await worker.request('POST', '/api/v1/activities', {
      regionId: communityId, organiserName: '社区居委会', title: '志愿者清理楼道', address: '3 栋', startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 180 * MIN).toISOString(), capacity: 5, categoryCode: 'culture.sport', audience: 'volunteers',
      creditsHours: true, maxCreditedMinutes: 120,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;

    // Only verified volunteers may sign up to it.
    expect((await owner.request('POST', `/api/v1/activities/${id}/signup`)).json().error.code).toBe('ACTIVITY_NOT_ELIGIBLE');
    expect((await resident.request('POST', `/api/v1/activities/${id}/signup`)).json().me.status).toBe('confirmed');

    ctx.clock.offsetMs = 15 * MIN;
    expect((await resident.request('POST', `/api/v1/activities/${id}/check`, { code: await code(id, 'in') })).statusCode).toBe(200);
    ctx.clock.offsetMs = 170 * MIN;
    expect((await resident.request('POST', `/api/v1/activities/${id}/check`, { code: await code(id, 'out') })).statusCode).toBe(200);

    // Not before the activity has ended.
    expect((await worker.request('POST', `/api/v1/activities/${id}/volunteer-hours`)).json().error.code).toBe('VOLUNTEER_ACTIVITY_NOT_ENDED');
    ctx.clock.offsetMs = 200 * MIN;
    const recorded = await worker.request('POST', `/api/v1/activities/${id}/volunteer-hours`);
    expect(recorded.json()).toEqual({ created: 1, skipped: 0 });
    expect((await worker.request('POST', `/api/v1/activities/${id}/volunteer-hours`)).json()).toEqual({ created: 0, skipped: 1 });

    const mine = (await resident.request('GET', '/api/v1/volunteers/me')).json() as { records: { id: string; status: string; minutes: number; activityId: string | null }[] };
    const record = mine.records.find((r) => r.activityId === id)!;
    // 155 minutes of presence, capped at the activity's 120.
    expect(record).toMatchObject({ status: 'pending', minutes: 120 });

    const before = await balance(resident);
    // The organiser recorded it, so the organiser may not approve it; the secretary may, once.
    expect((await worker.request('POST', `/api/v1/volunteers/service-records/${record.id}/decision`, { decision: 'approve' })).json().error.code).toBe('VOLUNTEER_SELF_REVIEW');
    const [a, b] = await Promise.all([1, 2].map(() => secretary.request('POST', `/api/v1/volunteers/service-records/${record.id}/decision`, { decision: 'approve' })));
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
    // 120 minutes at the default rate of 60 minutes a point.
    expect(await balance(resident)).toBe(before + 2n);
  });

  it('keeps an activity of another community out of reach ("not found")', async () => {
    const other = await signIn(ctx.app, DEMO.grid);
    const created = await worker.request('POST', '/api/v1/activities', {
      regionId: communityId, organiserName: '社区居委会', title: '已结束的活动', address: '广场', startsAt: new Date(now().getTime() + 60 * MIN).toISOString(),
      endsAt: new Date(now().getTime() + 120 * MIN).toISOString(), capacity: 5, categoryCode: 'culture.sport', audience: 'anyone', creditsHours: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    ctx.clock.offsetMs = 300 * MIN;
    expect((await worker.request('POST', `/api/v1/activities/${id}/volunteer-hours`)).json().error.code).toBe('VOLUNTEER_ACTIVITY_NO_HOURS');
    const res = await other.request('POST', `/api/v1/activities/${id}/volunteer-hours`);
    expect([403, 404]).toContain(res.statusCode);
  });
});
