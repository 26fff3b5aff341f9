import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { organisations, regions } from '../org/org.table.ts';
import { funds } from '../funds/funds.table.ts';
import { noticeObjections } from '../notices/notices.table.ts';
import { fireAt } from '../councils/councils.testkit.ts';
import { projectEvents, projects } from './projects.table.ts';
import { tenderBids, tenderCalls } from './tender.table.ts';

// Step 4 through HTTP. A testkit may set a project's status directly: steps 1–3 are tested elsewhere.
let ctx: TestContext;
let staff: Client; let resident: Client; let orgA: Client; let orgB: Client; let unfit: Client;
let community: { id: string; code: string; districtCode: string };
let other: { id: string; code: string; districtCode: string };
let orgAId: string; let orgBId: string;
let protectionId: string; let charityId: string;
const DAY = 86_400_000;
const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  [staff, resident, orgA] = await Promise.all([DEMO.secretary, DEMO.resident, DEMO.socialOrg].map((p) => signIn(ctx.app, p))) as [Client, Client, Client];
  const [sec] = await db.select({ path: roleAssignments.regionPath }).from(roleAssignments).where(eq(roleAssignments.role, 'community_secretary'));
  const [c] = await db.select().from(regions).where(eq(regions.code, sec!.path!));
  community = { id: c!.id, code: c!.code, districtCode: c!.districtCode };
  const [o] = await db.select().from(regions).where(and(eq(regions.level, 'community'), ne(regions.code, c!.code))).orderBy(asc(regions.code)).limit(1);
  other = { id: o!.id, code: o!.code, districtCode: o!.districtCode };
  const [socialGrant] = await db.select().from(roleAssignments).where(eq(roleAssignments.role, 'social_org'));
  orgAId = socialGrant!.organisationId!;
  // A second bidder: the partner's account also acts for a second social organisation.
  const [b] = await db.insert(organisations).values({ kind: 'social_org', name: '望平邻里互助社', regionId: c!.id, regionPath: c!.code, districtCode: c!.districtCode }).returning();
  orgBId = b!.id;
  const [partnerGrant] = await db.select().from(roleAssignments).where(eq(roleAssignments.role, 'partner'));
  await db.insert(roleAssignments).values({ userId: partnerGrant!.userId, role: 'social_org', regionId: c!.id, regionPath: c!.code, organisationId: orgBId });
  orgB = await signIn(ctx.app, DEMO.partner);
  // An account acting for a property company: an organisation, but not one that may bid.
  const [pc] = await db.insert(organisations).values({ kind: 'property_company', name: '某物业公司', regionId: c!.id, regionPath: c!.code, districtCode: c!.districtCode }).returning();
  const [ownerUser] = await db.select({ id: users.id }).from(users).innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'owner'));
  await db.insert(roleAssignments).values({ userId: ownerUser!.id, role: 'social_org', regionId: c!.id, regionPath: c!.code, organisationId: pc!.id });
  unfit = await signIn(ctx.app, DEMO.owner);
  const fundRows = await db.select().from(funds);
  protectionId = fundRows.find((f) => f.kind === 'protection' && c!.code.startsWith(f.regionPath))!.id;
  charityId = fundRows.find((f) => f.kind === 'charity')!.id;
  // The awards below reserve their money in the protection fund: the street allocates enough for all of them.
  const topUp = await staff.request('POST', `/api/v1/funds/${protectionId}/incomes`, { kind: 'allocation', amountFen: 100_000_000, source: '街道办事处', purpose: '社区项目资金' });
  expect(topUp.statusCode, topUp.body).toBe(201);
});
afterAll(async () => { await ctx.close(); });

/** A project of the community the council resolved and published (steps 1–3 done), costing ¥100,000. */
async function published(where = community, title = '社区花园微更新') {
  const [p] = await ctx.database.db.insert(projects).values({
    communityId: where.id, regionPath: where.code, districtCode: where.districtCode, title, summary: '改造小区中庭花园', reason: '居民提议',
    class: 'service', priorityArea: '社区总体营造', costFen: 10_000_000n, beneficiaries: '全体居民', status: 'published',
  }).returning();
  return p!.id;
}

