import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { approveServiceRecord, recordFromAttendance } from './service-record.service.ts';
import { isVerifiedVolunteer, volunteerSummary } from './volunteers.service.ts';

let ctx: TestContext;
let resident: Client, owner: Client, worker: Client, secretary: Client, street: Client, district: Client;

const COMMUNITY = '510108001001';
const q = async <T>(text: ReturnType<typeof sql>) => (await ctx.database.db.execute(text)).rows as T[];
const count = async (text: ReturnType<typeof sql>) => (await q<{ n: number }>(text))[0]!.n;
const register = (c: Client, body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  c.request('POST', '/api/v1/volunteers/me', { skills: ['elderly_care'], skillsOther: '会手语', availability: [{ weekday: 6, part: 'morning' }], ...body }, headers);
const myVolunteerId = async (c: Client) => ((await c.request('GET', '/api/v1/volunteers/me')).json() as { registration: { id: string } }).registration.id;
const yesterday = () => new Date(Date.now() - 86_400_000 - 8 * 3_600_000).toISOString().slice(0, 10);
const record = (c: Client, volunteerId: string, body: Record<string, unknown> = {}) =>
  c.request('POST', `/api/v1/volunteers/${volunteerId}/service-records`, { serviceDay: yesterday(), start: '09:00', end: '11:30', title: '陪伴独居老人', ...body });

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, owner, worker, secretary, street, district] = await Promise.all([
    signIn(ctx.app, DEMO.resident), signIn(ctx.app, DEMO.owner), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary),
    signIn(ctx.app, DEMO.street), signIn(ctx.app, DEMO.district),
  ]);
});
afterAll(async () => { await ctx.close(); });

