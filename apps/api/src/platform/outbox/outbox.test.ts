import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { outbox } from './outbox.table.ts';
import { deliverPending, enqueue, logAdapter, MAX_DELIVERY_ATTEMPTS, type OutboxAdapter } from './outbox.ts';

let ctx: TestContext;
let second: Database;
beforeAll(async () => { ctx = await createTestContext(); second = openDatabase(ctx.url, { max: 3 }); });
afterAll(async () => { await second.close(); await ctx.close(); });
beforeEach(async () => { await ctx.database.db.delete(outbox); });

describe('outbox', () => {
  it('queues a message only if the transaction that causes it commits', async () => {
    const db = ctx.database.db;
    await db.transaction(async (tx) => { await enqueue(tx, { channel: 'sms', template: 'kept', payload: {} }); });
    await db.transaction(async (tx) => {
      await enqueue(tx, { channel: 'sms', template: 'rolled-back', payload: {} });
      tx.rollback();
    }).catch(() => {});
    const rows = await db.select().from(outbox);
    expect(rows.map((r) => r.template)).toEqual(['kept']);
  });

  it('delivers each message once with two deliverers racing, and the log adapter says what it sent', async () => {
    const db = ctx.database.db;
    for (let i = 0; i < 30; i++) await enqueue(db, { channel: 'wechat', template: 'notice', payload: { i } });
    const lines: string[] = [];
    const adapter = logAdapter((l) => lines.push(l));
    const [a, b] = await Promise.all([deliverPending(db, adapter), deliverPending(second.db, adapter)]);
    expect(a + b).toBe(30);
    expect(lines).toHaveLength(30);
    expect(lines[0]).toMatch(/^\[outbox\] wechat notice/);
    const rows = await db.select().from(outbox);
    expect(rows.every((r) => r.deliveredAt && r.deliveredBy === 'log')).toBe(true);
  });

  it('counts failed deliveries and gives up after the limit', async () => {
    const db = ctx.database.db;
    await enqueue(db, { channel: 'email', template: 'x', payload: {} });
    const failing: OutboxAdapter = { name: 'smtp', deliver: async () => { throw new Error('smtp refused'); } };
    // Each failure pushes the next try back; the test moves the clock past it each time.
    // A second ahead: the row's first due time is PostgreSQL's now(), with microseconds that a JS
    // millisecond clock taken in the same millisecond would fall short of.
    let clock = Date.now() + 1000;
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      expect(await deliverPending(db, failing, { now: () => new Date(clock) })).toBe(0);
      const [r] = await db.select().from(outbox);
      expect(r!.attempts).toBe(i + 1);
      expect(await deliverPending(db, failing, { now: () => new Date(clock) })).toBe(0);
      expect((await db.select().from(outbox))[0]!.attempts).toBe(i + 1); // not retried before its time
      clock = r!.nextAttemptAt.getTime() + 1;
    }
    const [row] = await db.select().from(outbox);
    expect(row!.attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(row!.failedAt).not.toBeNull();
    expect(row!.lastError).toBe('smtp refused');
    expect(await deliverPending(db, logAdapter(() => {}), { now: () => new Date(clock) })).toBe(0);
  });
});
