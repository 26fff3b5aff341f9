import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { chinaDay } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type TestContext } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { cast, fireAt, gridCouncil, startMeeting, type Cast } from './councils.testkit.ts';
import { NOTICE_WINDOW_TIMER } from '../notices/notices.service.ts';

let ctx: TestContext;
let c: Cast;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await cast(ctx);
});
afterAll(async () => { await ctx.close(); });

const HOUR = 3_600_000;
const anon = (url: string) => ctx.app.inject({ method: 'GET', url });

describe('a council from its seats to a resolution in effect', () => {
  it('meets, resolves, publishes, answers an objection, and the resolution takes effect', async () => {
    const council = await gridCouncil(c);
    const before = (await c.worker.request('GET', `/api/v1/councils/${council.id}`)).json();
    expect(before).toMatchObject({ kind: 'grid', seatedCount: 5, vacantCount: 0, abilities: ['manage'] });

    // A seat falls vacant and a by-election fills it for the rest of the term; the history stays.
    const vacated = await c.worker.request('POST', `/api/v1/council-seats/${council.seats[4]}/vacate`, { reason: '搬离本小区' });
    expect(vacated.json()).toMatchObject({ seatedCount: 4, vacantCount: 1 });
    const elected = await c.worker.request('POST', `/api/v1/council-seats/${council.seats[4]}/by-election`, { residentId: c.neighbours[5], electedOn: chinaDay(new Date()) });
    expect(elected.statusCode, elected.body).toBe(201);
    const seats = elected.json().seats as { id: string; sitting: boolean; byElection: boolean; predecessorId: string | null; successorId: string | null; termEnd: string }[];
    const successor = seats.find((s) => s.predecessorId === council.seats[4])!;
    expect(successor).toMatchObject({ sitting: true, byElection: true, termEnd: '2027-12-31' });
    expect(seats.find((s) => s.id === council.seats[4])).toMatchObject({ sitting: false, successorId: successor.id });
    expect(elected.json()).toMatchObject({ seatedCount: 5, vacantCount: 0 });
    const members = [...council.seats.slice(0, 4), successor.id];

    // Agenda: a residents' proposal reaching its co-signatures, a small matter from the requests, the party's item.
    const proposal = await c.resident.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'proposal', title: '在3栋旁加装非机动车充电桩', description: '电动车上楼充电有火灾隐患' });
    expect(proposal.json()).toMatchObject({ state: 'collecting', cosignCount: 1, cosignThreshold: 2 });
    const cosigned = await c.owner.request('POST', `/api/v1/council-agenda/${proposal.json().id}/cosign`);
    expect(cosigned.json()).toMatchObject({ state: 'open', cosignCount: 2, cosigned: true });

    const filed = await c.resident.request('POST', '/api/v1/requests', { description: '单元门禁坏了半个月，谁都能进', regionId: c.gridId });
    expect(filed.statusCode, filed.body).toBe(201);
    const req = filed.json();
    const sorted = await c.worker.request('POST', `/api/v1/requests/${req.id}/events`, { event: 'sort', matter: 'small' });
    expect(sorted.statusCode, sorted.body).toBe(200);
    const small = await c.worker.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'small_matter', title: '更换单元门禁', requestId: req.id });
    expect(small.statusCode, small.body).toBe(201);
    expect(small.json()).toMatchObject({ source: 'small_matter', state: 'open', request: { id: req.id, number: req.number } });
    const party = (await c.secretary.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'party', title: '党员志愿服务岗轮值安排', description: '报名请联系13612345678' })).json();
    // Free text reaches residents masked; those who run the council read it whole.
    const residentView = (await c.resident.request('GET', `/api/v1/councils/${council.id}`)).json();
    expect(residentView.agenda.find((a: { id: string }) => a.id === party.id).description).toBe('报名请联系136****5678');
    expect((await c.worker.request('GET', `/api/v1/councils/${council.id}`)).json().agenda.find((a: { id: string }) => a.id === party.id).description).toBe('报名请联系13612345678');

    // Notice, then sign-in: the party member signs in themself, staff sign in the others.
    const startsAt = new Date(Date.now() + 73 * HOUR).toISOString();
    const noticed = await c.worker.request('POST', `/api/v1/councils/${council.id}/meetings`, { title: '十一月议事会', location: '社区活动室', startsAt, agendaItemIds: [proposal.json().id, small.json().id, party.id] });
    expect(noticed.statusCode, noticed.body).toBe(201);
    const meetingId = noticed.json().id as string;
    expect(noticed.json().agenda.map((a: { state: string }) => a.state)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(await ctx.database.db.select().from(outbox).where(eq(outbox.template, 'council.meeting_notice'))).toHaveLength(5);
    await startMeeting(ctx, meetingId);
    expect((await c.party.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, {})).statusCode).toBe(200);
    for (const seatId of members.slice(1, 3)) await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId });
    const signed = (await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId: members[3] })).json();
    expect(signed.quorum).toMatchObject({ seated: 5, present: 4, reached: true, short: 0 });

    // Three motions: the proposal passes 3–1, the small matter and the party item pass too.
    const motion = async (agendaItemId: string, text: string) => {
      const res = await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/motions`, { agendaItemId, text });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json().motions as { id: string; agendaItemId: string }[]).find((m) => m.agendaItemId === agendaItemId)!.id;
    };
    const m1 = await motion(proposal.json().id, '同意在3栋旁加装8个充电桩，由物业公司实施，费用按次收取');
    expect((await c.party.request('POST', `/api/v1/council-motions/${m1}/votes`, { choice: 'for' })).statusCode).toBe(201);
    // The members without the app raise their hands: one staff member counts, a second confirms.
    const hands = async (id: string, counts: { for: number; against: number; abstain: number }) => {
      expect((await c.worker.request('POST', `/api/v1/council-motions/${id}/show-of-hands`, counts)).statusCode).toBe(200);
      expect((await c.secretary.request('POST', `/api/v1/council-motions/${id}/show-of-hands/confirm`, {})).statusCode).toBe(200);
    };
    await hands(m1, { for: 2, against: 1, abstain: 0 });
    const closed1 = (await c.worker.request('POST', `/api/v1/council-motions/${m1}/close`)).json();
    const r1 = closed1.motions.find((m: { id: string }) => m.id === m1);
    expect(r1).toMatchObject({ state: 'closed', result: 'passed', counts: { for: 3, against: 1, abstain: 0, present: 4 } });
    expect(closed1.agenda.find((a: { id: string }) => a.id === proposal.json().id).state).toBe('resolved');

    const decide = async (id: string) => {
      await hands(id, { for: 4, against: 0, abstain: 0 });
      return (await c.worker.request('POST', `/api/v1/council-motions/${id}/close`)).json().motions.find((m: { id: string }) => m.id === id).resolutionId as string;
    };
    const r2 = await decide(await motion(small.json().id, '由社区出资更换单元门禁'));
    const r3 = await decide(await motion(party.id, '党员志愿服务岗按周轮值'));

    // Minutes: drafted, corrected, approved after the meeting closed; residents never see drafts.
    await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/minutes`, { body: '应到5人，实到4人。议题一…' });
    const corrected = (await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/minutes`, { body: '应到5人，实到4人，达到法定人数。议题一…联系人13912345678' })).json();
    expect(corrected.minutes.map((m: { version: number; state: string }) => [m.version, m.state])).toEqual([[2, 'draft'], [1, 'draft']]);
    expect((await c.resident.request('GET', `/api/v1/council-meetings/${meetingId}`)).json().minutes).toEqual([]);
    expect((await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/close`)).json().state).toBe('closed');
    // Four eyes: the one who wrote the latest version cannot approve it; a second staff member does.
    const selfApprove = await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/minutes/approve`, {});
    expect([selfApprove.statusCode, selfApprove.json().error.code]).toEqual([409, 'MINUTES_APPROVE_SELF']);
    expect((await c.secretary.request('POST', `/api/v1/council-meetings/${meetingId}/minutes/approve`, {})).statusCode).toBe(200);
    const seen = (await c.resident.request('GET', `/api/v1/council-meetings/${meetingId}`)).json();
    expect(seen.minutes).toMatchObject([{ version: 2, state: 'approved', body: expect.stringContaining('联系人139****5678') }]);
    expect(JSON.stringify(seen)).not.toContain('13612345678');
    expect(seen.abilities).toEqual([]);

    // Publication: three working days; the board is readable without signing in.
    const pub = await c.worker.request('POST', `/api/v1/council-resolutions/${r1.resolutionId}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ state: 'published', noticeDays: 3, windowOpen: true });
    for (const r of [r2, r3]) await c.worker.request('POST', `/api/v1/council-resolutions/${r}/publish`, {});
    const windowEnd = new Date(pub.json().windowEndsAt as string);
    const board = await anon('/api/v1/notice-board');
    expect(board.statusCode).toBe(200);
    expect(board.json().items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([r1.resolutionId, r2, r3]));
    expect((await anon(`/api/v1/notice-board/${r1.resolutionId}`)).json()).toMatchObject({ title: '在3栋旁加装非机动车充电桩', abilities: [] });

    // Objections: a resident objects to the first two; the answers come after the window.
    const objected = await c.resident.request('POST', `/api/v1/notice-board/${r1.resolutionId}/objections`, { text: '充电桩离我家窗户太近，希望换个位置' });
    expect(objected.statusCode, objected.body).toBe(201);
    expect(objected.json().objections).toMatchObject([{ mine: true, outcome: null }]);
    expect(JSON.stringify((await anon(`/api/v1/notice-board/${r1.resolutionId}`)).json())).not.toContain(c.resident.cookie.slice(0, 8));
    const secretText = '门禁费用应由物业承担，电话13612345678，邮箱zhang@example.com，身份证510104199003071234，银行卡6222021234567890';
    const o2 = (await c.owner.request('POST', `/api/v1/notice-board/${r2}/objections`, { text: secretText })).json().objections[0].id;
    // The public board shows the objection masked; its author and those who run the council read it whole.
    const publicText = JSON.stringify((await anon(`/api/v1/notice-board/${r2}`)).json());
    for (const secret of ['13612345678', 'zhang@example.com', '510104199003071234', '6222021234567890']) expect(publicText).not.toContain(secret);
    expect(publicText).toContain('电话136****5678');
    expect((await c.owner.request('GET', `/api/v1/notice-board/${r2}`)).json().objections[0].text).toBe(secretText);
    expect((await c.worker.request('GET', `/api/v1/notice-board/${r2}`)).json().objections[0].text).toBe(secretText);
    const o2b = (await c.resident.request('POST', `/api/v1/notice-board/${r2}/objections`, { text: '希望换成人脸识别门禁' })).json().objections[1].id;

    // At the window's end the timer makes the unopposed one effective; the opposed ones wait for answers.
    ctx.clock.offsetMs = windowEnd.getTime() - Date.now() + HOUR;
    // The demo city has timers of its own coming due by then (activity reminders…): only the notices' three count here.
    const at = new Date(windowEnd.getTime() + 1000);
    const others = (await ctx.database.db.execute(sql`SELECT count(*)::int AS n FROM timers
      WHERE due_at <= ${at} AND fired_at IS NULL AND failed_at IS NULL AND kind <> ${NOTICE_WINDOW_TIMER}`)).rows[0] as { n: number };
    expect(await fireAt(ctx, at)).toBe(3 + others.n);
    expect((await anon(`/api/v1/notice-board/${r3}`)).json()).toMatchObject({ state: 'effective', effectiveAt: windowEnd.toISOString() });
    expect((await anon(`/api/v1/notice-board/${r1.resolutionId}`)).json()).toMatchObject({ state: 'published', unansweredCount: 1 });

    const o1 = objected.json().objections[0].id;
    c.worker = await signIn(ctx.app, DEMO.worker); // days later: a fresh session
    const answered = await c.worker.request('POST', `/api/v1/council-resolutions/${r1.resolutionId}/objections/${o1}/answer`, { outcome: 'rejected', reason: '充电桩距住宅外墙12米，符合消防规范；已加装遮挡' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'effective', objections: [{ outcome: 'rejected', answer: expect.stringContaining('消防规范') }] });

    // An upheld objection sends the item back to the council.
    const upheld = (await c.worker.request('POST', `/api/v1/council-resolutions/${r2}/objections/${o2}/answer`, { outcome: 'upheld', reason: '费用分担需重新议定，详询13712345678' })).json();
    expect(upheld.objections[0].answer).toContain('13712345678');
    const answeredPublic = JSON.stringify((await anon(`/api/v1/notice-board/${r2}`)).json());
    expect(answeredPublic).not.toContain('13712345678');
    expect(answeredPublic).toContain('137****5678');
    expect(upheld.state).toBe('returned');
    // The other objection still gets its answer; the resolution stays sent back.
    const last = await c.worker.request('POST', `/api/v1/council-resolutions/${r2}/objections/${o2b}/answer`, { outcome: 'rejected', reason: '随门禁一并重新议定' });
    expect(last.json()).toMatchObject({ state: 'returned', unansweredCount: 0, abilities: [] });
    const after = (await c.worker.request('GET', `/api/v1/councils/${council.id}`)).json();
    expect(after.agenda.find((a: { id: string }) => a.id === small.json().id).state).toBe('reopened');

    const actions = (await ctx.database.db.select({ a: auditLog.action }).from(auditLog)).map((x) => x.a);
    for (const a of ['council.create', 'council.by_election', 'council.vote', 'council.publish', 'council.object', 'council.objection_answer', 'council.resolution_effective', 'council.resolution_returned']) {
      expect(actions).toContain(a);
    }
  });
});
