import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, signIn, type TestContext } from '../test/harness.ts';
import { idempotencyKeys } from './platform/http/idempotency.table.ts';
import { housekeeping } from './housekeeping.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('housekeeping', () => {
  it('forgets day-old idempotent answers and keeps today’s', async () => {
    const db = ctx.database.db;
    await db.insert(idempotencyKeys).values([
      { owner: 'u', key: 'old', requestHash: 'h', createdAt: new Date(Date.now() - 2 * 86_400_000) },
      { owner: 'u', key: 'new', requestHash: 'h' },
    ]);
    expect((await housekeeping(db)).idempotencyKeys).toBe(1);
    expect((await db.select().from(idempotencyKeys)).map((k) => k.key)).toEqual(['new']);
  });

  it('removes sessions a week after they ended, not before', async () => {
    const live = await signIn(ctx.app, DEMO.worker);
    const ended = await signIn(ctx.app, DEMO.grid);
    await ended.request('DELETE', '/api/v1/session');
    expect((await housekeeping(ctx.database.db)).sessions).toBe(0);
    expect((await live.request('GET', '/api/v1/session')).statusCode).toBe(200);
    const removed = await housekeeping(ctx.database.db, new Date(Date.now() + 8 * 86_400_000));
    expect(removed.sessions).toBe(2);
    expect((await live.request('GET', '/api/v1/session')).statusCode).toBe(401);
  });
});
