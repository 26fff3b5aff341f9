import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { runDueTimers } from '../../platform/jobs/scheduler.ts';
import { TIMER_HANDLERS } from '../../timers.ts';
import { partyClaims, partyPointAccounts, partyPointEntries, partyPointPostings, partyReports } from './party.table.ts';
import { claimNeed, markServiceDone } from './party.service.ts';
import { flagDue, flagUnreported } from './party.flag.service.ts';
import { confirmedMembers, partyCast, secretaryActor, type PartyCast } from './party.testkit.ts';

let ctx: TestContext;
let c: PartyCast;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await partyCast(ctx);
});
afterAll(async () => { await ctx.close(); });

const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;
const SLIP = { employer: '成都市第一人民医院', employerPartyOrg: '市一医院内科党支部', employerPartyContact: '李老师 028-80000001', skills: '测血压、健康讲座' };
let reportId: string;

describe('the yearly flag of members who have not reported', () => {
  it('tells the secretary once a year, however often the job runs', async () => {
    const put = await c.secretary.request('PUT', '/api/v1/party/settings', { regionId: c.communityId, yearlyTarget: 12, flagOn: '06-30', catalogue: [{ code: 'service_done', label: '完成服务', points: 2 }] });
    expect(put.statusCode).toBe(404); // a community's secretary cannot set the district's rules
    const district = (await c.secretary.request('GET', `/api/v1/party/settings?regionId=${c.communityId}`)).json();
    expect(district).toMatchObject({ yearlyTarget: 12, flagOn: '06-30' });
    const year = new Date().getUTCFullYear();
    const db = ctx.database.db;
    const sent = () => db.select().from(outbox).where(and(eq(outbox.template, 'party.unreported'), eq(outbox.recipientUserId, c.secretaryUserId)));
    await db.transaction((tx) => flagUnreported(tx, SYSTEM_ACTOR, district.districtCode, year));
    const first = await sent();
    expect(first).toHaveLength(1);
    expect(first[0]!.payload.names as string[]).toHaveLength(first[0]!.payload.count as number);
    expect(await db.transaction((tx) => flagUnreported(tx, SYSTEM_ACTOR, district.districtCode, year))).toBe(0);
    // The timer path too: a district officer's settings schedule it; firing it flags nothing twice.
    const officer = await import('../../../test/harness.ts').then((h) => h.signIn(ctx.app, h.DEMO.district));
    const districtId = (await db.execute<{ id: string }>(sql`SELECT id FROM regions WHERE code = ${district.districtCode}`)).rows[0]!.id;
    const set = await officer.request('PUT', '/api/v1/party/settings', { regionId: districtId, yearlyTarget: 12, flagOn: '06-30', catalogue: district.catalogue });
    expect(set.statusCode, set.body).toBe(200);
    await runDueTimers(db, TIMER_HANDLERS, { now: () => new Date(Math.max(Date.now(), flagDue(year, '06-30').getTime())) });
    expect(await sent()).toHaveLength(1);
  });
});

