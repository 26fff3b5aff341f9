import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, chinaDay } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { openFund, regionId, upload } from './funds.test-helpers.ts';

let ctx: TestContext;
let worker: Client, secretary: Client, resident: Client;
let charity: string, development: string, protection: string;
const COMMUNITY = '510108001001';

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary, resident] = await Promise.all([signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.resident)]);
  const community = await regionId(ctx, COMMUNITY);
  charity = await openFund(worker, { code: 'T-CHARITY', name: '测试慈善基金', kind: 'charity', regionId: community });
  development = await openFund(worker, { code: 'T-DEV', name: '测试发展基金', kind: 'development', regionId: community });
  protection = await openFund(worker, { code: 'T-PROT', name: '测试保障资金', kind: 'protection', regionId: community, year: 2026 });
});
afterAll(async () => { await ctx.close(); });

const balance = async (code: string) => (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/${code}` })).json().balanceFen as string;
const count = async (table: string) => Number((await ctx.database.db.execute<{ n: string }>(sql.raw(`SELECT count(*) AS n FROM ${table}`))).rows[0]!.n);

describe('operations', () => {
  it('records named and anonymous donations with receipts, and never shows the anonymous donor', async () => {
    const named = await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 50_000, donor: '王建国', purpose: '重阳节敬老活动' });
    expect(named.statusCode).toBe(201);
    const anon = await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: '12345', donor: '李秘密', anonymous: true, purpose: '助学' });
    expect(anon.statusCode).toBe(201);
    expect(await balance('T-CHARITY')).toBe('62345');
    const page = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-CHARITY/transactions' });
    expect(page.statusCode).toBe(200);
    const items = page.json().items;
    expect(items[0]).toMatchObject({ kind: 'donation', anonymous: true, counterparty: null, amountFen: '12345', direction: 'in' });
    expect(items[0].receiptNo).toMatch(/^JZ\d{10}$/);
    expect(items[1]).toMatchObject({ counterparty: '王建国', memo: '重阳节敬老活动' });
    expect(page.body).not.toContain('李秘密');
    const stored = await ctx.database.db.execute(sql`SELECT 1 FROM ledger_transactions WHERE counterparty = '李秘密'`);
    expect(stored.rows).toHaveLength(0);
    const receipt = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/T-CHARITY/transactions/${anon.json().id}` });
    expect(receipt.json()).toMatchObject({ receiptNo: items[0].receiptNo, counterparty: null });
  });

  it('takes 3% of turnover once, rounded half up, into the development fund', async () => {
    // Last month (China time): a turnover is reported once its month has ended.
    const month = addDays(`${chinaDay(new Date()).slice(0, 7)}-01`, -1).slice(0, 7);
    const res = await worker.request('POST', `/api/v1/funds/${development}/turnover`, { operator: '邻里食堂', month, turnoverFen: 1_000_050 });
    expect(res.statusCode).toBe(201);
    expect(res.json().levyFen).toBe('30002');
    const again = await worker.request('POST', `/api/v1/funds/${development}/turnover`, { operator: '邻里食堂', month, turnoverFen: 100_000 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('FUND_TURNOVER_REPORTED');
    expect(await balance('T-DEV')).toBe('30002');
    const wrong = await worker.request('POST', `/api/v1/funds/${charity}/turnover`, { operator: 'x', month, turnoverFen: 100 });
    expect(wrong.json().error.code).toBe('FUND_KIND_MISMATCH');
  });

  it('records enterprise profit and government allocations', async () => {
    expect((await worker.request('POST', `/api/v1/funds/${development}/incomes`, { kind: 'enterprise_profit', amountFen: 1_000_000, source: '望平社区社会企业', purpose: '2026 年税后利润' })).statusCode).toBe(201);
    expect((await worker.request('POST', `/api/v1/funds/${protection}/incomes`, { kind: 'allocation', amountFen: 20_000_000, source: '成华区财政局', purpose: '2026 年度保障资金' })).statusCode).toBe(201);
    expect(await balance('T-PROT')).toBe('20000000');
  });

  it('pays an expense only after a second person approves it; the preparer cannot', async () => {
    const receipt = await upload(ctx, worker, charity);
    const made = await worker.request('POST', `/api/v1/funds/${charity}/expenses`, {
      amountFen: 20_000, category: '助老', project: '重阳节', payee: '望平社区老年协会', reason: '重阳节慰问品', attachmentIds: [receipt],
    });
    expect(made.statusCode).toBe(201);
    expect(await balance('T-CHARITY')).toBe('62345');
    const own = await worker.request('POST', `/api/v1/funds/${charity}/expenses/${made.json().id}/decide`, { approve: true });
    expect(own.statusCode).toBe(403); // a worker may not approve at all
    // The secretary prepares one and tries to approve it herself.
    const hers = await secretary.request('POST', `/api/v1/funds/${charity}/expenses`, {
      amountFen: 100, category: '活动', project: '读书会', payee: '书店', reason: '图书', attachmentIds: [await upload(ctx, secretary, charity)],
    });
    // One receipt backs one payment (its uploader cannot cite it twice either).
    const reused = await worker.request('POST', `/api/v1/funds/${charity}/expenses`, {
      amountFen: 100, category: '活动', project: '读书会', payee: '书店', reason: '图书', attachmentIds: [receipt],
    });
    expect([reused.statusCode, reused.json().error.code]).toEqual([409, 'FUND_ATTACHMENT_USED']);
    const self = await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${hers.json().id}/decide`, { approve: true });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('FUND_SELF_APPROVAL');
    const ok = await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${made.json().id}/decide`, { approve: true });
    expect(ok.statusCode).toBe(200);
    expect(await balance('T-CHARITY')).toBe('42345');
    const again = await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${made.json().id}/decide`, { approve: true });
    expect(again.json().error.code).toBe('FUND_EXPENSE_NOT_PENDING');
    const tx = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/T-CHARITY/transactions/${ok.json().transactionId}` })).json();
    expect(tx).toMatchObject({ kind: 'expense', direction: 'out', approvedBy: expect.any(String), preparedBy: expect.any(String) });
    expect(tx.approvedBy).not.toBe(tx.preparedBy);
    expect(tx.postings).toEqual([{ account: 'expenses:助老:重阳节', amountFen: '20000' }, { account: 'assets:bank', amountFen: '-20000' }]);
    expect(tx.attachments).toHaveLength(1);
    const file = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/T-CHARITY/attachments/${receipt}` });
    expect(file.statusCode).toBe(200);
    expect(file.body.startsWith('%PDF-')).toBe(true);
  });

  it('reverses an entry once, with a new transaction pointing to it, only after a second person approves it', async () => {
    const d = await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 1_000, donor: '误录', purpose: '录入错误' });
    const id = d.json().id;
    const rev = await worker.request('POST', `/api/v1/funds/${charity}/transactions/${id}/reverse`, { reason: '金额录错' });
    expect(rev.statusCode).toBe(201);
    expect(rev.json().state).toBe('pending');
    // Nothing moves until a second person approves: one person alone cannot reverse an entry.
    expect(await balance('T-CHARITY')).toBe('43345');
    const pendingTwice = await worker.request('POST', `/api/v1/funds/${charity}/transactions/${id}/reverse`, { reason: '再来一次' });
    expect(pendingTwice.json().error.code).toBe('FUND_PENDING_EXISTS');
    const pending = (await secretary.request('GET', `/api/v1/funds/${charity}/expenses`)).json().find((e: { id: string }) => e.id === rev.json().id);
    expect(pending).toMatchObject({ kind: 'reversal', reversesId: id, state: 'pending', amountFen: '1000' });
    const ok = await secretary.request('POST', `/api/v1/funds/${charity}/expenses/${rev.json().id}/decide`, { approve: true });
    expect(ok.statusCode).toBe(200);
    const revTx = ok.json().transactionId;
    expect(await balance('T-CHARITY')).toBe('42345');
    const twice = await worker.request('POST', `/api/v1/funds/${charity}/transactions/${id}/reverse`, { reason: '再来一次' });
    expect(twice.json().error.code).toBe('FUND_ALREADY_REVERSED');
    const ofRev = await worker.request('POST', `/api/v1/funds/${charity}/transactions/${revTx}/reverse`, { reason: 'x' });
    expect(ofRev.json().error.code).toBe('FUND_REVERSAL_OF_REVERSAL');
    const orig = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/T-CHARITY/transactions/${id}` })).json();
    expect(orig.reversedById).toBe(revTx);
    const r = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/T-CHARITY/transactions/${revTx}` })).json();
    expect(r.approvedBy).toBeTruthy();
    expect(r.approvedBy).not.toBe(r.preparedBy);
  });

  it('lets a signed-in resident ask about an entry and staff answer', async () => {
    const [t] = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-CHARITY/transactions?limit=1' })).json().items;
    const anonymous = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/funds/T-CHARITY/transactions/${t.id}/questions`, payload: { question: '?' } });
    expect(anonymous.statusCode).toBe(401);
    const q = await resident.request('POST', `/api/v1/public/funds/T-CHARITY/transactions/${t.id}/questions`, { question: '这笔钱用在哪里了？' });
    expect(q.statusCode).toBe(201);
    const a = await worker.request('POST', `/api/v1/funds/${charity}/questions/${q.json().id}/answer`, { answer: '用于重阳节活动，见附件发票。' });
    expect(a.statusCode).toBe(204);
    const again = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/T-CHARITY/transactions/${t.id}` })).json();
    expect(again.questions[0]).toMatchObject({ question: '这笔钱用在哪里了？', answer: '用于重阳节活动，见附件发票。' });
  });

  it('shows each fund publicly with months and accounts, without sign-in', async () => {
    const list = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds' });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['T-CHARITY', 'T-DEV', 'T-PROT']));
    const d = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-CHARITY' })).json();
    expect(d.months.length).toBeGreaterThan(0);
    const sum = d.accounts.reduce((a: bigint, x: { balanceFen: string }) => a + BigInt(x.balanceFen), 0n);
    expect(sum).toBe(0n);
    expect(d.accounts.find((a: { name: string }) => a.name === 'assets:bank').balanceFen).toBe(d.balanceFen);
    expect(d.abilities).toEqual([]);
  });
});

describe('bad input', () => {
  it('refuses negative, fractional and zero amounts with nothing written', async () => {
    const before = await count('ledger_transactions');
    for (const amountFen of [-100, 12.5, '12.5', '-1', 0, '1e3', 'abc', '1000000000001', '999999999999999999']) {
      const res = await worker.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen, purpose: '坏数据' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('FUND_AMOUNT_INVALID');
    }
    expect(await count('ledger_transactions')).toBe(before);
  });

  it('refuses an expense beyond the balance', async () => {
    const receipt = await upload(ctx, worker, development);
    const res = await worker.request('POST', `/api/v1/funds/${development}/expenses`, {
      amountFen: 999_999_999, category: '活动', project: '大项目', payee: 'x', reason: '超支', attachmentIds: [receipt],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FUND_INSUFFICIENT_BALANCE');
  });

  it('refuses negative-list expenses from the special protection fund with a clear message', async () => {
    const receipt = await upload(ctx, worker, protection);
    for (const category of ['物业费', '公房维修', '人员补贴']) {
      const res = await worker.request('POST', `/api/v1/funds/${protection}/expenses`, {
        amountFen: 100, category, project: '某项目', payee: 'x', reason: 'y', attachmentIds: [receipt],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('FUND_NEGATIVE_LIST');
      expect(res.json().error.message).toContain('负面清单');
    }
    // Under another name, or named only in the reason; and the message wholly in the caller's language.
    const renamed = await worker.request('POST', `/api/v1/funds/${protection}/expenses`, {
      amountFen: 100, category: '其他', project: '某项目', payee: 'x', reason: '代缴居民物业服务费', attachmentIds: [receipt],
    }, { 'accept-language': 'en' });
    expect([renamed.statusCode, renamed.json().error.code]).toEqual([422, 'FUND_NEGATIVE_LIST']);
    expect(renamed.json().error.message).toBe('The special protection fund cannot pay for items on its negative list: a private cost (such as property fees)');
    const fine = await worker.request('POST', `/api/v1/funds/${protection}/expenses`, {
      amountFen: 100, category: '环境', project: '楼道照明', payee: 'x', reason: 'y', attachmentIds: [receipt],
    });
    expect(fine.statusCode).toBe(201);
  });

  it('needs a receipt for an expense', async () => {
    const res = await worker.request('POST', `/api/v1/funds/${charity}/expenses`, { amountFen: 1, category: '活动', project: 'p', payee: 'x', reason: 'y', attachmentIds: [] });
    expect(res.json().error.code).toBe('FUND_ATTACHMENT_REQUIRED');
  });

  it('refuses editing or deleting a posted entry, and so does the database', async () => {
    const [t] = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-CHARITY/transactions?limit=1' })).json().items;
    for (const method of ['PATCH', 'DELETE']) {
      const res = await worker.request(method, `/api/v1/funds/${charity}/transactions/${t.id}`, method === 'PATCH' ? { memo: '改' } : undefined);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('LEDGER_ENTRY_POSTED');
    }
    const refused = async (q: ReturnType<typeof sql>) => {
      const err = await ctx.database.db.execute(q).then(() => null, (e: { cause?: { code?: string } }) => e);
      return err?.cause?.code;
    };
    expect(await refused(sql`UPDATE ledger_transactions SET memo = 'x' WHERE id = ${t.id}`)).toBe('GZ001');
    expect(await refused(sql`DELETE FROM ledger_transactions WHERE id = ${t.id}`)).toBe('GZ001');
    expect(await refused(sql`DELETE FROM postings WHERE transaction_id = ${t.id}`)).toBe('GZ001');
    expect(await refused(sql`UPDATE postings SET amount = 1 WHERE transaction_id = ${t.id}`)).toBe('GZ001');
    expect(await refused(sql`TRUNCATE postings CASCADE`)).toBe('GZ001');
  });

  it('hides funds out of scope and forbids residents from keeping books', async () => {
    const res = await resident.request('POST', `/api/v1/funds/${charity}/donations`, { amountFen: 1, purpose: 'x' });
    expect(res.statusCode).toBe(403);
    const unsigned = await ctx.app.inject({ method: 'POST', url: `/api/v1/funds/${charity}/donations`, payload: { amountFen: 1, purpose: 'x' } });
    expect(unsigned.statusCode).toBe(401);
  });
});
