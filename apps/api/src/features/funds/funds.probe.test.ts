import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDay } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { openFund, regionId, upload } from './funds.test-helpers.ts';

// An outside probe of the funds: receipts bound to their uploader (1), questions and answers masked
// in public (2), a paper resolution backs one budget dated within its year (3), turnover only for an
// ended month inside the ledger's window (4), and a self-decision message that names what it is (5).

let ctx: TestContext;
let worker: Client, secretary: Client, resident: Client;
let charity: string, dev: string, common: string;
const COMMUNITY = '510108001001';
const GRID = '510108001001001';
const code = (r: { json(): { error?: { code?: string } } }) => r.json().error?.code;
const today = () => chinaDay(new Date());
const prevMonth = () => addDays(`${today().slice(0, 7)}-01`, -1).slice(0, 7);

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary, resident] = await Promise.all([signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.resident)]);
  const community = await regionId(ctx, COMMUNITY);
  charity = await openFund(worker, { code: 'P-CHARITY', name: '慈善基金', kind: 'charity', regionId: community });
  dev = await openFund(worker, { code: 'P-DEV', name: '发展基金', kind: 'development', regionId: community });
  common = await openFund(worker, { code: 'P-COMMON', name: '共有资金', kind: 'common', regionId: await regionId(ctx, GRID) });
  await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 1_000_000, donor: '甲', purpose: '启动' });
});
afterAll(async () => { await ctx.close(); });

const expense = (c: Client, attachmentIds: string[]) => c.request('POST', `/api/v1/funds/${charity}/expenses`, {
  amountFen: 100, category: '活动', project: '读书会', payee: '书店', reason: '图书', attachmentIds,
});

describe('1: an expense cites only receipts its preparer uploaded', () => {
  it("refuses another person's receipt with UPLOAD_NOT_YOURS, and takes one's own once", async () => {
    const secretarys = await upload(ctx, secretary, charity);
    const byWorker = await expense(worker, [secretarys]);
    expect([byWorker.statusCode, code(byWorker)]).toEqual([422, 'UPLOAD_NOT_YOURS']);
    const mixed = await expense(worker, [await upload(ctx, worker, charity), secretarys]);
    expect(code(mixed)).toBe('UPLOAD_NOT_YOURS');
    const own = await expense(secretary, [secretarys]);
    expect(own.statusCode).toBe(201);
    expect(code(await expense(secretary, [secretarys]))).toBe('FUND_ATTACHMENT_USED');
  });
});

