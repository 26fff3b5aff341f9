import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { runDueTimers } from '../../platform/jobs/scheduler.ts';
import { TIMER_HANDLERS } from '../../timers.ts';
import { regions } from '../org/org.table.ts';
import { requests, workCalendarDays } from './requests.table.ts';
import { loadCalendar } from './calendar.service.ts';

let ctx: TestContext;
let resident: Client, worker: Client, secretary: Client;
let point: { lat: number; lng: number };
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, worker, secretary] = await Promise.all([signIn(ctx.app, DEMO.resident), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary)]);
  const [micro] = await ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001001002'));
  const ring = (micro!.boundary as { coordinates: number[][][] }).coordinates[0]!;
  point = { lng: (ring[0]![0]! + ring[2]![0]!) / 2, lat: (ring[0]![1]! + ring[2]![1]!) / 2 };
});
afterAll(async () => { await ctx.close(); });

const fireAt = (at: Date) => runDueTimers(ctx.database.db, TIMER_HANDLERS, { now: () => at });
const load = async (id: string) => (await ctx.database.db.select().from(requests).where(eq(requests.id, id)))[0]!;

describe('time limits', () => {
  it('warns yellow before the response deadline, then shows a red card and escalates one level up', async () => {
    const r = (await resident.request('POST', '/api/v1/requests', { description: '楼下的路灯不亮了，晚上很黑', ...point })).json();
    const created = new Date(r.createdAt).getTime();
    expect(await fireAt(new Date(created + HOUR))).toBe(0); // nothing due after one of two hours
    expect(await fireAt(new Date(created + 1.7 * HOUR))).toBe(1);
    expect((await load(r.id)).slaState).toBe('yellow');
    expect(await fireAt(new Date(created + 2 * HOUR + 1000))).toBe(1);
    const red = await load(r.id);
    expect(red).toMatchObject({ slaState: 'red', escalationLevel: 1, escalatedToPath: '510108001001001' });
    const timeline = (await worker.request('GET', `/api/v1/requests/${r.id}`)).json().timeline.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(['received', 'sla_yellow', 'escalate']);
    // The street above sees it now, as an escalated request.
    const street = await signIn(ctx.app, DEMO.street);
    expect((await street.request('GET', `/api/v1/requests/${r.id}`)).statusCode).toBe(200);
  });

  it('stops the response clock once sorted, and sets the resolution deadline in working time', async () => {
    const r = (await resident.request('POST', '/api/v1/requests', { description: '小区里有人遛狗不牵绳，还不清理狗粪', ...point })).json();
    const sorted = (await worker.request('POST', `/api/v1/requests/${r.id}/events`, { event: 'sort', matter: 'small', categoryCode: 'pets' })).json();
    expect(sorted.slaState).toBe('ok');
    const row = await load(r.id);
    expect(row.respondedAt).not.toBeNull();
    // 7 working days of 9 hours from the moment it came in, on the shipped calendar.
    const cal = await loadCalendar(ctx.database.db);
    const { deadlineFor } = await import('@gongzhi/core');
    expect(row.resolveDueAt!.getTime()).toBe(deadlineFor(row.createdAt, 63, true, cal).getTime());
    expect(await fireAt(new Date(row.createdAt.getTime() + 3 * HOUR))).toBe(0); // no response timer left
  });

  it('moves the deadline when a supervisor approves an extension, and the old timers stay quiet', async () => {
    const r = (await resident.request('POST', '/api/v1/requests', { description: '单元门禁坏了好几天了', ...point })).json();
    await worker.request('POST', `/api/v1/requests/${r.id}/events`, { event: 'sort', matter: 'small', categoryCode: 'common_repairs' });
    const before = await load(r.id);
    const asked = await worker.request('POST', `/api/v1/requests/${r.id}/extensions`, { hours: 18, reason: '需采购配件' });
    expect(asked.statusCode).toBe(201);
    const ext = asked.json().extensions[0];
    const twice = await worker.request('POST', `/api/v1/requests/${r.id}/extensions`, { hours: 8, reason: '再等等' });
    expect(twice.json().error.code).toBe('EXTENSION_ALREADY_PENDING');
    const refusedByWorker = await worker.request('POST', `/api/v1/requests/${r.id}/extensions/${ext.id}/decide`, { approve: true });
    expect(refusedByWorker.statusCode).toBe(403);
    const ok = await secretary.request('POST', `/api/v1/requests/${r.id}/extensions/${ext.id}/decide`, { approve: true });
    expect(ok.statusCode).toBe(200);
    const after = await load(r.id);
    expect(after.resolveDueAt!.getTime()).toBeGreaterThan(before.resolveDueAt!.getTime());
    // Firing at the old deadline does nothing: those timers were replaced.
    await fireAt(new Date(before.resolveDueAt!.getTime() + 1000));
    expect((await load(r.id)).slaState).not.toBe('red');
    const again = await secretary.request('POST', `/api/v1/requests/${r.id}/extensions/${ext.id}/decide`, { approve: false });
    expect(again.json().error.code).toBe('EXTENSION_NOT_PENDING');
  });

  it('honours the deployment’s own calendar corrections', async () => {
    const base = await loadCalendar(ctx.database.db);
    await ctx.database.db.insert(workCalendarDays).values({ day: '2027-03-03', kind: 'holiday', note: '测试' });
    const cal = await loadCalendar(ctx.database.db);
    expect(cal.holidays).toContain('2027-03-03');
    expect(base.holidays).not.toContain('2027-03-03');
  });
});
