import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, not, sql } from 'drizzle-orm';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { timers } from '../../platform/jobs/jobs.table.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { regions } from '../org/org.table.ts';
import { cast, fireAt } from '../councils/councils.testkit.ts';
import { noticeFor, publishNotice, registerNoticeKind, NOTICE_WINDOW_TIMER, type NoticeRow } from './notices.service.ts';

// A subject kind of the test's own: records what the notices feature asks it to do.
const calls: { closed: { id: string; at: string }[]; upheld: string[] } = { closed: [], upheld: [] };
registerNoticeKind('test_subject', {
  async onClosed(_tx, _actor, n, at) { calls.closed.push({ id: n.subjectId, at: at.toISOString() }); },
  async onUpheld(_tx, _actor, n) { calls.upheld.push(n.subjectId); },
});

let ctx: TestContext;
let resident: Client; let owner: Client; let worker: Client; let gridPath: string; let districtCode: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const c = await cast(ctx);
  ({ resident, owner, worker, gridPath } = c);
  const [g] = await ctx.database.db.select({ d: regions.districtCode }).from(regions).where(eq(regions.code, gridPath));
  districtCode = g!.d;
});
afterAll(async () => { await ctx.close(); });

const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;
// Tuesday 29 September 2026, the day before the National Day week (1–7 October).
const PUBLISHED = new Date('2026-09-29T10:00:00+08:00');
const at = (d: Date) => { ctx.clock.offsetMs = d.getTime() - Date.now(); };
const subject = () => crypto.randomUUID();

async function publish(over: Partial<Parameters<typeof publishNotice>[2]> = {}, now = PUBLISHED): Promise<NoticeRow> {
  return ctx.database.db.transaction((tx) => publishNotice(tx, SYSTEM_ACTOR, {
    kind: 'test_subject', subjectId: subject(), regionPath: gridPath, districtCode, title: '中标结果公示：北门充电棚施工', body: '中标单位：某某公司，联系电话13812345678', workingDays: 3, ...over,
  }, now));
}