describe('2: questions and answers are masked in public; staff read them in full', () => {
  it('masks numbers and e-mail, and erases an anonymous asker from question and answer', async () => {
    const me = (await resident.request('GET', '/api/v1/session')).json().user as { name: string };
    const tx = (await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 500, donor: '乙', purpose: '问答' })).json().id as string;
    const q = await resident.request('POST', `/api/v1/public/funds/P-CHARITY/transactions/${tx}/questions`, {
      question: `我是${me.name}，身份证 510108199001011234，邮箱 zhang.san@qq.com，想问这笔钱`, showName: false,
    });
    expect(q.statusCode).toBe(201);
    const a = await worker.request('POST', `/api/v1/funds/${charity}/questions/${q.json().id}/answer`, { answer: `已回复${me.name}，电话 17212347260` });
    expect(a.statusCode).toBeLessThan(300);
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/P-CHARITY/transactions/${tx}` });
    const [shown] = pub.json().questions as { askerName: string; question: string; answer: string }[];
    for (const raw of [me.name, '510108199001011234', 'zhang.san@qq.com', '17212347260']) expect(pub.body).not.toContain(raw);
    expect(shown!.askerName).toBe('居民');
    expect(shown!.question).toContain('我是居民');
    expect(shown!.answer).toMatch(/^已回复居民，电话 172\*{4}7260$/);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/P-CHARITY/transactions?limit=100' });
    expect(list.body).not.toContain('17212347260');
    expect(list.body).not.toContain('zhang.san@qq.com');
    // The fund's staff keep the full text; the asker's name stays as they chose.
    const staff = (await worker.request('GET', `/api/v1/public/funds/P-CHARITY/transactions/${tx}`)).json().questions[0];
    expect(staff.question).toContain('510108199001011234');
    expect(staff.answer).toContain('17212347260');
    expect(staff.askerName).toBe('居民');
  });
});

describe('3: a paper resolution backs one budget, approved no later than its year', () => {
  const budget = (body: Record<string, unknown>) => worker.request('POST', `/api/v1/funds/${common}/budgets`, { lines: [{ label: '保洁', amountFen: 100 }], ...body });
  it('refuses a reference already used by another year, and an approval after the year ended', async () => {
    const y = Number(today().slice(0, 4));
    expect((await budget({ year: y + 1, resolutionRef: '业主大会决议2027-1' })).statusCode).toBe(201);
    const again = await budget({ year: y + 2, resolutionRef: ' 业主大会决议 2027-1' });
    expect([again.statusCode, code(again)]).toEqual([409, 'FUND_BUDGET_REF_USED']);
    const late = await budget({ year: y - 1, approvedOn: `${y - 1 + 1}-01-01` });
    expect([late.statusCode, code(late)]).toEqual([422, 'FUND_BUDGET_APPROVED_ON_INVALID']);
    expect(code(await budget({ year: y, approvedOn: addDays(today(), 1) }))).toBe('FUND_BUDGET_APPROVED_ON_INVALID');
    expect(code(await budget({ year: y, approvedOn: `${y}-02-30` }))).toBe('FUND_BUDGET_APPROVED_ON_INVALID');
    expect((await budget({ year: y - 1, approvedOn: `${y - 1}-12-31`, resolutionRef: '另一项决议' })).statusCode).toBe(201);
  });
});

describe('4: turnover only for an ended month inside the ledger window', () => {
  const report = (month: string) => worker.request('POST', `/api/v1/funds/${dev}/turnover`, { operator: '邻里食堂', month, turnoverFen: 100_000 });
  it('refuses the current month, a future one and one before the window; takes last month', async () => {
    expect(code(await report('2099-12'))).toBe('LEDGER_REPORT_MONTH_NOT_ENDED');
    expect(code(await report(today().slice(0, 7)))).toBe('LEDGER_REPORT_MONTH_NOT_ENDED');
    const old = await report(addDays(today(), -400).slice(0, 7));
    expect([old.statusCode, code(old)]).toEqual([422, 'LEDGER_DATE_TOO_OLD']);
    expect((await report(prevMonth())).statusCode).toBe(201);
  });
});

describe('5: deciding one\'s own pending operation names what it is', () => {
  it('a month close and a reversal say so, an expense keeps FUND_SELF_APPROVAL', async () => {
    expect((await secretary.request('POST', `/api/v1/funds/${dev}/month-closes`, { month: prevMonth() })).statusCode).toBe(201);
    const close = await secretary.request('POST', `/api/v1/funds/${dev}/month-closes/decide`, { confirm: true });
    expect([close.statusCode, code(close)]).toEqual([403, 'FUND_SELF_DECISION']);
    expect(close.json().error.message).toContain(`${prevMonth()} 的结账`);
    const tx = (await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 700, donor: '丙', purpose: '重复' })).json().id as string;
    const rev = await secretary.request('POST', `/api/v1/funds/${charity}/transactions/${tx}/reverse`, { reason: '重复登记' });
    expect(rev.statusCode).toBe(201);
    const self = await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${rev.json().id}/decide`, { approve: true });
    expect(code(self)).toBe('FUND_SELF_DECISION');
    expect(self.json().error.message).toContain('冲销申请');
    const mine = await expense(secretary, [await upload(ctx, secretary, charity)]);
    expect(code(await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${mine.json().id}/decide`, { approve: true }))).toBe('FUND_SELF_APPROVAL');
  });
});

describe('probe 2: a month before the ledger begins cannot be closed', () => {
  it('refuses 1900-01 with a clear code and records no close; a month inside the window still may be proposed', async () => {
    const far = await secretary.request('POST', `/api/v1/funds/${common}/month-closes`, { month: '1900-01' });
    expect([far.statusCode, code(far)]).toEqual([422, 'LEDGER_MONTH_BEFORE_LEDGER']);
    expect((await secretary.request('GET', `/api/v1/funds/${common}/month-closes`)).json().items).toEqual([]);
    expect((await secretary.request('POST', `/api/v1/funds/${common}/month-closes`, { month: prevMonth() })).statusCode).toBe(201);
  });
});
