import { eq, inArray } from 'drizzle-orm';
import { ACTIONS } from '@gongzhi/core';
import type { SessionView } from '@gongzhi/contracts';
import type { DbOrTx } from '../db/client.ts';
import type { Actor } from '../authz/actor.ts';
import { can } from '../authz/authorize.ts';
import { roleAssignments } from '../authz/authz.table.ts';
import { organisations, regions } from '../../features/org/org.table.ts';
import { users } from './auth.table.ts';

/** The signed-in user, their grants with names, and the actions they may take somewhere. */
export async function presentSession(db: DbOrTx, actor: Actor, csrfToken: string | null): Promise<SessionView> {
  const [user] = await db.select({ id: users.id, name: users.name, phoneMasked: users.phoneMasked, demo: users.demo }).from(users).where(eq(users.id, actor.userId));
  const grants = await db
    .select({
      id: roleAssignments.id, role: roleAssignments.role, regionId: roleAssignments.regionId, regionPath: roleAssignments.regionPath,
      regionName: regions.name, organisationId: roleAssignments.organisationId, organisationName: organisations.name,
    })
    .from(roleAssignments)
    .leftJoin(regions, eq(regions.id, roleAssignments.regionId))
    .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
    .where(eq(roleAssignments.userId, actor.userId));
  return {
    user: user!,
    grants,
    can: ACTIONS.filter((a) => can(actor, a)),
    csrfToken,
  };
}

/** Names of regions by id, for presenting grants elsewhere. */
export async function regionNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
