import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { openFund, regionId, upload } from './funds.test-helpers.ts';

// Issue 15, funds: the approver reads the receipt and the balance after payment, the preparer sees
// who approves (item 3); a reversal cancels its original on every public figure (item 8).

let ctx: TestContext;
let worker: Client, secretary: Client, resident: Client;
let fund: string;
const COMMUNITY = '510108001001';
const userOf = async (c: Client): Promise<{ id: string; name: string }> => (await c.request('GET', '/api/v1/session')).json().user;

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary, resident] = await Promise.all([signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.resident)]);
  fund = await openFund(worker, { code: 'Q-CHARITY', name: '慈善基金', kind: 'charity', regionId: await regionId(ctx, COMMUNITY) });
  await worker.request('POST', `/api/v1/funds/${fund}/donations`, { amountFen: 1_000_000, donor: '甲', purpose: '启动', project: '启动资金' });
});
afterAll(async () => { await ctx.close(); });

const pendingOf = async (c: Client, id: string) => ((await c.request('GET', `/api/v1/funds/${fund}/expenses`)).json() as { id: string; balanceFen: string | null; balanceAfterFen: string | null; approvers: { id: string; name: string }[] }[])
  .find((e) => e.id === id)!;

/** Everything the public pages show as figures: balance, totals, months, by purpose, and the plain lists. */
async function publicFigures() {
  const anon = (url: string) => ctx.app.inject({ method: 'GET', url }).then((r) => r.json());
  const d = await anon('/api/v1/public/funds/Q-CHARITY');
  const list = (await anon('/api/v1/public/funds') as { code: string }[]).find((f) => f.code === 'Q-CHARITY');
  const ids = async (side: string) => ((await anon(`/api/v1/public/funds/Q-CHARITY/transactions?side=${side}&limit=100`)).items as { id: string }[]).map((t) => t.id);
  return {
    list, balance: d.balanceFen, inflow: d.inflowFen, outflow: d.outflowFen, months: d.months,
    purposes: await anon('/api/v1/public/funds/Q-CHARITY/purposes'), inIds: await ids('in'), outIds: await ids('out'),
  };
}

/** Proposes the reversal of an entry as the worker and approves it as the secretary. */
async function reverse(txId: string) {
  const p = await worker.request('POST', `/api/v1/funds/${fund}/transactions/${txId}/reverse`, { reason: '重复登记' });
  expect(p.statusCode).toBe(201);
  const d = await secretary.request('POST', `/api/v1/funds/${fund}/expenses/${p.json().id}/decide`, { approve: true });
  expect(d.statusCode).toBe(200);
  return d.json().transactionId as string;
}

describe('item 8: a reversal cancels its original on every public figure', () => {
  it('reads as if a donation and its reversal never happened (two-person reversal)', async () => {
    const before = await publicFigures();
    const dup = await worker.request('POST', `/api/v1/funds/${fund}/donations`, { amountFen: 10_000, donor: '乙', purpose: '重复登记的捐赠', project: '敬老' });
    expect(dup.statusCode).toBe(201);
    const during = await publicFigures();
    expect(BigInt(during.inflow) - BigInt(before.inflow)).toBe(10_000n);
    expect(during.purposes).toContainEqual({ project: '敬老', inflowFen: '10000', outflowFen: '0', count: 1 });
    const reversal = await reverse(dup.json().id);
    expect(await publicFigures()).toEqual(before);
    // The accounting view keeps both entries.
    const all = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/Q-CHARITY/transactions?limit=100' })).json().items as { id: string }[];
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([dup.json().id, reversal]));
  });

  it('nets a reversed expense the same way: not spending, not income', async () => {
    const before = await publicFigures();
    const e = await worker.request('POST', `/api/v1/funds/${fund}/expenses`, { amountFen: 2_500, category: '活动', project: '读书会', payee: '书店', reason: '重复付款', attachmentIds: [await upload(ctx, worker, fund)] });
    const paid = (await secretary.request('POST', `/api/v1/funds/${fund}/expenses/${e.json().id}/decide`, { approve: true })).json().transactionId as string;
    expect(BigInt((await publicFigures()).outflow) - BigInt(before.outflow)).toBe(2_500n);
    await reverse(paid);
    expect(await publicFigures()).toEqual(before);
  });
});

