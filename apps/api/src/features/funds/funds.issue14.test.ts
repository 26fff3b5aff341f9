import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { addDays, chinaDay } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { invoicePdf, openFund, regionId, upload } from './funds.test-helpers.ts';
import { BANK, postEntry } from './funds.ledger.ts';
import { journalText } from './funds.journal.ts';

// Issue 14, funds: invoices by content, dividends and reversals by two people (item 7), budgets on
// the matter that approved them (8), dated books and closed months (9), and items 11 a–d.

let ctx: TestContext;
let worker: Client, secretary: Client, street: Client, resident: Client;
let charity: string, development: string;
const COMMUNITY = '510108001001';
const GRID = '510108001001001';
const today = () => chinaDay(new Date());
const prevMonth = () => { const d = new Date(`${today().slice(0, 7)}-01T00:00:00Z`); d.setUTCDate(0); return d.toISOString().slice(0, 7); };
const code = (r: { json(): { error?: { code: string } } }) => r.json().error?.code;

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary, street, resident] = await Promise.all([signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.street), signIn(ctx.app, DEMO.resident)]);
  const community = await regionId(ctx, COMMUNITY);
  charity = await openFund(worker, { code: 'I-CHARITY', name: '慈善基金', kind: 'charity', regionId: community });
  development = await openFund(worker, { code: 'I-DEV', name: '发展基金', kind: 'development', regionId: community });
  for (const f of [charity, development]) await worker.request('POST', `/api/v1/funds/${f}/donations`, { amountFen: 1_000_000, donor: '甲', purpose: '启动' });
});
afterAll(async () => { await ctx.close(); });

const expense = (fund: string, attachmentIds: string[], reason = '活动物资') =>
  worker.request('POST', `/api/v1/funds/${fund}/expenses`, { amountFen: 1_000, category: '活动', project: '读书会', payee: '书店', reason, attachmentIds });

describe('item 7: one invoice backs one payment, by its content', () => {
  it('refuses the same invoice uploaded twice, in this fund or another, naming the expense it backs', async () => {
    const invoice = invoicePdf();
    const first = await expense(charity, [await upload(ctx, worker, charity, invoice)], '重阳节慰问品');
    expect(first.statusCode).toBe(201);
    // The same file again: a new id, the same content.
    const again = await expense(charity, [await upload(ctx, worker, charity, invoice, 'copy.pdf')]);
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('FUND_INVOICE_DUPLICATE');
    expect(again.json().error.details).toEqual({ expenseId: first.json().id, fund: 'I-CHARITY' });
    expect(again.json().error.message).toContain('重阳节慰问品');
    const elsewhere = await expense(development, [await upload(ctx, worker, development, invoice)]);
    expect(code(elsewhere)).toBe('FUND_INVOICE_DUPLICATE');
    // A refused expense frees its invoice.
    expect((await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${first.json().id}/decide`, { approve: false })).statusCode).toBe(200);
    expect((await expense(development, [await upload(ctx, worker, development, invoice)])).statusCode).toBe(201);
  });

  it('frees an invoice once the payment it backed is reversed (by two people), not before', async () => {
    const invoice = invoicePdf();
    const paid = await expense(charity, [await upload(ctx, worker, charity, invoice)], '将被冲销的支出');
    const tx = (await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${paid.json().id}/decide`, { approve: true })).json().transactionId;
    expect(code(await expense(charity, [await upload(ctx, worker, charity, invoice)]))).toBe('FUND_INVOICE_DUPLICATE');
    const rev = await worker.request('POST', `/api/v1/funds/${charity}/transactions/${tx}/reverse`, { reason: '付错了' });
    // Only proposed: the payment still stands, and so does its invoice.
    expect(code(await expense(charity, [await upload(ctx, worker, charity, invoice)]))).toBe('FUND_INVOICE_DUPLICATE');
    expect((await street.request('POST', `/api/v1/funds/${charity}/expenses/${rev.json().id}/decide`, { approve: true })).statusCode).toBe(200);
    expect((await expense(charity, [await upload(ctx, worker, charity, invoice)])).statusCode).toBe(201);
  });
});

