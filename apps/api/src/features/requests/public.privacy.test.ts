import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { pointIn } from '../open311/open311.testkit.ts';
import { requests } from './requests.table.ts';

// Issue 14 · item 4: a request's free text, reporter and id as the public and other residents see them.

let ctx: TestContext;
let resident: Client, worker: Client, neighbour: Client;
let point: { lat: number; long: number };
const PHONE = '13812345678';
const ID_NUMBER = '510104199003071234';
const EMAIL = 'wang.ayi@example.com';
const TEXT = `楼道灯坏了三天，请联系王阿姨 ${PHONE}，身份证 ${ID_NUMBER}，邮箱 ${EMAIL}`;

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, worker, neighbour] = await Promise.all([signIn(ctx.app, DEMO.resident), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.partner)]);
  point = await pointIn(ctx.database.db, '510108001001001001');
});
afterAll(async () => { await ctx.close(); });

const file = async (anonymous: boolean) => {
  const made = await resident.request('POST', '/api/v1/requests', { description: TEXT, anonymous, lat: point.lat, lng: point.long });
  expect(made.statusCode, made.body).toBe(201);
  const [row] = await ctx.database.db.select().from(requests).where(eq(requests.id, made.json().id));
  return row!;
};
const sort = async (id: string, matter: 'small' | 'private') =>
  expect((await worker.request('POST', `/api/v1/requests/${id}/events`, { event: 'sort', matter })).statusCode).toBe(200);
const similar = async (who: Client) => (await who.request('GET', `/api/v1/requests/similar?lat=${point.lat}&lng=${point.long}`)).json() as { id: string; number: string; description: string }[];

describe('a request seen by anyone but staff in scope', () => {
  it('is shown by "similar" to another resident only once sorted, by its public id, masked; never if private', async () => {
    const r = await file(false);
    const before = await similar(neighbour);
    expect(before.map((x) => x.id)).not.toContain(r.id);
    expect(before.map((x) => x.id)).not.toContain(r.publicId);
    await sort(r.id, 'small');
    const list = await similar(neighbour);
    const after = list.find((x) => x.id === r.publicId)!;
    expect(after.description).toContain('王阿姨 138****5678');
    // Neither the internal id nor the sequential staff number reaches another resident.
    expect(after.number).toBe('');
    for (const internal of [r.id, r.number]) expect(JSON.stringify(list)).not.toContain(internal);
    for (const secret of [PHONE, ID_NUMBER, EMAIL]) expect(after.description).not.toContain(secret);
    const own = await file(false);
    await sort(own.id, 'private');
    expect((await similar(neighbour)).map((x) => x.id)).not.toContain(own.id);
    // Staff in scope still read it whole.
    expect((await worker.request('GET', `/api/v1/requests/${r.id}`)).json().description).toBe(TEXT);
  });

  it('leaks neither the numbers nor the reporter through any public endpoint, anonymous or not, by any id', async () => {
    const named = await file(false);
    const anon = await file(true);
    await sort(named.id, 'small');
    await sort(anon.id, 'small');
    const unsorted = await file(false);
    const secrets = [PHONE, ID_NUMBER, EMAIL, DEMO.resident, named.reporterName!, anon.reporterName!];
    // Every public GET route of the live route table, each path parameter tried with every id a
    // request has (public id, internal id, staff number), in both Open311 formats.
    const routes = ctx.app.routeTable.filter((r) => r.method === 'GET' && r.access === 'public');
    expect(routes.length).toBeGreaterThan(5);
    const ids = [named, anon, unsorted].flatMap((r) => [r.publicId, r.id, r.number]);
    let walked = 0;
    for (const route of routes) {
      const values = /:[A-Za-z_]+/.test(route.url) ? ids.flatMap((id) => (/:file/.test(route.url) ? [`${id}.json`, `${id}.xml`] : [id])) : [''];
      for (const v of values) {
        const url = route.url.replace(/:[A-Za-z_]+/g, v) + '?jurisdiction_id=510108';
        const res = await ctx.app.inject({ method: 'GET', url });
        walked++;
        for (const secret of secrets) expect(res.body, `${url} shows ${secret}`).not.toContain(secret);
        // The unsorted request shows nothing at all, by any of its ids (an error may echo the id asked).
        if ([unsorted.publicId, unsorted.id, unsorted.number].some((x) => v.startsWith(x))) expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        else expect(res.body, url).not.toContain(unsorted.publicId);
      }
    }
    expect(walked).toBeGreaterThan(20);
    // The two sorted ones are public, by their public id only, masked.
    const listed = (await ctx.app.inject({ method: 'GET', url: '/open311/v2/requests.json?jurisdiction_id=510108' })).json() as { service_request_id: string; description: string }[];
    const mine = listed.filter((x) => [named.publicId, anon.publicId].includes(x.service_request_id));
    expect(mine).toHaveLength(2);
    for (const x of mine) expect(x.description).toBe('楼道灯坏了三天，请联系王阿姨 138****5678，身份证 510***********1234，邮箱 w***@example.com');
    expect((await ctx.app.inject({ method: 'GET', url: `/open311/v2/requests/${named.number}.json` })).statusCode).toBe(404);
  });

  it('answers follow on a request that is not public (unsorted, private, merged) as for a missing one (probe item 4)', async () => {
    const follow = (who: Client, id: string) => who.request('POST', `/api/v1/requests/${id}/follow`);
    const missing = await follow(neighbour, '00000000-0000-7000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    const unsorted = await file(false);
    const priv = await file(false);
    await sort(priv.id, 'private');
    const merged = await file(false);
    const into = await file(false);
    await sort(into.id, 'small');
    const merging = await worker.request('POST', `/api/v1/requests/${merged.id}/events`, { event: 'merge', intoId: into.id });
    expect(merging.statusCode, merging.body).toBe(200);
    for (const r of [unsorted, priv, merged]) {
      for (const id of [r.id, r.publicId]) {
        const res = await follow(neighbour, id);
        expect([res.statusCode, res.json().error?.code]).toEqual([404, missing.json().error?.code]);
      }
    }
    // The reporter may follow their own unsorted request, and a neighbour a public one by its public id.
    expect((await follow(resident, unsorted.id)).statusCode).toBe(204);
    expect((await follow(neighbour, into.publicId)).statusCode).toBe(204);
  });

  it('erases the reporter\'s own name from the text other residents and the public read (probe item 2)', async () => {
    const made = await resident.request('POST', '/api/v1/requests', { description: '楼道灯坏了', address: '1栋楼下', lat: point.lat, lng: point.long });
    const [row] = await ctx.database.db.select().from(requests).where(eq(requests.id, made.json().id));
    const name = row!.reporterName!;
    expect(name.length).toBeGreaterThanOrEqual(2);
    // The resident wrote their own name into the words and the address, as residents do.
    await ctx.database.db.update(requests).set({ description: `我是${name}，楼道灯坏了`, address: `1栋 ${name} 楼下` }).where(eq(requests.id, row!.id));
    await sort(row!.id, 'small');
    const seen = (await similar(neighbour)).find((x) => x.id === row!.publicId)!;
    expect(seen.description).toBe('我是某某，楼道灯坏了');
    const pub = (await ctx.app.inject({ method: 'GET', url: `/open311/v2/requests/${row!.publicId}.json?jurisdiction_id=510108` })).json()[0];
    expect(pub).toMatchObject({ description: '我是某某，楼道灯坏了', address: '1栋 某某 楼下' });
  });
});