describe('item 3: the approver reads the receipt and the balance after payment; the preparer sees who approves', () => {
  it('computes the balance after approval in integer fen, for expenses and for reversals', async () => {
    const balance = BigInt((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/Q-CHARITY' })).json().balanceFen);
    const e = await worker.request('POST', `/api/v1/funds/${fund}/expenses`, { amountFen: 12_345, category: '活动', project: '重阳节', payee: '超市', reason: '慰问品', attachmentIds: [await upload(ctx, worker, fund)] });
    const view = await pendingOf(secretary, e.json().id);
    expect(view.balanceFen).toBe(balance.toString());
    expect(view.balanceAfterFen).toBe((balance - 12_345n).toString());
    // A pending reversal of a donation takes its money out again.
    const don = await worker.request('POST', `/api/v1/funds/${fund}/donations`, { amountFen: 777, donor: '丙', purpose: '小额捐赠' });
    const rev = await worker.request('POST', `/api/v1/funds/${fund}/transactions/${don.json().id}/reverse`, { reason: '录错' });
    expect((await pendingOf(secretary, rev.json().id)).balanceAfterFen).toBe((balance + 777n - 777n).toString());
    // Once decided, there is no "after" to show.
    await secretary.request('POST', `/api/v1/funds/${fund}/expenses/${e.json().id}/decide`, { approve: false });
    expect((await pendingOf(secretary, e.json().id)).balanceAfterFen).toBeNull();
  });

  it('names the people who may approve to the preparer, never the preparer', async () => {
    const e = await worker.request('POST', `/api/v1/funds/${fund}/expenses`, { amountFen: 100, category: '活动', project: '读书会', payee: '书店', reason: '书签', attachmentIds: [await upload(ctx, worker, fund)] });
    const view = await pendingOf(worker, e.json().id);
    const [sec, me] = await Promise.all([userOf(secretary), userOf(worker)]);
    expect(view.approvers).toContainEqual({ id: sec.id, name: sec.name });
    expect(view.approvers.map((a) => a.id)).not.toContain(me.id);
    // Residents and others outside the region hold no approval right over it.
    expect(view.approvers.map((a) => a.id)).not.toContain((await userOf(resident)).id);
    // The supervisor, who follows the fund, is told too (and the page offers them the pending list).
    const supervisor = await signIn(ctx.app, DEMO.supervisor);
    expect((await pendingOf(supervisor, e.json().id)).approvers).toContainEqual({ id: sec.id, name: sec.name });
    expect((await supervisor.request('GET', '/api/v1/public/funds/Q-CHARITY')).json().abilities).toContain('fund.read');
  });

  it("shows a pending expense's receipt inline to the fund's staff, not to the public", async () => {
    const file = await upload(ctx, worker, fund);
    await worker.request('POST', `/api/v1/funds/${fund}/expenses`, { amountFen: 100, category: '活动', project: '读书会', payee: '书店', reason: '海报', attachmentIds: [file] });
    const seen = await secretary.request('GET', `/api/v1/funds/${fund}/attachments/${file}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('application/pdf');
    expect(seen.headers['content-disposition']).toMatch(/^inline/);
    expect(seen.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/Q-CHARITY/attachments/${file}` })).statusCode).toBe(404);
    expect([403, 404]).toContain((await resident.request('GET', `/api/v1/funds/${fund}/attachments/${file}`)).statusCode);
  });
});

describe('item 17: a donation carries its own date', () => {
  it('records the date given (today by default)', async () => {
    const today = chinaDay(new Date());
    const d = await worker.request('POST', `/api/v1/funds/${fund}/donations`, { amountFen: 100, donor: '丁', purpose: '带日期的捐赠', occurredOn: today });
    expect(d.statusCode).toBe(201);
    const t = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/Q-CHARITY/transactions/${d.json().id}` })).json();
    expect(t.occurredOn).toBe(today);
  });
});
