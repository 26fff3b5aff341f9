import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { councilAttendance, councilMotions, councilShowOfHands, councilVotes } from './councils.table.ts';
import { cast, gridCouncil, startMeeting, type Cast } from './councils.testkit.ts';

// Issue 14 item 2: a council meeting cannot be held before its noticed start, and staff cannot cast
// members' votes; a show of hands counts only once a second staff member has confirmed it.

let ctx: TestContext;
let c: Cast;
let council: Awaited<ReturnType<typeof gridCouncil>>;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await cast(ctx);
  council = await gridCouncil(c, { noticeHours: 48, name: '举手表决测试议事会' });
});
afterAll(async () => { await ctx.close(); });

const HOUR = 3_600_000;
type Res = { statusCode: number; json(): unknown };
const err = (res: Res) => [res.statusCode, (res.json() as { error?: { code: string } }).error?.code];
const message = (res: Res) => (res.json() as { error: { message: string } }).error.message;

async function noticed(startsAt = new Date(Date.now() + 49 * HOUR)) {
  const res = await c.worker.request('POST', `/api/v1/councils/${council.id}/meetings`, { title: '例会', startsAt: startsAt.toISOString() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A started meeting with the party member (who votes on their phone) and two others signed in, and a motion. */
async function motionReady() {
  const meetingId = await noticed();
  await startMeeting(ctx, meetingId);
  expect((await c.party.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, {})).statusCode).toBe(200);
  for (const seatId of council.seats.slice(1, 3)) expect((await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId })).statusCode).toBe(200);
  const put = await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/motions`, { text: '同意更换楼道灯' });
  expect(put.statusCode, put.body).toBe(201);
  return { meetingId, motionId: put.json().motions[0].id as string };
}

describe('nothing happens at a meeting before its noticed start', () => {
  it('refuses sign-in (staff or member), motions, votes, show of hands and closing before the start', async () => {
    const startsAt = new Date(Date.now() + 49 * HOUR);
    const meetingId = await noticed(startsAt);
    const staffSign = await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId: council.seats[1] });
    expect(err(staffSign)).toEqual([409, 'MEETING_NOT_STARTED']);
    // The start time (China time) is in the message.
    const local = new Date(startsAt.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
    expect(message(staffSign)).toContain(local);
    expect(err(await c.party.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, {}))).toEqual([409, 'MEETING_NOT_STARTED']);
    expect(err(await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/motions`, { text: '提前表决' }))).toEqual([409, 'MEETING_NOT_STARTED']);
    expect(err(await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/close`))).toEqual([409, 'MEETING_NOT_STARTED']);
    // Minutes record a meeting that was held: none are drafted before it starts.
    expect(err(await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/minutes`, { body: '会议纪要（预先写好）' }))).toEqual([409, 'MEETING_NOT_STARTED']);
    expect(await ctx.database.db.select().from(councilAttendance).where(eq(councilAttendance.meetingId, meetingId))).toHaveLength(0);

    // A motion and attendance that reached the database anyway (written before this rule) still cannot be voted or decided early.
    await ctx.database.db.insert(councilAttendance).values({ meetingId, seatId: council.partySeat, signedAt: new Date() });
    const [mo] = await ctx.database.db.insert(councilMotions).values({ meetingId, text: '早到的动议', majority: 'simple', state: 'open' }).returning();
    expect(err(await c.party.request('POST', `/api/v1/council-motions/${mo!.id}/votes`, { choice: 'for' }))).toEqual([409, 'MEETING_NOT_STARTED']);
    expect(err(await c.worker.request('POST', `/api/v1/council-motions/${mo!.id}/show-of-hands`, { for: 1, against: 0, abstain: 0 }))).toEqual([409, 'MEETING_NOT_STARTED']);
    expect(err(await c.worker.request('POST', `/api/v1/council-motions/${mo!.id}/close`))).toEqual([409, 'MEETING_NOT_STARTED']);
    expect(await ctx.database.db.select().from(councilVotes).where(eq(councilVotes.motionId, mo!.id))).toHaveLength(0);

    // Once the start has come (the app's clock moved past it), the member signs in.
    await startMeeting(ctx, meetingId);
    expect((await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId: council.seats[1] })).statusCode).toBe(200);
  });
});

