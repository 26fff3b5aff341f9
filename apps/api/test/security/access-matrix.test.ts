import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { roleAllows, type Action } from '@gongzhi/core';
import { declaredActions } from '../../src/platform/authz/route-access.ts';
import { createTestContext, type TestContext } from '../harness.ts';
import { fillPath, injectAnswer, routesUnderTest, rule, signInAll, SubjectFinder, type RoleClient } from './route-kit.ts';
import { sample, toJson, toQuery } from './schema-sample.ts';

/**
 * The access matrix, generated from the route table: every declared route × every demo role (and an
 * anonymous caller) × a subject inside and one outside the caller's scope. Expected answers come from
 * the route's declaration and the permission table in packages/core/src/roles.ts:
 * - anonymous on a non-public route → 401;
 * - a role none of whose grants allows the declared action → 403;
 * - a subject outside the caller's scope → 404 (or 400 when the body was refused first): never 2xx;
 * - a subject inside the scope of a role allowed to read → 2xx.
 */
/** True for `[]` or a page `{ items: [] }`: a filter that found nothing the caller may see. */
function isEmptyList(body: string): boolean {
  try {
    const v = JSON.parse(body) as unknown;
    return (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Array.isArray((v as { items?: unknown }).items) && (v as { items: unknown[] }).items.length === 0);
  } catch {
    return false;
  }
}

let ctx: TestContext;
let pool: pg.Pool;
let roles: RoleClient[];
const tally = { checks: 0, routes: 0, leaks: [] as string[] };

beforeAll(async () => {
  ctx = await createTestContext();
  pool = new pg.Pool({ connectionString: ctx.url, max: 2 });
  roles = await signInAll(ctx.app);
}, 120_000);

afterAll(async () => {
  console.log(`[access-matrix] ${tally.routes} routes × ${roles?.length ?? 0} roles (+ anonymous): ${tally.checks} checks, ${tally.leaks.length} unexpected answers`);
  await pool?.end();
  await ctx?.close();
});

