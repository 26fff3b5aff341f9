import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, like, ne, sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { regions, residents } from '../org/org.table.ts';
import { cast, fireAt, gridCouncil, startMeeting, type Cast } from '../councils/councils.testkit.ts';
import { projectBallots, projectCosigns, projectHearings, projectRounds, projects } from './projects.table.ts';
import { projectsForRequest } from './projects.service.ts';
import { publishRound } from './round.service.ts';

let ctx: TestContext;
let c: Cast;
let social: Client;
let communityId: string;
let communityPath: string;
let otherCommunityId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await cast(ctx);
  social = await signIn(ctx.app, DEMO.socialOrg);
  communityPath = c.gridPath.slice(0, 12);
  const db = ctx.database.db;
  const [home] = await db.select().from(regions).where(eq(regions.code, communityPath));
  communityId = home!.id;
  const [other] = await db.select().from(regions).where(and(eq(regions.level, 'community'), ne(regions.code, communityPath))).orderBy(asc(regions.code)).limit(1);
  otherCommunityId = other!.id;
});
afterAll(async () => { await ctx.close(); });

const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;
const count = async () => (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(projects))[0]!.n;
const body = (over: Record<string, unknown> = {}) => ({
  communityId, title: '楼道照明改造', summary: '更换3栋至6栋楼道声控灯', reason: '老人夜间上下楼看不清', class: 'service',
  priorityArea: '社区总体营造', costFen: '1200000', beneficiaries: '3至6栋约400户居民', ...over,
});

