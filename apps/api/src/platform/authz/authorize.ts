import { roleAllows, type Action } from '@gongzhi/core';
import { AppError } from '../errors/app-error.ts';
import type { Actor } from './actor.ts';

/** What an action is performed on: where it sits in the tree and, optionally, which organisation owns it. */
export interface Subject {
  regionPath?: string | null;
  organisationId?: string | null;
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

/** The abilities the actor has on a subject, for the UI to show only what may be done. */
export function abilities<A extends Action>(actor: Actor, actions: readonly A[], subject: Subject): A[] {
  return actions.filter((a) => can(actor, a, subject));
}

/** Throws FORBIDDEN unless a feature policy allowed the act: `ensure(mayManage(actor, council))`. */
export function ensure(allowed: boolean): void {
  if (!allowed) throw new AppError('FORBIDDEN');
}
