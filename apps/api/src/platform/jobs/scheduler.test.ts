import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { timers } from './jobs.table.ts';
import { cancelTimers, MAX_ATTEMPTS, pendingTimers, runDueTimers, schedule, type TimerHandler } from './scheduler.ts';

let ctx: TestContext;
let second: Database;
beforeAll(async () => {
  ctx = await createTestContext();
  second = openDatabase(ctx.url, { max: 3 }); // a second "API process"
});
afterAll(async () => { await second.close(); await ctx.close(); });
beforeEach(async () => { await ctx.database.db.delete(timers); });

const past = () => new Date(Date.now() - 1000);

describe('timers', () => {
  it('fires each due timer exactly once even with two schedulers racing', async () => {
    const db = ctx.database.db;
    for (let i = 0; i < 40; i++) await schedule(db, { kind: 'count', subjectId: `s${i}`, dueAt: past() });
    await schedule(db, { kind: 'count', subjectId: 'later', dueAt: new Date(Date.now() + 3_600_000) });
    const seen: string[] = [];
    const handlers: Record<string, TimerHandler> = {
      count: async (tx, t) => {
        seen.push(t.subjectId);
        await tx.execute(sql`SELECT pg_sleep(0.005)`); // widen the race window
      },
    };
    const [a, b] = await Promise.all([runDueTimers(db, handlers), runDueTimers(second.db, handlers)]);
    expect(a + b).toBe(40);
    expect(new Set(seen).size).toBe(40);
    expect(seen).toHaveLength(40);
    expect(await pendingTimers(db, 'count')).toBe(1);
  });

  it('keeps what the handler wrote only when the timer is marked fired, and retries a failing one later', async () => {
    const db = ctx.database.db;
    const t = await schedule(db, { kind: 'flaky', subjectId: 'x', dueAt: past(), payload: { n: 1 } });
    let calls = 0;
    const handlers: Record<string, TimerHandler> = {
      flaky: async (tx) => {
        calls++;
        await tx.update(timers).set({ payload: { n: 99 } }).where(eq(timers.id, t.id));
        throw new Error('gateway down');
      },
    };
    expect(await runDueTimers(db, handlers)).toBe(0);
    const [after] = await db.select().from(timers).where(eq(timers.id, t.id));
    expect(after!.payload).toEqual({ n: 1 }); // the handler's write rolled back
    expect(after!.attempts).toBe(1);
    expect(after!.lastError).toBe('gateway down');
    expect(after!.dueAt.getTime()).toBeGreaterThan(Date.now());
    expect(await runDueTimers(db, handlers)).toBe(0);
    expect(calls).toBe(1); // not due again yet
  });

  it('gives a timer up after repeated failures and keeps it for inspection', async () => {
    const db = ctx.database.db;
    const t = await schedule(db, { kind: 'broken', subjectId: 'y', dueAt: past() });
    await db.update(timers).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(timers.id, t.id));
    await runDueTimers(db, { broken: async () => { throw new Error('always'); } });
    const [after] = await db.select().from(timers).where(eq(timers.id, t.id));
    expect(after!.failedAt).not.toBeNull();
    expect(await pendingTimers(db, 'broken')).toBe(0);
  });

  it('records a timer whose kind nobody handles as a failure instead of stopping the others', async () => {
    const db = ctx.database.db;
    await schedule(db, { kind: 'unknown', subjectId: 'z', dueAt: past() });
    await schedule(db, { kind: 'ok', subjectId: 'z', dueAt: new Date(Date.now() - 500) });
    let ok = 0;
    expect(await runDueTimers(db, { ok: async () => { ok++; } })).toBe(1);
    expect(ok).toBe(1);
    const [u] = await db.select().from(timers).where(eq(timers.kind, 'unknown'));
    expect(u!.lastError).toContain('no handler');
  });

  it('cancels pending timers of a subject', async () => {
    const db = ctx.database.db;
    await schedule(db, { kind: 'sla', subjectId: 'r1', dueAt: past() });
    await schedule(db, { kind: 'sla', subjectId: 'r2', dueAt: past() });
    expect(await cancelTimers(db, 'sla', 'r1')).toBe(1);
    const fired: string[] = [];
    await runDueTimers(db, { sla: async (_tx, t) => { fired.push(t.subjectId); } });
    expect(fired).toEqual(['r2']);
  });
});