describe('report (双报到)', () => {
  it('refuses a resident without the party-member grant', async () => {
    const res = await c.resident.request('POST', '/api/v1/party/reports', SLIP);
    expect([res.statusCode, code(res)]).toEqual([403, 'FORBIDDEN']);
  });

  it('takes a report once per Idempotency-Key, with the name from the person record', async () => {
    const key = { 'idempotency-key': 'party-report-1' };
    const a = await c.member.request('POST', '/api/v1/party/reports', SLIP, key);
    const b = await c.member.request('POST', '/api/v1/party/reports', SLIP, key);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(a.json()).toMatchObject({ state: 'submitted', communityCode: c.communityCode, cardNo: null });
    expect(a.json().name.length).toBeGreaterThan(1);
    expect(await ctx.database.db.select().from(partyReports).where(eq(partyReports.userId, c.memberUserId))).toHaveLength(1);
    reportId = a.json().id;
  });

  it('keeps a member to one community at a time', async () => {
    const res = await c.member.request('POST', '/api/v1/party/reports', SLIP);
    expect([res.statusCode, code(res)]).toEqual([409, 'PARTY_ALREADY_REPORTED']);
  });

  it('hides a report from staff of another community (404) and refuses bad input, writing nothing', async () => {
    const other = await c.worker.request('GET', `/api/v1/party/needs?regionId=${c.otherCommunityId}`);
    expect(other.statusCode).toBe(404);
    const bad = await c.worker.request('POST', `/api/v1/party/reports/${reportId}/return`, { reason: '   ' });
    expect([bad.statusCode, code(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await ctx.database.db.select().from(partyReports).where(eq(partyReports.id, reportId)))[0]!.state).toBe('submitted');
  });

  it('returns a report with a reason; the member reports again and the community confirms it with a card', async () => {
    const back = await c.worker.request('POST', `/api/v1/party/reports/${reportId}/return`, { reason: '请填写单位党组织联系人电话' });
    expect(back.json()).toMatchObject({ state: 'returned', returnReason: '请填写单位党组织联系人电话' });
    const again = await c.member.request('POST', '/api/v1/party/reports', { ...SLIP, employerPartyContact: '李老师 028-80000002' });
    expect(again.statusCode, again.body).toBe(201);
    reportId = again.json().id;
    const twice = await c.worker.request('POST', `/api/v1/party/reports/${back.json().id}/confirm`);
    expect([twice.statusCode, code(twice)]).toEqual([409, 'PARTY_REPORT_NOT_PENDING']);
    const ok = await c.secretary.request('POST', `/api/v1/party/reports/${reportId}/confirm`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().cardNo).toMatch(new RegExp(`^${c.communityCode}-\\d{4}-\\d{4}$`));
    const me = (await c.member.request('GET', '/api/v1/party/me')).json();
    expect(me.report).toMatchObject({ state: 'confirmed', cardNo: ok.json().cardNo });
  });
});

const need = async (over: Record<string, unknown> = {}) => {
  const res = await c.worker.request('POST', '/api/v1/party/needs', { regionId: c.communityId, kind: 'task', category: 'elderly', title: '独居老人探访', when: '每周六上午', places: 3, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

describe('needs and claims', () => {
  it('gives the last place to exactly one of concurrent claimants', async () => {
    const id = await need({ places: 1, title: '最后一个名额' });
    const members = await confirmedMembers(ctx, c, 4);
    const results = await Promise.allSettled(members.map((m) => claimNeed(ctx.database.db, m.actor, id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['PARTY_NEED_FULL', 'PARTY_NEED_FULL', 'PARTY_NEED_FULL']);
    expect(await ctx.database.db.select().from(partyClaims).where(eq(partyClaims.needId, id))).toHaveLength(1);
    const late = await c.member.request('POST', `/api/v1/party/needs/${id}/claim`);
    expect([late.statusCode, code(late)]).toEqual([409, 'PARTY_NEED_FULL']);
  });

  it('counts services in the China year they were done, across the year boundary', async () => {
    const a = await need({ title: '跨年服务一' });
    const b = await need({ title: '跨年服务二' });
    const claims: string[] = [];
    for (const id of [a, b]) {
      const res = await c.member.request('POST', `/api/v1/party/needs/${id}/claim`);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().claims).toEqual([]); // members do not see who else claimed
      claims.push(res.json().mine.id);
    }
    const dup = await c.member.request('POST', `/api/v1/party/needs/${a}/claim`);
    expect([dup.statusCode, code(dup)]).toEqual([409, 'PARTY_NEED_CLAIMED']);
    // Marked done by the service with its clock at either side of midnight, China time (moving the
    // app's clock a month would expire the test's sessions).
    const staff = secretaryActor(c);
    await markServiceDone(ctx.database.db, staff, claims[0]!, new Date('2026-12-31T15:59:00Z')); // 23:59 on 31 December in China
    await markServiceDone(ctx.database.db, staff, claims[1]!, new Date('2026-12-31T16:01:00Z')); // 00:01 on 1 January 2027 in China
    const again = await c.worker.request('POST', `/api/v1/party/claims/${claims[1]}/done`);
    expect([again.statusCode, code(again)]).toEqual([409, 'PARTY_CLAIM_DONE']);
    const p26 = (await c.secretary.request('GET', '/api/v1/party/progress?year=2026')).json();
    const p27 = (await c.secretary.request('GET', '/api/v1/party/progress?year=2027')).json();
    const mine = (p: { members: { reportId: string; done: number; target: number; points: number }[] }) => p.members.find((m) => m.reportId === reportId)!;
    expect([mine(p26).done, mine(p26).target, mine(p26).points]).toEqual([1, 12, 2]);
    expect([mine(p27).done, mine(p27).points]).toEqual([1, 2]);
    expect(p26.branches.find((b: { branch: string }) => b.branch === SLIP.employerPartyOrg)).toMatchObject({ members: 1, onTrack: 0, behind: 1 });
  });
});

describe('party points', () => {
  it('records a deduction as a balanced ledger transaction, refuses an unknown rule, and reverses with a new entry', async () => {
    const db = ctx.database.db;
    const before = await db.select().from(partyPointEntries);
    const bad = await c.secretary.request('POST', '/api/v1/party/points', { reportId, rule: 'made_up', reason: '无' });
    expect([bad.statusCode, code(bad)]).toEqual([422, 'PARTY_RULE_UNKNOWN']);
    expect(await db.select().from(partyPointEntries)).toHaveLength(before.length);
    const worker = await c.worker.request('POST', '/api/v1/party/points', { reportId, rule: 'missed_study', reason: '3月主题党日缺席' });
    expect(worker.statusCode).toBe(403);
    const res = await c.secretary.request('POST', '/api/v1/party/points', { reportId, rule: 'missed_study', reason: '3月主题党日缺席' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ points: -3, ruleLabel: '缺席学习' });
    const year = res.json().year as number;
    const me = (await c.member.request('GET', '/api/v1/party/me')).json();
    expect(me.points).toBe((year === 2026 ? 2 : 0) - 3);
    const rev = await c.secretary.request('POST', `/api/v1/party/point-entries/${res.json().id}/reverse`, { reason: '已补学' });
    expect(rev.json()).toMatchObject({ points: 3, reversesId: res.json().id });
    const twice = await c.secretary.request('POST', `/api/v1/party/point-entries/${res.json().id}/reverse`, { reason: '再冲' });
    expect([twice.statusCode, code(twice)]).toEqual([409, 'PARTY_ENTRY_REVERSED']);
    // Every entry sums to zero; every account's balance is the sum of its postings.
    const sums = await db.select({ entryId: partyPointPostings.entryId, s: sql<string>`sum(${partyPointPostings.amount})::text`, n: sql<number>`count(*)::int` }).from(partyPointPostings).groupBy(partyPointPostings.entryId);
    expect(sums.length).toBeGreaterThan(3);
    for (const s of sums) expect([s.s, s.n]).toEqual(['0', 2]);
    const posted = await db.select({ accountId: partyPointPostings.accountId, s: sql<string>`sum(${partyPointPostings.amount})::text` }).from(partyPointPostings).groupBy(partyPointPostings.accountId);
    const accounts = await db.select().from(partyPointAccounts);
    expect(accounts.some((a) => a.balance !== 0n)).toBe(true);
    for (const a of accounts) expect(a.balance.toString()).toBe(posted.find((p) => p.accountId === a.id)?.s ?? '0');
  });
});

describe('red and black lists (红黑榜)', () => {
  it('freezes the half-year’s top and bottom with masked names, once, and shows them publicly', async () => {
    const members = await confirmedMembers(ctx, c, 3, '区税务局党支部', 4);
    for (const [i, m] of members.entries()) {
      await c.secretary.request('POST', '/api/v1/party/points', { reportId: m.reportId, rule: i === 0 ? 'refused_task' : 'missed_meeting', reason: '记录' });
    }
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const half = new Date(Date.now() + 8 * 3_600_000).getUTCMonth() < 6 ? 1 : 2;
    const res = await c.secretary.request('POST', '/api/v1/party/rankings', { regionId: c.communityId, year, half, size: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const list = res.json();
    expect(list.red).toHaveLength(2);
    expect(list.black).toHaveLength(2);
    expect(list.black[0]).toMatchObject({ rank: 1, points: -10 });
    for (const l of [...list.red, ...list.black]) expect(l.name).toMatch(/\*/);
    const again = await c.secretary.request('POST', '/api/v1/party/rankings', { regionId: c.communityId, year, half, size: 2 });
    expect([again.statusCode, code(again)]).toEqual([409, 'PARTY_RANKING_PUBLISHED']);
    // Later entries do not move a frozen list.
    await c.secretary.request('POST', '/api/v1/party/points', { reportId: members[0]!.reportId, rule: 'service_done', reason: '补记' });
    const pub = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/party/rankings' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()[0]).toEqual(list);
    const future = await c.secretary.request('POST', '/api/v1/party/rankings', { regionId: c.communityId, year: year + 1, half: 1, size: 2 });
    expect([future.statusCode, code(future)]).toEqual([409, 'PARTY_RANKING_EARLY']);
  });
});

describe('quarterly feedback', () => {
  it('downloads the quarter’s services per member as .xlsx', async () => {
    const res = await c.secretary.request('GET', `/api/v1/party/feedback.xlsx?regionId=${c.communityId}&year=2026&quarter=4`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const detail = wb.getWorksheet('服务明细')!;
    const titles = detail.getSheetValues().flatMap((r) => (Array.isArray(r) ? [String(r[5] ?? '')] : []));
    expect(titles).toContain('跨年服务一');
    expect(titles).not.toContain('跨年服务二'); // done in 2027 China time
  });

  it('downloads the quarter’s feedback letter as a PDF', async () => {
    const res = await c.secretary.request('GET', `/api/v1/party/feedback.pdf?regionId=${c.communityId}&year=2026&quarter=4`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(String(res.headers['content-disposition'])).toContain('.pdf');
  });
});
