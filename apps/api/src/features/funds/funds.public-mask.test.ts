import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { chinaDay } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { openFund, regionId } from './funds.test-helpers.ts';

// Probe 2 · item 4: a fund entry's own free text (donor, purpose) is money text the public reads —
// personal numbers masked, amounts kept readable; the fund's staff read it as written.

let ctx: TestContext;
let worker: Client;
let tx: string;
const DONOR = '赵六13922223333';
const PURPOSE = '助学，身份证510104199003071234，邮箱zhaoliu@qq.com，认捐¥12345678.90';
const SECRETS = ['13922223333', '510104199003071234', 'zhaoliu@qq.com'];

beforeAll(async () => {
  ctx = await createTestContext();
  worker = await signIn(ctx.app, DEMO.worker);
  const fund = await openFund(worker, { code: 'M-CHARITY', name: '慈善基金', kind: 'charity', regionId: await regionId(ctx, '510108001001') });
  const res = await worker.request('POST', `/api/v1/funds/${fund}/donations`, { amountFen: 1_000, donor: DONOR, purpose: PURPOSE });
  expect(res.statusCode).toBeLessThan(300);
  tx = res.json().id as string;
});
afterAll(async () => { await ctx.close(); });

const get = (url: string) => ctx.app.inject({ method: 'GET', url });

describe('public fund text masks personal numbers and keeps amounts', () => {
  it('masks the donor and purpose in the public list and detail', async () => {
    const list = await get('/api/v1/public/funds/M-CHARITY/transactions?limit=100');
    const detail = await get(`/api/v1/public/funds/M-CHARITY/transactions/${tx}`);
    for (const secret of SECRETS) expect(list.body + detail.body).not.toContain(secret);
    expect(detail.json()).toMatchObject({
      counterparty: '赵六139****3333',
      memo: '助学，身份证510***********1234，邮箱z***@qq.com，认捐¥12345678.90',
    });
    expect(list.json().items.find((i: { id: string }) => i.id === tx)).toMatchObject({ counterparty: '赵六139****3333' });
  });

  it('masks them in the journal and the monthly statement', async () => {
    const journal = await get('/api/v1/public/funds/M-CHARITY/journal');
    for (const secret of SECRETS) expect(journal.body).not.toContain(secret);
    expect(journal.body).toContain('¥12345678.90');
    expect(journal.body).toContain('赵六139****3333');
    const xlsx = await get(`/api/v1/public/funds/M-CHARITY/statement.xlsx?month=${chinaDay(new Date()).slice(0, 7)}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    const text = cells.join('|');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('¥12345678.90');
    expect(text).toContain('赵六139****3333');
  });

  it('shows the fund staff the text as written', async () => {
    const staff = (await worker.request('GET', `/api/v1/public/funds/M-CHARITY/transactions/${tx}`)).json();
    expect(staff).toMatchObject({ counterparty: DONOR, memo: PURPOSE });
  });
});
