import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { allocateProRata, dividendRate, dividendStatementLine } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { openFund, regionId, upload } from './funds.test-helpers.ts';
import { journalText } from './funds.journal.ts';

let ctx: TestContext;
let worker: Client, secretary: Client;
let common: string;
const GRID = '510108001001001';

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary] = await Promise.all([signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary)]);
  common = await openFund(worker, { code: 'T-COMMON', name: '测试小区共有资金', kind: 'common', regionId: await regionId(ctx, GRID) });
});
afterAll(async () => { await ctx.close(); });

describe('trust-based property', () => {
  it('keeps a budget approved by the assembly and shows budget against actual by line and month', async () => {
    const b = await worker.request('POST', `/api/v1/funds/${common}/budgets`, {
      year: 2026, resolutionRef: '锦绣花园业主大会 2026-1 号决议', resolutionText: '通过 2026 年度物业预算',
      lines: [{ label: '保洁', amountFen: 12_000_000 }, { label: '秩序维护', amountFen: 18_000_000 }],
    });
    expect(b.statusCode).toBe(201);
    const dup = await worker.request('POST', `/api/v1/funds/${common}/budgets`, { year: 2026, lines: [{ label: '保洁', amountFen: 1 }] });
    expect(dup.json().error.code).toBe('FUND_BUDGET_EXISTS');
    for (const [kind, amountFen, source, category] of [
      ['property_fee', 30_000_000, '业主', undefined], ['common_revenue', 1_200_000, '电梯广告公司', '电梯广告'], ['common_revenue', 800_000, '停车场', '停车'],
    ] as const) {
      const res = await worker.request('POST', `/api/v1/funds/${common}/incomes`, { kind, amountFen, source, purpose: '2026 年 11 月', category, occurredOn: '2026-11-05' });
      expect(res.statusCode).toBe(201);
    }
    const view = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON/budgets/2026' })).json();
    const line = view.lines.find((l: { label: string }) => l.label === '保洁');
    const receipt = await upload(ctx, worker, common);
    const e = await worker.request('POST', `/api/v1/funds/${common}/expenses`, {
      amountFen: 1_000_000, category: '保洁', project: '11 月保洁', payee: '洁美公司', reason: '11 月保洁服务费', attachmentIds: [receipt], budgetLineId: line.id,
    });
    expect(e.statusCode).toBe(201);
    expect((await secretary.request('POST', `/api/v1/funds/${common}/expenses/${e.json().id}/decide`, { approve: true })).statusCode).toBe(200);
    const after = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON/budgets/2026' })).json();
    const cleaned = after.lines.find((l: { label: string }) => l.label === '保洁');
    expect(cleaned).toMatchObject({ budgetFen: '12000000', actualFen: '1000000' });
    expect(cleaned.months).toHaveLength(1);
    expect(after.resolutionRef).toContain('业主大会');
  });

  it('rests a budget on a passed matter of the compound\'s assembly held on the platform, and only such a matter', async () => {
    const grid = await regionId(ctx, GRID);
    const other = await regionId(ctx, '510108001001002');
    /** A closed, published assembly with one matter whose stored tally passed or not. */
    const assembly = async (regionIdOf: string, path: string, title: string, passed: boolean, published = true) => {
      const [a] = (await ctx.database.db.execute<{ id: string }>(sql`
        INSERT INTO assemblies (id, region_id, region_path, district_code, title, state, noticed_at, opens_at, closes_at, closed_at, results_due_at, results_published_at, created_by_user_id)
        VALUES (gen_random_uuid(), ${regionIdOf}, ${path}, '510108', ${title}, 'closed', '2026-10-01T00:00:00Z', '2026-10-20T00:00:00Z', '2026-10-30T16:00:00Z',
          '2026-10-30T16:00:00Z', '2026-11-02T16:00:00Z', ${published ? sql`'2026-10-31T02:00:00Z'` : sql`NULL`}, gen_random_uuid()) RETURNING id`)).rows;
      const [m] = (await ctx.database.db.execute<{ id: string }>(sql`
        INSERT INTO assembly_matters (id, assembly_id, position, kind, majority, title, result)
        VALUES (gen_random_uuid(), ${a!.id}, 1, 'other_major', 'ordinary', '2027 年度物业收支预算',
          ${JSON.stringify({ eligible: { owners: 3, area: '300.00' }, participating: { owners: 3, area: '300.00' }, for: { owners: passed ? 2 : 1, area: passed ? '200.00' : '100.00' }, quorumMet: true, passed })}::jsonb) RETURNING id`)).rows;
      return { assemblyId: a!.id, matterId: m!.id };
    };
    const ok = await assembly(grid, GRID, '锦绣花园 2026 年第二次业主大会', true);
    const failed = await assembly(grid, GRID, '锦绣花园 2026 年第三次业主大会', false);
    const unpublished = await assembly(grid, GRID, '锦绣花园 2026 年第四次业主大会', true, false);
    const elsewhere = await assembly(other, '510108001001002', '别的小区业主大会', true);
    // One building's owners are not the compound's assembly, nor is the whole community's.
    const [building] = (await ctx.database.db.execute<{ id: string; code: string }>(sql`SELECT id, code FROM regions WHERE code LIKE ${`${GRID}___`} ORDER BY code LIMIT 1`)).rows;
    const oneBuilding = await assembly(building!.id, building!.code, '1 栋业主会议', true);
    const community = await assembly(await regionId(ctx, GRID.slice(0, 12)), GRID.slice(0, 12), '望平社区业主代表会议', true);

    const list = await worker.request('GET', `/api/v1/funds/${common}/budget-resolutions`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((r: { matterId: string }) => r.matterId)).toEqual([ok.matterId]);

    for (const bad of [failed, unpublished, elsewhere, oneBuilding, community]) {
      const res = await worker.request('POST', `/api/v1/funds/${common}/budgets`, { year: 2027, assemblyMatterId: bad.matterId, lines: [{ label: '保洁', amountFen: 100 }] });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('FUND_BUDGET_RESOLUTION_INVALID');
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON/budgets/2027' })).statusCode).toBe(404);

    // A reference or date typed beside a linked matter does not override the matter's own.
    const res = await worker.request('POST', `/api/v1/funds/${common}/budgets`, { year: 2027, assemblyMatterId: ok.matterId, resolutionRef: '别的编号', approvedOn: '2020-01-01', lines: [{ label: '保洁', amountFen: 13_000_000 }] });
    expect(res.statusCode).toBe(201);
    const view = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON/budgets/2027' })).json();
    expect(view.assembly).toEqual({ id: ok.assemblyId, title: '锦绣花园 2026 年第二次业主大会', matterId: ok.matterId, matterTitle: '2027 年度物业收支预算', position: 1 });
    expect(view.resolutionRef).toBe('锦绣花园 2026 年第二次业主大会 第 1 项：2027 年度物业收支预算');
    expect(view.approvedOn).toBe('2026-10-31'); // the close, in China time
  });

  it('pays a dividend by floor area, to the fen, with each owner\'s statement line', async () => {
    const units = (await ctx.database.db.execute<{ area: string }>(sql`
      SELECT u.area_centi_m2 AS area FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.region_path LIKE ${`${GRID}%`} ORDER BY b.name, u.number, u.id`)).rows;
    const total = 1_500_000n;
    const before = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON' })).json().balanceFen;
    const res = await worker.request('POST', `/api/v1/funds/${common}/dividends`, { amountFen: total.toString(), purpose: '2026 年公共收益分红' });
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('pending');
    // One person alone pays nothing: the dividend waits for a second person, like an expense.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON' })).json().balanceFen).toBe(before);
    const self = await worker.request('POST', `/api/v1/funds/${common}/expenses/${res.json().id}/decide`, { approve: true });
    expect(self.statusCode).toBe(403);
    const ok = await secretary.request('POST', `/api/v1/funds/${common}/expenses/${res.json().id}/decide`, { approve: true });
    expect(ok.statusCode).toBe(200);
    const entry = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/T-COMMON/transactions/${ok.json().transactionId}` })).json();
    expect(entry.approvedBy).not.toBe(entry.preparedBy);
    const d = entry.dividend;
    expect(d.lines).toHaveLength(units.length);
    expect(d.lines.reduce((a: bigint, l: { amountFen: string }) => a + BigInt(l.amountFen), 0n)).toBe(total);
    expect(d.lines.map((l: { amountFen: string }) => BigInt(l.amountFen))).toEqual(allocateProRata(total, units.map((u) => BigInt(u.area))));
    const totalArea = units.reduce((a, u) => a + BigInt(u.area), 0n);
    // Each line checks by hand: area × (total ÷ total area), "=" only where that is exactly the part paid.
    d.lines.forEach((l: { areaCentiM2: string; amountFen: string; statement: string }) => {
      expect(l.statement).toMatch(/^\d+(\.\d{1,2})? m² × ¥\d+\.(\d{2}|\d{4})\/m² [=≈] ¥\d+\.\d{2}$/);
      expect(l.statement).toBe(dividendStatementLine(BigInt(l.areaCentiM2), total, totalArea, BigInt(l.amountFen)));
      // The rate shown with the dividend is the very rate every line prints (one rounding, in core).
      expect(l.statement).toContain(`¥${d.rateYuanPerM2}/m²`);
    });
    expect(d.rateYuanPerM2).toBe(dividendRate(total, totalArea).text);
  });

  it('refuses a dividend when a unit has no registered area, writing nothing', async () => {
    const [u] = (await ctx.database.db.execute<{ id: string }>(sql`SELECT id FROM units WHERE region_path LIKE ${`${GRID}%`} LIMIT 1`)).rows;
    await ctx.database.db.execute(sql`UPDATE units SET area_centi_m2 = 0 WHERE id = ${u!.id}`);
    const before = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON' })).json().balanceFen;
    const made = await worker.request('POST', `/api/v1/funds/${common}/dividends`, { amountFen: 100, purpose: 'x' });
    expect(made.statusCode).toBe(201);
    const res = await secretary.request('POST', `/api/v1/funds/${common}/expenses/${made.json().id}/decide`, { approve: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('FUND_UNITS_MISSING_AREA');
    const still = (await secretary.request('GET', `/api/v1/funds/${common}/expenses`)).json().find((e: { id: string }) => e.id === made.json().id);
    expect(still).toMatchObject({ kind: 'dividend', state: 'pending' });
    await secretary.request('POST', `/api/v1/funds/${common}/expenses/${made.json().id}/decide`, { approve: false });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON' })).json().balanceFen).toBe(before);
    await ctx.database.db.execute(sql`UPDATE units SET area_centi_m2 = 7200 WHERE id = ${u!.id}`);
  });

  it('exports a monthly statement as .xlsx', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-COMMON/statement.xlsx?month=2026-11' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.getWorksheet(1)!.getSheetValues());
    expect(text).toContain('电梯广告公司');
    expect(wb.getWorksheet('预算执行')).toBeDefined();
  });
});

describe('concurrency', () => {
  it('never overdraws a fund under concurrent expense approvals', async () => {
    const community = await regionId(ctx, '510108001001');
    const fund = await openFund(worker, { code: 'T-RACE', name: '并发测试基金', kind: 'charity', regionId: community });
    await worker.request('POST', `/api/v1/funds/${fund}/donations`, { amountFen: 10_000, donor: '甲', purpose: '并发' });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const receipt = await upload(ctx, worker, fund);
      const e = await worker.request('POST', `/api/v1/funds/${fund}/expenses`, { amountFen: 3_000, category: '活动', project: `p${i}`, payee: 'x', reason: 'y', attachmentIds: [receipt] });
      ids.push(e.json().id);
    }
    const results = await Promise.all(ids.map((id) => secretary.request('POST', `/api/v1/funds/${fund}/expenses/${id}/decide`, { approve: true })));
    const ok = results.filter((r) => r.statusCode === 200).length;
    expect(ok).toBe(3);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'FUND_INSUFFICIENT_BALANCE')).toBe(true);
    const d = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-RACE' })).json();
    expect(d.balanceFen).toBe('1000');
    const [sum] = (await ctx.database.db.execute<{ s: string }>(sql`
      SELECT COALESCE(sum(p.amount), 0) AS s FROM postings p JOIN fund_accounts a ON a.id = p.account_id WHERE p.fund_id = ${fund} AND a.name = 'assets:bank'`)).rows;
    expect(sum!.s).toBe('1000');
  });

  it('reverses an entry only once under concurrent reversals', async () => {
    const fund = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-RACE' })).json().id;
    const d = await worker.request('POST', `/api/v1/funds/${fund}/donations`, { amountFen: 500, donor: '乙', purpose: '冲销并发' });
    const results = await Promise.all([1, 2, 3, 4].map(() => worker.request('POST', `/api/v1/funds/${fund}/transactions/${d.json().id}/reverse`, { reason: '并发' })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 201).every((r) => r.json().error.code === 'FUND_PENDING_EXISTS')).toBe(true);
  });

  it('lets exactly one of two concurrent approvers post a pending reversal or dividend', async () => {
    const street = await signIn(ctx.app, DEMO.street);
    const fund = (await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-RACE' })).json().id;
    const d = await worker.request('POST', `/api/v1/funds/${fund}/donations`, { amountFen: 700, donor: '丙', purpose: '审批并发' });
    const rev = await worker.request('POST', `/api/v1/funds/${fund}/transactions/${d.json().id}/reverse`, { reason: '两人同时审批' });
    const both = await Promise.all([secretary, street].map((c) => c.request('POST', `/api/v1/funds/${fund}/expenses/${rev.json().id}/decide`, { approve: true })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().error.code).toBe('FUND_EXPENSE_NOT_PENDING');
    const [n] = (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ledger_transactions WHERE reverses_id = ${d.json().id}`)).rows;
    expect(n!.n).toBe(1);

    const div = await worker.request('POST', `/api/v1/funds/${common}/dividends`, { amountFen: 1_000, purpose: '并发分红' });
    const two = await Promise.all([secretary, street].map((c) => c.request('POST', `/api/v1/funds/${common}/expenses/${div.json().id}/decide`, { approve: true })));
    expect(two.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [m] = (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ledger_transactions WHERE fund_id = ${common} AND memo = '并发分红'`)).rows;
    expect(m!.n).toBe(1);
  });
});

describe('hledger export', () => {
  it('passes hledger check --strict and agrees with the platform to the fen', async () => {
    const text = await journalText(ctx.database.db);
    expect(text).toContain('commodity 1000.00 CNY');
    expect(text).toMatch(/assets:T-COMMON:bank {2}-?\d+\.\d{2} CNY = \d+\.\d{2} CNY/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-journal-'));
    const file = path.join(dir, 'funds.journal');
    fs.writeFileSync(file, text);
    execFileSync('hledger', ['-f', file, 'check', '--strict'], { stdio: 'pipe' });
    const csv = execFileSync('hledger', ['-f', file, 'bal', '--flat', '--no-total', '-O', 'csv'], { encoding: 'utf8' });
    const hledger = new Map(csv.trim().split('\n').slice(1).map((line) => {
      const [account, amount] = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
      return [account!, amount!.replace(/ CNY$/, '')];
    }));
    for (const code of ['T-COMMON', 'T-RACE']) {
      const d = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/${code}` })).json();
      for (const a of d.accounts as { name: string; balanceFen: string }[]) {
        const [type, ...rest] = a.name.split(':');
        const name = [type, code, ...rest].join(':');
        const fen = BigInt(a.balanceFen);
        const expected = fen === 0n ? undefined : `${fen < 0n ? '-' : ''}${(fen < 0n ? -fen : fen).toString().padStart(3, '0').replace(/(\d{2})$/, '.$1')}`;
        expect(hledger.get(name)).toBe(expected);
      }
    }
    const download = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/funds/T-RACE/journal' });
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('assets:T-RACE:bank');
    expect(download.body).not.toContain('T-COMMON');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
