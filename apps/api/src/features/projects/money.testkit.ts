import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Client, TestContext } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { openFund, upload } from '../funds/funds.test-helpers.ts';
import { projects } from './projects.table.ts';
import { reserveProjectMoney, releaseProjectMoney } from './money.service.ts';

let fundNo = 0;
/** A fresh charity fund of the community holding `balanceFen` (a government allocation), opened by `staff`. */
export async function fundWith(staff: Client, communityId: string, balanceFen: number, kind: 'charity' | 'development' | 'protection' = 'charity'): Promise<{ id: string; code: string }> {
  const code = `MONEY-${process.pid % 1000}-${++fundNo}`;
  const id = await openFund(staff, { code, name: `项目资金测试 ${fundNo}`, kind, regionId: communityId, ...(kind === 'protection' ? { year: 2026 } : {}) });
  const res = await staff.request('POST', `/api/v1/funds/${id}/incomes`, { kind: 'allocation', amountFen: balanceFen, source: '街道办事处', purpose: '社区项目资金' });
  expect(res.statusCode, res.body).toBe(201);
  return { id, code };
}

let projectNo = 0;
/**
 * A project proposed by `resident` and then put straight into the state of an award (a testkit reaching
 * into the table: steps 4–7 are other helpers' work): in progress, awarded `awardedFen` from `fundId`,
 * carried out by an organisation.
 */
export async function awardedProject(ctx: TestContext, proposer: Client, communityId: string, fundId: string, awardedFen: bigint, over: Partial<typeof projects.$inferInsert> = {}): Promise<string> {
  const res = await proposer.request('POST', '/api/v1/projects', {
    communityId, title: `楼道照明改造 ${++projectNo}`, summary: '更换3栋至6栋楼道声控灯', reason: '老人夜间上下楼看不清', class: 'service',
    priorityArea: '社区总体营造', costFen: '1200000', beneficiaries: '3至6栋约400户居民',
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await ctx.database.db.update(projects).set({ status: 'in_progress', awardedFen, fundId, implementerLabel: '成都蓉馨社会工作服务中心', ...over }).where(eq(projects.id, id));
  return id;
}

/** The project's row as stored. */
export async function projectRow(ctx: TestContext, id: string) {
  const [row] = await ctx.database.db.select().from(projects).where(eq(projects.id, id));
  return row!;
}

/** Reserves the project's award as the award would (in its own transaction); returns the reservation id. */
export async function reserve(ctx: TestContext, id: string): Promise<string> {
  const row = await projectRow(ctx, id);
  return ctx.database.db.transaction((tx) => reserveProjectMoney(tx, SYSTEM_ACTOR, row, new Date()));
}

/** Releases the rest as the close would. */
export async function release(ctx: TestContext, id: string): Promise<bigint | null> {
  const row = await projectRow(ctx, id);
  return ctx.database.db.transaction((tx) => releaseProjectMoney(tx, SYSTEM_ACTOR, row, new Date()));
}

/** Asks for instalment `k` with a fresh receipt uploaded by the same staff member. */
export async function askInstalment(ctx: TestContext, staff: Client, projectId: string, fundId: string, k: number, headers?: Record<string, string>) {
  const attachment = await upload(ctx, staff, fundId);
  return staff.request('POST', `/api/v1/projects/${projectId}/instalments`, { k, attachmentIds: [attachment] }, headers);
}

/** Counts rows of a table, optionally filtered. */
export async function rows(ctx: TestContext, table: 'fund_reservations' | 'fund_expenses' | 'project_instalments' | 'ledger_transactions', where = sql`true`): Promise<number> {
  const [r] = (await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`)).rows;
  return r!.n;
}
