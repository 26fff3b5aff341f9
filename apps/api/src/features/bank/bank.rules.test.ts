import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { runDueTimers } from '../../platform/jobs/scheduler.ts';
import { TIMER_HANDLERS } from '../../timers.ts';
import { earn, ledgerProblems, pathOf, regionIdOf, residentOfPhone } from './bank.testkit.ts';
import { pointsBalance } from './bank.service.ts';
import { expireYear, scheduleYearEnd, yearEndsAt } from './bank.expiry.service.ts';

let ctx: TestContext;
let resident: Client, owner: Client, worker: Client, admin: Client, district: Client;
let residentId: string, ownerId: string, community: string, communityId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, owner, worker, admin, district] = await Promise.all([DEMO.partyMember, DEMO.owner, DEMO.worker, DEMO.admin, DEMO.district].map((p) => signIn(ctx.app, p))) as [Client, Client, Client, Client, Client];
  residentId = await residentOfPhone(ctx, DEMO.partyMember);
  ownerId = await residentOfPhone(ctx, DEMO.owner);
  community = (await pathOf(ctx, residentId)).slice(0, 12);
  communityId = await regionIdOf(ctx, community);
});
afterAll(async () => { await ctx.close(); });

const newItem = async (c: Client, body: Record<string, unknown>) => {
  const res = await c.request('POST', '/api/v1/bank/items', { regionId: communityId, provider: '社区超市', title: '大米 5kg', price: 10, stock: 1, perPersonLimit: 1, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const me = async (c: Client) => (await c.request('GET', '/api/v1/bank/me')).json();

describe('earning (creditServicePoints)', () => {
  it('credits whole points at the rate, counts every minute, and is idempotent on the source', async () => {
    const first = await earn(ctx, ownerId, 150, 'general', 'svc-1');
    expect(first.points).toBe(2n);
    expect(first.transactionId).toMatch(/[0-9a-f-]{36}/);
    const again = await earn(ctx, ownerId, 150, 'general', 'svc-1');
    expect(again).toEqual({ points: 0n, transactionId: null });
    const small = await earn(ctx, ownerId, 30, 'general', 'svc-2');
    expect(small).toEqual({ points: 0n, transactionId: null });
    expect(await pointsBalance(ctx.database.db, ownerId)).toBe(2n);
    const mine = await me(owner);
    expect(mine).toMatchObject({ balance: '2', earnedMinutes: 180, unlocked: false });
    // A category with its own rate: 30 minutes a point.
    await ctx.database.db.execute(sql`INSERT INTO bank_rates (id, district_code, category_code, minutes_per_point) VALUES (gen_random_uuid(), ${community.slice(0, 6)}, 'elder_care', 30)`);
    expect((await earn(ctx, ownerId, 95, 'elder_care')).points).toBe(3n);
  });

  it('refuses earnings past the cap, with an audit note, and still counts the minutes', async () => {
    await ctx.database.db.execute(sql`INSERT INTO bank_rules (district_code, balance_cap, unlock_minutes, expiry) VALUES (${community.slice(0, 6)}, 1500, 6000, 'rollover') ON CONFLICT DO NOTHING`);
    const before = await pointsBalance(ctx.database.db, ownerId);
    const res = await earn(ctx, ownerId, 60 * 1500, 'general', 'svc-big');
    expect(res).toEqual({ points: 0n, transactionId: null });
    expect(await pointsBalance(ctx.database.db, ownerId)).toBe(before);
    const note = (await ctx.database.db.execute<{ details: { note: string; source: string } }>(sql`SELECT details FROM audit_log WHERE action = 'bank.earn_refused'`)).rows;
    expect(note).toHaveLength(1);
    expect(note[0]!.details).toMatchObject({ source: 'svc-big', note: expect.stringContaining('上限') });
    expect((await me(owner)).unlocked).toBe(true);
  });
});

describe('moving points', () => {
  it('refuses a gift to oneself, over the balance, and past the receiver\'s cap', async () => {
    await earn(ctx, residentId, 600);
    const self = await resident.request('POST', '/api/v1/bank/me/gifts', { toPersonId: residentId, points: 1 });
    expect(self.json().error.code).toBe('BANK_GIFT_TO_SELF');
    const over = await resident.request('POST', '/api/v1/bank/me/gifts', { toPersonId: ownerId, points: 11 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('BANK_INSUFFICIENT_POINTS');
    for (const bad of [0, -1, 1.5, '1e3', 'abc']) {
      expect((await resident.request('POST', '/api/v1/bank/me/gifts', { toPersonId: ownerId, points: bad })).json().error.code).toBe('BANK_POINTS_INVALID');
    }
    const ok = await resident.request('POST', '/api/v1/bank/me/gifts', { toPersonId: ownerId, points: '4', note: '给邻居' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().balance).toBe('6');
    // Lower the cap under the owner's balance: a transfer to them is refused, nothing written.
    await ctx.database.db.execute(sql`UPDATE bank_rules SET balance_cap = 5 WHERE district_code = ${community.slice(0, 6)}`);
    const capped = await resident.request('POST', '/api/v1/bank/me/gifts', { toPersonId: ownerId, points: 1 });
    expect(capped.json().error.code).toBe('BANK_BALANCE_CAP');
    expect(await pointsBalance(ctx.database.db, residentId)).toBe(6n);
    await ctx.database.db.execute(sql`UPDATE bank_rules SET balance_cap = 1500 WHERE district_code = ${community.slice(0, 6)}`);
    expect(await ledgerProblems(ctx)).toEqual([]);
  });

  it('takes donations into the pool and distributes them down the priority list in order', async () => {
    const listed = (await worker.request('GET', `/api/v1/bank/priority?regionId=${communityId}`)).json() as { personId: string; received: string }[];
    const don = await resident.request('POST', '/api/v1/bank/me/donations', { points: 2 });
    expect(don.statusCode, don.body).toBe(201);
    expect((await worker.request('POST', '/api/v1/bank/priority', { regionId: communityId, personId: ownerId, reason: '独居老人' })).statusCode).toBe(201);
    const pool = ((await worker.request('GET', `/api/v1/bank/books?regionId=${communityId}`)).json().accounts as { kind: string; balance: string }[]).find((a) => a.kind === 'pool')!.balance;
    expect(BigInt(pool)).toBeGreaterThanOrEqual(2n);
    // The first on the list gets the whole pool, then goes to the end of the list.
    const first = listed[0]?.personId ?? ownerId;
    const d = await worker.request('POST', '/api/v1/bank/priority/distribute', { regionId: communityId, points: pool });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json().personId).toBe(first);
    const empty = await worker.request('POST', '/api/v1/bank/priority/distribute', { regionId: communityId, points: 1 });
    expect(empty.json().error.code).toBe('BANK_INSUFFICIENT_POINTS');
    const after = (await worker.request('GET', `/api/v1/bank/priority?regionId=${communityId}`)).json() as { personId: string; received: string }[];
    expect(after.at(-1)).toMatchObject({ personId: first, received: String(BigInt(listed[0]?.received ?? '0') + BigInt(pool)) });
    expect(await ledgerProblems(ctx)).toEqual([]);
  });
});

describe('orders', () => {
  it('refuses an order before the redemption unlock', async () => {
    const item = await newItem(worker, { title: '理发券', price: 1, stock: 5 });
    const res = await resident.request('POST', '/api/v1/bank/orders', { itemId: item });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('BANK_REDEMPTION_LOCKED');
  });

  it('gives the last item to exactly one of two concurrent orders', async () => {
    await earn(ctx, residentId, 6000);
    const item = await newItem(worker, { title: '电影票', price: 3, stock: 1 });
    const [a, b] = await Promise.all([resident.request('POST', '/api/v1/bank/orders', { itemId: item }), owner.request('POST', '/api/v1/bank/orders', { itemId: item })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('BANK_OUT_OF_STOCK');
    const [row] = (await ctx.database.db.execute<{ stock: number }>(sql`SELECT stock FROM bank_items WHERE id = ${item}`)).rows;
    expect(row!.stock).toBe(0);
    expect(Number((await ctx.database.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM bank_orders WHERE item_id = ${item}`)).rows[0]!.n)).toBe(1);
    expect(await ledgerProblems(ctx)).toEqual([]);
  });

  it('holds points in escrow until receipt; a cancel refunds and restocks; the per-person limit holds', async () => {
    const item = await newItem(worker, { title: '洗衣券', price: 5, stock: 3 });
    const before = await pointsBalance(ctx.database.db, residentId);
    const o = await resident.request('POST', '/api/v1/bank/orders', { itemId: item });
    expect(o.statusCode, o.body).toBe(201);
    expect((await resident.request('POST', '/api/v1/bank/orders', { itemId: item })).json().error.code).toBe('BANK_LIMIT_REACHED');
    expect(await pointsBalance(ctx.database.db, residentId)).toBe(before - 5n);
    const id = o.json().id;
    expect((await resident.request('POST', `/api/v1/bank/orders/${id}/confirm`)).json().error.code).toBe('BANK_ORDER_STATE');
    expect((await resident.request('POST', `/api/v1/bank/orders/${id}/cancel`)).statusCode).toBe(200);
    expect(await pointsBalance(ctx.database.db, residentId)).toBe(before);
    expect((await ctx.database.db.execute<{ stock: number }>(sql`SELECT stock FROM bank_items WHERE id = ${item}`)).rows[0]!.stock).toBe(3);
    const o2 = (await resident.request('POST', '/api/v1/bank/orders', { itemId: item })).json().id;
    expect((await worker.request('POST', `/api/v1/bank/orders/${o2}/fulfil`)).statusCode).toBe(200);
    expect((await resident.request('POST', `/api/v1/bank/orders/${o2}/cancel`)).json().error.code).toBe('BANK_ORDER_STATE');
    expect((await resident.request('POST', `/api/v1/bank/orders/${o2}/confirm`)).statusCode).toBe(200);
    expect((await me(resident)).history[0]).toMatchObject({ kind: 'order', change: '-5' });
    const books = (await worker.request('GET', `/api/v1/bank/books?regionId=${communityId}`)).json();
    expect(books.accounts).toEqual(expect.arrayContaining([{ kind: 'redeemed', balance: '5' }, { kind: 'escrow', balance: '3' }]));
    // The district's head office sums its subtree.
    const districtId = await regionIdOf(ctx, community.slice(0, 6));
    const head = (await district.request('GET', `/api/v1/bank/books?regionId=${districtId}`)).json();
    expect(head.office.tier).toBe('head');
    expect(head.outstanding).toBe(books.outstanding);
    expect(await ledgerProblems(ctx)).toEqual([]);
  });

  it('keeps staff of one community out of another office (404), and residents out of others\' orders', async () => {
    const other = (await ctx.database.db.execute<{ id: string; code: string }>(sql`SELECT id, code FROM regions WHERE level = 'community' AND code <> ${community} ORDER BY code LIMIT 1`)).rows[0]!;
    const res = await admin.request('POST', '/api/v1/bank/items', { regionId: other.id, provider: '外社区', title: '外社区物品', price: 1, stock: 1 });
    expect(res.statusCode).toBe(201);
    expect((await worker.request('PATCH', `/api/v1/bank/items/${res.json().id}`, { active: false })).statusCode).toBe(404);
    expect((await worker.request('GET', `/api/v1/bank/items?regionId=${other.id}`)).statusCode).toBe(404);
    expect((await resident.request('POST', '/api/v1/bank/orders', { itemId: res.json().id })).json().error.code).toBe('BANK_ITEM_NOT_FOUND');
    const mine = (await resident.request('GET', '/api/v1/bank/me/orders')).json();
    expect((await owner.request('POST', `/api/v1/bank/orders/${mine[0].id}/confirm`)).statusCode).toBe(404);
    expect((await resident.request('GET', `/api/v1/bank/books?regionId=${communityId}`)).statusCode).toBe(403);
  });
});

describe('year end', () => {
  it('expires balances once per account where the rule says so, and leaves rollover districts alone', async () => {
    const year = new Date().getUTCFullYear();
    expect(await ctx.database.db.transaction((tx) => expireYear(tx, SYSTEM_ACTOR, year))).toBe(0);
    await ctx.database.db.execute(sql`UPDATE bank_rules SET expiry = 'expire_end_of_year' WHERE district_code = ${community.slice(0, 6)}`);
    await ctx.database.db.transaction((tx) => scheduleYearEnd(tx, year));
    await ctx.database.db.transaction((tx) => scheduleYearEnd(tx, year));
    const fired = await runDueTimers(ctx.database.db, TIMER_HANDLERS, { now: () => new Date(yearEndsAt(year).getTime() + 1000) });
    expect(fired).toBeGreaterThanOrEqual(1);
    expect(await pointsBalance(ctx.database.db, residentId)).toBe(0n);
    expect(await pointsBalance(ctx.database.db, ownerId)).toBe(0n);
    const n = Number((await ctx.database.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM bank_transactions WHERE kind = 'expire'`)).rows[0]!.n);
    expect(n).toBeGreaterThanOrEqual(2);
    expect(await ctx.database.db.transaction((tx) => expireYear(tx, SYSTEM_ACTOR, year))).toBe(0);
    expect(Number((await ctx.database.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM bank_transactions WHERE kind = 'expire'`)).rows[0]!.n)).toBe(n);
    expect((await ctx.database.db.execute(sql`SELECT 1 FROM timers WHERE kind = 'bank.year_end' AND subject_id = ${String(year + 1)} AND fired_at IS NULL`)).rows).toHaveLength(1);
    await expect(ctx.database.db.execute(sql`UPDATE bank_postings SET amount = 0`)).rejects.toMatchObject({ cause: { code: 'GZ001' } });
    expect(await ledgerProblems(ctx)).toEqual([]);
  });
});
