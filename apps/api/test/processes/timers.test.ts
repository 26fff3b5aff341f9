import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestContext, type TestContext } from '../harness.ts';
import { schedule } from '../../src/platform/jobs/scheduler.ts';

/**
 * Several processes: two separate Node processes (as two API instances behind a proxy) run the
 * scheduler against one database. Every timer — due already, and due while they run — fires exactly
 * once, counted by rows written in each firing's own transaction.
 */
let ctx: TestContext;
const children: ChildProcess[] = [];
const here = path.dirname(fileURLToPath(import.meta.url));
const TIMERS = 400;

beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await ctx?.close();
});

describe('two API processes on one database', () => {
  it('fire every timer exactly once', async () => {
    const pool = ctx.database.pool;
    await pool.query('CREATE TABLE trust_fires (timer_id uuid NOT NULL, process text NOT NULL)');
    const now = Date.now();
    for (let i = 0; i < TIMERS; i++) {
      // Half due already, half coming due over the next three seconds while both processes run.
      const dueAt = new Date(i < TIMERS / 2 ? now - 1_000 : now + (i - TIMERS / 2) * 15);
      await schedule(ctx.database.db, { kind: 'trust_count', subjectId: `t${i}`, dueAt });
    }
    for (const name of ['api-1', 'api-2']) {
      children.push(spawn(process.execPath, ['--import', 'tsx', path.join(here, 'timer-process.ts'), ctx.url, name], { stdio: ['ignore', 'ignore', 'inherit'] }));
    }
    const deadline = Date.now() + 90_000;
    let pending = TIMERS;
    while (Date.now() < deadline) {
      pending = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM timers WHERE kind = 'trust_count' AND fired_at IS NULL")).rows[0]!.n;
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const c of children) c.kill('SIGKILL');
    expect(pending).toBe(0);
    const { rows } = await pool.query<{ fires: number; distinct_timers: number; processes: number }>(
      'SELECT count(*)::int AS fires, count(DISTINCT timer_id)::int AS distinct_timers, count(DISTINCT process)::int AS processes FROM trust_fires');
    expect(rows[0]).toEqual({ fires: TIMERS, distinct_timers: TIMERS, processes: 2 });
  }, 120_000);
});
