import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { linkSigner } from './instructions.service.ts';

// Issue 18 · part 1: sending writes no row per household; a household's row appears when someone
// records it, and everything that read those rows reads the target from the households instead.

let ctx: TestContext;
let street: Client;
let grid: Client;
let id: string;
const q = async <T>(text: string, params: unknown[] = []) => (await ctx.database.pool.query(text, params)).rows as T[];
const rows = async () => (await q<{ n: number }>('SELECT count(*)::int n FROM instruction_households WHERE instruction_id = $1', [id]))[0]!.n;
type Listed = { householdId: string; status: string; link: string };
const mine = async () => (await grid.request('GET', `/api/v1/instructions/${id}/households`)).json() as Listed[];
const record = (h: string, outcome: string) => grid.request('POST', `/api/v1/instructions/${id}/households/${h}`, { outcome });
type Page = { total: number; items: { householdId: string; status: string; attempts: number }[] };
const unreached = async (query: string) => (await street.request('GET', `/api/v1/instructions/${id}/unreached?path=510108001001001&${query}`)).json() as Page;

beforeAll(async () => {
  ctx = await createTestContext();
  street = await signIn(ctx.app, DEMO.district);
  grid = await signIn(ctx.app, DEMO.grid);
  const [region] = await q<{ id: string }>("SELECT id FROM regions WHERE code = '510108001'");
  const res = await street.request('POST', '/api/v1/instructions', {
    title: '汛期转移演练通知', body: '请逐户告知转移路线和集合点。', task: 'relay', deadline: new Date(Date.now() + 3_600_000).toISOString(),
    regionId: region!.id, acknowledgeUncovered: true,
  });
  expect(res.statusCode).toBe(201);
  id = res.json().id;
});
afterAll(async () => { await ctx.close(); });

describe('sending without a row per household', () => {
  it('writes no household row, yet counts the target per micro-grid and lists it to the worker', async () => {
    expect(await rows()).toBe(0);
    const [hh] = await q<{ n: number }>("SELECT count(*)::int n FROM households WHERE region_path LIKE '510108001%' AND moved_out_at IS NULL");
    const [grids] = await q<{ n: number }>('SELECT sum(households)::int n FROM instruction_grids WHERE instruction_id = $1', [id]);
    expect(grids!.n).toBe(hh!.n);
    // The demo grid worker is the only worker of this street, so every assignment is theirs.
    const [held] = await q<{ n: number }>(`SELECT sum(g.households)::int n FROM instruction_grids g
      WHERE g.instruction_id = $1 AND g.region_id IN (SELECT region_id FROM instruction_assignments WHERE instruction_id = $1)`, [id]);
    const list = await mine();
    expect(list.length).toBe(held!.n);
    expect(list.every((h) => h.status === 'pending')).toBe(true);
  });

  it('makes a household’s row when it is first recorded, and only that one', async () => {
    const [a] = await mine();
    expect((await record(a!.householdId, 'not_home')).statusCode).toBe(200);
    expect((await record(a!.householdId, 'not_home')).statusCode).toBe(200);
    expect(await rows()).toBe(1);
    const again = (await mine()).find((h) => h.householdId === a!.householdId)!;
    expect(again.status).toBe('not_home');
    const listed = (await unreached('limit=200')).items.find((h) => h.householdId === a!.householdId)!;
    expect([listed.status, listed.attempts]).toEqual(['not_home', 2]);
    expect((await record(a!.householdId, 'reached')).statusCode).toBe(200);
    expect(await rows()).toBe(1);
    const [g] = await q<{ reached: number; not_home: number }>(`SELECT sum(reached)::int reached, sum(not_home)::int not_home FROM instruction_grids WHERE instruction_id = $1`, [id]);
    expect([g!.reached, g!.not_home]).toEqual([1, 0]);
  });

  it('pages the never-reached list by key as by offset, counted from the counters', async () => {
    const all = await unreached('limit=200');
    const p = (await street.request('GET', `/api/v1/instructions/${id}/progress?path=510108001001001`)).json();
    expect(all.total).toBe(p.node.households - p.node.reached - p.node.refused);
    expect(all.items.length).toBe(Math.min(200, all.total));
    const first = await unreached('limit=7');
    const byKey = await unreached(`limit=7&after=${first.items[6]!.householdId}`);
    const byOffset = await unreached('limit=7&offset=7');
    expect(byKey.items.map((h) => h.householdId)).toEqual(byOffset.items.map((h) => h.householdId));
    expect(byKey.items.map((h) => h.householdId)).toEqual(all.items.slice(7, 14).map((h) => h.householdId));
  });

  it('keeps the target as it was when sent: a household moving in later is not in it, one moving out later stays', async () => {
    const list = await mine();
    const gone = list.find((h) => h.status === 'pending')!;
    await q('UPDATE households SET moved_out_at = now() WHERE id = $1', [gone.householdId]);
    const [fresh] = await q<{ id: string }>(`INSERT INTO households (id, region_id, region_path, district_code, address, tenure)
      SELECT gen_random_uuid(), region_id, region_path, district_code, address || '（新迁入）', tenure FROM households WHERE id = $1 RETURNING id`, [gone.householdId]);
    const after = await mine();
    expect(after.map((h) => h.householdId)).toEqual(list.map((h) => h.householdId));
    expect((await unreached('limit=200')).items.some((h) => h.householdId === gone.householdId)).toBe(true);
    expect((await record(fresh!.id, 'reached')).json().error.code).toBe('INSTRUCTION_HOUSEHOLD_OUTSIDE');
    const links = linkSigner(ctx.vault.hash('gongzhi/instruction-link'));
    const view = await ctx.app.inject({ method: 'GET', url: `/api/v1/instruction-links/${links.sign(id, fresh!.id)}` });
    expect(view.json().error.code).toBe('INSTRUCTION_LINK_INVALID');
    expect(await rows()).toBe(1);
  });

  it('opens a personal link of a household nobody recorded yet, and its confirmation makes its row', async () => {
    const h = (await mine()).find((x) => x.status === 'pending')!;
    const token = h.link.split('/').pop()!;
    const view = await ctx.app.inject({ method: 'GET', url: `/api/v1/instruction-links/${token}` });
    expect(view.statusCode).toBe(200);
    expect(view.json().status).toBe('pending');
    expect((await ctx.app.inject({ method: 'POST', url: `/api/v1/instruction-links/${token}`, payload: {} })).statusCode).toBe(200);
    const [row] = await q<{ status: string; via: string }>('SELECT status, via FROM instruction_households WHERE instruction_id = $1 AND household_id = $2', [id, h.householdId]);
    expect(row).toEqual({ status: 'reached', via: 'link' });
  });
});
