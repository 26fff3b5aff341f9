import type { FastifyInstance, RouteOptions } from 'fastify';
import { ACTIONS, roleAllows, type Action } from '@gongzhi/core';
import { AppError } from '../errors/app-error.ts';

/**
 * # Declaring who may call a route
 *
 * Every route under `/api/` and `/open311/` declares its access in its Fastify route options:
 *
 * ```ts
 * r.get('/api/v1/councils/:id', {
 *   schema: { … },
 *   config: { access: { action: 'council.read', subject: 'councils' } },
 * }, handler);
 * ```
 *
 * `access` is one of
 * - `'public'` — no sign-in (public pages, Open311, health). The handler must not rely on `request.actor`.
 * - `'signed-in'` — any signed-in user; the handler itself limits what is shown (e.g. "my own" records).
 * - `{ action, subject?, params?, query? }` —
 *   - `action`: the action from `packages/core/src/roles.ts` (or a list: any one suffices) that the route
 *     performs. Omit it when any signed-in user may call the route and the handler narrows the answer
 *     (e.g. a resident reading their own request): `{ subject: 'requests' }`.
 *   - `subject`: the SQL table (name as in `pgTable('…')`) whose row the `:id` path parameter names; the
 *     table should carry `region_path`. The trust suite uses it to pick an id inside and one outside the
 *     caller's scope and expects 2xx / 404.
 *   - `params` / `query`: other path or query parameters naming rows, e.g. `{ meetingId: 'council_meetings' }`,
 *     `query: { regionId: 'regions' }`. A path parameter naming a child of the subject is written
 *     `table.column` (the child's column holding the subject's id), e.g. `{ attachmentId: 'fund_attachments.fund_id' }`,
 *     so the trust suite picks a child of the very subject it calls.
 *   - `denyAs: 404`: refuse a role without the action as "not found" instead of 403, where even the
 *     existence of the subject must not show (e.g. someone else's key).
 *
 * Enforced here, before validation: no actor → 401 (`UNAUTHENTICATED`/`SESSION_EXPIRED`) unless public;
 * with an `action`, an actor none of whose roles allows it → 403 (`FORBIDDEN`). Handlers do not repeat
 * that check. The service then loads the subject through its repository with a typed scope
 * (`scopeFor(actor, action)` → `inScope(...)`, see ./scope.ts), so out of scope stays 404, and asks the
 * feature's `<f>.policy.ts` whether the actor may act on the loaded object (403 otherwise). Routes
 * registered without a declaration make the access matrix test
 * (`apps/api/test/security/access-matrix.test.ts`) fail.
 */
export type RouteAccess = 'public' | 'signed-in' | RouteAccessRule;

/** The object form of a route's access declaration; see {@link RouteAccess}. */
export interface RouteAccessRule {
  action?: Action | readonly Action[];
  subject?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  denyAs?: 403 | 404;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route: see apps/api/src/platform/authz/route-access.ts. */
    access?: RouteAccess;
  }
}

/** A registered route with its declaration, as collected by {@link installRouteAccess}. */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  schema: RouteOptions['schema'];
}

/** Routes that must declare access: the API and Open311, minus the Swagger UI plugin's own pages. */
export function needsDeclaration(url: string): boolean {
  if (url.startsWith('/api/docs')) return false;
  return url.startsWith('/api/') || url.startsWith('/open311/');
}

/** The actions a declaration names (empty for public and signed-in). */
export function declaredActions(access: RouteAccess | undefined): readonly Action[] {
  if (!access || typeof access === 'string' || !access.action) return [];
  return typeof access.action === 'string' ? [access.action] : access.action;
}

/** Throws at registration when a declaration names an action that does not exist (a typo is a hole). */
function checkDeclaration(method: string, url: string, access: RouteAccess | undefined): void {
  if (access === undefined || access === 'public' || access === 'signed-in') return;
  for (const a of declaredActions(access)) {
    if (!(ACTIONS as readonly string[]).includes(a)) throw new Error(`route ${method} ${url}: unknown action ${a}`);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on this app with its access declaration (HEAD twins left out). */
    routeTable: RouteEntry[];
  }
}

/**
 * Collects the route table (Fastify's onRoute hook) and enforces each declaration's sign-in and role
 * gate before the body is validated, so a caller who may never perform an action learns nothing from
 * validation answers. Call once in buildApp before any route is registered.
 */
export function installRouteAccess(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    for (const method of methods) {
      if (method === 'HEAD') continue;
      checkDeclaration(method, route.url, access);
      table.push({ method, url: route.url, access, schema: route.schema });
    }
  });
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (!request.actor) throw new AppError(request.authState === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    const actions = declaredActions(access);
    if (actions.length === 0) return;
    const actor = request.actor;
    if (!actor.grants.some((g) => actions.some((a) => roleAllows(g.role, a)))) {
      throw new AppError(typeof access === 'object' && access.denyAs === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
    }
  });
}