describe('proposals refuse bad input with a code, writing nothing', () => {
  it('refuses a resident proposing outside their community, over the cap, on the negative list', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ communityId: otherCommunityId }, 403, 'PROJECT_OUTSIDE_COMMUNITY'],
      [{ costFen: '50000001' }, 422, 'PROJECT_OVER_CAP'],
      [{ class: 'hardware', costFen: '100000001' }, 422, 'PROJECT_OVER_CAP'],
      [{ title: '代缴困难户物业费', summary: '为困难家庭代缴物业费' }, 422, 'PROJECT_NEGATIVE_LIST'],
      [{ summary: '发放社区工作人员加班补贴' }, 422, 'PROJECT_NEGATIVE_LIST'],
      [{ summary: '维修直管公房屋顶' }, 422, 'PROJECT_NEGATIVE_LIST'],
      [{ costFen: '12.5' }, 422, 'PROJECT_COST_INVALID'],
      [{ costFen: -5 }, 422, 'PROJECT_COST_INVALID'],
      [{ priorityArea: '招商引资' }, 422, 'PROJECT_AREA_UNKNOWN'],
      [{ communityId: c.gridId }, 422, 'PROJECT_COMMUNITY_UNKNOWN'],
      [{ requestIds: ['00000000-0000-7000-8000-000000000000'] }, 404, 'REQUEST_NOT_FOUND'],
    ];
    for (const [over, status, err] of cases) {
      const res = await c.resident.request('POST', '/api/v1/projects', body(over));
      expect([res.statusCode, code(res)], JSON.stringify(over)).toEqual([status, err]);
    }
    // Exactly the cap is allowed.
    const atCap = await c.resident.request('POST', '/api/v1/projects', body({ costFen: 50_000_000 }));
    expect(atCap.statusCode, atCap.body).toBe(201);
    expect(await count()).toBe(before + 1);
    // Staff do not propose.
    expect((await c.worker.request('POST', '/api/v1/projects', body())).statusCode).toBe(403);
  });

  it('lets a social organisation propose anywhere, shown by its name; residents are shown as 居民', async () => {
    const res = await social.request('POST', '/api/v1/projects', body({ communityId: otherCommunityId, title: '青少年科普课堂' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().proposer).not.toBe('居民');
    const mine = await c.resident.request('POST', '/api/v1/projects', body());
    expect(mine.json()).toMatchObject({ proposer: '居民', status: 'proposed', cosignCount: 0 });
  });

  it('links requests of the same community only, and shows the project on the request', async () => {
    const filed = await c.resident.request('POST', '/api/v1/requests', { description: '3栋楼道灯坏了一个月', regionId: c.gridId });
    expect(filed.statusCode, filed.body).toBe(201);
    const reqId = filed.json().id as string;
    const res = await c.resident.request('POST', '/api/v1/projects', body({ requestIds: [reqId] }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().requests).toEqual([{ id: reqId, number: filed.json().number }]);
    expect(await projectsForRequest(ctx.database.db, reqId)).toMatchObject([{ id: res.json().id, title: '楼道照明改造', status: 'proposed', costFen: '1200000', paidFen: '0', events: [{ kind: 'proposed', by: '居民' }] }]);
    // A social organisation proposing in another community cannot link this community's request.
    const before = await count();
    const other = await c.worker.request('POST', '/api/v1/requests', { description: '路灯不亮', regionId: c.gridId });
    const cross = await social.request('POST', '/api/v1/projects', body({ communityId: otherCommunityId, requestIds: [other.json().id] }));
    expect(cross.statusCode).toBeGreaterThanOrEqual(400);
    expect(await count()).toBe(before);
  });
});

describe('co-signing, hearings, sorting, the vote and the council', () => {
  let soft: string; let hard: string; let cheap: string; let roundId: string;
  it('co-signs once per resident, even when two taps race', async () => {
    soft = (await c.resident.request('POST', '/api/v1/projects', body({ title: '社区书屋', costFen: '3000000', priorityArea: '居民素质提升' }))).json().id;
    const [a, b] = await Promise.all([c.owner.request('POST', `/api/v1/projects/${soft}/cosign`), c.owner.request('POST', `/api/v1/projects/${soft}/cosign`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([code(a), code(b)]).toContain('PROJECT_ALREADY_SIGNED');
    expect(await ctx.database.db.select().from(projectCosigns).where(eq(projectCosigns.projectId, soft))).toHaveLength(1);
    const detail = (await c.owner.request('GET', `/api/v1/projects/${soft}`)).json();
    expect(detail).toMatchObject({ cosignCount: 1, signed: true });
    // Staff of the community do not co-sign; a social organisation cannot either.
    expect((await c.worker.request('POST', `/api/v1/projects/${soft}/cosign`)).statusCode).toBe(403);
    const com = await c.owner.request('POST', `/api/v1/projects/${soft}/comments`, { body: '支持，孩子们需要' });
    expect(com.statusCode, com.body).toBe(201);
    expect(com.json().comments).toMatchObject([{ author: '居民', body: '支持，孩子们需要', mine: true }]);
  });

  it('hides projects of other communities from residents and staff elsewhere', async () => {
    const elsewhere = (await social.request('GET', '/api/v1/projects')).json().items[0].id as string;
    expect((await c.resident.request('GET', `/api/v1/projects/${elsewhere}`)).statusCode).toBe(404);
    expect((await c.worker.request('GET', `/api/v1/projects/${elsewhere}`)).statusCode).toBe(404);
    expect((await c.resident.request('GET', `/api/v1/projects/${soft}`)).statusCode).toBe(200);
  });

  it('needs a recorded hearing of enough distinct people before a hardware project goes on the list', async () => {
    hard = (await c.resident.request('POST', '/api/v1/projects', body({ title: '加装电梯', class: 'hardware', costFen: '60000000', priorityArea: '社区总体营造' }))).json().id;
    cheap = (await c.owner.request('POST', '/api/v1/projects', body({ title: '垃圾分类宣传', costFen: '800000', priorityArea: '生态环境整治' }))).json().id;
    const made = await c.secretary.request('POST', '/api/v1/project-rounds', { communityId, year: 2026, budgetFen: '10000000', rule: 'greedy' });
    expect(made.statusCode, made.body).toBe(201);
    roundId = made.json().id;
    expect(code(await c.secretary.request('POST', '/api/v1/project-rounds', { communityId, year: 2026, budgetFen: '1', rule: 'greedy' }))).toBe('PROJECT_ROUND_EXISTS');
    const sort = (decisions: unknown[]) => c.secretary.request('POST', `/api/v1/project-rounds/${roundId}/sort`, { decisions });
    const noHearing = await sort([{ projectId: hard, include: true }]);
    expect([noHearing.statusCode, code(noHearing)]).toEqual([409, 'PROJECT_HEARING_REQUIRED']);
    const noReason = await sort([{ projectId: cheap, include: false }]);
    expect([noReason.statusCode, code(noReason)]).toEqual([422, 'PROJECT_SORT_INCOMPLETE']);
    expect((await ctx.database.db.select().from(projects).where(eq(projects.roundId, roundId)))).toHaveLength(0);

    const people = (await ctx.database.db.select({ id: residents.id }).from(residents).where(like(residents.regionPath, `${communityPath}%`)).orderBy(asc(residents.id)).limit(40)).map((r) => r.id);
    expect(people.length).toBeGreaterThanOrEqual(30);
    const hearing = (reps: string[], affected: string[]) => c.worker.request('POST', `/api/v1/projects/${hard}/hearing`, { heldOn: '2026-11-20', representativeIds: reps, affectedIds: affected, notes: '多数同意' });
    // Counted twice: the same person as a representative and as affected does not count.
    const twice = await hearing(people.slice(0, 10), people.slice(9, 29));
    expect([twice.statusCode, code(twice)]).toEqual([422, 'PROJECT_HEARING_TOO_FEW']);
    const fewReps = await hearing(people.slice(0, 9), people.slice(10, 30));
    expect(code(fewReps)).toBe('PROJECT_HEARING_TOO_FEW');
    const dupes = await hearing([...people.slice(0, 9), people[0]!], people.slice(10, 30));
    expect(code(dupes)).toBe('PROJECT_HEARING_TOO_FEW');
    expect(await ctx.database.db.select().from(projectHearings)).toHaveLength(0);
    const ok = await hearing(people.slice(0, 10), people.slice(10, 30));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().hearing).toMatchObject({ representatives: 10, affected: 20 });
    // A worker may not sort: that is the party organisation's.
    expect((await c.worker.request('POST', `/api/v1/project-rounds/${roundId}/sort`, { decisions: [{ projectId: hard, include: true }] })).statusCode).toBe(403);
    const sorted = await sort([{ projectId: hard, include: true }, { projectId: soft, include: true }, { projectId: cheap, include: true }]);
    expect(sorted.statusCode, sorted.body).toBe(200);
    expect(sorted.json().items).toHaveLength(3);
  });

  it('sends the list to the council, runs one ballot per resident, and counts within the envelope', async () => {
    const council = await gridCouncil(c);
    const sent = await c.worker.request('POST', `/api/v1/project-rounds/${roundId}/council`, { councilId: council.id });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'at_council', councilId: council.id });
    expect((await c.resident.request('POST', `/api/v1/project-rounds/${roundId}/ballots`, { projectIds: [soft] })).statusCode).toBe(409);
    expect((await c.worker.request('POST', `/api/v1/project-rounds/${roundId}/vote/open`, {})).json().status).toBe('voting');

    // Someone living in another community may not vote.
    const [pm] = await ctx.database.db.select().from(roleAssignments).where(eq(roleAssignments.role, 'party_member'));
    const [otherGrid] = await ctx.database.db.select().from(regions).where(and(eq(regions.level, 'grid'), sql`${regions.code} NOT LIKE ${`${communityPath}%`}`)).limit(1);
    await ctx.database.db.update(roleAssignments).set({ regionPath: otherGrid!.code, regionId: otherGrid!.id }).where(eq(roleAssignments.id, pm!.id));
    const away = await signIn(ctx.app, DEMO.partyMember);
    const outsider = await away.request('POST', `/api/v1/project-rounds/${roundId}/ballots`, { projectIds: [soft] });
    expect([outsider.statusCode, code(outsider)]).toEqual([403, 'PROJECT_VOTE_OUTSIDE_COMMUNITY']);
    await ctx.database.db.update(roleAssignments).set({ regionPath: pm!.regionPath, regionId: pm!.regionId }).where(eq(roleAssignments.id, pm!.id));

    const bad = await c.resident.request('POST', `/api/v1/project-rounds/${roundId}/ballots`, { projectIds: [soft, '00000000-0000-7000-8000-000000000000'] });
    expect(code(bad)).toBe('PROJECT_VOTE_CHOICE');
    // A double submit: exactly one ballot.
    const [a, b] = await Promise.all([
      c.resident.request('POST', `/api/v1/project-rounds/${roundId}/ballots`, { projectIds: [soft, hard] }),
      c.resident.request('POST', `/api/v1/project-rounds/${roundId}/ballots`, { projectIds: [hard, soft] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([code(a), code(b)]).toContain('PROJECT_ALREADY_VOTED');
    expect(await ctx.database.db.select().from(projectBallots).where(eq(projectBallots.roundId, roundId))).toHaveLength(1);
    expect((await c.owner.request('POST', `/api/v1/project-rounds/${roundId}/ballots`, { projectIds: [soft, cheap] })).statusCode).toBe(201);
    expect((await c.party.request('POST', `/api/v1/project-rounds/${roundId}/ballots`, { projectIds: [hard] })).statusCode).toBe(201);

    const closed = await c.worker.request('POST', `/api/v1/project-rounds/${roundId}/vote/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    // Votes: 社区书屋 2 (¥30,000), 加装电梯 2 (¥600,000: ranked second, cheaper first on a tie, but over the
    // ¥100,000 envelope, so skipped), 垃圾分类 1 (¥8,000).
    const round = closed.json();
    expect(round).toMatchObject({ status: 'counted', ballots: 3, spentFen: '3800000', leftFen: '6200000' });
    expect(round.items.filter((i: { selected: boolean }) => i.selected).map((i: { project: { id: string } }) => i.project.id)).toEqual([soft, cheap]);
    expect(round.items.map((i: { project: { voteCount: number } }) => i.project.voteCount)).toEqual([2, 1, 2]);
    expect((await c.owner.request('POST', `/api/v1/project-rounds/${roundId}/ballots`, { projectIds: [] })).statusCode).toBe(409);
  });

  it('records the council’s resolution of its own agenda item only, then the notices seam publishes it', async () => {
    const r = (await c.worker.request('GET', `/api/v1/project-rounds/${roundId}`)).json();
    const wrong = await c.worker.request('POST', `/api/v1/project-rounds/${roundId}/resolution`, { resolutionId: '00000000-0000-7000-8000-000000000000' });
    expect([wrong.statusCode, code(wrong)]).toEqual([422, 'PROJECT_RESOLUTION_MISMATCH']);
    const meeting = await c.worker.request('POST', `/api/v1/councils/${r.councilId}/meetings`, { title: '项目议事会', startsAt: new Date(Date.now() + 80 * 3_600_000).toISOString(), agendaItemIds: [r.agendaItemId] });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const meetingId = meeting.json().id as string;
    await startMeeting(ctx, meetingId);
    const seats = (await c.worker.request('GET', `/api/v1/councils/${r.councilId}`)).json().seats.map((s: { id: string }) => s.id) as string[];
    for (const seatId of seats.slice(1, 4)) await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId });
    const motion = await c.worker.request('POST', `/api/v1/council-meetings/${meetingId}/motions`, { agendaItemId: r.agendaItemId, text: '同意2026年社区项目清单' });
    expect(motion.statusCode, motion.body).toBe(201);
    const motionId = motion.json().motions[0].id as string;
    await c.worker.request('POST', `/api/v1/council-motions/${motionId}/show-of-hands`, { for: 3, against: 0, abstain: 0 });
    await c.secretary.request('POST', `/api/v1/council-motions/${motionId}/show-of-hands/confirm`, {});
    const resolutionId = (await c.worker.request('POST', `/api/v1/council-motions/${motionId}/close`)).json().motions[0].resolutionId as string;
    expect(resolutionId).toBeTruthy();
    const ok = await c.worker.request('POST', `/api/v1/project-rounds/${roundId}/resolution`, { resolutionId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'resolved', resolutionId });
    const statuses = await ctx.database.db.select({ id: projects.id, s: projects.status }).from(projects).where(eq(projects.roundId, roundId));
    expect(Object.fromEntries(statuses.map((x) => [x.id, x.s]))).toEqual({ [soft]: 'resolved', [cheap]: 'resolved', [hard]: 'not_selected' });
    // The resolution goes on the notice board; when its window closes unopposed, the round is published.
    const pub = await c.worker.request('POST', `/api/v1/council-resolutions/${resolutionId}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const windowEnd = new Date(pub.json().windowEndsAt as string);
    ctx.clock.offsetMs = windowEnd.getTime() - Date.now() + 3_600_000;
    await fireAt(ctx, new Date(windowEnd.getTime() + 1000));
    ctx.clock.offsetMs = 0;
    expect((await ctx.database.db.select().from(projectRounds).where(eq(projectRounds.id, roundId)))[0]!.status).toBe('published');
    // Publishing again changes nothing (the timer may retry).
    expect(await ctx.database.db.transaction((tx) => publishRound(tx, SYSTEM_ACTOR, roundId, new Date()))).toBe(false);
    const trail = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/projects/${soft}` })).json();
    expect(trail).toMatchObject({ id: soft, status: 'published' });
    expect(trail.trail.events.map((e: { kind: string }) => e.kind)).toEqual(['proposed', 'listed', 'resolved', 'published']);
    expect(trail.trail.events[3].link).toMatchObject({ kind: 'notice' });
    expect(JSON.stringify(trail)).not.toMatch(/userId|1[3-9]\d{9}/);
  });

  it('shows the public page without signing in, keyset-paged, with no personal data', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/projects?communityId=${communityId}&limit=2` });
    expect(first.statusCode, first.body).toBe(200);
    const p1 = first.json();
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toBeTruthy();
    const seen = new Set<string>(p1.items.map((x: { id: string }) => x.id));
    let cursor = p1.nextCursor as string | null;
    while (cursor) {
      const next = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/projects?communityId=${communityId}&limit=2&cursor=${encodeURIComponent(cursor)}` })).json();
      for (const x of next.items) { expect(seen.has(x.id)).toBe(false); seen.add(x.id); }
      cursor = next.nextCursor;
    }
    const total = await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(projects).where(eq(projects.communityId, communityId));
    expect(seen.size).toBe(total[0]!.n);
    const text = JSON.stringify(p1);
    expect(text).not.toMatch(/proposerUserId|userId|1[3-9]\d{9}/);
    for (const x of p1.items) expect(x.proposer).toBe('居民');
  });
});