describe('item 8: a budget rests only on the matter that approved it, once', () => {
  const matter = async (kind: string, title: string) => {
    const grid = await regionId(ctx, GRID);
    const [a] = (await ctx.database.db.execute<{ id: string }>(sql`
      INSERT INTO assemblies (id, region_id, region_path, district_code, title, state, noticed_at, opens_at, closes_at, closed_at, results_due_at, results_published_at, created_by_user_id)
      VALUES (gen_random_uuid(), ${grid}, ${GRID}, '510108', '业主大会', 'closed', '2026-10-01T00:00:00Z', '2026-10-20T00:00:00Z', '2026-10-30T16:00:00Z',
        '2026-10-30T16:00:00Z', '2026-11-02T16:00:00Z', '2026-10-31T02:00:00Z', gen_random_uuid()) RETURNING id`)).rows;
    const [m] = (await ctx.database.db.execute<{ id: string }>(sql`
      INSERT INTO assembly_matters (id, assembly_id, position, kind, majority, title, result)
      VALUES (gen_random_uuid(), ${a!.id}, 1, ${kind}, 'ordinary', ${title},
        ${JSON.stringify({ eligible: { owners: 3, area: '300.00' }, participating: { owners: 3, area: '300.00' }, for: { owners: 2, area: '200.00' }, quorumMet: true, passed: true })}::jsonb) RETURNING id`)).rows;
    return m!.id;
  };

  it('refuses a matter of another kind or year, and a matter already backing a budget', async () => {
    const grid = await regionId(ctx, GRID);
    const fundA = await openFund(worker, { code: 'I-COMMON-A', name: '共有资金甲', kind: 'common', regionId: grid });
    const fundB = await openFund(worker, { code: 'I-COMMON-B', name: '共有资金乙', kind: 'common', regionId: grid });
    const budget = (fund: string, year: number, assemblyMatterId: string) =>
      worker.request('POST', `/api/v1/funds/${fund}/budgets`, { year, assemblyMatterId, lines: [{ label: '保洁', amountFen: 100 }] });
    const committee = await matter('owners_committee', '2028 年选举业主委员会');
    expect(code(await budget(fundA, 2028, committee))).toBe('FUND_BUDGET_RESOLUTION_KIND');
    const y2028 = await matter('other_major', '2028 年度物业收支预算');
    expect(code(await budget(fundA, 2029, y2028))).toBe('FUND_BUDGET_RESOLUTION_YEAR');
    const list = (await worker.request('GET', `/api/v1/funds/${fundA}/budget-resolutions`)).json().map((r: { matterId: string }) => r.matterId);
    expect(list).toContain(y2028);
    expect(list).not.toContain(committee);
    expect((await budget(fundA, 2028, y2028)).statusCode).toBe(201);
    const twice = await budget(fundB, 2028, y2028);
    expect([twice.statusCode, code(twice)]).toEqual([409, 'FUND_BUDGET_RESOLUTION_USED']);
    expect((await worker.request('GET', `/api/v1/funds/${fundB}/budget-resolutions`)).json().map((r: { matterId: string }) => r.matterId)).not.toContain(y2028);
  });
});

