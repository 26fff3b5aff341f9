import { eq } from 'drizzle-orm';
import { ACTIONS } from '@gongzhi/core';
import type { SessionView } from '@gongzhi/contracts';
import type { DbOrTx } from '../db/client.ts';
import type { Actor } from '../authz/actor.ts';
import { can } from '../authz/authorize.ts';
import { roleAssignments } from '../authz/authz.table.ts';
import { users } from './auth.table.ts';
import type { Directory } from './directory.ts';

/** The signed-in user, their grants with names, and the actions they may take somewhere. */
export async function presentSession(db: DbOrTx, dir: Directory, actor: Actor, csrfToken: string | null): Promise<SessionView> {
  const [user] = await db.select({ id: users.id, name: users.name, phoneMasked: users.phoneMasked, demo: users.demo }).from(users).where(eq(users.id, actor.userId));
  const grants = await db
    .select({
      id: roleAssignments.id, role: roleAssignments.role, regionId: roleAssignments.regionId, regionPath: roleAssignments.regionPath,
      regionName: dir.regionNameOf(roleAssignments.regionId), organisationId: roleAssignments.organisationId,
      organisationName: dir.organisationNameOf(roleAssignments.organisationId),
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, actor.userId));
  return {
    user: user!,
    grants,
    can: ACTIONS.filter((a) => can(actor, a)),
    csrfToken,
  };
}