const CRITERIA = [{ name: '方案可行性', weight: 50 }, { name: '报价合理性', weight: 30 }, { name: '团队经验', weight: 20 }];
const bid = (totalFen: number, over: Record<string, unknown> = {}) => ({
  plan: '分三期实施：设计、施工、维护', team: [{ name: '张工', role: '项目负责人' }],
  lines: [{ item: '材料', amountFen: String(totalFen - 100_000) }, { item: '人工', amountFen: 100_000 }], totalFen: String(totalFen), ...over,
});
const MEMBERS = [{ name: '党委委员甲', capacity: '党组织' }, { name: '议事会成员乙', capacity: '议事会成员' }, { name: '居民代表丙', capacity: '居民代表' }];
const counts = async () => {
  const db = ctx.database.db;
  const n = async (t: typeof tenderCalls | typeof tenderBids | typeof projectEvents) => (await db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n;
  return { calls: await n(tenderCalls), bids: await n(tenderBids), events: await n(projectEvents) };
};
/** Moves a call's window into the past (the app's clock stays put: moving it would expire the sessions). */
async function closeWindow(callId: string) {
  await ctx.database.db.update(tenderCalls).set({ opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() - 1000) }).where(eq(tenderCalls.id, callId));
}

async function openCall(projectId: string, days = 7) {
  const res = await staff.request('POST', `/api/v1/projects/${projectId}/tender/calls`, { days, criteria: CRITERIA });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().calls[0].id as string;
}

/** Sets up the panel, has each member score each bid from paper sheets (scores by candidate label), closes it. */
async function scoreAndClose(callId: string, scoreOf: (label: string, member: number) => number) {
  const set = await staff.request('POST', `/api/v1/tender-calls/${callId}/panel`, { members: MEMBERS });
  expect(set.statusCode, set.body).toBe(201);
  const panelId = set.json().panelId as string;
  const panel = (await staff.request('GET', `/api/v1/panels/${panelId}`)).json();
  for (const [i, m] of (panel.members as { id: string }[]).entries()) {
    for (const cand of panel.candidates as { id: string; label: string }[]) {
      const s = scoreOf(cand.label, i);
      const res = await staff.request('POST', `/api/v1/panels/${panelId}/scores`, { memberId: m.id, candidateId: cand.id, scores: (panel.criteria as { id: string }[]).map((c) => ({ criterionId: c.id, score: s })) });
      expect(res.statusCode, res.body).toBe(201);
    }
  }
  const closed = await staff.request('POST', `/api/v1/panels/${panelId}/close`);
  expect(closed.statusCode, closed.body).toBe(200);
  return panelId;
}

describe('the happy path: call, two bids, panel, award on the notice board, contract', () => {
  it('takes two bids, awards the best score, and the award takes effect when its notice closes unopposed', async () => {
    const projectId = await published();
    const callId = await openCall(projectId);
    const calls = (await orgA.request('GET', '/api/v1/tender-calls')).json() as { id: string; bid: boolean }[];
    expect(calls.find((c) => c.id === callId)).toMatchObject({ bid: false });
    const a = await orgA.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(9_000_000), { 'idempotency-key': 'bid-a-1' });
    expect(a.statusCode, a.body).toBe(201);
    // The same request retried with its key is answered again, not written twice.
    const again = await orgA.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(9_000_000), { 'idempotency-key': 'bid-a-1' });
    expect(again.statusCode).toBe(201);
    expect((await counts()).bids).toBe(1);
    const b = await orgB.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(8_000_000));
    expect(b.statusCode, b.body).toBe(201);
    // While the window runs staff see how many, not what.
    const during = (await staff.request('GET', `/api/v1/projects/${projectId}/tender`)).json();
    expect(during.calls[0]).toMatchObject({ bidCount: 2, bids: [], windowOpen: true });
    await closeWindow(callId);
    const orgAName = (a.json().bids[0] as { organisation: string }).organisation;
    await scoreAndClose(callId, (label) => (label === orgAName ? 70 : 85));
    const view = (await staff.request('GET', `/api/v1/projects/${projectId}/tender`)).json();
    expect(view.calls[0].bids).toHaveLength(2);
    expect(view.calls[0].abilities).toContain('award');
    const award = await staff.request('POST', `/api/v1/tender-calls/${callId}/award`, { fundId: protectionId }, { 'idempotency-key': 'award-1' });
    expect(award.statusCode, award.body).toBe(200);
    expect(award.json().award).toMatchObject({ organisation: '望平邻里互助社', amountFen: '8000000', fundId: protectionId });
    const [p] = await ctx.database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(p).toMatchObject({ status: 'awarded', implementerOrganisationId: orgBId, implementerLabel: '望平邻里互助社', awardedFen: 8_000_000n, fundId: protectionId });
    const noticeId = award.json().award.noticeId as string;
    // The notice closes unopposed after its five working days: the contract takes effect.
    await fireAt(ctx, new Date(Date.now() + 30 * DAY));
    const [after] = await ctx.database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(after!.status).toBe('in_progress');
    const trail = (await ctx.database.db.select().from(projectEvents).where(eq(projectEvents.projectId, projectId)).orderBy(asc(projectEvents.at), asc(projectEvents.id)));
    expect(trail.map((e) => e.kind)).toEqual(['call_opened', 'bid_received', 'bid_received', 'awarded', 'reserved', 'award_effective']);
    expect(trail.find((e) => e.kind === 'bid_received')!.by).toBe(orgAName);
    expect(trail.find((e) => e.kind === 'awarded')).toMatchObject({ amountFen: 8_000_000n, link: { kind: 'notice', id: noticeId, code: null } });
    expect(trail.find((e) => e.kind === 'call_opened')!.text).toMatch(/至 \d{4}-\d{2}-\d{2} 23:59/);
  });
});

