import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { regions } from '../org/org.table.ts';
import { triageCorrections } from './requests.table.ts';

/**
 * Walks the main paths of a request through the API and checks, at each state, what each role's
 * view of it offers (the `allowed` buttons, the handler card's status, the resident's timeline).
 */
let ctx: TestContext;
let resident: Client, worker: Client, dept: Client;
let point: { lat: number; lng: number };

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, worker, dept] = await Promise.all([signIn(ctx.app, DEMO.resident), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.department)]);
  const [micro] = await ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001001001'));
  const ring = (micro!.boundary as { coordinates: number[][][] }).coordinates[0]!;
  point = { lng: (ring[0]![0]! + ring[2]![0]!) / 2, lat: (ring[0]![1]! + ring[2]![1]!) / 2 };
});
afterAll(async () => { await ctx.close(); });

type View = { state: string; allowed: string[]; handlers: { role: string; status: string }[]; timeline: { kind: string; note: string | null; fromState: string | null }[]; contact: { name: string; phone: string } | null };
const step = async (c: Client, id: string, body: Record<string, unknown>) => {
  const res = await c.request('POST', `/api/v1/requests/${id}/events`, body);
  expect(res.statusCode, JSON.stringify(res.json())).toBe(200);
  return res.json() as View;
};
const view = async (c: Client, id: string) => (await c.request('GET', `/api/v1/requests/${id}`)).json() as View;
const file = async (description: string) => (await resident.request('POST', '/api/v1/requests', { description, ...point })).json().id as string;

/** What the resident, the community worker and the department each may do now ('unseen': not theirs to see). */
async function offers(id: string) {
  const [r, w, d] = await Promise.all([view(resident, id), view(worker, id), view(dept, id)]);
  return { state: w.state, resident: r.allowed, worker: w.allowed, dept: d.allowed ?? 'unseen' };
}

const STAFF_NOTE = '内部：此人多次投诉，注意口径';

