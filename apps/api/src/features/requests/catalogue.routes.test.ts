import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, signIn, DEMO, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx?.close(); });

describe('default catalogue', () => {
  it('installs once when several administrators ask at the same moment: no error, no duplicate', async () => {
    const admin = await signIn(ctx.app, DEMO.admin);
    const answers = await Promise.all(Array.from({ length: 8 }, () => admin.request('POST', '/api/v1/categories/defaults', { districtCode: '510105' })));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    const added = answers.reduce((n, r) => n + (r.json() as { added: number }).added, 0);
    const { rows } = await ctx.database.pool.query<{ n: string; d: string }>(
      "SELECT count(*) AS n, count(DISTINCT code) AS d FROM service_categories WHERE district_code = '510105'");
    expect(added).toBeGreaterThan(0);
    expect(Number(rows[0]!.n)).toBe(added);
    expect(Number(rows[0]!.d)).toBe(added);
  });

  it('adds nothing to a district that has the catalogue already', async () => {
    const admin = await signIn(ctx.app, DEMO.admin);
    const res = await admin.request('POST', '/api/v1/categories/defaults', { districtCode: '510108' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ added: 0 });
  });
});
