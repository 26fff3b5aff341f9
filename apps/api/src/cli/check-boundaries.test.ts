import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { regions } from '../features/org/org.table.ts';
import { checkBoundaries } from './check-boundaries.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const run = async () => {
  const out: string[] = [];
  const code = await checkBoundaries(ctx.database.db, (s) => out.push(s), () => {});
  return { code, lines: out.join('').split('\n').filter(Boolean) };
};
const cli = async () => {
  const bin = path.resolve(import.meta.dirname, '../../bin/gongzhi.mjs');
  try {
    const r = await promisify(execFile)(process.execPath, [bin, 'check-boundaries'], { env: { ...process.env, DATABASE_URL: ctx.url } });
    return { code: 0, stdout: r.stdout };
  } catch (e) {
    const x = e as { code: number; stdout: string };
    return { code: x.code, stdout: x.stdout };
  }
};

describe('gongzhi check-boundaries', () => {
  it('finds nothing wrong in the demo city and exits 0', async () => {
    expect(await run()).toEqual({ code: 0, lines: [] });
  });

  it('reports a planted violation, one line each, and the command exits 1', async () => {
    const [a, b] = await Promise.all(['510108001001001', '510108001001002'].map(async (c) => (await ctx.database.db.select().from(regions).where(eq(regions.code, c)))[0]!));
    // Written behind the service's back, as an old database or a bulk load might hold it.
    await ctx.database.db.update(regions).set({ boundary: b!.boundary }).where(eq(regions.id, a!.id));
    const { code, lines } = await run();
    expect(code).toBe(1);
    // The grid now overlaps its neighbour, and its own four micro-grids lie outside it.
    expect(lines.filter((l) => l.startsWith('overlaps_sibling'))).toEqual([expect.stringMatching(/^overlaps_sibling\t510108001001001 .*\t与同级 510108001001002 /)]);
    expect(lines.filter((l) => l.startsWith('outside_parent')).map((l) => l.split('\t')[1]!.slice(0, 18))).toEqual(
      ['510108001001001001', '510108001001001002', '510108001001001003', '510108001001001004']);
    // And it lies over its neighbour's micro-grids, which are neither above nor below it (probe fixes (org)).
    expect(lines.filter((l) => l.startsWith('overlaps_region'))).toContainEqual(expect.stringMatching(/^overlaps_region\t510108001001001 .*\t与非上下级区域 510108001001002\d{3} /));
    const proc = await cli();
    expect(proc.code).toBe(1);
    expect(proc.stdout).toContain('510108001001002');
  }, 60_000);
});