describe('bad input: a 4xx with a stable code, nothing written', () => {
  it('refuses calls shorter than the district minimum, bad weights, and projects not published', async () => {
    const projectId = await published();
    const before = await counts();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ days: 3, criteria: CRITERIA }, 422, 'TENDER_DAYS_TOO_SHORT'],
      [{ days: 7, criteria: [{ name: '方案', weight: 60 }] }, 422, 'TENDER_WEIGHTS'],
      [{ days: 7, criteria: CRITERIA, opensAt: new Date(Date.now() - DAY).toISOString() }, 422, 'TENDER_OPENS_IN_PAST'],
    ];
    for (const [body, status, err] of cases) {
      const res = await staff.request('POST', `/api/v1/projects/${projectId}/tender/calls`, body);
      expect([res.statusCode, code(res)], JSON.stringify(body)).toEqual([status, err]);
    }
    await ctx.database.db.update(projects).set({ status: 'resolved' }).where(eq(projects.id, projectId));
    const early = await staff.request('POST', `/api/v1/projects/${projectId}/tender/calls`, { days: 7, criteria: CRITERIA });
    expect([early.statusCode, code(early)]).toEqual([409, 'PROJECT_STATE']);
    expect(await counts()).toEqual(before);
  });

  it('refuses bids out of the window, by non-bidders, twice, not summing, over the cost', async () => {
    const projectId = await published();
    const later = await staff.request('POST', `/api/v1/projects/${projectId}/tender/calls`, { days: 7, criteria: CRITERIA, opensAt: new Date(Date.now() + 2 * DAY).toISOString() });
    expect(later.statusCode, later.body).toBe(201);
    const callId = later.json().calls[0].id as string;
    const before = await counts();
    const tooEarly = await orgA.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(5_000_000));
    expect([tooEarly.statusCode, code(tooEarly)]).toEqual([409, 'TENDER_NOT_OPEN_YET']);
    await ctx.database.db.update(tenderCalls).set({ opensAt: new Date(Date.now() - DAY) }).where(eq(tenderCalls.id, callId));
    const cases: [Client, unknown, number, string][] = [
      [resident, bid(5_000_000), 403, 'TENDER_NOT_BIDDER'],
      [unfit, bid(5_000_000), 403, 'TENDER_NOT_BIDDER'],
      [orgB, bid(5_000_000, { totalFen: '5000001' }), 422, 'TENDER_BUDGET_MISMATCH'],
      [orgA, bid(10_000_001), 422, 'TENDER_OVER_COST'],
      [orgA, bid(5_000_000, { totalFen: '50.5' }), 422, 'TENDER_AMOUNT_INVALID'],
    ];
    for (const [who, body, status, err] of cases) {
      const res = await who.request('POST', `/api/v1/tender-calls/${callId}/bids`, body);
      expect([res.statusCode, code(res)], err).toEqual([status, err]);
    }
    // Staff do not bid at all (the route's action).
    expect((await staff.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(5_000_000))).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    // Exactly the project's cost is allowed; a second bid by the same organisation is refused.
    expect((await orgA.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(10_000_000))).statusCode).toBe(201);
    const twice = await orgA.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(6_000_000));
    expect([twice.statusCode, code(twice)]).toEqual([409, 'TENDER_ALREADY_BID']);
    await closeWindow(callId);
    const late = await orgB.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(5_000_000));
    expect([late.statusCode, code(late)]).toEqual([409, 'TENDER_WINDOW_CLOSED']);
    expect((await counts()).bids).toBe(before.bids + 1);
  });

  it('refuses a panel before the window closes or with a bidder’s member, and an award too early, without a panel or finding', async () => {
    const projectId = await published();
    const callId = await openCall(projectId);
    expect((await orgA.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(9_000_000))).statusCode).toBe(201);
    const early = await staff.request('POST', `/api/v1/tender-calls/${callId}/award`, { fundId: protectionId });
    expect([early.statusCode, code(early)]).toEqual([409, 'TENDER_WINDOW_OPEN']);
    const earlyPanel = await staff.request('POST', `/api/v1/tender-calls/${callId}/panel`, { members: MEMBERS });
    expect([earlyPanel.statusCode, code(earlyPanel)]).toEqual([409, 'TENDER_WINDOW_OPEN']);
    await closeWindow(callId);
    const noPanel = await staff.request('POST', `/api/v1/tender-calls/${callId}/award`, { fundId: protectionId });
    expect([noPanel.statusCode, code(noPanel)]).toEqual([409, 'TENDER_PANEL_MISSING']);
    const conflicted = await staff.request('POST', `/api/v1/tender-calls/${callId}/panel`, { members: [...MEMBERS.slice(0, 2), { name: '益民中心社工', capacity: '专家', organisationIds: [orgAId] }] });
    expect([conflicted.statusCode, code(conflicted)]).toEqual([422, 'TENDER_PANEL_CONFLICT']);
    // A member with an account is linked to the organisation that account acts for, even unsaid.
    const [socialUser] = await ctx.database.db.select({ id: roleAssignments.userId }).from(roleAssignments).where(eq(roleAssignments.organisationId, orgAId));
    const byAccount = await staff.request('POST', `/api/v1/tender-calls/${callId}/panel`, { members: [...MEMBERS.slice(0, 2), { userId: socialUser!.id, name: '益民中心主任', capacity: '专家' }] });
    expect([byAccount.statusCode, code(byAccount)]).toEqual([422, 'TENDER_PANEL_CONFLICT']);
    const [call] = await ctx.database.db.select().from(tenderCalls).where(eq(tenderCalls.id, callId));
    expect(call!.panelId).toBeNull();
    await scoreAndClose(callId, () => 80);
    const before = await counts();
    const noFinding = await staff.request('POST', `/api/v1/tender-calls/${callId}/award`, { fundId: protectionId });
    expect([noFinding.statusCode, code(noFinding)]).toEqual([422, 'TENDER_FINDING_REQUIRED']);
    const wrongFund = await staff.request('POST', `/api/v1/tender-calls/${callId}/award`, { fundId: charityId, finding: '仅一家投标，方案可行，确有必要' });
    expect([wrongFund.statusCode, code(wrongFund)]).toEqual([422, 'TENDER_FUND_INVALID']);
    expect(await counts()).toEqual(before);
    const ok = await staff.request('POST', `/api/v1/tender-calls/${callId}/award`, { fundId: protectionId, finding: '仅一家投标，方案可行，确有必要' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'awarded', finding: '仅一家投标，方案可行，确有必要' });
  });
});

