import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne, asc, sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { regions } from '../org/org.table.ts';
import { cast, type Cast } from '../councils/councils.testkit.ts';
import { upload } from '../funds/funds.test-helpers.ts';
import { projectEvents, projects } from './projects.table.ts';
import { askInstalment, awardedProject, fundWith, projectRow, release, reserve, rows } from './money.testkit.ts';

let ctx: TestContext;
let c: Cast;
let social: Client;
let communityId: string;
let otherCommunityId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await cast(ctx);
  social = await signIn(ctx.app, DEMO.socialOrg);
  const db = ctx.database.db;
  const [home] = await db.select().from(regions).where(eq(regions.code, c.gridPath.slice(0, 12)));
  communityId = home!.id;
  const [other] = await db.select().from(regions).where(and(eq(regions.level, 'community'), ne(regions.code, home!.code))).orderBy(asc(regions.code)).limit(1);
  otherCommunityId = other!.id;
});
afterAll(async () => { await ctx.close(); });

const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;
const refusal = (p: Promise<unknown>) => p.then(() => 'written', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
const events = (id: string, kind: string) => ctx.database.db.select().from(projectEvents).where(and(eq(projectEvents.projectId, id), eq(projectEvents.kind, kind as 'paid')));
const bank = async (fundId: string) => BigInt(((await ctx.database.db.execute<{ b: string }>(sql`SELECT bank_balance::text AS b FROM funds WHERE id = ${fundId}`)).rows[0]!).b);
const expense = (staff: Client, fundId: string, amountFen: number, attachment: string) => staff.request('POST', `/api/v1/funds/${fundId}/expenses`, {
  amountFen, category: '活动', project: '重阳敬老活动', payee: '望平社区老年协会', reason: '重阳节敬老活动物资', attachmentIds: [attachment],
});
const decide = (who: Client, fundId: string, expenseId: string, approve = true) => who.request('POST', `/api/v1/funds/${fundId}/expenses/${expenseId}/decide`, { approve });

describe('reserving a project’s award', () => {
  it('refuses more than the free balance, naming it, and writes nothing', async () => {
    const fund = await fundWith(c.worker, communityId, 1_000_000);
    const id = await awardedProject(ctx, c.resident, communityId, fund.id, 1_000_001n);
    const err = await reserve(ctx, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FUND_RESERVATION_EXCEEDS');
    expect((err as AppError).params).toMatchObject({ free: '10000.00' });
    expect(await rows(ctx, 'fund_reservations', sql`fund_id = ${fund.id}`)).toBe(0);
    expect((await projectRow(ctx, id)).reservationId).toBeNull();
    expect(await events(id, 'reserved')).toHaveLength(0);
    // Exactly the balance is allowed, with the step on the trail.
    await ctx.database.db.update(projects).set({ awardedFen: 1_000_000n }).where(eq(projects.id, id));
    const reservationId = await reserve(ctx, id);
    expect((await projectRow(ctx, id)).reservationId).toBe(reservationId);
    expect((await events(id, 'reserved'))[0]).toMatchObject({ amountFen: 1_000_000n, by: '社区居委会' });
    // A second reservation for the same project is refused.
    expect(await refusal(reserve(ctx, id))).toBe('PROJECT_MONEY_ALREADY_RESERVED');
  });

  it('lets one of two concurrent reservations for the last money win', async () => {
    const fund = await fundWith(c.worker, communityId, 1_000_000);
    const a = await awardedProject(ctx, c.resident, communityId, fund.id, 600_000n);
    const b = await awardedProject(ctx, c.resident, communityId, fund.id, 600_000n);
    const outcome = await Promise.all([refusal(reserve(ctx, a)), refusal(reserve(ctx, b))]);
    expect(outcome.sort()).toEqual(['FUND_RESERVATION_EXCEEDS', 'written']);
    expect(await rows(ctx, 'fund_reservations', sql`fund_id = ${fund.id}`)).toBe(1);
  });

  it('refuses a fund of another kind or another community', async () => {
    const other = await fundWith(c.street, otherCommunityId, 1_000_000);
    const id = await awardedProject(ctx, c.resident, communityId, other.id, 1000n);
    expect(await refusal(reserve(ctx, id))).toBe('PROJECT_MONEY_FUND_INVALID');
    expect(await rows(ctx, 'fund_reservations', sql`fund_id = ${other.id}`)).toBe(0);
  });
});

describe('ordinary spending and reserved money', () => {
  it('cannot spend reserved money, at submission or at approval', async () => {
    const fund = await fundWith(c.worker, communityId, 1_000_000);
    await reserve(ctx, await awardedProject(ctx, c.resident, communityId, fund.id, 600_000n));
    // The fund's public page shows what is kept (已预留) beside the balance.
    const page = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/${fund.code}` })).json();
    expect(page).toMatchObject({ balanceFen: '1000000', reservedFen: '600000' });
    const before = await rows(ctx, 'fund_expenses', sql`fund_id = ${fund.id}`);
    const over = await expense(c.worker, fund.id, 400_001, await upload(ctx, c.worker, fund.id));
    expect([over.statusCode, code(over)]).toEqual([422, 'FUND_MONEY_RESERVED']);
    expect(await rows(ctx, 'fund_expenses', sql`fund_id = ${fund.id}`)).toBe(before);
    // Within the free balance it is prepared; then another project reserves, and the approval finds the money kept.
    const ok = await expense(c.worker, fund.id, 300_000, await upload(ctx, c.worker, fund.id));
    expect(ok.statusCode, ok.body).toBe(201);
    await reserve(ctx, await awardedProject(ctx, c.resident, communityId, fund.id, 300_000n));
    const approve = await decide(c.secretary, fund.id, ok.json().id);
    expect([approve.statusCode, code(approve)]).toEqual([422, 'FUND_MONEY_RESERVED']);
    expect(await bank(fund.id)).toBe(1_000_000n);
    expect(await rows(ctx, 'ledger_transactions', sql`fund_id = ${fund.id} AND kind = 'expense'`)).toBe(0);
  });
});

describe('instalments', () => {
  it('pays the plan to the fen through the two-person flow, each payment on the trail with its ledger entry', async () => {
    const fund = await fundWith(c.worker, communityId, 2_000_000);
    const id = await awardedProject(ctx, c.resident, communityId, fund.id, 1_000_001n);
    await reserve(ctx, id);
    const plan = await c.worker.request('GET', `/api/v1/projects/${id}/instalments`);
    expect(plan.statusCode, plan.body).toBe(200);
    // 30 % and 40 % rounded down, the last takes the remainder: 300000 + 400000 + 300001 = 1000001.
    expect(plan.json()).toMatchObject({
      reservedFen: '1000001', paidFen: '0', leftFen: '1000001', payee: '成都蓉馨社会工作服务中心', abilities: ['request'],
      instalments: [{ k: 1, percent: 30, amountFen: '300000', state: 'planned' }, { k: 2, percent: 40, amountFen: '400000', state: 'planned' }, { k: 3, percent: 30, amountFen: '300001', state: 'planned' }],
    });
    // Not yet due, or not in the plan: refused, nothing written.
    const expensesBefore = await rows(ctx, 'fund_expenses', sql`fund_id = ${fund.id}`);
    for (const [k, status, err] of [[2, 409, 'PROJECT_INSTALMENT_NOT_YET'], [3, 409, 'PROJECT_INSTALMENT_NOT_YET'], [4, 422, 'PROJECT_INSTALMENT_UNKNOWN']] as const) {
      const res = await askInstalment(ctx, c.worker, id, fund.id, k);
      expect([res.statusCode, code(res)], `k=${k}`).toEqual([status, err]);
    }
    expect(await rows(ctx, 'fund_expenses', sql`fund_id = ${fund.id}`)).toBe(expensesBefore);

    // The first, asked twice with one Idempotency-Key: one request.
    const key = { 'idempotency-key': `instalment-1-${id}` };
    const attachment = await upload(ctx, c.worker, fund.id);
    const first = await c.worker.request('POST', `/api/v1/projects/${id}/instalments`, { k: 1, attachmentIds: [attachment] }, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await c.worker.request('POST', `/api/v1/projects/${id}/instalments`, { k: 1, attachmentIds: [attachment] }, key);
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(await rows(ctx, 'project_instalments', sql`project_id = ${id}`)).toBe(1);
    const one = first.json().instalments[0];
    expect(one).toMatchObject({ state: 'pending' });
    expect(first.json().pendingFen).toBe('300000');
    // Asked again while pending: refused, nothing written.
    const twice = await askInstalment(ctx, c.worker, id, fund.id, 1);
    expect([twice.statusCode, code(twice)]).toEqual([409, 'PROJECT_INSTALMENT_TAKEN']);
    expect(await rows(ctx, 'fund_expenses', sql`fund_id = ${fund.id}`)).toBe(expensesBefore + 1);
    expect(await events(id, 'instalment_requested')).toHaveLength(1);

    // It waits on the fund's existing approval list, with the project and the implementer.
    const list = await c.secretary.request('GET', `/api/v1/funds/${fund.id}/expenses`);
    expect(list.json().find((e: { id: string }) => e.id === one.expenseId)).toMatchObject({ state: 'pending', project: (await projectRow(ctx, id)).title, payee: '成都蓉馨社会工作服务中心', category: '服务', amountFen: '300000' });
    // The preparer may not approve it (a worker holds no approval right at all); a second person does.
    expect((await decide(c.worker, fund.id, one.expenseId)).statusCode).toBe(403);
    const paid = await decide(c.secretary, fund.id, one.expenseId);
    expect(paid.statusCode, paid.body).toBe(200);
    const txId = paid.json().transactionId as string;
    expect((await projectRow(ctx, id)).paidFen).toBe(300_000n);
    expect(await events(id, 'paid')).toMatchObject([{ amountFen: 300_000n, link: { kind: 'ledger', id: txId, code: fund.code }, text: '第 1 期' }]);

    // The middle one at 50 % progress, asked by the secretary: they cannot approve their own.
    await ctx.database.db.update(projects).set({ progressPercent: 50 }).where(eq(projects.id, id));
    const second = await askInstalment(ctx, c.secretary, id, fund.id, 2);
    expect(second.statusCode, second.body).toBe(201);
    const secondId = second.json().instalments[1].expenseId as string;
    const own = await decide(c.secretary, fund.id, secondId);
    expect(code(own)).toBe('FUND_SELF_APPROVAL');
    expect((await projectRow(ctx, id)).paidFen).toBe(300_000n);
    expect((await decide(c.street, fund.id, secondId)).statusCode).toBe(200);

    // The last once accepted.
    await ctx.database.db.update(projects).set({ status: 'accepted' }).where(eq(projects.id, id));
    const last = await askInstalment(ctx, c.worker, id, fund.id, 3);
    expect(last.statusCode, last.body).toBe(201);
    expect((await decide(c.secretary, fund.id, last.json().instalments[2].expenseId)).statusCode).toBe(200);
    const row = await projectRow(ctx, id);
    expect(row.paidFen).toBe(1_000_001n);
    // The public ledger's entries for the project sum to what it was paid, to the fen.
    const [sum] = (await ctx.database.db.execute<{ s: string }>(sql`SELECT sum(amount)::text AS s FROM ledger_transactions WHERE fund_id = ${fund.id} AND project = ${row.title} AND kind = 'expense'`)).rows;
    expect(BigInt(sum!.s)).toBe(row.paidFen);
    const paidEvents = await events(id, 'paid');
    expect(paidEvents.reduce((a, e) => a + e.amountFen!, 0n)).toBe(row.paidFen);
    const done = (await c.worker.request('GET', `/api/v1/projects/${id}/instalments`)).json();
    expect(done).toMatchObject({ paidFen: '1000001', leftFen: '0', reservedFen: '0' });
    expect(done.instalments.map((i: { state: string }) => i.state)).toEqual(['paid', 'paid', 'paid']);
    // Nothing left to pay: the release at close gives back nothing.
    expect(await release(ctx, id)).toBe(0n);
  });

  it('refuses an instalment that would take the payments past the award, on request and on approval', async () => {
    const fund = await fundWith(c.worker, communityId, 1_000_000);
    const id = await awardedProject(ctx, c.resident, communityId, fund.id, 100_000n);
    await reserve(ctx, id);
    // As if paid by other means already: 80000 + 30000 > 100000.
    await ctx.database.db.update(projects).set({ paidFen: 80_000n }).where(eq(projects.id, id));
    const before = await rows(ctx, 'fund_expenses', sql`fund_id = ${fund.id}`);
    const res = await askInstalment(ctx, c.worker, id, fund.id, 1);
    expect([res.statusCode, code(res)]).toEqual([422, 'PROJECT_PAID_OVER_AWARD']);
    expect(await rows(ctx, 'fund_expenses', sql`fund_id = ${fund.id}`)).toBe(before);
    // Asked within the award, then the award is paid before approval: the approval is refused and posts nothing.
    await ctx.database.db.update(projects).set({ paidFen: 0n }).where(eq(projects.id, id));
    const ok = await askInstalment(ctx, c.worker, id, fund.id, 1);
    expect(ok.statusCode, ok.body).toBe(201);
    await ctx.database.db.update(projects).set({ paidFen: 100_000n }).where(eq(projects.id, id));
    const approve = await decide(c.secretary, fund.id, ok.json().instalments[0].expenseId);
    expect([approve.statusCode, code(approve)]).toEqual([422, 'PROJECT_PAID_OVER_AWARD']);
    expect(await bank(fund.id)).toBe(1_000_000n);
    expect(await events(id, 'paid')).toHaveLength(0);
  });

  it('releases the rest at close, which ordinary spending may then use', async () => {
    const fund = await fundWith(c.worker, communityId, 1_000_000);
    const id = await awardedProject(ctx, c.resident, communityId, fund.id, 500_000n);
    await reserve(ctx, id);
    const asked = await askInstalment(ctx, c.worker, id, fund.id, 1);
    expect(asked.statusCode, asked.body).toBe(201);
    // Not while an instalment waits for approval.
    expect(await refusal(release(ctx, id))).toBe('FUND_RESERVATION_PENDING');
    expect((await decide(c.secretary, fund.id, asked.json().instalments[0].expenseId)).statusCode).toBe(200);
    // 1000000 − 150000 paid = 850000 in the bank, 350000 of it kept: 500000 free.
    const blocked = await expense(c.worker, fund.id, 600_000, await upload(ctx, c.worker, fund.id));
    expect(code(blocked)).toBe('FUND_MONEY_RESERVED');
    expect(await release(ctx, id)).toBe(350_000n);
    expect(await events(id, 'released')).toMatchObject([{ amountFen: 350_000n }]);
    expect(await refusal(release(ctx, id))).toBe('FUND_RESERVATION_RELEASED');
    const view = (await c.worker.request('GET', `/api/v1/projects/${id}/instalments`)).json();
    expect(view).toMatchObject({ reservationState: 'released', releasedFen: '350000', reservedFen: '0', paidFen: '150000', abilities: [] });
    const now = await expense(c.worker, fund.id, 600_000, await upload(ctx, c.worker, fund.id));
    expect(now.statusCode, now.body).toBe(201);
    // No more instalments once released.
    await ctx.database.db.update(projects).set({ progressPercent: 60 }).where(eq(projects.id, id));
    expect(code(await askInstalment(ctx, c.worker, id, fund.id, 2))).toBe('FUND_RESERVATION_RELEASED');
  });

  it('hides another community’s project money (404) and refuses residents', async () => {
    const fund = await fundWith(c.street, otherCommunityId, 1_000_000);
    const res = await social.request('POST', '/api/v1/projects', {
      communityId: otherCommunityId, title: '青少年科普课堂', summary: '周末科普课', reason: '孩子们周末没有去处', class: 'service',
      priorityArea: '社区总体营造', costFen: '300000', beneficiaries: '社区青少年',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await ctx.database.db.update(projects).set({ status: 'in_progress', awardedFen: 300_000n, fundId: fund.id, implementerLabel: '居民实施' }).where(eq(projects.id, id));
    await reserve(ctx, id);
    expect((await c.worker.request('GET', `/api/v1/projects/${id}/instalments`)).statusCode).toBe(404);
    const attachment = await upload(ctx, c.street, fund.id);
    const post = await c.worker.request('POST', `/api/v1/projects/${id}/instalments`, { k: 1, attachmentIds: [attachment] });
    expect(post.statusCode).toBe(404);
    // A resident reads the plan of their own community's project but cannot ask for money.
    const mine = await awardedProject(ctx, c.resident, communityId, (await fundWith(c.worker, communityId, 10_000)).id, 10_000n);
    const read = await c.resident.request('GET', `/api/v1/projects/${mine}/instalments`);
    expect([read.statusCode, read.json().abilities]).toEqual([200, []]);
    expect((await c.resident.request('POST', `/api/v1/projects/${mine}/instalments`, { k: 1, attachmentIds: [attachment] })).statusCode).toBe(403);
    expect(await rows(ctx, 'project_instalments', sql`project_id IN (${id}, ${mine})`)).toBe(0);
  });
});