describe('access matrix', () => {
  it('every API route declares its access', () => {
    const missing = routesUnderTest(ctx.app).filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes without config.access (see apps/api/src/platform/authz/route-access.ts)').toEqual([]);
  });

  it('answers every route × role × subject as declared, with zero leaks', async () => {
    const finder = new SubjectFinder(pool);
    const routes = routesUnderTest(ctx.app).filter((r) => r.access !== undefined);
    tally.routes = routes.length;
    const bad = (what: string) => tally.leaks.push(what);
    // Sign-out, sign-out everywhere and self-removal run last; after them the caller is anonymous.
    const ended = new Set<string>();
    const endsSession = (url: string) => /\/sessions?$|\/me\/erasure$/.test(url);

    for (const route of routes) {
      const decl = rule(route.access);
      const isPublic = route.access === 'public';
      const actions = declaredActions(route.access);
      const schema = route.schema as Record<string, unknown> | undefined;
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : sample(toJson(schema?.body)) ?? {};
      const baseQuery = toQuery(sample(toJson(schema?.querystring)));
      const queryTables = Object.entries(decl.query ?? {});
      const secondary: Record<string, string | undefined> = {};
      for (const [p, t] of Object.entries(decl.params ?? {})) secondary[p] = await finder.any(t);
      const call = (client: RoleClient['client'] | null, url: string, query: Record<string, string>) => {
        const qs = new URLSearchParams(query).toString();
        const full = qs ? `${url}?${qs}` : url;
        tally.checks++;
        const headers: Record<string, string> = client ? { cookie: client.cookie, 'x-csrf-token': client.csrf } : {};
        return injectAnswer(ctx.app, { method: route.method, url: full, headers, payload: body });
      };
      const label = (who: string, note: string, status: number) => `${route.method} ${route.url} as ${who} (${note}) → ${status}`;

      // Anonymous.
      const anon = await call(null, fillPath(route.url, undefined, secondary), baseQuery);
      if (anon.statusCode >= 500) bad(label('anonymous', '5xx', anon.statusCode));
      if (!isPublic && anon.statusCode !== 401) bad(label('anonymous', 'expected 401', anon.statusCode));
      if (isPublic) continue;

      for (const rc of roles) {
        const gated = actions.length > 0 && !rc.roles.some((role) => actions.some((a) => roleAllows(role, a)));
        const scopeAction: Action | undefined = actions.find((a) => rc.roles.some((role) => roleAllows(role, a)));
        const subjects = decl.subject ? await finder.pick(decl.subject, rc.actor, scopeAction) : {};
        const queryPicks: { name: string; inside?: string; outside?: string }[] = [];
        for (const [name, table] of queryTables) queryPicks.push({ name, ...(await finder.pick(table, rc.actor, scopeAction)) });

        const cases: { note: string; id?: string; query: Record<string, string>; place: 'inside' | 'outside' | 'none'; viaQuery?: boolean }[] = [];
        if (decl.subject) {
          if (subjects.inside) cases.push({ note: 'in scope', id: subjects.inside, query: baseQuery, place: 'inside' });
          if (subjects.outside) cases.push({ note: 'out of scope', id: subjects.outside, query: baseQuery, place: 'outside' });
          cases.push({ note: 'missing', query: baseQuery, place: 'outside' });
        } else {
          cases.push({ note: 'no subject', query: baseQuery, place: 'none' });
        }
        for (const qp of queryPicks) {
          if (qp.inside) cases.push({ note: `${qp.name} in scope`, query: { ...baseQuery, [qp.name]: qp.inside }, place: 'inside', viaQuery: true });
          if (qp.outside) cases.push({ note: `${qp.name} out of scope`, query: { ...baseQuery, [qp.name]: qp.outside }, place: 'outside', viaQuery: true });
        }

        for (const c of cases) {
          // Children of the subject (`table.column` params) are picked for the id this case calls; a
          // subject without such a child makes the case a missing one (404 expected, never 2xx).
          const own = { ...secondary };
          for (const [p, t] of Object.entries(decl.params ?? {})) {
            if (!t.includes('.')) continue;
            own[p] = c.id ? await finder.any(t, c.id) : undefined;
            if (!own[p]) { c.place = 'outside'; c.note += ` (no ${p})`; }
          }
          const res = await call(rc.client, fillPath(route.url, c.id, own), c.query);
          const s = res.statusCode;
          const who = rc.key;
          if (s >= 500) { bad(label(who, `${c.note}: 5xx ${res.body.slice(0, 120)}`, s)); continue; }
          if (ended.has(rc.key)) { if (s !== 401) bad(label(who, `${c.note}: session already ended, expected 401`, s)); continue; }
          if (s === 401) { bad(label(who, `${c.note}: signed-in caller refused as anonymous`, s)); continue; }
          if (route.method !== 'GET' && endsSession(route.url) && s >= 200 && s < 300) ended.add(rc.key);
          if (gated) {
            const denied = decl.denyAs ?? 403;
            if (s !== denied) bad(label(who, `${c.note}: role lacks ${actions.join('|')}, expected ${denied}`, s));
            continue;
          }
          if (c.place === 'outside') {
            // Reads: 404, or (a filter naming an unseen row) an empty list. Writes: refused, never done;
            // the body may be refused first (400/422), and 409 would tell that the row exists.
            const ok = route.method === 'GET' ? s === 404 || (c.viaQuery === true && s === 200 && isEmptyList(res.body))
              : [400, 403, 404, 422].includes(s);
            if (!ok) bad(label(who, `${c.note}: expected 404`, s));
          } else if (c.place === 'inside' && route.method === 'GET' && actions.length > 0 && !c.viaQuery) {
            if (s < 200 || s >= 300) bad(label(who, `${c.note}: allowed, expected 2xx`, s));
          } else if (route.method === 'GET' && actions.length > 0 && c.place === 'none' && s === 403) {
            bad(label(who, `${c.note}: allowed role refused`, s));
          }
        }
      }
    }
    expect(tally.leaks).toEqual([]);
    expect(tally.routes).toBeGreaterThan(50);
  }, 600_000);
});