describe('votes: members vote themselves; staff only record a show of hands, confirmed by a second', () => {
  it('refuses a staff member casting a member’s vote, writing nothing', async () => {
    const { motionId } = await motionReady();
    for (const seatId of [council.seats[1], council.partySeat]) {
      expect(err(await c.worker.request('POST', `/api/v1/council-motions/${motionId}/votes`, { seatId, choice: 'for' }))).toEqual([403, 'COUNCIL_VOTE_NOT_OWN']);
    }
    // Staff hold no seat: without a seat id they are not a member either.
    expect(err(await c.worker.request('POST', `/api/v1/council-motions/${motionId}/votes`, { choice: 'for' }))).toEqual([403, 'NOT_COUNCIL_MEMBER']);
    expect(await ctx.database.db.select().from(councilVotes).where(eq(councilVotes.motionId, motionId))).toHaveLength(0);
    // The member themself votes (their own seat id, or none).
    expect((await c.party.request('POST', `/api/v1/council-motions/${motionId}/votes`, { seatId: council.partySeat, choice: 'for' })).statusCode).toBe(201);
  });

  it('counts a show of hands only after a second staff member confirms it, and marks it in the minutes', async () => {
    const { meetingId, motionId } = await motionReady();
    const url = `/api/v1/council-motions/${motionId}`;
    expect((await c.party.request('POST', `${url}/votes`, { choice: 'for' })).statusCode).toBe(201);
    const tooMany = await c.worker.request('POST', `${url}/show-of-hands`, { for: 2, against: 1, abstain: 0 });
    expect(err(tooMany)).toEqual([409, 'SHOW_OF_HANDS_TOO_MANY']);
    const recorded = await c.worker.request('POST', `${url}/show-of-hands`, { for: 1, against: 1, abstain: 0 });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const pending = (recorded.json() as { motions: { id: string; counts: object; showOfHands: object }[] }).motions.find((m) => m.id === motionId)!;
    // Pending: shown, but not counted.
    expect(pending.counts).toMatchObject({ for: 1, against: 0, abstain: 0 });
    expect(pending.showOfHands).toMatchObject({ for: 1, against: 1, confirmedBy: null, note: null });
    expect(err(await c.worker.request('POST', `${url}/close`))).toEqual([409, 'SHOW_OF_HANDS_UNCONFIRMED']);
    // The one who entered it cannot confirm it.
    expect(err(await c.worker.request('POST', `${url}/show-of-hands/confirm`, {}))).toEqual([409, 'SHOW_OF_HANDS_SAME_PERSON']);
    const confirmed = await c.secretary.request('POST', `${url}/show-of-hands/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const m = (confirmed.json() as { motions: { id: string; counts: object; showOfHands: { recordedBy: string; confirmedBy: string; note: string } }[] }).motions.find((x) => x.id === motionId)!;
    expect(m.counts).toMatchObject({ for: 2, against: 1, abstain: 0, present: 3 });
    const { recordedBy, confirmedBy } = m.showOfHands;
    expect(recordedBy).not.toBe(confirmedBy);
    expect(m.showOfHands.note).toBe(`举手表决（工作人员记录：${recordedBy}、${confirmedBy}）`);
    // Confirmed: it no longer changes, and the floor is closed to individual votes.
    expect(err(await c.worker.request('POST', `${url}/show-of-hands`, { for: 0, against: 0, abstain: 0 }))).toEqual([409, 'SHOW_OF_HANDS_CONFIRMED']);
    expect(err(await c.party.request('POST', `${url}/votes`, { choice: 'against' }))).toEqual([409, 'SHOW_OF_HANDS_RECORDED']);
    const closed = await c.worker.request('POST', `${url}/close`);
    expect((closed.json() as { motions: { id: string; result: string }[] }).motions.find((x) => x.id === motionId)).toMatchObject({ result: 'passed' });

    // The minutes carry the mark, whatever the secretary typed.
    const minutes = await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/minutes`, { body: '应到5人，实到3人。' });
    const body = (minutes.json() as { minutes: { body: string }[] }).minutes[0]!.body;
    expect(body).toContain('应到5人，实到3人。');
    expect(body).toContain(`举手表决（工作人员记录：${recordedBy}、${confirmedBy}）`);
  });

  it('lets only one of two racing confirmations win', async () => {
    const { motionId } = await motionReady();
    const url = `/api/v1/council-motions/${motionId}/show-of-hands`;
    expect((await c.worker.request('POST', url, { for: 2, against: 0, abstain: 1 })).statusCode).toBe(200);
    const [a, b] = await Promise.all([c.secretary.request('POST', `${url}/confirm`, {}), c.grid.request('POST', `${url}/confirm`, {})]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(err(a.statusCode === 409 ? a : b)).toEqual([409, 'SHOW_OF_HANDS_CONFIRMED']);
    const rows = await ctx.database.db.select().from(councilShowOfHands).where(eq(councilShowOfHands.motionId, motionId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.confirmedAt).not.toBeNull();
  });
});
