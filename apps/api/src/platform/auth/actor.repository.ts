import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { Actor, Grant } from '../authz/actor.ts';
import { roleAssignments } from '../authz/authz.table.ts';
import { organisations } from '../../features/org/org.table.ts';
import { users } from './auth.table.ts';

/** Loads a user with their grants as an Actor; organisation roles are scoped to the organisation's region. */
export async function loadActor(db: DbOrTx, userId: string, via: Actor['via']): Promise<Actor | null> {
  const [user] = await db.select({ id: users.id, name: users.name, residentId: users.residentId, disabledAt: users.disabledAt })
    .from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) return null;
  const rows = await db
    .select({ role: roleAssignments.role, regionPath: roleAssignments.regionPath, organisationId: roleAssignments.organisationId, orgPath: organisations.regionPath })
    .from(roleAssignments)
    .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
    .where(eq(roleAssignments.userId, userId));
  const grants: Grant[] = rows.map((r) => ({
    role: r.role,
    regionPath: r.organisationId ? (r.orgPath ?? '') : r.regionPath,
    organisationId: r.organisationId,
  }));
  return { userId: user.id, name: user.name, residentId: user.residentId, grants, via };
}
