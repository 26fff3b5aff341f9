import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { roleAllows, type Action } from '@gongzhi/core';
import { AppError } from '../errors/app-error.ts';
import { likePrefix } from '../db/like.ts';
import type { Actor } from './actor.ts';

/** What an action is performed on: where it sits in the tree and, optionally, which organisation owns it. */
export interface Subject {
  regionPath?: string | null;
  organisationId?: string | null;
}

/**
 * The region prefixes in which `actor` may perform `action`: `null` means everywhere, `[]` nowhere.
 * Overlapping prefixes are reduced to the outermost so SQL filters stay short.
 */
export function scopePaths(actor: Actor, action: Action): string[] | null {
  const paths: string[] = [];
  for (const g of actor.grants) {
    if (!roleAllows(g.role, action)) continue;
    if (g.regionPath === null) return null;
    paths.push(g.regionPath);
  }
  paths.sort((a, b) => a.length - b.length);
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/** True when `actor` may perform `action` on `subject` (or anywhere, when no subject is given). */
export function can(actor: Actor, action: Action, subject?: Subject): boolean {
  return actor.grants.some((g) => {
    if (!roleAllows(g.role, action)) return false;
    if (!subject) return true;
    if (subject.organisationId && g.organisationId === subject.organisationId) return true;
    if (g.regionPath === null) return true;
    return subject.regionPath != null && subject.regionPath.startsWith(g.regionPath);
  });
}

/** Throws FORBIDDEN unless `actor` may perform `action` on `subject`. */
export function authorize(actor: Actor, action: Action, subject?: Subject): void {
  if (!can(actor, action, subject)) throw new AppError('FORBIDDEN');
}

/**
 * SQL condition limiting `column` (a region path) to the actor's scope for `action`; every list and
 * read query adds it, so a row out of scope is indistinguishable from a missing one.
 */
export function scopeFilter(actor: Actor, action: Action, column: AnyColumn | SQL): SQL {
  const paths = scopePaths(actor, action);
  if (paths === null) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(paths.map((p) => sql`${column} LIKE ${likePrefix(p)}`), sql` OR `)})`;
}


/**
 * Like `scopeFilter`, but also admits rows placed above the actor's regions (an ancestor's path is a
 * prefix of theirs): district departments and developers are seen by the communities they serve.
 */
export function scopeFilterWithAncestors(actor: Actor, action: Action, column: AnyColumn | SQL): SQL {
  const paths = scopePaths(actor, action);
  if (paths === null) return sql`true`;
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(paths.map((p) => sql`(${column} LIKE ${likePrefix(p)} OR ${p} LIKE ${column} || '%')`), sql` OR `)})`;
}

/** The abilities the actor has on a subject, for the UI to show only what may be done. */
export function abilities<A extends Action>(actor: Actor, actions: readonly A[], subject: Subject): A[] {
  return actions.filter((a) => can(actor, a, subject));
}
