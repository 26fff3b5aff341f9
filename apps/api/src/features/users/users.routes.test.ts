import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { regions } from '../org/org.table.ts';

const PASSWORD = 'Wangge2026';
type Grant = { id: string; role: string; regionId: string | null; regionPath: string | null };
type User = { id: string; name: string; phone: string; disabled: boolean; grants: Grant[] };

let ctx: TestContext;
let admin: Client, street: Client;
const regionId = async (code: string) => (await ctx.database.db.select().from(regions).where(eq(regions.code, code)))[0]!.id;
const mask = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
const allUsers = async (c: Client) => {
  const res = await c.request('GET', '/api/v1/users?limit=200');
  expect(res.statusCode).toBe(200);
  return res.json() as { items: User[]; total: number };
};
const signInStatus = async (phone: string, password = PASSWORD) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/session', payload: { phone, password } });
/** Creates a grid worker in the first street's second community through the street officer. */
const createGridWorker = async (phone: string, name = '新网格员') =>
  street.request('POST', '/api/v1/users', { name, phone, password: PASSWORD, grants: [{ role: 'grid_worker', regionId: await regionId('510108001002001') }] });

beforeAll(async () => {
  ctx = await createTestContext();
  [admin, street] = await Promise.all([signIn(ctx.app, DEMO.admin), signIn(ctx.app, DEMO.street)]);
});
afterAll(async () => { await ctx.close(); });

