import { and, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { accountLinkRequests } from './users.table.ts';

// What users forget when a person is erased (PIPL art. 47), called by privacy in its transaction.
// A link request keeps the name the person signed up with and their sealed ID number for the
// worker's decision; after erasure nobody may decide on it, so the request is closed and emptied.

/** The note a pending link request is closed with when its person is erased. */
export const ERASED_LINK_NOTE = '申请人已注销，申请自动关闭';

/**
 * Closes (rejected, with a note) and empties every account-link request of the erased accounts or
 * register entry, and every request someone else filed with the erased person's ID number
 * (`idHashes`, the register's keyed hashes): none of them may link anyone to the person again.
 */
export async function forgetLinkRequests(tx: DbOrTx, who: { userIds: string[]; residentIds: string[]; idHashes?: string[]; names?: string[] }, erasedName: string, now?: Date): Promise<void> {
  const conditions = [
    ...(who.userIds.length ? [inArray(accountLinkRequests.userId, who.userIds)] : []),
    ...(who.residentIds.length ? [inArray(accountLinkRequests.residentId, who.residentIds)] : []),
    ...(who.idHashes?.length ? [inArray(accountLinkRequests.idHash, who.idHashes)] : []),
  ];
  if (!conditions.length) return;
  await tx.update(accountLinkRequests)
    .set({ state: 'rejected', decidedAt: now ?? new Date(), decisionNote: ERASED_LINK_NOTE })
    .where(and(or(...conditions), eq(accountLinkRequests.state, 'pending')));
  // An account someone opened under the person's name and ID number is theirs in all but the link:
  // it loses the name too (the phone and the account stay, as they prove nothing about the person).
  const filers = who.idHashes?.length && who.names?.length
    ? await tx.select({ userId: accountLinkRequests.userId }).from(accountLinkRequests).where(inArray(accountLinkRequests.idHash, who.idHashes))
    : [];
  if (filers.length) {
    await tx.update(users).set({ name: erasedName })
      .where(and(inArray(users.id, filers.map((f) => f.userId)), inArray(users.name, who.names!)));
  }
  await tx.update(accountLinkRequests)
    .set({ name: erasedName, idHash: null, idCipher: null, idMasked: null })
    .where(or(...conditions));
}
