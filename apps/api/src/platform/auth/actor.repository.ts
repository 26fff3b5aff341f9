import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { Actor, Grant } from '../authz/actor.ts';
import { roleAssignments } from '../authz/authz.table.ts';
import { users } from './auth.table.ts';
import type { Directory } from './directory.ts';

/**
 * The user's grants as one JSON column, so an actor loads in the same round trip as the session or
 * token that names them (this runs on every request). Organisation roles are scoped to the
 * organisation's region.
 */
export const grantsColumn = (dir: Directory): SQL<Grant[]> => sql<Grant[]>`coalesce((
  SELECT json_agg(json_build_object(
    'role', ra.role,
    'regionPath', CASE WHEN ra.organisation_id IS NOT NULL THEN coalesce(${dir.organisationPathOf(sql`ra.organisation_id`)}, '') ELSE ra.region_path END,
    'organisationId', ra.organisation_id) ORDER BY ra.created_at)
  FROM ${roleAssignments} ra
  WHERE ra.user_id = "users"."id"), '[]'::json)`; // qualified by hand: Drizzle drops the table name in single-table selects

/** Columns that make an actor, to select alongside a session or token row joined to `users`. */
export const actorColumns = (dir: Directory) => ({ userId: users.id, name: users.name, residentId: users.residentId, disabledAt: users.disabledAt, grants: grantsColumn(dir) });

/** Builds the actor from `actorColumns`, or null for a disabled account. */
export function toActor(row: { userId: string; name: string; residentId: string | null; disabledAt: Date | null; grants: Grant[] }, via: Actor['via']): Actor | null {
  if (row.disabledAt) return null;
  return { userId: row.userId, name: row.name, residentId: row.residentId, grants: row.grants, via };
}

/** Loads a user with their grants as an Actor. */
export async function loadActor(db: DbOrTx, dir: Directory, userId: string, via: Actor['via']): Promise<Actor | null> {
  const [row] = await db.select(actorColumns(dir)).from(users).where(eq(users.id, userId));
  return row ? toActor(row, via) : null;
}
