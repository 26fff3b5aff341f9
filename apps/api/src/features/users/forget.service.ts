import { inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { accountLinkRequests } from './users.table.ts';

// What users forget when a person is erased (PIPL art. 47), called by privacy in its transaction.
// A link request keeps the name the person signed up with and their sealed ID number for the
// worker's decision; after erasure nobody may decide on it, so the request is closed and emptied.

/** Empties every account-link request of the erased accounts or register entry. */
export async function forgetLinkRequests(tx: DbOrTx, who: { userIds: string[]; residentIds: string[] }, erasedName: string): Promise<void> {
  const conditions = [
    ...(who.userIds.length ? [inArray(accountLinkRequests.userId, who.userIds)] : []),
    ...(who.residentIds.length ? [inArray(accountLinkRequests.residentId, who.residentIds)] : []),
  ];
  if (!conditions.length) return;
  await tx.update(accountLinkRequests)
    .set({ name: erasedName, idHash: null, idCipher: null, idMasked: null, decisionNote: null })
    .where(or(...conditions));
}