describe('registration and verification', () => {
  it('registers a resident under the name of their register entry, once however often it is sent (Idempotency-Key too)', async () => {
    const headers = { 'idempotency-key': 'vol-reg-1' };
    const first = await register(resident, {}, headers);
    expect(first.statusCode).toBe(201);
    const replay = await register(resident, {}, headers);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().registration.id).toBe(first.json().registration.id);
    const again = await register(resident, { skills: ['elderly_care', 'tutoring'] });
    expect(again.statusCode).toBe(200);
    const me = again.json();
    expect(me.registration.id).toBe(first.json().registration.id);
    expect(me.registration.skills).toEqual(['elderly_care', 'tutoring']);
    expect(me.registration.status).toBe('pending');
    const [entry] = await q<{ name: string }>(sql`SELECT r.name FROM residents r JOIN volunteers v ON v.resident_id = r.id WHERE v.id = ${me.registration.id}`);
    expect(me.registration.name).toBe(entry!.name);
    expect(me.name).toBe(entry!.name);
    expect(await count(sql`SELECT count(*)::int AS n FROM volunteers v JOIN residents r ON r.id = v.resident_id WHERE r.name = ${entry!.name}`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'volunteer.register' AND subject_id = ${me.registration.id}`)).toBe(2);
  });
  it('refuses unknown skills and staff registering themselves, writing nothing', async () => {
    const bad = await register(owner, { skills: ['juggling'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await register(worker)).statusCode).toBe(403);
    expect((await owner.request('GET', '/api/v1/volunteers/me')).json().registration).toBeNull();
  });
  it('lists volunteers to the community with phone and ID masked; a resident may not list them', async () => {
    const list = await worker.request('GET', '/api/v1/volunteers?status=pending');
    expect(list.statusCode).toBe(200);
    const mine = (list.json() as { name: string; phoneMasked: string | null; idMasked: string | null }[])[0]!;
    expect(mine.phoneMasked === null || /^\d{3}\*{4}\d{4}$/.test(mine.phoneMasked)).toBe(true);
    expect(mine.idMasked === null || mine.idMasked.includes('*')).toBe(true);
    // The sealed values never leave: only the masked forms are in the answer.
    const [sealed] = await q<{ phone: string | null; id: string | null }>(sql`SELECT phone_cipher AS phone, id_cipher AS id FROM residents WHERE name = ${mine.name}`);
    const plain = [sealed?.phone, sealed?.id].filter((v): v is string => Boolean(v)).map((v) => ctx.vault.decrypt(v));
    expect(plain.length).toBeGreaterThan(0);
    for (const v of plain) expect(JSON.stringify(list.json())).not.toContain(v);
    expect((await resident.request('GET', '/api/v1/volunteers')).statusCode).toBe(403);
  });
  it('rejects with a reason only, verifies once, and a rejected person may register again', async () => {
    const id = await myVolunteerId(resident);
    expect((await worker.request('POST', `/api/v1/volunteers/${id}/decision`, { decision: 'reject' })).json().error.code).toBe('VOLUNTEER_REASON_REQUIRED');
    const rejected = await worker.request('POST', `/api/v1/volunteers/${id}/decision`, { decision: 'reject', reason: '请补充可服务时间' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '请补充可服务时间' });
    expect((await register(resident, { availability: [{ weekday: 6, part: 'morning' }, { weekday: 7, part: 'afternoon' }] })).json().registration.status).toBe('pending');
    expect((await secretary.request('POST', `/api/v1/volunteers/${id}/decision`, { decision: 'verify' })).json().status).toBe('verified');
    const twice = await worker.request('POST', `/api/v1/volunteers/${id}/decision`, { decision: 'verify' });
    expect(twice.statusCode).toBe(409);
    const [{ resident_id }] = await q<{ resident_id: string }>(sql`SELECT resident_id FROM volunteers WHERE id = ${id}`) as [{ resident_id: string }];
    expect(await isVerifiedVolunteer(ctx.database.db, resident_id)).toBe(true);
  });
  it('hides another community’s volunteers: 404 for reading, deciding and recording', async () => {
    const [other] = await q<{ id: string; code: string; district_code: string }>(sql`SELECT r.id, r.region_path AS code, r.district_code FROM residents r
      WHERE r.region_path NOT LIKE ${`${COMMUNITY}%`} AND r.moved_out_at IS NULL ORDER BY r.id LIMIT 1`);
    const [row] = await q<{ id: string }>(sql`INSERT INTO volunteers (id, resident_id, region_path, district_code, status)
      VALUES (gen_random_uuid(), ${other!.id}, ${other!.code}, ${other!.district_code}, 'verified') RETURNING id`);
    expect((await worker.request('GET', `/api/v1/volunteers/${row!.id}`)).statusCode).toBe(404);
    expect((await worker.request('POST', `/api/v1/volunteers/${row!.id}/decision`, { decision: 'verify' })).statusCode).toBe(404);
    expect((await record(worker, row!.id)).statusCode).toBe(404);
    expect((await worker.request('GET', '/api/v1/volunteers')).json().some((v: { id: string }) => v.id === row!.id)).toBe(false);
    // The district sees both communities.
    expect((await district.request('GET', `/api/v1/volunteers/${row!.id}`)).statusCode).toBe(200);
  });
});

describe('teams', () => {
  it('opens a team in the community with a verified leader, who is shown as a member', async () => {
    const id = await myVolunteerId(resident);
    const [community] = await q<{ id: string }>(sql`SELECT id FROM regions WHERE code = ${COMMUNITY}`);
    const res = await secretary.request('POST', '/api/v1/volunteers/teams', { regionId: community!.id, name: '望平法律援助队', leaderVolunteerId: id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '望平法律援助队', memberCount: 1 });
    expect((await resident.request('GET', '/api/v1/volunteers/me')).json().registration.teams.map((t: { name: string }) => t.name)).toContain('望平法律援助队');
  });
});

describe('service records and their review', () => {
  it('records minutes for a verified volunteer only, and refuses times in the future or backwards', async () => {
    const id = await myVolunteerId(resident);
    const ok = await record(worker, id);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ minutes: 150, status: 'pending', mayReview: false });
    expect((await record(worker, id, { start: '11:00', end: '10:00' })).json().error.code).toBe('VOLUNTEER_TIME_INVALID');
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await record(worker, id, { serviceDay: tomorrow })).json().error.code).toBe('VOLUNTEER_TIME_INVALID');
    const [pending] = await q<{ id: string }>(sql`SELECT id FROM volunteers WHERE status = 'pending' AND region_path LIKE ${`${COMMUNITY}%`} LIMIT 1`);
    expect((await record(worker, pending!.id)).json().error.code).toBe('VOLUNTEER_NOT_VERIFIED');
  });
  it('never lets the recorder, nor the volunteer, approve: VOLUNTEER_SELF_REVIEW', async () => {
    const [r] = await q<{ id: string }>(sql`SELECT id FROM volunteer_service_records WHERE status = 'pending' AND volunteer_id = ${await myVolunteerId(resident)}`);
    const self = await worker.request('POST', `/api/v1/volunteers/service-records/${r!.id}/decision`, { decision: 'approve' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('VOLUNTEER_SELF_REVIEW');
    // The volunteer themself, even holding a reviewing role, is refused too.
    const [v] = await q<{ resident_id: string }>(sql`SELECT resident_id FROM volunteer_service_records WHERE id = ${r!.id}`);
    const volunteerAsStaff: Actor = { userId: '00000000-0000-0000-0000-0000000000aa', name: '志愿者本人', residentId: v!.resident_id, via: 'session', grants: [{ role: 'community_secretary', regionPath: COMMUNITY, organisationId: null }] };
    await expect(approveServiceRecord(ctx.database.db, volunteerAsStaff, r!.id, new Date())).rejects.toMatchObject({ code: 'VOLUNTEER_SELF_REVIEW' });
    expect(await count(sql`SELECT count(*)::int AS n FROM volunteer_service_records WHERE id = ${r!.id} AND status = 'pending'`)).toBe(1);
    // The worker's queue shows the record but does not offer the approval.
    const queue = (await worker.request('GET', '/api/v1/volunteers/service-records?status=pending')).json() as { id: string; mayReview: boolean }[];
    expect(queue.find((x) => x.id === r!.id)?.mayReview).toBe(false);
    const theirs = (await secretary.request('GET', '/api/v1/volunteers/service-records?status=pending')).json() as { id: string; mayReview: boolean }[];
    expect(theirs.find((x) => x.id === r!.id)?.mayReview).toBe(true);
  });
  it('approves exactly once when two staff approve at the same moment', async () => {
    const id = await myVolunteerId(resident);
    const rec = (await record(worker, id, { start: '14:00', end: '15:00', title: '社区环境清洁' })).json() as { id: string };
    const results = await Promise.all([secretary, street, district].map((c) => c.request('POST', `/api/v1/volunteers/service-records/${rec.id}/decision`, { decision: 'approve' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'volunteer.record_approve' AND subject_id = ${rec.id}`)).toBe(1);
    const me = (await resident.request('GET', '/api/v1/volunteers/me')).json();
    expect(me.summary.approvedMinutes).toBe(60);
    expect(me.summary.pendingMinutes).toBe(150);
  });
  it('returns the approved record for the charity bank, and rejects with a reason', async () => {
    const [r] = await q<{ id: string; resident_id: string }>(sql`SELECT id, resident_id FROM volunteer_service_records WHERE status = 'pending' AND volunteer_id = ${await myVolunteerId(resident)}`);
    const approver: Actor = { userId: '00000000-0000-0000-0000-0000000000bb', name: '复核人', residentId: null, via: 'session', grants: [{ role: 'community_secretary', regionPath: COMMUNITY, organisationId: null }] };
    const approved = await approveServiceRecord(ctx.database.db, approver, r!.id, new Date());
    expect(approved).toMatchObject({ id: r!.id, volunteerPersonId: r!.resident_id, minutes: 150, activityId: null, categoryCode: 'general' });
    expect(approved.regionPath.startsWith(COMMUNITY)).toBe(true);
    const id = await myVolunteerId(resident);
    const rec = (await record(worker, id, { start: '16:00', end: '16:45' })).json() as { id: string };
    expect((await secretary.request('POST', `/api/v1/volunteers/service-records/${rec.id}/decision`, { decision: 'reject' })).json().error.code).toBe('VOLUNTEER_REASON_REQUIRED');
    const rej = await secretary.request('POST', `/api/v1/volunteers/service-records/${rec.id}/decision`, { decision: 'reject', reason: '时间与签到不符' });
    expect(rej.json()).toMatchObject({ status: 'rejected', rejectReason: '时间与签到不符' });
    const s = await volunteerSummary(ctx.database.db, r!.resident_id);
    expect(s).toMatchObject({ approvedMinutes: 210, pendingMinutes: 0, thresholdsHours: [100, 300, 600, 1000, 1500], star: 0 });
    // A district sets its own ladder: 3.5 approved hours reach its first star.
    expect((await secretary.request('POST', '/api/v1/volunteers/star-thresholds', { districtCode: '510108', hours: [3, 10, 20, 30, 40] })).statusCode).toBe(403);
    expect((await district.request('POST', '/api/v1/volunteers/star-thresholds', { districtCode: '510108', hours: [3, 10, 10, 30, 40] })).json().error.code).toBe('VOLUNTEER_STARS_INVALID');
    expect((await district.request('POST', '/api/v1/volunteers/star-thresholds', { districtCode: '510108', hours: [3, 10, 20, 30, 40] })).statusCode).toBe(200);
    expect((await resident.request('GET', '/api/v1/volunteers/me')).json().summary).toMatchObject({ star: 1, thresholdsHours: [3, 10, 20, 30, 40] });
  });
});

