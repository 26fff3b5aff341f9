import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { organisations } from '../org/org.table.ts';
import { cast, type Cast } from '../councils/councils.testkit.ts';
import { panels, panelScores } from './panels.table.ts';
import { panelResult } from './panels.service.ts';

let ctx: TestContext;
let c: Cast;
let orgA: string; let orgB: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  c = await cast(ctx);
  for (const [k, cl] of Object.entries({ resident: c.resident, owner: c.owner, party: c.party, grid: c.grid })) {
    ids[k] = ((await cl.request('GET', '/api/v1/session')).json() as { user: { id: string } }).user.id;
  }
  const orgs = await ctx.database.db.select({ id: organisations.id }).from(organisations).limit(2);
  [orgA, orgB] = [orgs[0]!.id, orgs[1]!.id];
});
afterAll(async () => { await ctx.close(); });

const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;
type Detail = { id: string; state: string; members: { id: string; name: string }[]; criteria: { id: string }[]; candidates: { id: string; label: string }[]; results: { candidateId: string; memberTotals: number[]; score: number | null; rank: number | null; droppedHighLow: boolean }[] | null; sheets: { memberId: string }[] };

function body(over: Record<string, unknown> = {}) {
  return {
    subjectKind: 'tender', subjectId: crypto.randomUUID(), title: '北门充电棚施工评标', regionId: c.gridId,
    members: [
      { userId: ids.resident, name: '居民代表甲', capacity: '居民代表' },
      { userId: ids.owner, name: '业主代表乙', capacity: '业主代表' },
      { userId: ids.party, name: '党员丙', capacity: '党组织' },
      { userId: ids.grid, name: '网格员丁', capacity: '监委会', organisationIds: [orgA] },
      { name: '专家戊', capacity: '专家' },
    ],
    criteria: [{ name: '实施方案', weight: 40 }, { name: '预算合理性', weight: 30 }, { name: '团队能力', weight: 30 }],
    candidates: [{ label: '甲公司投标', organisationId: orgA, refId: crypto.randomUUID() }, { label: '乙协会投标', organisationId: orgB, refId: crypto.randomUUID() }],
    ...over,
  };
}

const card = (cl: Client, p: Detail, m: number, cand: number, scores: number[]) => cl.request('POST', `/api/v1/panels/${p.id}/scores`, {
  memberId: p.members[m]!.id, candidateId: p.candidates[cand]!.id, scores: p.criteria.map((cr, i) => ({ criterionId: cr.id, score: scores[i] })),
});

