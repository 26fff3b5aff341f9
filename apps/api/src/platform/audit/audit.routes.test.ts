import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like, sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { regions } from '../../features/org/org.table.ts';
import { auditLog } from './audit.table.ts';

type Entry = { id: string; action: string; subjectId: string | null; regionPath: string | null; actorId: string | null };
type Page = { items: Entry[]; total: number };

let ctx: TestContext;
let admin: Client, auditor: Client, grid: Client, street: Client;
let revealed: string;
const regionId = async (code: string) => (await ctx.database.db.select().from(regions).where(eq(regions.code, code)))[0]!.id;
const search = async (c: Client, query: string) => {
  const res = await c.request('GET', `/api/v1/audit?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as Page;
};
const rowsWhere = async (cond?: ReturnType<typeof like>) =>
  (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(cond))[0]!.n;

beforeAll(async () => {
  ctx = await createTestContext();
  [admin, auditor, grid, street] = await Promise.all([
    signIn(ctx.app, DEMO.admin), signIn(ctx.app, DEMO.auditor), signIn(ctx.app, DEMO.grid), signIn(ctx.app, DEMO.street),
  ]);
  const r = (await grid.request('GET', '/api/v1/residents?limit=1')).json().items[0];
  revealed = r.id;
  expect((await grid.request('POST', `/api/v1/residents/${r.id}/reveal`, { field: 'phone' })).statusCode).toBe(200);
});
afterAll(async () => { await ctx.close(); });

describe('the audit log', () => {
  it('shows a district auditor the reveals in their district', async () => {
    const page = await search(auditor, 'action=resident.reveal');
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ action: 'resident.reveal', subjectId: revealed });
    expect(page.items[0]!.regionPath!.startsWith('510108001001001')).toBe(true);
  });

  it('shows the auditor every entry of their district and nothing without a region', async () => {
    const page = await search(auditor, 'limit=200');
    expect(page.total).toBe(await rowsWhere(like(auditLog.regionPath, '510108%')));
    expect(page.total).toBeLessThan(await rowsWhere());
    expect(page.items.every((e) => e.regionPath?.startsWith('510108'))).toBe(true);
    expect((await search(auditor, 'action=session')).total).toBe(0);
    expect((await search(admin, 'action=session.create')).total).toBeGreaterThanOrEqual(4);
  });

  it('shows an administrator everything', async () => {
    const page = await search(admin, 'limit=1');
    expect(page.total).toBe(await rowsWhere());
    const seed = await search(admin, 'action=seed.demo');
    expect(seed.total).toBe(1);
  });

  it('filters by action prefix and by subject, with LIKE wildcards taken literally', async () => {
    const prefix = await search(admin, 'action=resident.&limit=200');
    expect(prefix.total).toBeGreaterThan(0);
    expect(prefix.items.every((e) => e.action.startsWith('resident.'))).toBe(true);
    expect((await search(admin, `action=${encodeURIComponent('resident%')}`)).total).toBe(0);
    expect((await search(admin, 'action=resident_reveal')).total).toBe(0);
    const bySubject = await search(admin, `subjectId=${revealed}`);
    expect(bySubject.total).toBe(1);
    expect(bySubject.items.every((e) => e.subjectId === revealed)).toBe(true);
  });

  it('files a street officer creating an account under the region of its role, for the district auditor', async () => {
    const made = await street.request('POST', '/api/v1/users', {
      name: '审计可见', phone: '13612345678', password: 'Wangge2026', grants: [{ role: 'grid_worker', regionId: await regionId('510108001001002') }],
    });
    expect(made.statusCode).toBe(201);
    const page = await search(auditor, `subjectId=${made.json().id}`);
    expect(page.items.map((e) => e.action).sort()).toEqual(['user.create', 'user.grant.add']);
  });

  it('limits an auditor of another street to that street', async () => {
    const made = await admin.request('POST', '/api/v1/users', {
      name: '街道审计', phone: '13612340000', password: 'Wangge2026', grants: [{ role: 'auditor', regionId: await regionId('510108002') }],
    });
    expect(made.statusCode).toBe(201);
    const other = await signIn(ctx.app, '13612340000', 'Wangge2026');
    expect((await search(other, `subjectId=${revealed}`)).total).toBe(0);
    const page = await search(other, 'limit=200');
    expect(page.items.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'user.grant.add']));
    expect(page.items.every((e) => e.regionPath?.startsWith('510108002'))).toBe(true);
  });

  it('refuses a grid worker and a street officer', async () => {
    for (const c of [grid, street]) {
      const res = await c.request('GET', '/api/v1/audit');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });
});
