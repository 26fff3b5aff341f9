import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Action, Role } from '@gongzhi/core';
import { needsDeclaration, type RouteAccess, type RouteEntry } from '../../src/platform/authz/route-access.ts';
import { scopeFor, scopePrefixes } from '../../src/platform/authz/scope.ts';
import type { Actor, Grant } from '../../src/platform/authz/actor.ts';
import { DEMO, signIn, type Client } from '../harness.ts';

/** The routes every trust check walks: API and Open311 routes, in a stable order, sign-out last. */
export function routesUnderTest(app: FastifyInstance): RouteEntry[] {
  const rank = (r: RouteEntry) => (r.method === 'GET' ? 0 : /\/sessions?(\/|$)|\/me\/erasure$/.test(r.url) ? 2 : 1);
  return app.routeTable.filter((r) => needsDeclaration(r.url))
    .sort((a, b) => rank(a) - rank(b) || a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/** A demo account signed in, with the actor the server sees for it. */
export interface RoleClient { key: keyof typeof DEMO; client: Client; actor: Actor; roles: Role[] }

/** Signs in every demo account (one per role) and reads its grants. */
export async function signInAll(app: FastifyInstance): Promise<RoleClient[]> {
  const out: RoleClient[] = [];
  for (const [key, phone] of Object.entries(DEMO) as [keyof typeof DEMO, string][]) {
    const client = await signIn(app, phone);
    const me = (await client.request('GET', '/api/v1/session')).json() as {
      user: { id: string; name: string }; grants: { role: Role; regionPath: string | null; organisationId: string | null }[];
    };
    const grants: Grant[] = me.grants.map((g) => ({ role: g.role, regionPath: g.regionPath, organisationId: g.organisationId }));
    out.push({ key, client, roles: grants.map((g) => g.role), actor: { userId: me.user.id, name: me.user.name, residentId: null, grants, via: 'session' } });
  }
  return out;
}

/** The object form of a declaration (strings become empty rules). */
export function rule(access: RouteAccess | undefined) {
  return access && typeof access === 'object' ? access : {};
}

const PERSON_COLUMNS = ['user_id', 'reporter_user_id', 'owner_user_id', 'proposer_user_id', 'author_user_id', 'created_by'];
const ORG_COLUMNS = ['organisation_id', 'department_id'];

/**
 * Finds, in the demo database, one row of `table` inside the actor's scope for `action` (or for any of
 * their grants) and one outside it: outside its region paths, not theirs, not their organisation's.
 * Tables without a region column yield no subjects (their routes are checked with a missing id).
 */
export class SubjectFinder {
  private columns = new Map<string, string[]>();
  constructor(private pool: pg.Pool) {}

  private async cols(table: string): Promise<string[]> {
    if (!this.columns.has(table)) {
      const { rows } = await this.pool.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_name = $1', [table]);
      this.columns.set(table, rows.map((r) => r.column_name));
    }
    return this.columns.get(table)!;
  }

  /** The region column of `table`, if it has one. */
  async scopeColumn(table: string): Promise<string | undefined> {
    const cols = await this.cols(table);
    if (table === 'regions') return 'code';
    return ['region_path', 'district_code'].find((c) => cols.includes(c));
  }

  async pick(table: string, actor: Actor, action: Action | undefined): Promise<{ inside?: string; outside?: string }> {
    const col = await this.scopeColumn(table);
    if (!col) return {};
    const cols = await this.cols(table);
    const paths: string[] | null = action ? scopePrefixes(scopeFor(actor, action))
      : actor.grants.some((g) => g.regionPath === null) ? null : actor.grants.map((g) => g.regionPath!);
    const q = async (where: string, params: unknown[]) =>
      (await this.pool.query<{ id: string }>(`SELECT id::text FROM "${table}" WHERE ${where} ORDER BY id LIMIT 1`, params)).rows[0]?.id;
    if (paths === null) return { inside: await q('true', []) };
    const like = paths.map((_, i) => `"${col}" LIKE $${i + 1} || '%'`).join(' OR ') || 'false';
    const inside = paths.length ? await q(`(${like})`, paths) : undefined;
    const notMine: string[] = [`NOT (${like})`];
    const params: unknown[] = [...paths];
    for (const c of cols.filter((c) => c.endsWith('_path') && c !== col)) notMine.push(`("${c}" IS NULL OR NOT (${like.replaceAll(`"${col}"`, `"${c}"`)}))`);
    for (const c of PERSON_COLUMNS.filter((c) => cols.includes(c))) { params.push(actor.userId); notMine.push(`"${c}" IS DISTINCT FROM $${params.length}`); }
    const orgs = actor.grants.map((g) => g.organisationId).filter((o): o is string => o !== null);
    for (const c of ORG_COLUMNS.filter((c) => cols.includes(c))) { params.push(orgs); notMine.push(`NOT ("${c}" = ANY($${params.length}::uuid[]) AND "${c}" IS NOT NULL)`); }
    if (table === 'requests' && orgs.length) {
      params.push(orgs);
      notMine.push(`NOT EXISTS (SELECT 1 FROM request_handlers h WHERE h.request_id = requests.id AND h.organisation_id = ANY($${params.length}::uuid[]))`);
    }
    return { inside, outside: await q(notMine.join(' AND '), params) };
  }

  /**
   * A row for a secondary path parameter: any row of `table`, or for `table.column` a row whose
   * `column` is `parentId` (a child of the subject being called).
   */
  async any(spec: string, parentId?: string): Promise<string | undefined> {
    const [table, column] = spec.split('.');
    try {
      if (column) {
        if (!parentId) return undefined;
        return (await this.pool.query<{ id: string }>(`SELECT id::text FROM "${table}" WHERE "${column}" = $1 ORDER BY id LIMIT 1`, [parentId])).rows[0]?.id;
      }
      return (await this.pool.query<{ id: string }>(`SELECT id::text FROM "${table}" ORDER BY id LIMIT 1`)).rows[0]?.id;
    } catch {
      return undefined;
    }
  }
}

/** A uuid no row has. */
export const MISSING_ID = '01900000-0000-7000-8000-00000000dead';

/** Fills a route's path parameters: `:id` with `id`, named ones from `values`, the rest with a missing id. */
export function fillPath(url: string, id: string | undefined, values: Record<string, string | undefined> = {}): string {
  return url.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    if (name === 'id') return id ?? MISSING_ID;
    if (name === 'file') return 'x.json';
    return values[name] ?? MISSING_ID;
  });
}

/** What the suites read of an answer. */
export interface Answer { statusCode: number; body: string; headers: Record<string, unknown> }

/**
 * Injects a request whose answer may be a Server-Sent Events stream, which never ends by itself: the
 * answer is taken as a stream, an event stream is dropped once its head is read (its status is what
 * the suites judge), and any other answer is read to its end as usual.
 */
export async function injectAnswer(app: FastifyInstance, opts: { method: string; url: string; headers?: Record<string, string>; payload?: unknown }): Promise<Answer> {
  const res = await app.inject({ ...(opts as { method: 'GET'; url: string }), payloadAsStream: true });
  const stream = res.stream();
  if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
    stream.destroy();
    return { statusCode: res.statusCode, body: '', headers: res.headers };
  }
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return { statusCode: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers };
}
