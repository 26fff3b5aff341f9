import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, ne } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type TestContext } from '../../../test/harness.ts';
import { regions } from '../org/org.table.ts';
import { councilMeetings, councilVotes } from './councils.table.ts';
import { cast, fireAt, gridCouncil, startMeeting, type Cast } from './councils.testkit.ts';

let ctx: TestContext;
let c: Cast;
let council: Awaited<ReturnType<typeof gridCouncil>>;
let meetingId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await cast(ctx);
  council = await gridCouncil(c, { noticeHours: 48 });
});
afterAll(async () => { await ctx.close(); });

const HOUR = 3_600_000;
const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;
const meeting = (body: Record<string, unknown>) => c.worker.request('POST', `/api/v1/councils/${council.id}/meetings`, { title: '临时会议', ...body });

describe('council rules refuse bad input with a code, writing nothing', () => {
  it('refuses a meeting noticed less than the notice period ahead', async () => {
    const res = await meeting({ startsAt: new Date(Date.now() + 47 * HOUR).toISOString() });
    expect([res.statusCode, code(res)]).toEqual([422, 'NOTICE_TOO_SHORT']);
    expect((res.json() as { error: { message: string } }).error.message).toContain('48');
    expect(await ctx.database.db.select().from(councilMeetings).where(eq(councilMeetings.councilId, council.id))).toHaveLength(0);
    const ok = await meeting({ startsAt: new Date(Date.now() + 49 * HOUR).toISOString() });
    expect(ok.statusCode, ok.body).toBe(201);
    meetingId = ok.json().id;
    await startMeeting(ctx, meetingId);
  });

  it('refuses to put a motion without a quorum of members signed in', async () => {
    for (const seatId of council.seats.slice(0, 2)) await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId });
    const res = await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/motions`, { text: '表决事项' });
    expect([res.statusCode, code(res)]).toEqual([409, 'QUORUM_NOT_MET']);
    expect((res.json() as { error: { message: string } }).error.message).toContain('1');
    const now = (await c.worker.request('GET', `/api/v1/council-meetings/${meetingId}`)).json();
    expect(now.motions).toEqual([]);
    expect(now.quorum).toMatchObject({ seated: 5, present: 2, reached: false, short: 1 });
  });

  it('refuses votes by non-members, absent members, second votes and votes after closing', async () => {
    await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId: council.seats[2] });
    const put = await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/motions`, { text: '同意修订居民公约第三条', majority: 'two_thirds' });
    expect(put.statusCode, put.body).toBe(201);
    const motionId = put.json().motions[0].id as string;
    const vote = (who = c.worker, body: Record<string, unknown>) => who.request('POST', `/api/v1/council-motions/${motionId}/votes`, body);

    // The owner lives in the grid but holds no seat; the signed-in party member's first vote counts.
    const outsider = await vote(c.owner, { choice: 'for' });
    expect([outsider.statusCode, code(outsider)]).toEqual([403, 'NOT_COUNCIL_MEMBER']);
    // Staff never vote in a member's name (of this council or another): they record a show of hands.
    const other = await gridCouncil(c, { name: '另一个议事会' });
    const foreignSeat = await vote(c.worker, { seatId: other.seats[1], choice: 'for' });
    expect([foreignSeat.statusCode, code(foreignSeat)]).toEqual([403, 'COUNCIL_VOTE_NOT_OWN']);
    const absent = await vote(c.worker, { seatId: council.seats[4], choice: 'for' });
    expect([absent.statusCode, code(absent)]).toEqual([403, 'COUNCIL_VOTE_NOT_OWN']);
    expect((await vote(c.party, { choice: 'for' })).statusCode).toBe(201);
    const again = await vote(c.party, { choice: 'against' });
    expect([again.statusCode, code(again)]).toEqual([409, 'ALREADY_VOTED']);
    const recorded = await vote(c.worker, { seatId: council.seats[0], choice: 'against' });
    expect([recorded.statusCode, code(recorded)]).toEqual([403, 'COUNCIL_VOTE_NOT_OWN']);
    const rows = await ctx.database.db.select().from(councilVotes).where(eq(councilVotes.motionId, motionId));
    expect(rows.map((r) => r.choice)).toEqual(['for']);

    // One more for, by a show of hands entered by one staff member and confirmed by another.
    expect((await c.worker.request('POST', `/api/v1/council-motions/${motionId}/show-of-hands`, { for: 1, against: 0, abstain: 0 })).statusCode).toBe(200);
    expect((await c.secretary.request('POST', `/api/v1/council-motions/${motionId}/show-of-hands/confirm`, {})).statusCode).toBe(200);
    const closed = (await c.worker.request('POST', `/api/v1/council-motions/${motionId}/close`)).json();
    // Two of three present is exactly two thirds: passed.
    expect(closed.motions[0]).toMatchObject({ result: 'passed', counts: { for: 2, present: 3 } });
    const late = await vote(c.party, { choice: 'for' });
    expect([late.statusCode, code(late)]).toEqual([409, 'MOTION_CLOSED']);
    const reclose = await c.worker.request('POST', `/api/v1/council-motions/${motionId}/close`);
    expect([reclose.statusCode, code(reclose)]).toEqual([409, 'MOTION_CLOSED']);
  });

  it('refuses an objection after the window, and from staff or anonymous callers', async () => {
    const m = (await c.worker.request('GET', `/api/v1/council-meetings/${meetingId}`)).json();
    const resolutionId = m.motions[0].resolutionId as string;
    expect((await c.worker.request('POST', `/api/v1/council-resolutions/${resolutionId}/publish`, { noticeDays: 1 })).statusCode).toBe(200);
    const anon = await ctx.app.inject({ method: 'POST', url: `/api/v1/notice-board/${resolutionId}/objections`, payload: { text: '反对' } });
    expect([anon.statusCode, code(anon)]).toEqual([401, 'UNAUTHENTICATED']);
    const staff = await c.worker.request('POST', `/api/v1/notice-board/${resolutionId}/objections`, { text: '反对' });
    expect([staff.statusCode, code(staff)]).toEqual([403, 'FORBIDDEN']);
    const twice = await c.worker.request('POST', `/api/v1/council-resolutions/${resolutionId}/publish`, {});
    expect([twice.statusCode, code(twice)]).toEqual([409, 'RESOLUTION_STATE']);

    const end = new Date((await ctx.app.inject({ method: 'GET', url: `/api/v1/notice-board/${resolutionId}` })).json().windowEndsAt);
    ctx.clock.offsetMs = end.getTime() - Date.now() + 60_000;
    const resident = await signIn(ctx.app, DEMO.resident);
    const late = await resident.request('POST', `/api/v1/notice-board/${resolutionId}/objections`, { text: '我有意见' });
    expect([late.statusCode, code(late)]).toEqual([409, 'OBJECTION_WINDOW_CLOSED']);
    const board = (await ctx.app.inject({ method: 'GET', url: `/api/v1/notice-board/${resolutionId}` })).json();
    expect(board).toMatchObject({ objectionCount: 0, windowOpen: false });
    await fireAt(ctx, new Date(end.getTime() + 1000));
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/notice-board/${resolutionId}` })).json().state).toBe('effective');
    ctx.clock.offsetMs = 0;
  });

  it('keeps councils, seats and minutes consistent', async () => {
    const worker = await signIn(ctx.app, DEMO.worker);
    const wrongLevel = await worker.request('POST', '/api/v1/councils', { kind: 'building', name: '楼栋议事会', regionId: c.gridId });
    expect([wrongLevel.statusCode, code(wrongLevel)]).toEqual([422, 'COUNCIL_LEVEL_MISMATCH']);
    // One member, one seat: the same neighbour cannot be seated twice (they would sign in and vote twice).
    const twiceSeated = await worker.request('POST', `/api/v1/councils/${council.id}/seats`, { kind: 'resident_rep', residentId: c.neighbours[1], termStart: '2026-06-01', termEnd: '2027-05-31' });
    expect([twiceSeated.statusCode, code(twiceSeated)]).toEqual([409, 'SEAT_HOLDER_SEATED']);
    const notVacant = await worker.request('POST', `/api/v1/council-seats/${council.seats[1]}/by-election`, { residentId: c.neighbours[6], electedOn: '2026-12-01' });
    expect([notVacant.statusCode, code(notVacant)]).toEqual([409, 'SEAT_NOT_VACANT']);
    const early = await worker.request('POST', `/api/v1/council-meetings/${meetingId}/minutes/approve`, {});
    expect([early.statusCode, code(early)]).toEqual([409, 'MEETING_NOT_CLOSED']);
    // A party item on the agenda but never resolved is open again once the meeting closes.
    const item = (await worker.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'party', title: '楼道堆物清理' })).json();
    const next = await worker.request('POST', `/api/v1/councils/${council.id}/meetings`, { title: '下次会议', startsAt: new Date(Date.now() + 49 * HOUR).toISOString(), agendaItemIds: [item.id] });
    expect(next.json().agenda[0].state).toBe('scheduled');
    await startMeeting(ctx, next.json().id);
    const twice = await worker.request('POST', `/api/v1/councils/${council.id}/meetings`, { title: '再下次', startsAt: new Date(Date.now() + 50 * HOUR).toISOString(), agendaItemIds: [item.id] });
    expect([twice.statusCode, code(twice)]).toEqual([409, 'AGENDA_ITEM_STATE']);
    expect((await worker.request('POST', `/api/v1/council-meetings/${next.json().id}/close`)).json().agenda[0].state).toBe('open');
    const proposal = (await c.resident.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'proposal', title: '增设快递柜' })).json();
    const dup = await c.resident.request('POST', `/api/v1/council-agenda/${proposal.id}/cosign`);
    expect([dup.statusCode, code(dup)]).toEqual([409, 'ALREADY_COSIGNED']);
    const nul = await c.resident.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'proposal', title: 'a\u0000b' });
    expect([nul.statusCode, code(nul)]).toEqual([400, 'VALIDATION_FAILED']);
    const unsorted = await worker.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'small_matter', title: '无', requestId: '00000000-0000-7000-8000-000000000000' });
    expect([unsorted.statusCode, code(unsorted)]).toEqual([404, 'REQUEST_NOT_FOUND']);
  });

  it('hides councils outside the caller’s area as missing', async () => {
    const street = await signIn(ctx.app, DEMO.street);
    // A neighbouring grid of the same street: neither the resident's grid, nor above nor below it.
    const [target] = await ctx.database.db.select().from(regions)
      .where(and(eq(regions.level, 'grid'), like(regions.code, `${c.gridPath.slice(0, 9)}%`), ne(regions.code, c.gridPath))).limit(1);
    const made = await street.request('POST', '/api/v1/councils', { kind: 'grid', name: '别处议事会', regionId: target!.id });
    expect(made.statusCode, made.body).toBe(201);
    const seen = await c.resident.request('GET', `/api/v1/councils/${made.json().id}`);
    expect([seen.statusCode, code(seen)]).toEqual([404, 'COUNCIL_NOT_FOUND']);
    const listed = (await c.resident.request('GET', '/api/v1/councils')).json();
    expect(listed.items.map((x: { id: string }) => x.id)).toContain(council.id);
    expect(listed.items.map((x: { id: string }) => x.id)).not.toContain(made.json().id);
  });
});

describe('small matters offered to the agenda (issue 15 item 17)', () => {
  it('lists the area’s requests sorted as small, searchable, and drops one once it is on an agenda', async () => {
    const file = async (description: string, matter: 'small' | 'big') => {
      const filed = await c.resident.request('POST', '/api/v1/requests', { description, regionId: c.gridId });
      expect(filed.statusCode, filed.body).toBe(201);
      const sorted = await c.worker.request('POST', `/api/v1/requests/${filed.json().id}/events`, { event: 'sort', matter });
      expect(sorted.statusCode, sorted.body).toBe(200);
      return filed.json() as { id: string; number: string };
    };
    const small = await file('二单元楼道灯不亮，晚上回家看不见台阶，七号门洞', 'small');
    const other = await file('小区南门外的人行道地砖松动，下雨积水', 'small');
    const large = await file('希望把小区围墙外的空地改成停车场', 'big');
    const offered = async (q?: string) => {
      const res = await c.worker.request('GET', `/api/v1/councils/${council.id}/small-matters${q ? `?q=${encodeURIComponent(q)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { id: string; number: string; title: string; createdAt: string }[];
    };
    // The demo's year of history holds other small matters of the area (楼道灯 among them): search by words only these have.
    const all = await offered();
    expect(all.map((x) => x.id)).toEqual(expect.arrayContaining([small.id, other.id]));
    expect(all.map((x) => x.id)).not.toContain(large.id);
    expect(all.find((x) => x.id === small.id)).toMatchObject({ number: small.number, title: '二单元楼道灯不亮，晚上回家看不见台阶，七号门洞' });
    expect((await offered('七号门洞')).map((x) => x.id)).toEqual([small.id]);
    expect((await offered(other.number)).map((x) => x.id)).toEqual([other.id]);

    const added = await c.worker.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'small_matter', title: '修复二单元楼道灯', requestId: small.id });
    expect(added.statusCode, added.body).toBe(201);
    expect((await offered()).map((x) => x.id)).not.toContain(small.id);
    // Residents do not run the agenda: refused.
    expect((await c.resident.request('GET', `/api/v1/councils/${council.id}/small-matters`)).statusCode).toBe(403);
  });
});

describe('the demo seed', () => {
  it('has councils with members and one resolution on the public board', async () => {
    const board = (await ctx.app.inject({ method: 'GET', url: '/api/v1/notice-board?state=published' })).json();
    expect(board.items.some((x: { title: string; council: { kind: string } }) => x.title.includes('充电棚') && x.council.kind === 'grid')).toBe(true);
    const mine = (await c.resident.request('GET', '/api/v1/councils')).json();
    expect(mine.items.map((x: { kind: string }) => x.kind)).toEqual(expect.arrayContaining(['grid', 'community', 'building']));
    const g = mine.items.find((x: { kind: string; seatedCount: number }) => x.kind === 'grid' && x.seatedCount >= 6);
    const detail = (await c.party.request('GET', `/api/v1/councils/${g.id}`)).json();
    expect(detail.seats.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['party_member', 'resident_rep', 'owners_committee']));
    const meeting = (await c.resident.request('GET', `/api/v1/council-meetings/${detail.meetings[0].id}`)).json();
    expect(meeting.minutes).toMatchObject([{ state: 'approved' }]);
  });
});
