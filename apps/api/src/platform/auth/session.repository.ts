import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { roleAssignments } from '../authz/authz.table.ts';
import { organisations, regions } from '../../features/org/org.table.ts';
import { users } from './auth.table.ts';

/** What the session answer shows of the signed-in user: name, masked phone, demo flag. */
export async function sessionUser(db: DbOrTx, userId: string) {
  const [user] = await db.select({ id: users.id, name: users.name, phoneMasked: users.phoneMasked, demo: users.demo }).from(users).where(eq(users.id, userId));
  return user;
}

/** A user's grants with the names of their regions and organisations, one query. */
export async function grantsWithNames(db: DbOrTx, userId: string) {
  return db
    .select({
      id: roleAssignments.id, role: roleAssignments.role, regionId: roleAssignments.regionId, regionPath: roleAssignments.regionPath,
      regionName: regions.name, organisationId: roleAssignments.organisationId, organisationName: organisations.name,
    })
    .from(roleAssignments)
    .leftJoin(regions, eq(regions.id, roleAssignments.regionId))
    .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
    .where(eq(roleAssignments.userId, userId));
}
