import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { earn, ledgerProblems, pathOf, regionIdOf, residentOfPhone } from './bank.testkit.ts';

let ctx: TestContext;
let people: { client: Client; id: string }[];
let worker: Client;
let communityId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const phones = [DEMO.resident, DEMO.owner, DEMO.partyMember];
  people = await Promise.all(phones.map(async (p) => ({ client: await signIn(ctx.app, p), id: await residentOfPhone(ctx, p) })));
  worker = await signIn(ctx.app, DEMO.worker);
  communityId = await regionIdOf(ctx, (await pathOf(ctx, people[0]!.id)).slice(0, 12));
  // Everyone unlocked, with a modest cap so the cap is hit now and then.
  await ctx.database.db.execute(sql`INSERT INTO bank_rules (district_code, balance_cap, unlock_minutes, expiry) VALUES (${(await pathOf(ctx, people[0]!.id)).slice(0, 6)}, 200, 0, 'rollover')`);
  await worker.request('POST', '/api/v1/bank/priority', { regionId: communityId, personId: people[2]!.id, reason: '独居老人' });
});
afterAll(async () => { await ctx.close(); });

const Op = fc.oneof(
  fc.record({ op: fc.constant('earn' as const), who: fc.nat(2), minutes: fc.integer({ min: 0, max: 1500 }) }),
  fc.record({ op: fc.constant('gift' as const), who: fc.nat(2), to: fc.nat(2), points: fc.integer({ min: -2, max: 30 }) }),
  fc.record({ op: fc.constant('donate' as const), who: fc.nat(2), points: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ op: fc.constant('distribute' as const), points: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ op: fc.constant('order' as const), who: fc.nat(2), price: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('settle' as const), who: fc.nat(2), cancel: fc.boolean() }),
);

describe('the points ledger under random operations', () => {
  it('keeps every transaction summing to zero, balances equal to their postings, and no owned balance below zero', async () => {
    await fc.assert(fc.asyncProperty(fc.array(Op, { minLength: 5, maxLength: 25 }), async (ops) => {
      for (const o of ops) {
        if (o.op === 'earn') await earn(ctx, people[o.who]!.id, o.minutes);
        else if (o.op === 'gift') await people[o.who]!.client.request('POST', '/api/v1/bank/me/gifts', { toPersonId: people[o.to]!.id, points: o.points });
        else if (o.op === 'donate') await people[o.who]!.client.request('POST', '/api/v1/bank/me/donations', { points: o.points });
        else if (o.op === 'distribute') await worker.request('POST', '/api/v1/bank/priority/distribute', { regionId: communityId, points: o.points });
        else if (o.op === 'order') {
          const item = await worker.request('POST', '/api/v1/bank/items', { regionId: communityId, provider: '超市', title: '物品', price: o.price, stock: 1 });
          await people[o.who]!.client.request('POST', '/api/v1/bank/orders', { itemId: item.json().id });
        } else {
          const open = ((await people[o.who]!.client.request('GET', '/api/v1/bank/me/orders')).json() as { id: string; state: string }[]).find((x) => x.state === 'ordered');
          if (!open) continue;
          if (o.cancel) await people[o.who]!.client.request('POST', `/api/v1/bank/orders/${open.id}/cancel`);
          else {
            await worker.request('POST', `/api/v1/bank/orders/${open.id}/fulfil`);
            await people[o.who]!.client.request('POST', `/api/v1/bank/orders/${open.id}/confirm`);
          }
        }
      }
      expect(await ledgerProblems(ctx)).toEqual([]);
      const over = (await ctx.database.db.execute(sql`SELECT id FROM bank_accounts WHERE kind = 'person' AND balance > 200`)).rows;
      expect(over).toEqual([]);
    }), { numRuns: 12 });
    const n = Number((await ctx.database.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM bank_transactions`)).rows[0]!.n);
    expect(n).toBeGreaterThan(10);
  }, 240_000);
});
