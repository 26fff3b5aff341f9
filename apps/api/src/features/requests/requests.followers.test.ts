import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { pointIn } from '../open311/open311.testkit.ts';
import { requestFollowers } from './requests.table.ts';

// Probe 2 · item 4: a neighbour follows only a public request. When it stops being public (sorted
// private, merged away) they are dropped and hear nothing more about it; the reporter still does.

let ctx: TestContext;
let resident: Client, worker: Client, neighbour: Client;
let neighbourId: string, residentId: string;
let point: { lat: number; long: number };

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, worker, neighbour] = await Promise.all([signIn(ctx.app, DEMO.resident), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.owner)]);
  neighbourId = (await neighbour.request('GET', '/api/v1/session')).json().user.id as string;
  residentId = (await resident.request('GET', '/api/v1/session')).json().user.id as string;
  point = await pointIn(ctx.database.db, '510108001001001001');
});
afterAll(async () => { await ctx.close(); });

const act = async (id: string, body: Record<string, unknown>) => {
  const res = await worker.request('POST', `/api/v1/requests/${id}/events`, body);
  expect(res.statusCode, res.body).toBe(200);
};
/** A public request of the resident's, followed by the neighbour. */
async function followedPublic(text: string) {
  const made = await resident.request('POST', '/api/v1/requests', { description: text, lat: point.lat, lng: point.long });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  await act(id, { event: 'sort', matter: 'small' });
  expect((await neighbour.request('POST', `/api/v1/requests/${id}/follow`)).statusCode).toBe(204);
  return id;
}
const noticesTo = async (userId: string, requestId: string) => ctx.database.db.select().from(outbox)
  .where(and(eq(outbox.recipientUserId, userId), sql`${outbox.payload}->>'requestId' = ${requestId}`));
const followersOf = async (requestId: string) => (await ctx.database.db.select().from(requestFollowers).where(eq(requestFollowers.requestId, requestId))).map((f) => f.userId);

describe('followers of a request that stops being public', () => {
  it('re-sorted as private: the neighbour is dropped and gets no notice, now or later; the reporter does', async () => {
    const id = await followedPublic('小区东门路灯不亮，晚上走路看不清');
    expect(await followersOf(id)).toContain(neighbourId);
    const before = (await noticesTo(neighbourId, id)).length;
    await act(id, { event: 'sort', matter: 'private' });
    expect(await followersOf(id)).not.toContain(neighbourId);
    await act(id, { event: 'reject', reason: '属私人事务，请自行协商' });
    expect(await noticesTo(neighbourId, id)).toHaveLength(before);
    expect((await noticesTo(residentId, id)).map((n) => n.template)).toEqual(expect.arrayContaining(['request.sort', 'request.reject']));
  });

  it('merged into another: the neighbour stops following the merged one and is not told of the merge', async () => {
    const merged = await followedPublic('东门口垃圾桶满了没人清');
    const into = await followedPublic('东门口垃圾桶满了好几天');
    const before = (await noticesTo(neighbourId, merged)).length;
    await act(merged, { event: 'merge', intoId: into });
    expect(await followersOf(merged)).not.toContain(neighbourId);
    expect(await noticesTo(neighbourId, merged)).toHaveLength(before);
    // The public request it was merged into is still followed.
    expect(await followersOf(into)).toContain(neighbourId);
  });
});
