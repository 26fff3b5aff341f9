import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { cast, gridCouncil, startMeeting, TERM, type Cast } from '../councils/councils.testkit.ts';
import { accountKit } from '../users/users.testkit.ts';
import { ERASED_NAME } from './privacy.service.ts';

// Probe fixes (erasure): an erased register entry is a read-only husk. It cannot be changed (which
// would re-identify the person), linked to an account, seated, signed in, or made an owner; erasure
// vacates the seats it held, and closes the link requests of an erased account.

let ctx: TestContext;
let c: Cast;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await cast(ctx);
});
afterAll(async () => { await ctx?.close(); });

const q = async <T>(text: string, params: unknown[] = []) => (await ctx.database.pool.query(text, params)).rows as T[];
type Res = { statusCode: number; json(): unknown };
const err = (res: Res) => [res.statusCode, (res.json() as { error?: { code: string } }).error?.code];
const HOUR = 3_600_000;

describe('an erased person is no longer usable', () => {
  it('vacates their seats (no quorum from an empty chair) and refuses to change, seat, sign in, own or link them', async () => {
    const council = await gridCouncil(c);
    const erased = c.neighbours[0]!;
    const seatOf = async () => (await q<{ id: string; vacated_at: Date | null; vacated_reason: string | null }>(
      'SELECT id, vacated_at, vacated_reason FROM council_seats WHERE council_id = $1 AND resident_id = $2', [council.id, erased]))[0]!;
    expect((await seatOf()).vacated_at).toBeNull();

    expect((await c.worker.request('POST', `/api/v1/residents/${erased}/erasure`, { confirm: true })).statusCode).toBe(204);
    const seat = await seatOf();
    expect(seat.vacated_at).not.toBeNull();
    expect(seat.vacated_reason).toBe('erased');

    // Re-identifying them through the register.
    expect(err(await c.worker.request('PATCH', `/api/v1/residents/${erased}`, { name: '张三', phone: '13912345678' }))).toEqual([409, 'RESIDENT_ERASED']);
    expect((await q<{ name: string }>('SELECT name FROM residents WHERE id = $1', [erased]))[0]!.name).toBe(ERASED_NAME);
    // Seating them again (a new term).
    expect(err(await c.worker.request('POST', `/api/v1/councils/${council.id}/seats`, { kind: 'resident_rep', residentId: erased, ...TERM }))).toEqual([409, 'RESIDENT_ERASED']);
    // Making them an owner.
    const [unit] = await q<{ id: string }>("SELECT id FROM units WHERE region_path LIKE $1 || '%' LIMIT 1", [c.gridPath]);
    expect(err(await c.worker.request('POST', `/api/v1/units/${unit!.id}/owners`, { residentId: erased }))).toEqual([409, 'RESIDENT_ERASED']);
    // Linking an account to them.
    expect(err(await c.worker.request('POST', `/api/v1/residents/${erased}/account`, { phone: '13700009999' }))).toEqual([409, 'RESIDENT_ERASED']);

    // A seat an earlier erasure left sitting cannot be signed in for.
    await q('UPDATE council_seats SET vacated_at = NULL, vacated_reason = NULL WHERE id = $1', [seat.id]);
    const made = await c.worker.request('POST', `/api/v1/councils/${council.id}/meetings`, { title: '例会', startsAt: new Date(Date.now() + 73 * HOUR).toISOString() });
    expect(made.statusCode, made.body).toBe(201);
    const meetingId = made.json().id as string;
    await startMeeting(ctx, meetingId);
    expect(err(await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId: seat.id }))).toEqual([409, 'RESIDENT_ERASED']);
    expect(await q('SELECT 1 FROM council_attendance WHERE meeting_id = $1 AND seat_id = $2', [meetingId, seat.id])).toEqual([]);
  });
});

describe('an erased resident as a reporter (probe 2)', () => {
  it('staff cannot enter a request for them: refused, not silently left without a reporter', async () => {
    const erased = c.neighbours[1]!;
    expect((await c.worker.request('POST', `/api/v1/residents/${erased}/erasure`, { confirm: true })).statusCode).toBe(204);
    const before = (await q<{ n: number }>('SELECT count(*)::int AS n FROM requests'))[0]!.n;
    const res = await c.worker.request('POST', '/api/v1/requests', { description: '楼道灯坏了好几天，晚上看不见台阶', channel: 'grid_worker', regionId: c.gridId, reporter: { residentId: erased } });
    expect(err(res)).toEqual([409, 'RESIDENT_ERASED']);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM requests'))[0]!.n).toBe(before);
  });
});

describe('an erased account\'s link request', () => {
  it('is closed by the erasure and cannot be approved', async () => {
    const kit = accountKit(() => ctx, () => c.worker);
    const phone = kit.freshPhone(), ip = kit.freshIp();
    await kit.sendCode(phone, ip);
    const res = await kit.signUp({ phone, code: await kit.lastCode(phone, 'signup'), name: '申请人甲' }, ip);
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { linked: boolean }).linked).toBe(false);
    const me = kit.clientOf(res);
    const [request] = await q<{ id: string }>("SELECT r.id FROM account_link_requests r JOIN users u ON u.id = r.user_id WHERE u.name = '申请人甲' AND r.state = 'pending'");
    expect((await me.request('POST', '/api/v1/me/erasure', { confirm: true })).statusCode).toBe(204);
    const [closed] = await q<{ state: string; decision_note: string | null; name: string; id_masked: string | null }>('SELECT state, decision_note, name, id_masked FROM account_link_requests WHERE id = $1', [request!.id]);
    expect(closed).toMatchObject({ state: 'rejected', name: ERASED_NAME, id_masked: null });
    expect(closed!.decision_note).toBeTruthy();

    // Even reopened (as an erasure before this fix left it), approving it is refused and creates no entry.
    await q("UPDATE account_link_requests SET state = 'pending' WHERE id = $1", [request!.id]);
    const householdId = ((await c.worker.request('GET', '/api/v1/households?limit=1')).json() as { items: { id: string }[] }).items[0]!.id;
    const before = (await q<{ n: number }>('SELECT count(*)::int AS n FROM residents WHERE name = $1', [ERASED_NAME]))[0]!.n;
    expect(err(await c.worker.request('POST', `/api/v1/account-links/${request!.id}/approve`, { householdId, relation: '其他' }))).toEqual([409, 'ACCOUNT_ERASED']);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM residents WHERE name = $1', [ERASED_NAME]))[0]!.n).toBe(before);
  });
});
