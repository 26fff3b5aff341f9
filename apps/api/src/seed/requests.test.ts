import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, CATEGORIES, chinaDay, DEFAULT_WORK_CALENDAR, REQUEST_EVENTS, transition, type RequestEvent, type RequestState } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type TestContext } from '../../test/harness.ts';
import { generateHistory, type HistoryInput } from './request-history.ts';
import { Rng } from './random.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });
const q = async <T>(text: string) => (await ctx.database.pool.query(text)).rows as T[];

describe('the demo city’s year of requests (issue 15 · item 18)', () => {
  it('covers every class, open and finished states, late answers, escalations and every rating', async () => {
    const byMatter = await q<{ matter: string; n: number }>('SELECT matter, count(*)::int AS n FROM requests GROUP BY 1');
    for (const m of ['big', 'small', 'private']) expect(byMatter.find((r) => r.matter === m)?.n ?? 0, m).toBeGreaterThan(50);
    const states = new Set((await q<{ state: string }>('SELECT DISTINCT state FROM requests')).map((r) => r.state));
    for (const s of ['rated', 'closed', 'in_progress', 'rejected', 'merged']) expect(states, s).toContain(s);
    const [facts] = await q<Record<string, number>>(`SELECT
      count(*) FILTER (WHERE replied_at > resolve_due_at)::int AS late,
      count(*) FILTER (WHERE state IN ('in_progress', 'dispatched') AND sla_state = 'red' AND escalation_level > 0)::int AS overdue_open,
      count(*) FILTER (WHERE reopened_count > 0)::int AS reopened,
      count(DISTINCT rating)::int AS ratings, count(DISTINCT public_id)::int AS public_ids, count(*)::int AS total,
      count(DISTINCT number)::int AS numbers, min(created_at) AS first, count(DISTINCT category_id)::int AS categories FROM requests`);
    expect(facts!.late).toBeGreaterThan(20);
    expect(facts!.overdue_open).toBeGreaterThan(0);
    expect(facts!.reopened).toBeGreaterThan(0);
    expect(facts!.ratings).toBe(5);
    expect(facts!.public_ids).toBe(facts!.total);
    expect(facts!.numbers).toBe(facts!.total);
    expect(facts!.categories).toBeGreaterThanOrEqual(CATEGORIES.length - 1);
    // A year back from the seed, and nothing on the seed's own day (a test's "today" starts empty).
    expect(chinaDay(new Date(facts!.first as unknown as string)) <= addDays(chinaDay(new Date()), -360)).toBe(true);
    expect((await q('SELECT 1 FROM requests WHERE created_at >= now() - interval \'1 hour\''))).toHaveLength(0);
    // The public sees the sorted big and small matters only; the seeded ones are among them.
    expect((await q(`SELECT 1 FROM requests WHERE matter IN ('big', 'small') AND state NOT IN ('received', 'merged')`)).length).toBeGreaterThan(500);
  });

  it('has timelines the state machine allows, ending in each request’s state, and no timer already past due', async () => {
    const rows = await q<{ id: string; state: RequestState; kinds: RequestEvent[]; froms: (RequestState | null)[]; tos: (RequestState | null)[] }>(`
      SELECT r.id, r.state, array_agg(e.kind ORDER BY e.at, e.id) AS kinds, array_agg(e.from_state ORDER BY e.at, e.id) AS froms, array_agg(e.to_state ORDER BY e.at, e.id) AS tos
      FROM requests r JOIN request_events e ON e.request_id = r.id GROUP BY r.id, r.state`);
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows) {
      let state: RequestState = 'received';
      r.kinds.forEach((kind, i) => {
        if (!(REQUEST_EVENTS as readonly string[]).includes(kind)) return; // received, sla_yellow: no move
        expect(r.froms[i], `${r.id} ${kind}`).toBe(state);
        // The reopen window and reasons were honoured when written; here only the moves are checked.
        const next = transition(state, kind, { reason: 'x', repliedAt: new Date(), now: new Date() });
        expect(next.ok, `${r.id}: ${kind} from ${state}`).toBe(true);
        state = next.ok ? next.state : state;
        expect(r.tos[i]).toBe(state);
      });
      expect(state, r.id).toBe(r.state);
    }
    // Nothing is left within its time limits with timers to come: what is open is overdue and escalated already.
    expect(await q("SELECT 1 FROM timers WHERE kind = 'request.sla'")).toHaveLength(0);
    expect(await q(`SELECT 1 FROM requests WHERE state IN ('received', 'sorted', 'dispatched', 'in_progress')
      AND NOT (sla_state = 'red' AND escalation_level > 0 AND (resolve_due_at < now() OR responded_at IS NULL))`)).toHaveLength(0);
  });

  it('keeps the daily counts equal to what the requests say, so the dashboard’s rates mean something', async () => {
    const [counted] = await q<Record<string, number>>(`SELECT sum(received)::int AS received, sum(responded)::int AS responded, sum(resolved)::int AS resolved,
      sum(resolved_on_time)::int AS on_time, sum(rated)::int AS rated, sum(satisfied)::int AS satisfied FROM request_stats_daily`);
    const [recount] = await q<Record<string, number>>(`SELECT count(*) FILTER (WHERE state <> 'merged')::int AS received,
      count(*) FILTER (WHERE state <> 'merged' AND responded_at IS NOT NULL)::int AS responded,
      count(*) FILTER (WHERE state IN ('replied', 'verified', 'closed', 'rated') AND replied_at IS NOT NULL)::int AS resolved,
      count(*) FILTER (WHERE state IN ('replied', 'verified', 'closed', 'rated') AND replied_at <= resolve_due_at)::int AS on_time,
      count(rating) FILTER (WHERE state <> 'merged')::int AS rated, count(*) FILTER (WHERE state <> 'merged' AND rating >= 4)::int AS satisfied FROM requests`);
    expect(counted).toEqual(recount);

    const secretary = await signIn(ctx.app, DEMO.secretary);
    const today = chinaDay(new Date());
    const kpi = (await secretary.request('GET', `/api/v1/kpis?from=${addDays(today, -365)}&to=${today}`)).json();
    expect(kpi.region.code).toBe('510108001001');
    expect(kpi.total.received).toBeGreaterThan(300);
    // Nearly everything is taken on (responded), but not always in time; the other rates are real fractions.
    expect(kpi.total.responseRate).toBeGreaterThan(0.9);
    expect(kpi.total.respondedOnTime).toBeLessThan(kpi.total.responded);
    for (const rate of ['resolutionRate', 'satisfactionRate', 'onTimeRate'] as const) {
      expect(kpi.total[rate], rate).toBeGreaterThan(0.5);
      expect(kpi.total[rate], rate).toBeLessThan(1);
    }
    expect(kpi.children.every((c: { rates: { received: number } }) => c.rates.received > 0)).toBe(true);
    expect(kpi.daily.length).toBeGreaterThan(200);
  });

  it('is the same history for the same seed', () => {
    const input: HistoryInput = {
      categories: CATEGORIES.map((c, i) => ({ id: `cat-${i}`, code: c.code, matter: c.matter, departmentId: c.department ? `dept-${c.department.code}` : null, respondHours: c.respondHours, resolveHours: c.resolveHours, workingTime: c.workingTime })),
      places: [{ regionId: 'm1', regionPath: '510108001001001001', districtCode: '510108', lat: 30.66, lng: 104.08, building: '锦绣花园1栋', gridId: 'g1', gridPath: '510108001001001', communityPath: '510108001001' }],
      reporters: [{ residentId: 'r1', name: '王秀英', regionPath: '510108001001001001', address: '锦绣花园1栋1单元101', phoneHash: null, phoneCipher: null, phoneMasked: null }],
      calendar: DEFAULT_WORK_CALENDAR,
      communityWorker: () => ({ userId: null, name: '社区工作者' }), gridWorker: () => ({ userId: null, name: '网格员' }),
      department: (id) => ({ userId: null, name: id }), hotline: { userId: null, name: '12345' },
    };
    const now = new Date('2026-11-20T02:00:00Z');
    const shape = (h: ReturnType<typeof generateHistory>) => h.rows.map((r) => [r.createdAt.toISOString(), r.description, r.state, r.rating, r.repliedAt?.toISOString()]);
    const a = generateHistory(new Rng(5), input, now);
    expect(a.rows.length).toBeGreaterThan(200);
    expect(shape(generateHistory(new Rng(5), input, now))).toEqual(shape(a));
    expect(a.events.every((e) => e.at <= now)).toBe(true);
  });
});
