import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { roleAssignments } from '../authz/authz.table.ts';
import { users } from './auth.table.ts';
import type { Directory } from './directory.ts';

/** What the session answer shows of the signed-in user: name, masked phone, demo flag. */
export async function sessionUser(db: DbOrTx, userId: string) {
  const [user] = await db.select({ id: users.id, name: users.name, phoneMasked: users.phoneMasked, demo: users.demo }).from(users).where(eq(users.id, userId));
  return user;
}

/** A user's grants with the names of their regions and organisations (from the directory), one query. */
export async function grantsWithNames(db: DbOrTx, dir: Directory, userId: string) {
  return db
    .select({
      id: roleAssignments.id, role: roleAssignments.role, regionId: roleAssignments.regionId, regionPath: roleAssignments.regionPath,
      regionName: dir.regionNameOf(roleAssignments.regionId), organisationId: roleAssignments.organisationId,
      organisationName: dir.organisationNameOf(roleAssignments.organisationId),
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
}