describe('credit from an activity’s attendance', () => {
  const activityId = '11111111-2222-4333-8444-555555555555';
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 14, h - 8, m));
  const activity = (over: Record<string, unknown> = {}) => ({
    id: activityId, title: '重阳节敬老活动', regionPath: COMMUNITY, organiserUserId: '00000000-0000-0000-0000-0000000000cc',
    startsAt: at(9), endsAt: at(13), creditsHours: true, maxCreditedMinutes: 0, categoryCode: 'elderly', ...over,
  });
  const system: Actor = { userId: '00000000-0000-0000-0000-0000000000dd', name: '活动签到', residentId: null, via: 'system', grants: [{ role: 'system_admin', regionPath: null, organisationId: null }] };

  it('credits verified volunteers min(check-out − check-in, cap), skips the rest and duplicates; caps by category', async () => {
    const [v] = await q<{ resident_id: string }>(sql`SELECT resident_id FROM volunteers WHERE id = ${await myVolunteerId(resident)}`);
    const [stranger] = await q<{ id: string }>(sql`SELECT id FROM residents WHERE id NOT IN (SELECT resident_id FROM volunteers) LIMIT 1`);
    const rows = [
      { personId: v!.resident_id, checkedInAt: at(9), checkedOutAt: at(13), present: true },
      { personId: stranger!.id, checkedInAt: at(9), checkedOutAt: at(10), present: true },
    ];
    const db = ctx.database.db;
    expect(await db.transaction((tx) => recordFromAttendance(tx, system, { activity: activity(), rows }, new Date()))).toEqual({ created: 1, skipped: 1 });
    const [rec] = await q<{ minutes: number; recorded_by: string; status: string }>(sql`SELECT minutes, recorded_by, status FROM volunteer_service_records WHERE activity_id = ${activityId}`);
    expect(rec).toMatchObject({ minutes: 120, recorded_by: '00000000-0000-0000-0000-0000000000cc', status: 'pending' });
    // The same attendance again: nothing new.
    expect(await db.transaction((tx) => recordFromAttendance(tx, system, { activity: activity(), rows }, new Date()))).toEqual({ created: 0, skipped: 2 });
    // A category cap of 90 minutes applies to another activity of that category.
    expect((await district.request('POST', '/api/v1/volunteers/hour-caps', { categoryCode: 'elderly', maxMinutes: 90 })).statusCode).toBe(200);
    expect((await secretary.request('POST', '/api/v1/volunteers/hour-caps', { categoryCode: 'elderly', maxMinutes: 600 })).statusCode).toBe(403);
    const other = { ...activity(), id: '11111111-2222-4333-8444-666666666666' };
    expect(await db.transaction((tx) => recordFromAttendance(tx, system, { activity: other, rows }, new Date()))).toEqual({ created: 1, skipped: 1 });
    const [capped] = await q<{ minutes: number }>(sql`SELECT minutes FROM volunteer_service_records WHERE activity_id = ${other.id}`);
    expect(capped!.minutes).toBe(90);
  });
  it('credits nothing for an activity without hours, for absentees or missing check-outs', async () => {
    const [v] = await q<{ resident_id: string }>(sql`SELECT resident_id FROM volunteers WHERE region_path LIKE ${`${COMMUNITY}%`} AND status = 'verified' LIMIT 1`);
    const id = '11111111-2222-4333-8444-777777777777';
    const db = ctx.database.db;
    const row = (o: Record<string, unknown>) => ({ personId: v!.resident_id, checkedInAt: at(9), checkedOutAt: at(10), present: true, ...o });
    expect(await db.transaction((tx) => recordFromAttendance(tx, system, { activity: activity({ id, creditsHours: false }), rows: [row({})] }, new Date()))).toEqual({ created: 0, skipped: 1 });
    expect(await db.transaction((tx) => recordFromAttendance(tx, system, { activity: activity({ id }), rows: [row({ present: false })] }, new Date()))).toEqual({ created: 0, skipped: 1 });
    expect(await db.transaction((tx) => recordFromAttendance(tx, system, { activity: activity({ id }), rows: [row({ checkedOutAt: null })] }, new Date()))).toEqual({ created: 0, skipped: 1 });
    expect(await count(sql`SELECT count(*)::int AS n FROM volunteer_service_records WHERE activity_id = ${id}`)).toBe(0);
  });
});
