import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { regions } from '../org/org.table.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { renderMessage } from './inbox.presenter.ts';

let ctx: TestContext;
let resident: Client, worker: Client, owner: Client;
let point: { lat: number; lng: number };
const ids = { resident: '', owner: '', residentRecord: '' };

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, worker, owner] = await Promise.all([signIn(ctx.app, DEMO.resident), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.owner)]);
  const db = ctx.database.db;
  const [micro] = await db.select().from(regions).where(eq(regions.code, '510108001001001001'));
  const ring = (micro!.boundary as { coordinates: number[][][] }).coordinates[0]!;
  point = { lng: (ring[0]![0]! + ring[2]![0]!) / 2, lat: (ring[0]![1]! + ring[2]![1]!) / 2 };
  ids.resident = (await resident.request('GET', '/api/v1/session')).json().user.id;
  ids.owner = (await owner.request('GET', '/api/v1/session')).json().user.id;
  const [r] = await db.select().from(users).where(eq(users.id, ids.resident));
  ids.residentRecord = r!.residentId ?? '';
  // The seed's own messages (if any) are not this test's: start every inbox empty.
  await db.delete(outbox);
});
afterAll(async () => { await ctx.close(); });

const count = async (c: Client) => (await c.request('GET', '/api/v1/inbox/unread-count')).json().unread as number;

