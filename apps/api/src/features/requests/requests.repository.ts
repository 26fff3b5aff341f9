import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { roleAllows } from '@gongzhi/core';
import { requestHandlers, requests } from './requests.table.ts';

export type RequestRow = typeof requests.$inferSelect;

/**
 * The requests an actor may see, as SQL: staff see their region subtree (and requests escalated to
 * it); a department sees what is routed to it as lead or co-handler; everyone sees what they reported
 * or own.
 */
export function requestScope(actor: Actor): SQL {
  // The reporter, and the staff member who owns it (首问负责) wherever it has gone since.
  const parts: SQL[] = [sql`${requests.reporterUserId} = ${actor.userId}`, sql`${requests.ownerUserId} = ${actor.userId}`];
  for (const g of actor.grants) {
    if (!roleAllows(g.role, 'request.read')) continue;
    if (g.role === 'department_handler' && g.organisationId) {
      parts.push(sql`(${requests.departmentId} = ${g.organisationId} OR EXISTS (SELECT 1 FROM ${requestHandlers} h WHERE h.request_id = ${requests.id} AND h.organisation_id = ${g.organisationId}))`);
    } else if (g.regionPath === null) {
      return sql`true`;
    } else {
      parts.push(sql`(${requests.regionPath} LIKE ${likePrefix(g.regionPath)} OR ${requests.escalatedToPath} LIKE ${likePrefix(g.regionPath)})`);
    }
  }
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** One request in the actor's scope (optionally locked for an update), or undefined. */
export async function findRequest(db: DbOrTx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<RequestRow | undefined> {
  const q = db.select().from(requests).where(and(eq(requests.id, id), requestScope(actor)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** True when the actor handles this request as staff of its place or of a department on it. */
export function isStaffOn(actor: Actor, r: RequestRow, action: 'request.read' | 'request.sort' | 'request.handle' | 'request.supervise', departmentIds: string[] = []): boolean {
  if (can(actor, action, { regionPath: r.regionPath })) return true;
  // The owner (首问负责) keeps answering for it after it leaves their area, with the powers of their role.
  if (r.ownerUserId === actor.userId && can(actor, action)) return true;
  if (r.escalatedToPath && can(actor, action, { regionPath: r.escalatedToPath })) return true;
  return actor.grants.some((g) => g.role === 'department_handler' && g.organisationId !== null
    && roleAllows(g.role, action) && (g.organisationId === r.departmentId || departmentIds.includes(g.organisationId)));
}
