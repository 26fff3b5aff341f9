import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let grid: Client, worker: Client, secretary: Client, street: Client;
interface Item { householdId: string; address: string; status: string; special: boolean; intervalDays: number; dueDay: string; version: string; members: { residentId: string; tags: string[] }[] }
let list: Item[];

const GRID = '510108001001001';
const q = async <T>(text: ReturnType<typeof sql>) => (await ctx.database.db.execute(text)).rows as T[];
const count = async (text: ReturnType<typeof sql>) => (await q<{ n: number }>(text))[0]!.n;
const visit = (c: Client, body: Record<string, unknown>) => c.request('POST', '/api/v1/visits', { id: randomUUID(), visitedAt: new Date().toISOString(), outcome: 'visited', ...body });
const myList = async () => (await grid.request('GET', '/api/v1/visits/list?limit=1000')).json() as Item[];

beforeAll(async () => {
  ctx = await createTestContext();
  [grid, worker, secretary, street] = await Promise.all([signIn(ctx.app, DEMO.grid), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.street)]);
  list = await myList();
});
afterAll(async () => { await ctx.close(); });

describe('the visit list', () => {
  it('lists every household of the worker’s grid, due from registration, special households daily', async () => {
    const n = await count(sql`SELECT count(*)::int AS n FROM households WHERE region_path LIKE ${`${GRID}%`} AND moved_out_at IS NULL`);
    expect(list).toHaveLength(n);
    expect(list.every((h) => h.status === 'due')).toBe(true);
    const special = list.filter((h) => h.special);
    expect(special.length).toBeGreaterThan(0);
    expect(special.every((h) => h.intervalDays === 1 && h.members.some((m) => m.tags.includes('elderly_alone') || m.tags.includes('disabled')))).toBe(true);
    // About 480 households: a small community, visited monthly.
    expect(list.filter((h) => !h.special).every((h) => h.intervalDays === 30)).toBe(true);
  });
  it('gives the visit form each member’s age and masked phone, and why a special household is special (issue 15 item 16)', async () => {
    const full = (await grid.request('GET', '/api/v1/visits/list?limit=1000')).json() as (Item & { specialTags: string[]; members: { residentId: string; age: number | null; phoneMasked: string | null; tags: string[] }[] })[];
    const special = full.filter((h) => h.special);
    expect(special.every((h) => h.specialTags.length > 0 && h.specialTags.every((t) => ['elderly_alone', 'disabled'].includes(t)))).toBe(true);
    expect(full.filter((h) => !h.special).every((h) => h.specialTags.length === 0)).toBe(true);
    const members = full.flatMap((h) => h.members);
    expect(members.some((m) => typeof m.age === 'number' && m.age >= 0 && m.age < 130)).toBe(true);
    const withPhone = members.find((m) => m.phoneMasked)!;
    expect(withPhone.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    // The full number only through org's reveal, which the grid worker may use in their grid, audited.
    const shown = await grid.request('POST', `/api/v1/residents/${withPhone.residentId}/reveal`, { field: 'phone' });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().value.slice(-4)).toBe(withPhone.phoneMasked!.slice(-4));
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'resident.reveal' AND subject_id = ${withPhone.residentId}`)).toBe(1);
  });
  it('is for workers who visit: a street officer is refused', async () => {
    expect((await street.request('GET', '/api/v1/visits/list')).statusCode).toBe(403);
  });
});

describe('recording visits', () => {
  it('stores a visit once however often it is synced, and moves the due day', async () => {
    const h = list.find((x) => !x.special)!;
    const id = randomUUID();
    const body = { id, householdId: h.householdId, visitedAt: new Date().toISOString(), outcome: 'visited', notes: '家中一切正常' };
    const first = await grid.request('POST', '/api/v1/visits', body);
    expect(first.statusCode).toBe(201);
    const second = await grid.request('POST', '/api/v1/visits', body);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    const n = await count(sql`SELECT count(*)::int AS n FROM visits WHERE id = ${id}`);
    expect(n).toBe(1);
    const after = (await myList()).find((x) => x.householdId === h.householdId)!;
    expect(after.status).toBe('ok');
    const reused = await grid.request('POST', '/api/v1/visits', { ...body, householdId: list.find((x) => x.householdId !== h.householdId)!.householdId });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('VISIT_ID_REUSED');
    // The same visit edited after it was sent: refused with what was kept, nothing overwritten.
    const edited = await grid.request('POST', '/api/v1/visits', { ...body, outcome: 'not_home', notes: '改过的内容' });
    expect([edited.statusCode, edited.json().error.code]).toEqual([409, 'VISIT_RECORDED_DIFFERENTLY']);
    expect(edited.json().error.details.kept).toMatchObject({ outcome: 'visited', notes: '家中一切正常' });
    const withRequest = await grid.request('POST', '/api/v1/visits', { ...body, request: { description: '楼道灯不亮，老人晚上看不见' } });
    expect([withRequest.statusCode, withRequest.json().error.code]).toEqual([409, 'VISIT_RECORDED_DIFFERENTLY']);
    expect((await grid.request('POST', '/api/v1/visits', body)).statusCode).toBe(200);
  });

  it('makes a special household overdue after a day without a visit; nobody at home does not count', async () => {
    const h = list.find((x) => x.special)!;
    expect((await visit(grid, { householdId: h.householdId })).statusCode).toBe(201);
    expect((await myList()).find((x) => x.householdId === h.householdId)!.status).toBe('ok');
    // Two days later: the visit is moved back rather than the clock forward, which would end the sessions.
    await ctx.database.db.execute(sql`UPDATE visits SET visited_at = visited_at - interval '2 days' WHERE household_id = ${h.householdId}`);
    const later = (await myList()).find((x) => x.householdId === h.householdId)!;
    expect(later).toMatchObject({ status: 'overdue', daysOverdue: 1 });
    expect((await visit(grid, { householdId: h.householdId, outcome: 'not_home' })).statusCode).toBe(201);
    expect((await myList()).find((x) => x.householdId === h.householdId)!.status).toBe('overdue');
  });

  it('refuses a household outside the worker’s grid, unknown households and bad input, writing nothing', async () => {
    const [outside] = await q<{ id: string }>(sql`SELECT id FROM households WHERE region_path NOT LIKE ${`${GRID}%`} LIMIT 1`);
    const h = list[0]!;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ householdId: outside!.id }, 422, 'VISIT_HOUSEHOLD_OUTSIDE'],
      [{ householdId: randomUUID() }, 422, 'VISIT_HOUSEHOLD_OUTSIDE'],
      [{ householdId: h.householdId, visitedAt: new Date(Date.now() + 3_600_000).toISOString() }, 422, 'VISIT_TIME_INVALID'],
      [{ householdId: h.householdId, visitedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }, 422, 'VISIT_TIME_INVALID'],
      [{ householdId: h.householdId, outcome: 'maybe' }, 400, 'VALIDATION_FAILED'],
      [{ householdId: 'not-a-uuid' }, 400, 'VALIDATION_FAILED'],
      [{ householdId: h.householdId, change: { baseVersion: h.version } }, 422, 'VISIT_CHANGE_EMPTY'],
      [{ householdId: h.householdId, change: { baseVersion: h.version, members: [{ residentId: randomUUID(), tags: ['disabled'] }] } }, 422, 'VISIT_CHANGE_MEMBER_UNKNOWN'],
      [{ householdId: h.householdId, request: { description: '短' } }, 400, 'VALIDATION_FAILED'],
    ];
    const before = await count(sql`SELECT count(*)::int AS n FROM visits`);
    for (const [body, status, code] of cases) {
      const res = await visit(grid, body);
      expect([res.statusCode, res.json().error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const after = await count(sql`SELECT count(*)::int AS n FROM visits`);
    expect(after).toBe(before);
    expect((await visit(street, { householdId: h.householdId })).statusCode).toBe(403);
  });

  it('files a request on the spot through the requests feature', async () => {
    const h = list[3]!;
    const res = await visit(grid, { householdId: h.householdId, notes: '楼道灯坏了', request: { description: '3单元楼道灯坏了一周，老人晚上上下楼不安全' } });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v.requestNumber).toMatch(/^GZ\d{8}$/);
    const [r] = await q<{ channel: string; region_id: string }>(sql`SELECT channel, region_id FROM requests WHERE id = ${v.requestId}`);
    expect(r!.channel).toBe('grid_worker');
  });
});

describe('proposed changes and conflicts', () => {
  it('a change is reviewed before it applies; a stale offline edit is a conflict, never applied silently', async () => {
    const h = list[5]!;
    const m = h.members[0]!;
    const fresh = await visit(grid, { householdId: h.householdId, change: { baseVersion: h.version, address: `${h.address}（已核实）` } });
    expect(fresh.json().change.status).toBe('pending');
    // An edit made offline on the same old copy, synced after the first one was approved.
    const staleBody = { householdId: h.householdId, change: { baseVersion: h.version, members: [{ residentId: m.residentId, tags: [...m.tags, 'disabled'] }] } };
    const pending = (await worker.request('GET', '/api/v1/visits/changes?status=pending')).json() as { id: string; stale: boolean }[];
    const change = pending.find((c) => c.id === fresh.json().change.id)!;
    expect(change.stale).toBe(false);
    const approved = await worker.request('POST', `/api/v1/visits/changes/${change.id}/decision`, { decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().current.address).toBe(`${h.address}（已核实）`);
    expect((await worker.request('POST', `/api/v1/visits/changes/${change.id}/decision`, { decision: 'reject' })).json().error.code).toBe('VISIT_CHANGE_DECIDED');

    const stale = await visit(grid, staleBody);
    expect(stale.json().change.status).toBe('conflict');
    const conflicts = (await worker.request('GET', '/api/v1/visits/changes?status=conflict')).json() as { id: string; stale: boolean; current: { members: { residentId: string; tags: string[] }[] } }[];
    const c = conflicts.find((x) => x.id === stale.json().change.id)!;
    expect(c.stale).toBe(true);
    const refused = await worker.request('POST', `/api/v1/visits/changes/${c.id}/decision`, { decision: 'approve' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'VISIT_CHANGE_CONFLICT']);
    const [tags] = await q<{ tags: string[] }>(sql`SELECT tags FROM residents WHERE id = ${m.residentId}`);
    expect(tags!.tags).toEqual(m.tags);
    const forced = await worker.request('POST', `/api/v1/visits/changes/${c.id}/decision`, { decision: 'approve', override: true, note: '已电话核实' });
    expect(forced.json().status).toBe('approved');
    const [after] = await q<{ tags: string[] }>(sql`SELECT tags FROM residents WHERE id = ${m.residentId}`);
    expect(after!.tags).toContain('disabled');
  });

  it('reviewers see only their community; grid workers cannot decide', async () => {
    const pending = (await street.request('GET', '/api/v1/visits/changes')).statusCode;
    expect(pending).toBe(403);
    const h = list[6]!;
    const made = (await visit(grid, { householdId: h.householdId, change: { baseVersion: h.version, tenure: 'tenant' } })).json();
    expect((await grid.request('POST', `/api/v1/visits/changes/${made.change.id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    const rejected = await worker.request('POST', `/api/v1/visits/changes/${made.change.id}/decision`, { decision: 'reject', note: '核实无变化' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewNote: '核实无变化' });
  });
});

describe('coverage and rules', () => {
  it('shows overdue households by grid and by worker, scoped to the viewer', async () => {
    await ctx.database.db.execute(sql`UPDATE households SET created_at = created_at - interval '3 days'`);
    {
      const cov = (await worker.request('GET', '/api/v1/visits/coverage')).json();
      const g = cov.byGrid.find((x: { code: string }) => x.code === GRID);
      expect(g.households).toBe(list.length);
      expect(g.overdue).toBeGreaterThan(list.length - 10);
      const w = cov.byWorker.find((x: { name: string; households: number }) => x.households === list.length);
      expect(w.visits30d).toBeGreaterThanOrEqual(5);
      expect(cov.byGrid.every((x: { code: string }) => x.code.startsWith('510108001001'))).toBe(true);
      const [other] = await q<{ id: string }>(sql`SELECT id FROM regions WHERE code = '510108002'`);
      expect((await street.request('GET', `/api/v1/visits/coverage?regionId=${other!.id}`)).statusCode).toBe(404);
    }
  });

  it('lets the community configure its rule, with bad rules refused', async () => {
    const [community] = await q<{ id: string }>(sql`SELECT id FROM regions WHERE code = '510108001001'`);
    const [gridRegion] = await q<{ id: string }>(sql`SELECT id FROM regions WHERE code = ${GRID}`);
    const set = await secretary.request('POST', `/api/v1/visits/rules/${community!.id}`, { size: 'large', specialDays: 2 });
    expect(set.statusCode).toBe(200);
    expect(set.json().effective).toMatchObject({ size: 'large', regularDays: 60, specialDays: 2 });
    const after = await myList();
    expect(after.filter((h) => h.special).every((h) => h.intervalDays === 2)).toBe(true);
    const bad = await secretary.request('POST', `/api/v1/visits/rules/${community!.id}`, { smallDays: 7, specialDays: 10 });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'VISIT_RULE_INVALID']);
    expect((await secretary.request('POST', `/api/v1/visits/rules/${community!.id}`, { largeDays: 0 })).statusCode).toBe(400);
    expect((await secretary.request('POST', `/api/v1/visits/rules/${gridRegion!.id}`, {})).json().error.code).toBe('VISIT_RULE_NOT_COMMUNITY');
    expect((await grid.request('POST', `/api/v1/visits/rules/${community!.id}`, {})).statusCode).toBe(403);
    const rules = (await secretary.request('GET', '/api/v1/visits/rules')).json();
    expect(rules).toHaveLength(1);
  });
});
