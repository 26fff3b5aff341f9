import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { regions } from '../org/org.table.ts';
import { requests } from '../requests/requests.table.ts';
import { open311Keys } from './open311.table.ts';
import { createOpen311Key, revokeOpen311Key } from './open311.keys.ts';
import { form, pointIn } from './open311.testkit.ts';

let ctx: TestContext;
let district: Client, street: Client;
let point: { lat: number; long: number };

beforeAll(async () => {
  ctx = await createTestContext();
  [district, street] = await Promise.all([signIn(ctx.app, DEMO.district), signIn(ctx.app, DEMO.street)]);
  point = await pointIn(ctx.database.db, '510108001001001001');
});
afterAll(async () => { await ctx.close(); });

const post = (key: string, extra: Record<string, string | number> = {}) => ctx.app.inject({
  method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: form({ api_key: key, service_code: 'street_order', ...point, ...extra }),
});

describe('Open311 keys', () => {
  it('are created by a district officer for their district, shown once, and stored only as a hash', async () => {
    const res = await district.request('POST', '/api/v1/open311/keys', { name: '12345 热线对接' });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({ name: '12345 热线对接', districtCode: '510108', revokedAt: null, key: expect.stringMatching(/^o311_[\w-]{40,}$/) });
    const [row] = await ctx.database.db.select().from(open311Keys).where(eq(open311Keys.id, made.id));
    expect(row!.keyHash).toBe(createHash('sha256').update(made.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(made.key);
    const [audited] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.subjectId, made.id));
    expect(audited).toMatchObject({ action: 'open311_key.create', subjectType: 'open311_key', regionPath: '510108' });

    const list = await district.request('GET', '/api/v1/open311/keys');
    const listed = list.json().find((k: { id: string }) => k.id === made.id);
    expect(listed).toEqual({ id: made.id, name: '12345 热线对接', districtCode: '510108', createdAt: made.createdAt, revokedAt: null });
    expect(list.body).not.toContain(made.key);
    expect((await post(made.key)).statusCode).toBe(200);
  });

  it('are managed by district officers and system admins only', async () => {
    expect((await street.request('POST', '/api/v1/open311/keys', { name: 'x', districtCode: '510108' })).statusCode).toBe(403);
    expect((await street.request('GET', '/api/v1/open311/keys')).statusCode).toBe(403);
    const resident = await signIn(ctx.app, DEMO.resident);
    expect((await resident.request('POST', '/api/v1/open311/keys', { name: 'x' })).statusCode).toBe(403);
    const made = await createOpen311Key(ctx.database.db, SYSTEM_ACTOR, { name: 'app', districtCode: '510108' });
    expect((await street.request('DELETE', `/api/v1/open311/keys/${made.id}`)).statusCode).toBe(404);
    await expect(createOpen311Key(ctx.database.db, SYSTEM_ACTOR, { name: 'nowhere', districtCode: '999999' })).rejects.toMatchObject({ code: 'REGION_NOT_FOUND' });
  });

  it('stop working the moment they are revoked', async () => {
    const made = await createOpen311Key(ctx.database.db, SYSTEM_ACTOR, { name: 'to revoke', districtCode: '510108' });
    expect((await post(made.key)).statusCode).toBe(200);
    expect((await district.request('DELETE', `/api/v1/open311/keys/${made.id}`)).statusCode).toBe(204);
    const refused = await post(made.key);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    await revokeOpen311Key(ctx.database.db, SYSTEM_ACTOR, made.id); // again: nothing changes
    const listed = (await district.request('GET', '/api/v1/open311/keys')).json().find((k: { id: string }) => k.id === made.id);
    expect(listed.revokedAt).toEqual(expect.any(String));
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.subjectId, made.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['open311_key.create', 'open311_key.revoke']);
  });
});

describe('with several districts', () => {
  let filed: string;
  beforeAll(async () => {
    const own = await createOpen311Key(ctx.database.db, SYSTEM_ACTOR, { name: 'before', districtCode: '510108' });
    filed = (await post(own.key)).json()[0].service_request_id;
    // Sorted as a public matter, so the public may see it (unsorted requests are never shown).
    await ctx.database.db.update(requests).set({ state: 'sorted', matter: 'big' }).where(eq(requests.publicId, filed));
    await ctx.database.db.insert(regions).values({ level: 'district', code: '510104', name: '锦江区', districtCode: '510104' });
  });

  it('needs jurisdiction_id for lists, not for a request by its id', async () => {
    const missing = await ctx.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].code).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/open311/v2/requests.json' })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=510104' })).json()).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: `/open311/v2/requests/${filed}.json` })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: `/open311/v2/requests/${filed}.json?jurisdiction_id=510104` })).statusCode).toBe(404);
  });

  it('files a key’s requests into its own district only', async () => {
    const jinjiang = await createOpen311Key(ctx.database.db, SYSTEM_ACTOR, { name: 'jinjiang', districtCode: '510104' });
    const res = await post(jinjiang.key); // a point in 510108
    expect(res.statusCode).toBe(400);
    expect(res.json()[0].description).toMatch(/辖区/);
    const chenghua = await createOpen311Key(ctx.database.db, SYSTEM_ACTOR, { name: 'chenghua', districtCode: '510108' });
    expect((await post(chenghua.key, { jurisdiction_id: '510104' })).statusCode).toBe(403);
    expect((await post(chenghua.key, { jurisdiction_id: '510108' })).statusCode).toBe(200);
  });
});
