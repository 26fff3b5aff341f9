import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { regions } from '../org/org.table.ts';
import { requests, triageCorrections } from './requests.table.ts';

let ctx: TestContext;
let resident: Client, worker: Client, dept: Client, grid: Client;
let point: { lat: number; lng: number };

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, worker, dept, grid] = await Promise.all([signIn(ctx.app, DEMO.resident), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.department), signIn(ctx.app, DEMO.grid)]);
  const [micro] = await ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001001001'));
  const ring = (micro!.boundary as { coordinates: number[][][] }).coordinates[0]!;
  point = { lng: (ring[0]![0]! + ring[2]![0]!) / 2, lat: (ring[0]![1]! + ring[2]![1]!) / 2 };
});
afterAll(async () => { await ctx.close(); });

const step = (c: Client, id: string, body: Record<string, unknown>) => c.request('POST', `/api/v1/requests/${id}/events`, body);

describe('a request from a resident to a rating', () => {
  it('is taken in, sorted, dispatched, handled with a co-handler, replied, rated, reopened and counted', async () => {
    const made = await resident.request('POST', '/api/v1/requests', { description: '小区门口有人占道摆摊卖水果，把消防通道都堵住了', ...point });
    expect(made.statusCode).toBe(201);
    const r = made.json();
    expect(r).toMatchObject({ state: 'received', channel: 'web', region: { code: '510108001001001001' } });
    expect(r.number).toMatch(/^GZ\d{8}$/);
    expect(new Date(r.respondDueAt).getTime() - new Date(r.createdAt).getTime()).toBe(2 * 3_600_000);
    expect(r.allowed).toEqual([]);
    expect(r.reporter.self).toBe(true);

    const queue = (await worker.request('GET', '/api/v1/requests?open=true')).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(r.id);
    const seen = (await worker.request('GET', `/api/v1/requests/${r.id}`)).json();
    expect(seen.suggestion.matter).toBe('big');
    expect(seen.allowed).toContain('sort');

    const sorted = await step(worker, r.id, { event: 'sort', matter: 'big', categoryCode: 'street_order' });
    expect(sorted.statusCode).toBe(200);
    expect(sorted.json()).toMatchObject({ state: 'sorted', matter: 'big', category: { code: 'street_order' }, department: { name: '区城市管理局' } });
    expect(sorted.json().owner.name).toBeTruthy();
    expect((await step(worker, r.id, { event: 'dispatch' })).json().state).toBe('dispatched');

    expect((await step(dept, r.id, { event: 'accept' })).json().state).toBe('in_progress');
    const community = (await ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001')))[0]!;
    // The department asks the community to co-handle; the community reports its part done.
    const co = await dept.request('POST', `/api/v1/requests/${r.id}/handlers`, { regionId: community.id, task: '劝导摊主到便民市场经营' });
    expect(co.statusCode).toBe(201);
    const handler = co.json().handlers.find((h: { role: string }) => h.role === 'co');
    expect(handler).toMatchObject({ region: { name: community.name }, status: 'open' });
    expect((await worker.request('POST', `/api/v1/requests/${r.id}/handlers/${handler.id}/done`, { note: '已劝离' })).statusCode).toBe(200);

    const replied = await step(dept, r.id, { event: 'reply', reply: '已联合社区清理占道摊点，并设置提示牌' });
    expect(replied.json()).toMatchObject({ state: 'replied', reply: '已联合社区清理占道摊点，并设置提示牌' });

    const rated = await step(resident, r.id, { event: 'rate', rating: 5, comment: '处理很快' });
    expect(rated.json()).toMatchObject({ state: 'rated', rating: 5 });
    const again = await step(resident, r.id, { event: 'rate', rating: 1 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ALREADY_RATED']);
    const reopened = await step(resident, r.id, { event: 'reopen', note: '第二天又来了' });
    expect(reopened.json()).toMatchObject({ state: 'in_progress', reopenedCount: 1, rating: null });
    await step(dept, r.id, { event: 'reply', reply: '已安排城管每日巡查' });
    await step(resident, r.id, { event: 'rate', rating: 3 });

    const mine = (await resident.request('GET', `/api/v1/requests/${r.id}`)).json();
    const kinds = mine.timeline.map((e: { kind: string }) => e.kind);
    // Plain-language steps: the internal hand-offs (分流, 派单, 签收, co-handlers) are one "being handled".
    expect(kinds).toEqual(['step_received', 'step_handling', 'step_replied', 'step_rated', 'step_reopened', 'step_replied', 'step_rated']);
    expect(mine.timeline.every((e: { public: boolean }) => e.public)).toBe(true);
    expect(mine.suggestion).toBeNull();

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const kpi = (await worker.request('GET', `/api/v1/kpis?from=${today}&to=${today}`)).json();
    expect(kpi.region.code).toBe('510108001001');
    expect(kpi.total).toMatchObject({ received: 1, responded: 1, resolved: 1, rated: 1, satisfied: 0, responseRate: 1, resolutionRate: 1, satisfactionRate: 0 });
    expect(kpi.children.find((c: { code: string }) => c.code === '510108001001001').rates.received).toBe(1);
    const xlsx = await worker.request('GET', `/api/v1/kpis/export.xlsx?from=${today}&to=${today}`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toContain('响应率');
    const gridRow = sheet.getColumn(3).values.indexOf('510108001001001');
    expect(sheet.getRow(gridRow).getCell(4).value).toBe(1);

    const notices = await ctx.database.db.select().from(outbox);
    expect(notices.some((n) => n.template === 'request.reply')).toBe(true);
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.subjectId, r.id));
    expect(audits.length).toBeGreaterThanOrEqual(10);
  });
});

describe('what the rules refuse', () => {
  let id: string;
  beforeAll(async () => {
    id = (await resident.request('POST', '/api/v1/requests', { description: '楼道里堆满了纸箱和旧家具，还有人飞线充电', ...point })).json().id;
  });

  it('refuses a rating before the reply, and steps the state machine forbids', async () => {
    const early = await step(resident, id, { event: 'rate', rating: 4 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RATING_NOT_ALLOWED');
    const accept = await step(worker, id, { event: 'accept' });
    expect(accept.statusCode).toBe(409);
    expect(accept.json().error.code).toBe('TRANSITION_FORBIDDEN');
    const reject = await step(worker, id, { event: 'reject' });
    expect(reject.statusCode).toBe(422);
    expect(reject.json().error.code).toBe('REASON_REQUIRED');
  });

  it('keeps staff steps from residents and hides others’ requests', async () => {
    const sort = await step(resident, id, { event: 'sort', matter: 'small' });
    expect(sort.statusCode).toBe(403);
    const owner = await signIn(ctx.app, DEMO.owner);
    expect((await owner.request('GET', `/api/v1/requests/${id}`)).statusCode).toBe(404);
  });

  it('keeps every correction of the suggester', async () => {
    await step(worker, id, { event: 'sort', matter: 'small', categoryCode: 'corridor' });
    await step(worker, id, { event: 'sort', matter: 'big', categoryCode: 'housing' });
    const corrections = await ctx.database.db.select().from(triageCorrections).where(eq(triageCorrections.requestId, id));
    expect(corrections.map((c) => c.category)).toContain('housing');
  });

  it('answers bad intake with clear codes', async () => {
    const outside = await resident.request('POST', '/api/v1/requests', { description: '路灯坏了', lat: 39.9, lng: 116.4 });
    expect(outside.json().error.code).toBe('LOCATION_OUTSIDE');
    const nowhere = await worker.request('POST', '/api/v1/requests', { description: '路灯坏了' });
    expect(nowhere.json().error.code).toBe('LOCATION_REQUIRED');
    const long = await resident.request('POST', '/api/v1/requests', { description: '长'.repeat(4001), ...point });
    expect(long.statusCode).toBe(400);
    const unknown = await resident.request('POST', '/api/v1/requests', { description: '路灯坏了', categoryCode: 'nope', ...point });
    expect(unknown.json().error.code).toBe('CATEGORY_UNKNOWN');
    const html = await resident.request('POST', '/api/v1/requests', { description: '<script>alert(1)</script> 井盖丢了', ...point });
    expect(html.json().description).toBe('<script>alert(1)</script> 井盖丢了');
  });
});

describe('other channels and queues', () => {
  it('lets staff take a phone call: the taker owns it and the caller’s phone is masked', async () => {
    const made = await worker.request('POST', '/api/v1/requests', {
      description: '来电反映：小区电梯经常困人', channel: 'phone', reporter: { name: '刘阿姨', phone: '13912345678' }, address: '望平社区锦绣花园2栋',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ channel: 'phone', region: null, owner: { name: expect.any(String) }, reporter: { name: '刘阿姨', phone: '139****5678' } });
    // Unplaced: waits in the district's queue until placed.
    const id = made.json().id;
    const street = await signIn(ctx.app, DEMO.street);
    expect((await street.request('GET', `/api/v1/requests/${id}`)).statusCode).toBe(404);
    expect((await worker.request('GET', `/api/v1/requests/${id}`)).statusCode).toBe(200); // the taker owns it
    const district = await signIn(ctx.app, DEMO.district);
    const grid2 = (await ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001001')))[0]!;
    const placed = await district.request('POST', `/api/v1/requests/${id}/place`, { regionId: grid2.id });
    expect(placed.json().region.code).toBe('510108001001001');
    expect((await street.request('GET', `/api/v1/requests/${id}`)).statusCode).toBe(200);
  });

  it('refuses the phone channel to a resident', async () => {
    const res = await resident.request('POST', '/api/v1/requests', { description: 'x', channel: 'phone', ...point });
    expect(res.statusCode).toBe(403);
  });

  it('suggests a similar open request nearby and lets a neighbour follow it', async () => {
    const made = await grid.request('POST', '/api/v1/requests', { description: '3栋门口井盖松动，走上去会响', channel: 'grid_worker', ...point });
    // Unsorted, it is nobody else's business yet: not suggested, and following it is as for a missing one.
    const unsorted = (await resident.request('GET', `/api/v1/requests/similar?lat=${point.lat}&lng=${point.lng}`)).json();
    expect(unsorted.map((x: { id: string }) => x.id)).not.toContain(made.json().id);
    expect((await resident.request('POST', `/api/v1/requests/${made.json().id}/follow`)).statusCode).toBe(404);
    expect((await step(worker, made.json().id, { event: 'sort', matter: 'small', categoryCode: 'corridor' })).statusCode).toBe(200);
    // Sorted as a public matter: suggested by its public id only, and followed by it.
    const [row] = await ctx.database.db.select().from(requests).where(eq(requests.id, made.json().id));
    const near = (await resident.request('GET', `/api/v1/requests/similar?lat=${point.lat}&lng=${point.lng}`)).json();
    const shown = near.find((x: { id: string }) => x.id === row!.publicId);
    expect(shown).toMatchObject({ number: '', description: '3栋门口井盖松动，走上去会响' });
    expect(JSON.stringify(near)).not.toContain(made.json().id);
    expect(JSON.stringify(near)).not.toContain(made.json().number);
    expect((await resident.request('POST', `/api/v1/requests/${row!.publicId}/follow`)).statusCode).toBe(204);
  });
});

describe('a flood', () => {
  it('slows a resident down after ten requests in ten minutes, with a clear code', async () => {
    const flooder = await signIn(ctx.app, DEMO.partyMember);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await flooder.request('POST', '/api/v1/requests', { description: `测试${i}：路灯不亮`, ...point })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    const last = await flooder.request('POST', '/api/v1/requests', { description: '又一条', ...point });
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('RATE_LIMITED');
  });
});