describe('the inbox', () => {
  it('a request raised by a resident and sorted by staff lands in the resident’s inbox, readable through the API', async () => {
    const made = await resident.request('POST', '/api/v1/requests', { description: '楼道灯坏了一个多星期，晚上上下楼看不见', ...point });
    expect(made.statusCode).toBe(201);
    const r = made.json();
    // Taken in: the reporter is told at once (the intake's own outbox row).
    expect(await count(resident)).toBe(1);
    const sorted = await worker.request('POST', `/api/v1/requests/${r.id}/events`, { event: 'sort', matter: 'big', categoryCode: 'street_order' });
    expect(sorted.statusCode).toBe(200);
    expect(await count(resident)).toBe(2);
    const page = (await resident.request('GET', '/api/v1/inbox')).json();
    expect(page.items.map((m: { template: string }) => m.template)).toEqual(['request.sort', 'request.received']);
    expect(page.items[0]).toMatchObject({ template: 'request.sort', link: `/my-requests/${r.id}`, readAt: null });
    expect(page.items[0].title['zh-CN']).toBe('您的诉求已受理');
    expect(page.items[0].body['zh-CN']).toContain(r.number);
    expect(page.items[0].title.en).toBe('Your request was accepted and sorted');
  });

  it('shows a person only their own messages; another person’s message id is 404 and stays unread', async () => {
    const db = ctx.database.db;
    const theirs = await enqueue(db, { channel: 'inbox', template: 'assembly.results_published', recipientUserId: ids.owner, payload: { title: '2026年度预算表决' } });
    const list = (await resident.request('GET', '/api/v1/inbox')).json();
    expect(list.items.map((m: { id: string }) => m.id)).not.toContain(theirs);
    const read = await resident.request('POST', `/api/v1/inbox/${theirs}/read`, {});
    expect([read.statusCode, read.json().error.code]).toEqual([404, 'INBOX_MESSAGE_NOT_FOUND']);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, theirs));
    expect(row!.readAt).toBeNull();
    expect((await owner.request('GET', '/api/v1/inbox')).json().items.map((m: { id: string }) => m.id)).toContain(theirs);
  });

  it('marks one read idempotently, keeping the first reading time, and counts unread', async () => {
    const before = await count(owner);
    const id = await enqueue(ctx.database.db, { channel: 'inbox', template: 'council.proposal_on_agenda', recipientUserId: ids.owner, payload: { title: '加装电梯', councilId: '00000000-0000-4000-8000-000000000001' } });
    expect(await count(owner)).toBe(before + 1);
    const first = await owner.request('POST', `/api/v1/inbox/${id}/read`, {});
    expect(first.statusCode).toBe(200);
    expect(first.json().readAt).not.toBeNull();
    expect(first.json().link).toBe('/councils/00000000-0000-4000-8000-000000000001');
    const second = await owner.request('POST', `/api/v1/inbox/${id}/read`, {});
    expect(second.statusCode).toBe(200);
    expect(second.json().readAt).toBe(first.json().readAt);
    expect(await count(owner)).toBe(before);
  });

  it('marks all read, idempotently, and only the caller’s', async () => {
    const db = ctx.database.db;
    await enqueue(db, { channel: 'inbox', template: 'request.reply', recipientUserId: ids.owner, payload: { requestId: '00000000-0000-4000-8000-000000000002', number: 'GZ00000002' } });
    expect(await count(owner)).toBeGreaterThan(0);
    const residentBefore = await count(resident);
    expect(residentBefore).toBeGreaterThan(0);
    const all = await owner.request('POST', '/api/v1/inbox/read-all', {});
    expect(all.statusCode).toBe(200);
    expect(all.json().marked).toBeGreaterThan(0);
    expect(await count(owner)).toBe(0);
    expect((await owner.request('POST', '/api/v1/inbox/read-all', {})).json()).toEqual({ marked: 0 });
    expect(await count(resident)).toBe(residentBefore);
  });

  it('reaches the account linked to a resident record, and never shows sign-in codes', async () => {
    const db = ctx.database.db;
    expect(ids.residentRecord).not.toBe('');
    await resident.request('POST', '/api/v1/inbox/read-all', {});
    await enqueue(db, { channel: 'sms', template: 'council.meeting_notice', recipientResidentId: ids.residentRecord, payload: { meetingId: '00000000-0000-4000-8000-000000000003', title: '十二月议事会', startsAt: '2026-12-10T06:30:00.000Z', location: '社区活动室' } });
    await enqueue(db, { channel: 'sms', template: 'auth.code.login', recipientUserId: ids.resident, payload: { code: '123456' } });
    // One notice on two channels in one transaction shows once.
    await db.transaction(async (tx) => {
      for (const channel of ['wechat', 'sms'] as const) await enqueue(tx, { channel, template: 'instruction.sent', recipientUserId: ids.resident, payload: { title: '防汛检查' } });
    });
    expect(await count(resident)).toBe(2);
    await resident.request('POST', '/api/v1/inbox/read-all', {});
    await enqueue(db, { channel: 'sms', template: 'council.meeting_notice', recipientResidentId: ids.residentRecord, payload: { meetingId: '00000000-0000-4000-8000-000000000003', title: '十二月议事会', startsAt: '2026-12-10T06:30:00.000Z', location: '社区活动室' } });
    expect(await count(resident)).toBe(1);
    const [m] = (await resident.request('GET', '/api/v1/inbox?unread=true')).json().items;
    expect(m).toMatchObject({ template: 'council.meeting_notice', link: '/councils/meetings/00000000-0000-4000-8000-000000000003' });
    expect(m.body['zh-CN']).toContain('社区活动室');
    expect(m.body['zh-CN']).toContain('14:30');
  });

  it('pages by keyset without repeating or skipping a message', async () => {
    const db = ctx.database.db;
    for (let i = 0; i < 5; i++) await enqueue(db, { channel: 'inbox', template: 'assembly.results_published', recipientUserId: ids.owner, payload: { title: `第${i}次` } });
    const total = (await owner.request('GET', '/api/v1/inbox?limit=100')).json().items.length;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/inbox?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await owner.request('GET', url)).json();
      seen.push(...page.items.map((m: { id: string }) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('rendering a message', () => {
  it('says something sensible for a template it does not know, linking what the payload names', () => {
    const m = renderMessage('instruction.overdue', { title: '防汛检查', instructionId: '00000000-0000-4000-8000-000000000004' });
    expect(m.title).toEqual({ 'zh-CN': '防汛检查', en: '防汛检查' });
    expect(m.link).toBe('/tasks/00000000-0000-4000-8000-000000000004');
    expect(renderMessage('x.y', {}).title['zh-CN']).toBe('系统通知');
    expect(renderMessage('x.y', { requestId: '../../etc' }).link).toBeNull();
  });

  it('tells a resident each step of a project raised from their request, and asks them to rate it once accepted', () => {
    const id = '00000000-0000-4000-8000-000000000016';
    const m = renderMessage('project.acceptance_passed', { projectId: id, title: '楼道照明改造', kind: 'acceptance_passed' });
    expect(m.title['zh-CN']).toBe('社区项目「楼道照明改造」已通过验收，请您评价');
    expect(m.link).toBe(`/projects/${id}`);
    expect(renderMessage('project.progress', { projectId: '../x', title: 'A' }).link).toBeNull();
  });

  it('tells staff of deadlines with a link to the work queue’s page', () => {
    const m = renderMessage('request.escalated', { requestId: '00000000-0000-4000-8000-000000000005', number: 'GZ1', phase: 'respond', regionPath: '510108001' });
    expect(m.link).toBe('/requests/00000000-0000-4000-8000-000000000005');
    expect(m.title['zh-CN']).toBe('诉求 GZ1 超过受理时限，已上报');
  });
});