describe('every role at every state of the main path', () => {
  it('rated before staff finished: staff still verify and close; the handler card is done; the rating stays', async () => {
    const id = await file('小区门口有人占道摆摊卖水果，把消防通道都堵住了');
    expect(await offers(id)).toMatchObject({ state: 'received', resident: [], dept: 'unseen' });
    expect((await offers(id)).worker).toEqual(expect.arrayContaining(['sort', 'reject']));
    await step(worker, id, { event: 'sort', matter: 'big', categoryCode: 'street_order', note: STAFF_NOTE });
    expect(await offers(id)).toMatchObject({ state: 'sorted', resident: [] });
    expect((await offers(id)).worker).toEqual(expect.arrayContaining(['sort', 'dispatch', 'refer', 'reject']));
    await step(worker, id, { event: 'dispatch' });
    expect(await offers(id)).toMatchObject({ state: 'dispatched', resident: [] });
    expect((await offers(id)).dept).toEqual(expect.arrayContaining(['accept', 'return', 'transfer']));
    await step(dept, id, { event: 'accept' });
    const working = await view(dept, id);
    expect(working.handlers.find((h) => h.role === 'lead')?.status).toBe('open');
    expect((await offers(id)).dept).toEqual(expect.arrayContaining(['reply']));
    await step(dept, id, { event: 'reply', reply: '已联合社区清理占道摊点' });
    let o = await offers(id);
    expect(o).toMatchObject({ state: 'replied', resident: ['rate', 'reopen'] });
    expect(o.worker).toEqual(expect.arrayContaining(['verify']));

    await step(resident, id, { event: 'rate', rating: 4, comment: '还行' });
    o = await offers(id);
    // The defect: a rated request offered staff nothing ("no action available").
    expect(o).toMatchObject({ state: 'rated', resident: ['reopen'] });
    expect(o.worker).toEqual(['verify', 'close']);
    const rated = await view(worker, id);
    expect(rated.handlers.every((h) => h.status === 'done')).toBe(true);
    const verified = await step(worker, id, { event: 'verify', note: '现场核查已清理' });
    expect(verified).toMatchObject({ state: 'verified', rating: 4 });
    o = await offers(id);
    expect(o.resident).toEqual(['reopen']); // rated once: no second rating
    expect(o.worker).toEqual(expect.arrayContaining(['close']));
    expect(await step(worker, id, { event: 'close' })).toMatchObject({ state: 'closed', rating: 4 });
    o = await offers(id);
    expect(o).toMatchObject({ state: 'closed', resident: ['reopen'], worker: [], dept: [] });
    const again = await resident.request('POST', `/api/v1/requests/${id}/events`, { event: 'rate', rating: 1 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ALREADY_RATED']);

    // What the resident sees: plain-language steps, no staff note, no internal states.
    const mine = await view(resident, id);
    expect(mine.timeline.map((e) => e.kind)).toEqual(['step_received', 'step_handling', 'step_replied', 'step_rated', 'step_checked', 'step_closed']);
    expect(JSON.stringify(mine)).not.toContain(STAFF_NOTE);
    expect(JSON.stringify(mine)).not.toContain('现场核查已清理');
    expect(mine.timeline.every((e) => e.fromState === null)).toBe(true);
    expect(mine.timeline.find((e) => e.kind === 'step_replied')?.note).toBe('已联合社区清理占道摊点');
    // Staff still see everything.
    expect((await view(worker, id)).timeline.map((e) => e.note)).toContain(STAFF_NOTE);
  });

  it('closed then rated: nothing left for staff, the resident may reopen', async () => {
    const id = await file('楼下路灯坏了一个星期了晚上很黑');
    await step(worker, id, { event: 'sort', matter: 'big', categoryCode: 'street_order' });
    await step(worker, id, { event: 'dispatch' });
    await step(dept, id, { event: 'accept' });
    await step(dept, id, { event: 'reply', reply: '已修复' });
    await step(worker, id, { event: 'verify' });
    expect((await offers(id)).resident).toEqual(['rate', 'reopen']);
    await step(worker, id, { event: 'close' });
    await step(resident, id, { event: 'rate', rating: 5 });
    expect(await offers(id)).toMatchObject({ state: 'rated', resident: ['reopen'], worker: [], dept: [] });
    const v = await resident.request('POST', `/api/v1/requests/${id}/events`, { event: 'verify' });
    expect(v.statusCode).toBe(403);
    const c = await worker.request('POST', `/api/v1/requests/${id}/events`, { event: 'close' });
    expect([c.statusCode, c.json().error.code]).toEqual([409, 'TRANSITION_FORBIDDEN']);
    expect((await view(resident, id)).contact).toBeNull();
  });

  it('a private matter is referred then closed; a rejected one offers nothing', async () => {
    const id = await file('家里水龙头坏了想找人来修一下');
    const open = await view(resident, id);
    expect(open.contact).toBeNull();
    await step(worker, id, { event: 'sort', matter: 'private', categoryCode: 'home_repair' });
    const handling = await view(resident, id);
    expect(handling.contact?.name).toBeTruthy();
    expect(handling.contact?.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    await step(worker, id, { event: 'refer', note: '可联系社区便民维修服务 028-12345678' });
    expect(await offers(id)).toMatchObject({ state: 'referred', resident: [], dept: 'unseen' });
    expect((await offers(id)).worker).toEqual(['close']);
    await step(worker, id, { event: 'close' });
    expect(await offers(id)).toMatchObject({ state: 'closed', resident: ['rate'], worker: [] });
    const mine = await view(resident, id);
    expect(mine.timeline.find((e) => e.kind === 'step_referred')?.note).toContain('便民维修');

    const other = await file('隔壁天天半夜唱歌实在受不了了');
    await step(worker, other, { event: 'reject', reason: '重复提交' });
    expect(await offers(other)).toMatchObject({ state: 'rejected', resident: [], worker: [], dept: 'unseen' });
  });
});

describe('the category belongs to the class', () => {
  it('refuses sorting into a category of another class, and records no correction for it', async () => {
    const id = await file('楼上邻居每天晚上拖椅子，噪音很大');
    const wrong = await worker.request('POST', `/api/v1/requests/${id}/events`, { event: 'sort', matter: 'private', categoryCode: 'neighbours' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([422, 'CATEGORY_MATTER_MISMATCH']);
    expect((await view(worker, id)).state).toBe('received');
    expect(await ctx.database.db.select().from(triageCorrections).where(eq(triageCorrections.requestId, id))).toEqual([]);
    await step(worker, id, { event: 'sort', matter: 'small', categoryCode: 'neighbours' });
    // Reclassifying an already sorted request is held to the same rule.
    const re = await worker.request('POST', `/api/v1/requests/${id}/events`, { event: 'sort', matter: 'big', categoryCode: 'neighbours' });
    expect(re.json().error.code).toBe('CATEGORY_MATTER_MISMATCH');
  });
});