describe('item 9: dated books and closed months', () => {
  it('refuses an entry dated after today (China time) or before the window', async () => {
    const future = await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 100, donor: '乙', purpose: '未来', occurredOn: addDays(today(), 1) });
    expect([future.statusCode, code(future)]).toEqual([422, 'LEDGER_DATE_FUTURE']);
    const far = await worker.request('POST', `/api/v1/funds/${charity}/incomes`, { kind: 'allocation', amountFen: 100, source: '财政', purpose: '远古', occurredOn: '2099-01-01' });
    expect(code(far)).toBe('LEDGER_DATE_FUTURE');
    const old = await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 100, donor: '乙', purpose: '过去', occurredOn: addDays(today(), -400) });
    expect([old.statusCode, code(old)]).toEqual([422, 'LEDGER_DATE_TOO_OLD']);
  });

  it('closes a month by two people; the closed month never changes and a late entry goes into the open month with its own date', async () => {
    const month = prevMonth();
    const early = await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 300, donor: '丙', purpose: '上月捐赠', occurredOn: `${month}-15` });
    expect(early.statusCode).toBe(201);
    const totals = async () => (await ctx.database.db.execute<{ d: string; c: string; n: number }>(sql`
      SELECT sum(debit)::text AS d, sum(credit)::text AS c, sum(count)::int AS n FROM fund_month_totals WHERE fund_id = ${charity} AND month = ${`${month}-01`}::date`)).rows[0];
    const before = await totals();

    expect(code(await secretary.request('POST', `/api/v1/funds/${charity}/month-closes`, { month: today().slice(0, 7) }))).toBe('LEDGER_MONTH_NOT_ENDED');
    const proposed = await secretary.request('POST', `/api/v1/funds/${charity}/month-closes`, { month });
    expect(proposed.statusCode).toBe(201);
    // Proposed is not closed: entries may still come in.
    expect((await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 1, donor: '丁', purpose: '仍可记', occurredOn: `${month}-20` })).statusCode).toBe(201);
    const self = await secretary.request('POST', `/api/v1/funds/${charity}/month-closes/decide`, { confirm: true });
    expect([self.statusCode, code(self)]).toEqual([403, 'FUND_SELF_DECISION']);
    const byWorker = await worker.request('POST', `/api/v1/funds/${charity}/month-closes/decide`, { confirm: true });
    expect(byWorker.statusCode).toBe(403);
    const closed = await street.request('POST', `/api/v1/funds/${charity}/month-closes/decide`, { confirm: true });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toEqual({ month, state: 'closed' });
    const after = await totals();

    const view = (await worker.request('GET', `/api/v1/funds/${charity}/month-closes`)).json();
    expect(view.closedThrough).toBe(month);
    expect(view.items[0]).toMatchObject({ month, state: 'closed', proposedBy: expect.any(String), confirmedBy: expect.any(String) });
    expect(view.items[0].proposedBy).not.toBe(view.items[0].confirmedBy);
    const audits = (await ctx.database.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE subject_type = 'fund_month_close' ORDER BY at, id`)).rows.map((r) => r.action);
    expect(audits).toEqual(['fund.month.propose', 'fund.month.close']);

    // A late entry for the closed month: posted today, its own date beside; the closed month is untouched.
    const late = await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 500, donor: '戊', purpose: '迟到的上月捐赠', occurredOn: `${month}-10` });
    expect(late.statusCode).toBe(201);
    const entry = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/I-CHARITY/transactions/${late.json().id}` })).json();
    expect(entry).toMatchObject({ occurredOn: today(), originalOn: `${month}-10` });
    expect(await totals()).toEqual(after);
    expect(after!.n).toBe(before!.n + 2); // the donation made while the close was only proposed
    expect(code(await secretary.request('POST', `/api/v1/funds/${charity}/month-closes`, { month }))).toBe('LEDGER_MONTH_ALREADY_CLOSED');

    // Nothing writes into a closed month, whatever path it takes: the posting statement refuses it.
    const fund = { id: charity };
    await expect(postEntry(ctx.database.db, SYSTEM_ACTOR, fund, { kind: 'donation', memo: 'x', occurredOn: `${month}-11`,
      lines: [{ account: BANK, amount: 1n }, { account: 'income:donations', amount: -1n }] })).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'LEDGER_MONTH_CLOSED');

    // The journal shows the late entry's own date as hledger's secondary date, and still checks.
    const text = await journalText(ctx.database.db, 'I-CHARITY');
    expect(text).toContain(`${today()}=${month}-10 (${late.json().id})`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-journal-'));
    fs.writeFileSync(path.join(dir, 'f.journal'), text);
    execFileSync('hledger', ['-f', path.join(dir, 'f.journal'), 'check', '--strict'], { stdio: 'pipe' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('item 11 (funds)', () => {
  it('(a) names the asker on the public page only when they chose to be', async () => {
    const [t] = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/I-CHARITY/transactions?limit=1' })).json().items;
    await resident.request('POST', `/api/v1/public/funds/I-CHARITY/transactions/${t.id}/questions`, { question: '匿名提问' });
    await resident.request('POST', `/api/v1/public/funds/I-CHARITY/transactions/${t.id}/questions`, { question: '署名提问', showName: true });
    const qs = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/I-CHARITY/transactions/${t.id}` })).json().questions;
    expect(qs.find((q: { question: string }) => q.question === '匿名提问').askerName).toBe('居民');
    expect(qs.find((q: { question: string }) => q.question === '署名提问').askerName).not.toBe('居民');
  });

  it('(b) says the levy rounds to ¥0.00 on a turnover of a few fen, rather than calling the amount invalid', async () => {
    const res = await worker.request('POST', `/api/v1/funds/${development}/turnover`, { operator: '小摊', month: '2026-10', turnoverFen: 10 });
    expect([res.statusCode, code(res)]).toEqual([422, 'FUND_LEVY_ZERO']);
    expect(res.json().error.message).toContain('¥0.10');
    expect(code(await worker.request('POST', `/api/v1/funds/${development}/turnover`, { operator: '小摊', month: '2026-10', turnoverFen: 0 }))).toBe('FUND_AMOUNT_INVALID');
  });

  it('(d) shows a department handler only the public (approved) expenses of a community fund', async () => {
    const department = await signIn(ctx.app, DEMO.department);
    const pending = await expense(charity, [await upload(ctx, worker, charity)], '待审批的支出');
    const paid = await expense(charity, [await upload(ctx, worker, charity)], '已批准的支出');
    await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${paid.json().id}/decide`, { approve: true });
    const staff = (await secretary.request('GET', `/api/v1/funds/${charity}/expenses`)).json().map((e: { id: string }) => e.id);
    expect(staff).toEqual(expect.arrayContaining([pending.json().id, paid.json().id]));
    const res = await department.request('GET', `/api/v1/funds/${charity}/expenses`);
    expect(res.statusCode).toBe(200);
    const seen = res.json().map((e: { id: string }) => e.id);
    expect(seen).toContain(paid.json().id);
    expect(seen).not.toContain(pending.json().id);
    expect(res.json().every((e: { state: string }) => e.state === 'approved')).toBe(true);
  });
});