describe('scoring panels', () => {
  it('refuses weights that do not add up to 100, and too few members, writing nothing', async () => {
    const before = (await ctx.database.db.select().from(panels)).length;
    const weights = await c.worker.request('POST', '/api/v1/panels', body({ criteria: [{ name: '方案', weight: 50 }, { name: '预算', weight: 40 }] }));
    expect([weights.statusCode, code(weights)]).toEqual([422, 'PANEL_WEIGHTS']);
    const fraction = await c.worker.request('POST', '/api/v1/panels', body({ criteria: [{ name: '方案', weight: 50.5 }, { name: '预算', weight: 49.5 }] }));
    expect(fraction.statusCode).toBe(400);
    const twice = await c.worker.request('POST', '/api/v1/panels', body({ members: [{ userId: ids.resident, name: 'a', capacity: 'x' }, { userId: ids.resident, name: 'b', capacity: 'x' }, { name: 'c', capacity: 'x' }] }));
    expect([twice.statusCode, code(twice)]).toEqual([422, 'PANEL_MEMBERS']);
    const byResident = await c.resident.request('POST', '/api/v1/panels', body());
    expect(byResident.statusCode).toBe(403);
    expect(await ctx.database.db.select().from(panels)).toHaveLength(before);
  });

  it('five members score two candidates: conflicts, one card each (race), results by panelScore, closing', async () => {
    const made = await c.worker.request('POST', '/api/v1/panels', body());
    expect(made.statusCode, made.body).toBe(201);
    const p = made.json() as Detail;
    // The grid worker is linked to 甲公司: they may not score its bid.
    const conflict = await card(c.grid, p, 3, 0, [90, 90, 90]);
    expect([conflict.statusCode, code(conflict)]).toEqual([409, 'PANEL_CONFLICT']);
    // A member scores only their own card; bad scores are refused.
    const other = await card(c.resident, p, 1, 0, [70, 70, 70]);
    expect([other.statusCode, code(other)]).toEqual([403, 'PANEL_NOT_MEMBER']);
    for (const bad of [[70.55, 70, 70], [101, 70, 70], [70, 70]]) {
      const res = await card(c.resident, p, 0, 0, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    // Two submissions of the same card at once: exactly one wins.
    const race = await Promise.all([card(c.resident, p, 0, 0, [70, 70, 70]), card(c.resident, p, 0, 0, [60, 60, 60])]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(code(race.find((r) => r.statusCode === 409)!)).toBe('PANEL_ALREADY_SCORED');
    const rows = await ctx.database.db.select().from(panelScores).where(eq(panelScores.memberId, p.members[0]!.id));
    expect(rows).toHaveLength(3);
    // Fix the first card's content for the arithmetic below: whichever won, it is 70s or 60s everywhere.
    const first = rows[0]!.tenths / 10;
    // While open, a member reads only their own cards and no results.
    const mine = (await c.resident.request('GET', `/api/v1/panels/${p.id}`)).json() as Detail;
    expect(mine.results).toBeNull();
    expect(new Set(mine.sheets.map((s) => s.memberId))).toEqual(new Set([p.members[0]!.id]));
    // Closing waits for every card.
    const early = await c.worker.request('POST', `/api/v1/panels/${p.id}/close`);
    expect([early.statusCode, code(early)]).toEqual([409, 'PANEL_INCOMPLETE']);

    for (const [cl, m, cand, s] of [
      [c.owner, 1, 0, [71, 72, 73]], [c.party, 2, 0, [65, 65, 65]], [c.worker, 4, 0, [90, 80, 70]],
      [c.resident, 0, 1, [80, 70, 90]], [c.owner, 1, 1, [90, 90, 90]], [c.party, 2, 1, [60, 60, 60]], [c.grid, 3, 1, [75.5, 80, 70]], [c.worker, 4, 1, [85, 85, 85]],
    ] as const) {
      const res = await card(cl, p, m, cand, [...s]);
      expect(res.statusCode, res.body).toBe(201);
    }
    const closed = await c.worker.request('POST', `/api/v1/panels/${p.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const d = closed.json() as Detail;
    expect(d.state).toBe('closed');
    // 乙: totals 80, 90, 60, 75.2, 85 → drop 90 and 60 → (80 + 75.2 + 85) / 3 = 80.0666… → 80.07.
    expect(d.results![1]).toMatchObject({ memberTotals: [80, 90, 60, 75.2, 85], score: 80.07, droppedHighLow: true, rank: 1 });
    // 甲: four totals (the conflicted member did not score): all averaged.
    const a = d.results![0]!;
    expect(a.memberTotals).toEqual([first, 71.9, 65, 81]);
    expect(a.droppedHighLow).toBe(false);
    expect(a.score).toBe(first === 70 ? 71.98 : 69.48);
    expect(a.rank).toBe(2);
    const late = await card(c.grid, p, 3, 0, [1, 1, 1]);
    expect(late.statusCode).toBeGreaterThanOrEqual(400);
    // Members read everything once the panel is closed; other features read the result by service.
    expect(((await c.owner.request('GET', `/api/v1/panels/${p.id}`)).json() as Detail).results).toHaveLength(2);
    const r = await panelResult(ctx.database.db, p.id);
    expect(r!.results.map((x) => [x.label, x.score])).toEqual([['甲公司投标', a.score], ['乙协会投标', 80.07]]);
  });

  it('closes with a recorded absence, and hides panels from those outside their area', async () => {
    const made = await c.worker.request('POST', '/api/v1/panels', body({ subjectKind: 'acceptance', candidates: [{ label: '充电棚项目验收' }], members: body().members.slice(0, 4) }));
    const p = made.json() as Detail;
    for (const [cl, m] of [[c.resident, 0], [c.owner, 1], [c.party, 2]] as const) expect((await card(cl, p, m, 0, [60, 70, 80])).statusCode).toBe(201);
    expect(code(await c.worker.request('POST', `/api/v1/panels/${p.id}/close`))).toBe('PANEL_INCOMPLETE');
    const absent = await c.worker.request('POST', `/api/v1/panels/${p.id}/members/${p.members[3]!.id}/absence`, { reason: '出差' });
    expect(absent.statusCode, absent.body).toBe(200);
    const closed = (await c.worker.request('POST', `/api/v1/panels/${p.id}/close`)).json() as Detail;
    // 60×0.4 + 70×0.3 + 80×0.3 = 69 from each of three members.
    expect(closed.results).toMatchObject([{ score: 69, memberTotals: [69, 69, 69] }]);
    // The district's officer reads it; a resident who is not on the panel finds nothing.
    const district = await signIn(ctx.app, DEMO.district);
    expect((await district.request('GET', `/api/v1/panels/${p.id}`)).statusCode).toBe(200);
    const notMember = await c.worker.request('POST', '/api/v1/panels', body({ members: body().members.slice(1, 4) }));
    const hidden = await c.resident.request('GET', `/api/v1/panels/${notMember.json().id}`);
    expect([hidden.statusCode, code(hidden)]).toEqual([404, 'PANEL_NOT_FOUND']);
    const list = (await c.resident.request('GET', '/api/v1/panels')).json() as { items: { id: string }[] };
    expect(list.items.map((x) => x.id)).toContain(p.id);
    expect(list.items.map((x) => x.id)).not.toContain(notMember.json().id);
  });
});