describe('listing users', () => {
  it('shows a platform administrator every account', async () => {
    const [{ n }] = await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(users) as [{ n: number }];
    const list = await allUsers(admin);
    expect(list.total).toBe(n);
    expect(list.items.map((u) => u.phone)).toContain(mask(DEMO.district));
    for (const u of list.items) expect(u.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('shows a street officer only users holding a role inside their street', async () => {
    const list = await allUsers(street);
    const phones = list.items.map((u) => u.phone).sort();
    // Everyone bound in street 510108001 (the partner's organisation sits in its second community); not the district's people.
    const expected = [DEMO.street, DEMO.secretary, DEMO.worker, DEMO.grid, DEMO.supervisor, DEMO.partner, DEMO.partyMember, DEMO.resident, DEMO.owner];
    expect(phones).toEqual(expected.map(mask).sort());
    expect(list.total).toBe(expected.length);
    const hidden = (await allUsers(admin)).items.find((u) => u.phone === mask(DEMO.district))!;
    const res = await street.request('GET', `/api/v1/users/${hidden.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
  });

  it('refuses the list to a grid worker', async () => {
    const grid = await signIn(ctx.app, DEMO.grid);
    expect((await grid.request('GET', '/api/v1/users')).statusCode).toBe(403);
  });
});

describe('creating users', () => {
  it('lets a street officer create a grid worker in their street, who can then sign in', async () => {
    const res = await createGridWorker('13712345678');
    expect(res.statusCode).toBe(201);
    const body = res.json() as User;
    expect(body).toMatchObject({ name: '新网格员', phone: '137****5678', disabled: false });
    expect(body.grants).toEqual([expect.objectContaining({ role: 'grid_worker', regionPath: '510108001002001' })]);
    expect(JSON.stringify(body)).not.toContain('13712345678');
    const session = await signInStatus('137 1234 5678');
    expect(session.statusCode).toBe(200);
    expect(session.json().grants.map((g: Grant) => g.role)).toEqual(['grid_worker']);
    expect((await allUsers(street)).items.map((u) => u.id)).toContain(body.id);
  });

  it('refuses a weak password, a taken phone and a user without a role', async () => {
    const weak = await street.request('POST', '/api/v1/users', { name: 'x', phone: '13712340001', password: 'password', grants: [] });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_WEAK');
    const taken = await createGridWorker(`+86${DEMO.grid}`);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('PHONE_TAKEN');
    const roleless = await street.request('POST', '/api/v1/users', { name: 'x', phone: '13712340002', password: PASSWORD, grants: [] });
    expect(roleless.statusCode).toBe(422);
    expect(roleless.json().error.code).toBe('ROLE_SCOPE_INVALID');
    expect((await signInStatus('13712340002')).statusCode).toBe(401);
  });
});

describe('granting roles', () => {
  let user: User;
  beforeAll(async () => { user = (await createGridWorker('13712349999', '授权测试')).json(); });

  it('answers 404 for a region in another street and 403 for a role above the granter', async () => {
    const foreign = await street.request('POST', `/api/v1/users/${user.id}/grants`, { role: 'grid_worker', regionId: await regionId('510108002001001') });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('REGION_NOT_FOUND');
    const myStreet = await regionId('510108001');
    for (const body of [{ role: 'district_officer', regionId: myStreet }, { role: 'street_officer', regionId: myStreet }, { role: 'system_admin' }]) {
      const res = await street.request('POST', `/api/v1/users/${user.id}/grants`, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await street.request('GET', `/api/v1/users/${user.id}`)).json().grants).toHaveLength(1);
  });

  it('adds and removes grants, and answers with the user even after their last grant in my scope is gone', async () => {
    const added = await street.request('POST', `/api/v1/users/${user.id}/grants`, { role: 'community_worker', regionId: await regionId('510108001002') });
    expect(added.statusCode).toBe(201);
    const grants = (added.json() as User).grants;
    expect(grants.map((g) => g.role)).toEqual(['grid_worker', 'community_worker']);
    const first = await street.request('DELETE', `/api/v1/users/${user.id}/grants/${grants[0]!.id}`);
    expect(first.statusCode).toBe(200);
    expect((first.json() as User).grants.map((g) => g.role)).toEqual(['community_worker']);
    const last = await street.request('DELETE', `/api/v1/users/${user.id}/grants/${grants[1]!.id}`);
    expect(last.statusCode).toBe(200);
    expect(last.json()).toMatchObject({ id: user.id, grants: [] });
    const removed = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.grant.remove'), eq(auditLog.subjectId, user.id)));
    expect(removed).toHaveLength(2);
    // Without a role in the street the user is no longer the street officer's to see.
    expect((await street.request('GET', `/api/v1/users/${user.id}`)).statusCode).toBe(404);
  });
});

describe('disabling users', () => {
  it('stops a disabled user signing in and ends their sessions, until enabled again', async () => {
    const user = (await createGridWorker('13712348888', '停用测试')).json() as User;
    const client = await signIn(ctx.app, '13712348888', PASSWORD);
    const off = await street.request('PATCH', `/api/v1/users/${user.id}`, { disabled: true });
    expect(off.statusCode).toBe(200);
    expect(off.json().disabled).toBe(true);
    const refused = await signInStatus('13712348888');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ACCOUNT_DISABLED');
    expect((await client.request('GET', '/api/v1/session')).statusCode).toBe(401);
    // A wrong password still says only that the credentials are wrong.
    expect((await signInStatus('13712348888', 'Wrong2026x')).json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await street.request('PATCH', `/api/v1/users/${user.id}`, { disabled: false })).json().disabled).toBe(false);
    expect((await signInStatus('13712348888')).statusCode).toBe(200);
  });

  it('does not let a street officer disable a peer of the same rank, or themselves', async () => {
    const peer = await admin.request('POST', '/api/v1/users', {
      name: '同级干部', phone: '13712347777', password: PASSWORD, grants: [{ role: 'street_officer', regionId: await regionId('510108001') }],
    });
    expect(peer.statusCode).toBe(201);
    const me = (await street.request('GET', '/api/v1/session')).json().user.id as string;
    for (const id of [peer.json().id, me]) {
      const res = await street.request('PATCH', `/api/v1/users/${id}`, { disabled: true });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await signInStatus('13712347777')).statusCode).toBe(200);
    expect((await admin.request('PATCH', `/api/v1/users/${peer.json().id}`, { disabled: true })).statusCode).toBe(200);
    // Not even an administrator disables their own account.
    const adminId = (await admin.request('GET', '/api/v1/session')).json().user.id as string;
    expect((await admin.request('PATCH', `/api/v1/users/${adminId}`, { disabled: true })).statusCode).toBe(403);
    expect((await signInStatus(DEMO.admin, 'gongzhi2026')).statusCode).toBe(200);
  });

  it('refuses a weak new password', async () => {
    const user = (await createGridWorker('13712346666', '改密测试')).json() as User;
    const res = await street.request('PATCH', `/api/v1/users/${user.id}`, { password: 'abcdefgh' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PASSWORD_WEAK');
  });
});