describe('notices (公示)', () => {
  it('counts the window in working days, skipping the National Day holiday', async () => {
    const n = await publish();
    // 30 Sep is day 1; 1–7 Oct are off; 8 and 9 Oct are days 2 and 3: the window ends at midnight after 9 Oct.
    expect(n.windowEndsAt.toISOString()).toBe('2026-10-09T16:00:00.000Z');
    const [t] = await ctx.database.db.select().from(timers).where(and(eq(timers.kind, NOTICE_WINDOW_TIMER), eq(timers.subjectId, n.id)));
    expect(t!.dueAt.toISOString()).toBe('2026-10-09T16:00:00.000Z');
    const again = await publish({ subjectId: n.subjectId }).catch((e: { code?: string }) => e.code);
    expect(again).toBe('NOTICE_EXISTS');
  });

  it('takes objections from residents of the area while the window runs, and refuses the rest', async () => {
    const n = await publish();
    at(new Date('2026-10-02T12:00:00+08:00'));
    const ok = await resident.request('POST', `/api/v1/notices/${n.id}/objections`, { text: '施工时间请避开午休，我的电话13698765432' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ objectionCount: 1, unansweredCount: 1, windowOpen: true, objections: [{ mine: true, outcome: null }] });
    // The public board: no sign-in, no objector, numbers masked.
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/v1/notices/${n.id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).not.toContain('13698765432');
    expect(pub.body).not.toContain('13812345678');
    expect(pub.json().objections[0]).toMatchObject({ mine: false });
    expect(JSON.stringify(pub.json())).not.toMatch(/userId|user_id/);
    // Staff do not object; someone living elsewhere finds no such notice.
    const staff = await worker.request('POST', `/api/v1/notices/${n.id}/objections`, { text: '反对' });
    expect([staff.statusCode, code(staff)]).toEqual([403, 'FORBIDDEN']);
    const [elsewhere] = await ctx.database.db.select({ code: regions.code, d: regions.districtCode }).from(regions)
      .where(and(eq(regions.level, 'community'), not(like(sql`${gridPath}`, sql`${regions.code} || '%'`)))).limit(1);
    const far = await publish({ regionPath: elsewhere!.code, districtCode: elsewhere!.d });
    const outside = await resident.request('POST', `/api/v1/notices/${far.id}/objections`, { text: '反对' });
    expect([outside.statusCode, code(outside)]).toEqual([404, 'NOTICE_NOT_FOUND']);
    expect((await noticeFor(ctx.database.db, 'test_subject', far.subjectId))!.objections).toHaveLength(0);
    // After the window: closed.
    at(new Date('2026-10-10T00:00:01+08:00'));
    const late = await owner.request('POST', `/api/v1/notices/${n.id}/objections`, { text: '我也有意见' });
    expect([late.statusCode, code(late)]).toEqual([409, 'NOTICE_CLOSED']);
    expect((await noticeFor(ctx.database.db, 'test_subject', n.subjectId))!.objections).toHaveLength(1);
    ctx.clock.offsetMs = 0;
  });

  it('waits at the window’s end for every answer, then closes once and calls the kind once', async () => {
    const n = await publish();
    at(new Date('2026-10-08T09:00:00+08:00'));
    const o = (await resident.request('POST', `/api/v1/notices/${n.id}/objections`, { text: '围挡占用消防通道' })).json().objections[0].id as string;
    // The window ends with an unanswered objection: the notice stays open, nothing happens to the subject.
    await fireAt(ctx, new Date('2026-10-10T00:00:01+08:00'));
    expect((await noticeFor(ctx.database.db, 'test_subject', n.subjectId))!.notice.state).toBe('open');
    expect(calls.closed.filter((c) => c.id === n.subjectId)).toHaveLength(0);
    at(new Date('2026-10-12T10:00:00+08:00'));
    const answer = (body: object) => worker.request('POST', `/api/v1/notices/${n.id}/objections/${o}/answer`, body);
    const bad = await answer({ outcome: 'maybe', reason: 'x' });
    expect(bad.statusCode).toBe(400);
    const answered = await answer({ outcome: 'dismissed', reason: '围挡距消防通道3米，已请消防站复核' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'closed', unansweredCount: 0, objections: [{ outcome: 'dismissed' }] });
    const twice = await answer({ outcome: 'upheld', reason: '改为支持' });
    expect([twice.statusCode, code(twice)]).toEqual([409, 'OBJECTION_ANSWERED']);
    // Firing the timers again (a retry, a second worker) changes nothing: the kind heard it once.
    await fireAt(ctx, new Date('2026-10-13T00:00:00+08:00'));
    // Closed when the last answer came (the app's clock moves on by a few milliseconds meanwhile).
    const closed = calls.closed.filter((c) => c.id === n.subjectId);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.at.slice(0, 16)).toBe('2026-10-12T02:00');
    ctx.clock.offsetMs = 0;
  });

  it('closes an unopposed notice as of its window’s end, however late the timer runs', async () => {
    const n = await publish();
    await fireAt(ctx, new Date('2026-10-15T00:00:00+08:00'));
    await fireAt(ctx, new Date('2026-10-16T00:00:00+08:00'));
    expect(calls.closed.filter((c) => c.id === n.subjectId)).toEqual([{ id: n.subjectId, at: '2026-10-09T16:00:00.000Z' }]);
    const shown = (await ctx.app.inject({ method: 'GET', url: `/api/v1/notices/${n.id}` })).json();
    expect(shown).toMatchObject({ state: 'closed', closedAt: '2026-10-09T16:00:00.000Z', windowOpen: false });
  });

  it('withdraws a notice when an objection is upheld: the kind sends it back, the window’s timer is cancelled', async () => {
    const n = await publish();
    at(new Date('2026-09-30T10:00:00+08:00'));
    const o1 = (await resident.request('POST', `/api/v1/notices/${n.id}/objections`, { text: '报价明显高于市场价' })).json().objections[0].id as string;
    const o2 = (await owner.request('POST', `/api/v1/notices/${n.id}/objections`, { text: '施工方资质存疑' })).json().objections[1].id as string;
    const up = await worker.request('POST', `/api/v1/notices/${n.id}/objections/${o1}/answer`, { outcome: 'upheld', reason: '经复核报价偏高，重新招标' });
    expect(up.json()).toMatchObject({ state: 'withdrawn', unansweredCount: 1 });
    expect(calls.upheld).toEqual([n.subjectId]);
    expect(await ctx.database.db.select().from(timers).where(eq(timers.subjectId, n.id))).toHaveLength(0);
    // The other objection is still answered, without further effect.
    const rest = await worker.request('POST', `/api/v1/notices/${n.id}/objections/${o2}/answer`, { outcome: 'dismissed', reason: '随重新招标一并处理' });
    expect(rest.json()).toMatchObject({ state: 'withdrawn', unansweredCount: 0 });
    expect(calls.upheld).toEqual([n.subjectId]);
    expect(calls.closed.filter((c) => c.id === n.subjectId)).toHaveLength(0);
    // Answers belong to staff of the area: a resident may not answer.
    const byResident = await resident.request('POST', `/api/v1/notices/${n.id}/objections/${o2}/answer`, { outcome: 'upheld', reason: 'x' });
    expect(byResident.statusCode).toBe(403);
    const actions = (await ctx.database.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, n.id))).map((x) => x.a);
    expect(actions).toEqual(expect.arrayContaining(['notice.publish', 'notice.object', 'notice.objection_answer', 'notice.withdraw']));
    ctx.clock.offsetMs = 0;
  });

  it('lists the board by community without sign-in', async () => {
    const community = gridPath.slice(0, 12);
    const board = await ctx.app.inject({ method: 'GET', url: `/api/v1/notices?regionCode=${community}&kind=test_subject` });
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json().total).toBeGreaterThanOrEqual(5);
    expect(board.body).not.toContain('13812345678');
    // The council resolutions published in the demo are on the same board.
    const councils = await ctx.app.inject({ method: 'GET', url: '/api/v1/notices?kind=council_resolution' });
    expect(councils.json().total).toBeGreaterThanOrEqual(1);
    const missing = await ctx.app.inject({ method: 'GET', url: `/api/v1/notices/${crypto.randomUUID()}` });
    expect([missing.statusCode, code(missing)]).toEqual([404, 'NOTICE_NOT_FOUND']);
  });
});
