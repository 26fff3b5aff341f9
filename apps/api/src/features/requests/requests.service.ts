import { desc, eq, or, sql } from 'drizzle-orm';
import type { RequestDetail } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { requests } from './requests.table.ts';
import { presentDetail } from './requests.presenter.ts';

// What other features ask of requests: reading one with the actor's own rights, and a person's
// requests for their data rights (PIPL).

/** A request as its detail page shows it, read with the actor's own rights: REQUEST_NOT_FOUND when out of scope. */
export async function readRequest(db: Db, actor: Actor, id: string): Promise<RequestDetail> {
  return presentDetail(db, actor, id);
}

/** The requests a person raised, by their account or their register entry, newest first (their own data). */
export async function requestsRaisedBy(db: DbOrTx, userId: string, residentId: string | null) {
  return db.select({
    id: requests.id, number: requests.number, description: requests.description, state: requests.state, createdAt: requests.createdAt,
  }).from(requests).where(or(eq(requests.reporterUserId, userId), residentId ? eq(requests.reporterResidentId, residentId) : sql`false`)).orderBy(desc(requests.createdAt));
}

/**
 * Forgets who reported: every request raised by one of the accounts or by the register entry keeps
 * its content but loses the reporter's link, name and phone (PIPL art. 47). In the caller's transaction.
 */
export async function forgetReporter(tx: DbOrTx, who: { userIds: string[]; residentId: string | null }, erasedName: string): Promise<void> {
  const reporter = or(
    ...who.userIds.map((id) => eq(requests.reporterUserId, id)),
    ...(who.residentId ? [eq(requests.reporterResidentId, who.residentId)] : []), sql`false`,
  );
  await tx.update(requests).set({
    reporterUserId: null, reporterResidentId: null, reporterName: erasedName, reporterPhoneHash: null, reporterPhoneCipher: null, reporterPhoneMasked: null,
  }).where(reporter);
}
