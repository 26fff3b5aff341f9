import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { roleAllows, type Action } from '@gongzhi/core';
import { likePrefix } from '../db/like.ts';
import type { Actor } from './actor.ts';

/** An organisation-bound grant (a department, a social organisation): its id and its organisation's region. */
export interface ScopeOrganisation {
  id: string;
  path: string;
}

/**
 * Where an actor may perform one action, as data: the one way scope reaches a repository.
 * - `all`: everywhere (a platform-wide grant).
 * - `within`: inside the region subtrees `paths` (outermost only) or for the organisations of
 *   organisation-bound grants. Both empty means nowhere.
 */
export type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'within'; readonly paths: readonly string[]; readonly organisations: readonly ScopeOrganisation[] };

/** The scope for an actor that may do everything (jobs, and reads whose caller has checked scope). */
export const EVERYWHERE: Scope = { kind: 'all' };

/** Keeps only the outermost of nested prefixes, so SQL filters stay short. */
function outermost(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p.startsWith(q)));
}

/**
 * The scope in which `actor` may perform `action`, built from their grants: a grant whose role does
 * not allow the action adds nothing; a region grant adds its subtree; an organisation grant adds its
 * organisation (with the organisation's region, for tables that carry no organisation column).
 */
export function scopeFor(actor: Actor, action: Action): Scope {
  const paths: string[] = [];
  const organisations: ScopeOrganisation[] = [];
  for (const g of actor.grants) {
    if (!roleAllows(g.role, action)) continue;
    if (g.organisationId !== null) organisations.push({ id: g.organisationId, path: g.regionPath ?? '' });
    else if (g.regionPath === null) return EVERYWHERE;
    else paths.push(g.regionPath);
  }
  return { kind: 'within', paths: outermost(paths), organisations };
}

/**
 * The region prefixes of a scope, organisations counted by their region: `null` means everywhere,
 * `[]` nowhere. For code that groups or compares paths rather than filtering rows.
 */
export function scopePrefixes(scope: Scope): string[] | null {
  if (scope.kind === 'all') return null;
  return outermost([...scope.paths, ...scope.organisations.map((o) => o.path)]);
}

/** A column or SQL expression holding a region path or an organisation id. */
type Expr = AnyColumn | SQL;

/** Which columns of a table place its rows, for {@link inScope}. */
export interface ScopeTarget {
  /** Region path column(s): a row is in scope when any of them lies inside one of the scope's paths. */
  region?: Expr | readonly Expr[];
  /** Also admit rows placed on an ancestor of a scope path (district departments seen by communities). */
  ancestors?: boolean;
  /**
   * The row's organisation: organisation grants then match on it instead of on their organisation's
   * region. A column, or a function building the condition for the grants' organisation ids.
   */
  organisation?: Expr | ((ids: readonly string[]) => SQL);
}

/** One prefix match of `column` against `path`, or an ancestor match too. */
function regionMatch(column: Expr, path: string, ancestors: boolean): SQL {
  return ancestors ? sql`(${column} LIKE ${likePrefix(path)} OR ${path} LIKE ${column} || '%')` : sql`${column} LIKE ${likePrefix(path)}`;
}

/**
 * The SQL condition limiting rows to `scope`: `undefined` for everywhere (Drizzle's `and()` drops it;
 * raw templates combine it with `and()` too), `false` for nowhere, else an OR of prefix matches.
 * Every list and find-by-id adds it, so a row out of scope is indistinguishable from a missing one.
 */
export function inScope(scope: Scope, target: ScopeTarget): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  const columns: readonly Expr[] = target.region === undefined ? [] : Array.isArray(target.region) ? target.region : [target.region as Expr];
  const byOrganisation = target.organisation !== undefined && scope.organisations.length > 0;
  const paths = byOrganisation ? scope.paths : scopePrefixes(scope) ?? [];
  const parts: SQL[] = [];
  for (const p of paths) {
    const matches = columns.map((c) => regionMatch(c, p, target.ancestors ?? false));
    if (matches.length === 1) parts.push(matches[0]!);
    else if (matches.length > 1) parts.push(sql`(${sql.join(matches, sql` OR `)})`);
  }
  if (byOrganisation) {
    const ids = scope.organisations.map((o) => o.id);
    const org = target.organisation!;
    parts.push(typeof org === 'function' ? org(ids) : sql`${org} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}