describe('races, no bids, objections and scope', () => {
  it('of two concurrent awards exactly one wins', async () => {
    const projectId = await published();
    const callId = await openCall(projectId);
    await orgA.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(9_000_000));
    await orgB.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(9_500_000));
    await closeWindow(callId);
    await scoreAndClose(callId, (label) => (label === '望平邻里互助社' ? 90 : 60));
    const results = await Promise.all([1, 2].map(() => staff.request('POST', `/api/v1/tender-calls/${callId}/award`, { fundId: protectionId })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = await ctx.database.db.select().from(projectEvents).where(and(eq(projectEvents.projectId, projectId), eq(projectEvents.kind, 'awarded')));
    expect(events).toHaveLength(1);
  });

  it('without bids: republishes (a new call) or hands it to residents (居民实施)', async () => {
    const projectId = await published();
    const first = await openCall(projectId);
    const live = await staff.request('POST', `/api/v1/projects/${projectId}/tender/residents`, {});
    expect([live.statusCode, code(live)]).toEqual([409, 'TENDER_CALL_LIVE']);
    await closeWindow(first);
    const none = await staff.request('POST', `/api/v1/tender-calls/${first}/panel`, { members: MEMBERS });
    expect([none.statusCode, code(none)]).toEqual([409, 'TENDER_NO_BIDS']);
    const second = await openCall(projectId);
    expect(second).not.toBe(first);
    const [old] = await ctx.database.db.select().from(tenderCalls).where(eq(tenderCalls.id, first));
    expect(old).toMatchObject({ state: 'void', voidReason: '无人投标，重新招标' });
    await closeWindow(second);
    const res = await staff.request('POST', `/api/v1/projects/${projectId}/tender/residents`, {});
    expect(res.statusCode, res.body).toBe(200);
    const [p] = await ctx.database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(p).toMatchObject({ status: 'in_progress', implementerLabel: '居民实施', implementerOrganisationId: null });
    const kinds = (await ctx.database.db.select().from(projectEvents).where(eq(projectEvents.projectId, projectId))).map((e) => e.kind);
    expect(kinds).toContain('residents_implement');
  });

  it('an upheld objection withdraws the award and the project goes back to tendering', async () => {
    const projectId = await published();
    const callId = await openCall(projectId);
    await orgA.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(9_000_000));
    await orgB.request('POST', `/api/v1/tender-calls/${callId}/bids`, bid(9_500_000));
    await closeWindow(callId);
    await scoreAndClose(callId, () => 75);
    const award = await staff.request('POST', `/api/v1/tender-calls/${callId}/award`, { fundId: protectionId });
    expect(award.statusCode, award.body).toBe(200);
    const noticeId = award.json().award.noticeId as string;
    const objected = await resident.request('POST', `/api/v1/notices/${noticeId}/objections`, { text: '中标单位资质存疑' });
    expect(objected.statusCode, objected.body).toBe(201);
    const [o] = await ctx.database.db.select().from(noticeObjections).where(eq(noticeObjections.noticeId, noticeId));
    const answered = await staff.request('POST', `/api/v1/notices/${noticeId}/objections/${o!.id}/answer`, { outcome: 'upheld', reason: '资质证书已过期' });
    expect(answered.statusCode, answered.body).toBe(200);
    const [p] = await ctx.database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(p).toMatchObject({ status: 'tendering', implementerOrganisationId: null, awardedFen: null, fundId: null });
    const [call] = await ctx.database.db.select().from(tenderCalls).where(eq(tenderCalls.id, callId));
    expect(call!.state).toBe('void');
    const last = (await ctx.database.db.select().from(projectEvents).where(eq(projectEvents.projectId, projectId)).orderBy(asc(projectEvents.at), asc(projectEvents.id))).at(-1)!;
    expect(last.text).toContain('资质证书已过期');
    // It may be republished.
    expect((await staff.request('GET', `/api/v1/projects/${projectId}/tender`)).json().abilities).toEqual(['open', 'residents']);
  });

  it('another community’s project is not found for staff', async () => {
    const projectId = await published(other, '别处的项目');
    const before = await counts();
    const res = await staff.request('POST', `/api/v1/projects/${projectId}/tender/calls`, { days: 7, criteria: CRITERIA });
    expect([res.statusCode, code(res)]).toEqual([404, 'PROJECT_NOT_FOUND']);
    expect((await staff.request('POST', `/api/v1/projects/${projectId}/tender/residents`, {})).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
