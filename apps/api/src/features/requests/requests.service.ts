import { and, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { eraseFromText, maskFreeText, mentionsPerson } from '@gongzhi/core';
import type { z } from 'zod';
import type { RequestDetail, RequestListQuery, RequestSummary } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { found } from '../../platform/errors/app-error.ts';
import { findRegion } from '../org/region.service.ts';
import { requestEvents, requests } from './requests.table.ts';
import { findRequest, listRequestRows, loadRequestDetail, type RequestRow } from './requests.repository.ts';
import { allowedFor, readerOf, seesInternals } from './requests.policy.ts';
import { presentDetail, presentSummary } from './requests.presenter.ts';

/** A page of the requests an actor may see, newest first, with filters for the work queues. */
export async function listRequests(db: DbOrTx, actor: Actor, q: z.infer<typeof RequestListQuery>): Promise<{ items: RequestSummary[]; total: number }> {
  const { regionId, ...filter } = q;
  const regionCode = regionId ? found(await findRegion(db, actor, regionId, 'request.read'), 'REGION_NOT_FOUND').code : undefined;
  const { rows, total } = await listRequestRows(db, readerOf(actor), { ...filter, regionCode });
  return { items: rows.map(presentSummary), total };
}

/**
 * A request with its timeline, handlers and what the actor may do next (as of `now`, the
 * deadlines' clock): loaded in scope, judged by the policy, shaped by the presenter.
 */
export async function requestDetail(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<RequestDetail> {
  const base = found(await findRequest(db, readerOf(actor), id), 'REQUEST_NOT_FOUND');
  const d = await loadRequestDetail(db, base, actor.userId);
  const coDepts = d.handlers.flatMap((h) => (h.h.organisationId ? [h.h.organisationId] : []));
  return presentDetail(actor, d, { staff: seesInternals(actor, base, coDepts), allowed: allowedFor(actor, base, coDepts, now) });
}

/**
 * One request the actor may see, or REQUEST_NOT_FOUND: for other features that refer to a request.
 * Other features quote it to other people (a council's agenda is read by the area's residents), so
 * its free text comes with contact and ID numbers masked and without the reporter (issue 14 · item 4).
 */
export async function requestFor(db: DbOrTx, actor: Actor, id: string): Promise<RequestRow> {
  const r = found(await findRequest(db, readerOf(actor), id), 'REQUEST_NOT_FOUND');
  return {
    ...r, description: maskFreeText(r.description), address: r.address === null ? null : maskFreeText(r.address),
    reporterUserId: null, reporterResidentId: null, reporterName: null, reporterPhoneHash: null, reporterPhoneCipher: null, reporterPhoneMasked: null,
  };
}

/** The accounts that reported these requests (to tell them how a project raised from them goes on). */
export async function reporterAccountsOf(db: DbOrTx, requestIds: string[]): Promise<string[]> {
  if (!requestIds.length) return [];
  const rows = await db.selectDistinct({ u: requests.reporterUserId }).from(requests).where(and(inArray(requests.id, requestIds), isNotNull(requests.reporterUserId)));
  return rows.map((r) => r.u!);
}

// What other features ask of requests for a person's data rights (PIPL).

/** The requests a person raised, by their account or their register entry, newest first (their own data). */
export async function requestsRaisedBy(db: DbOrTx, userId: string, residentId: string | null) {
  return db.select({
    id: requests.id, number: requests.number, description: requests.description, state: requests.state, createdAt: requests.createdAt,
  }).from(requests).where(or(eq(requests.reporterUserId, userId), residentId ? eq(requests.reporterResidentId, residentId) : sql`false`)).orderBy(desc(requests.createdAt));
}

/**
 * Forgets who reported: every request raised by one of the accounts or by the register entry keeps
 * its content but loses the reporter's link, name and phone (PIPL art. 47), and their words lose
 * their `names` and `numbers` (phones, ID number) and any other contact or ID number is masked
 * (`eraseFromText`); so are the timeline notes on their requests, the notes the accounts wrote, and
 * anyone's notes (a staff sort note) naming them or one of their numbers. In the caller's transaction.
 */
export async function forgetReporter(tx: DbOrTx, who: { userIds: string[]; residentId: string | null; names?: string[]; numbers?: string[] }, erasedName: string): Promise<void> {
  const names = who.names ?? [];
  const numbers = who.numbers ?? [];
  const reporter = or(
    ...who.userIds.map((id) => eq(requests.reporterUserId, id)),
    ...(who.residentId ? [eq(requests.reporterResidentId, who.residentId)] : []), sql`false`,
  );
  const raised = await tx.select({ id: requests.id, description: requests.description, address: requests.address, ratingComment: requests.ratingComment })
    .from(requests).where(reporter).for('update');
  const erase = (t: string) => eraseFromText(t, names, erasedName, numbers);
  for (const r of raised) {
    await tx.update(requests).set({
      reporterUserId: null, reporterResidentId: null, reporterName: erasedName, reporterPhoneHash: null, reporterPhoneCipher: null, reporterPhoneMasked: null,
      description: erase(r.description), address: r.address === null ? null : erase(r.address),
      ratingComment: r.ratingComment === null ? null : erase(r.ratingComment),
    }).where(eq(requests.id, r.id));
  }
  // Notes by anyone (their own, staff's sort and handling notes) on the requests they raised, that
  // they wrote, or that mention them by name or number: found by text, then scrubbed of the person.
  const tails = numbers.map((n) => n.replace(/\D/g, '').slice(-4)).filter((t) => t.length === 4);
  const needles = [...names.filter((n) => Array.from(n.trim()).length >= 2).map((n) => n.trim()), ...tails];
  const raisedIds = raised.map((r) => r.id);
  const notes = await tx.select({ id: requestEvents.id, note: requestEvents.note, requestId: requestEvents.requestId, actor: requestEvents.actorUserId }).from(requestEvents)
    .where(and(isNotNull(requestEvents.note), or(sql`false`,
      ...(who.userIds.length ? [inArray(requestEvents.actorUserId, who.userIds)] : []),
      ...(raisedIds.length ? [inArray(requestEvents.requestId, raisedIds)] : []),
      ...needles.map((n) => sql`${requestEvents.note} LIKE ${`%${n}%`}`))));
  const theirs = (e: (typeof notes)[number]) => (e.actor !== null && who.userIds.includes(e.actor)) || raisedIds.includes(e.requestId);
  for (const e of notes.filter((x) => theirs(x) || mentionsPerson(x.note!, names, numbers))) {
    const next = erase(e.note!);
    if (next !== e.note) await tx.update(requestEvents).set({ note: next }).where(eq(requestEvents.id, e.id));
  }
}
