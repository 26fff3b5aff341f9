import { and, eq } from 'drizzle-orm';
import { isWithin } from '@gongzhi/core';
import type { z } from 'zod';
import type { ApproveLinkBody, LinkRequestQuery } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { createEntryForAccount, findResident, linkableEntry, type LinkableEntry } from '../org/people.service.ts';
import { accountOfResident, findLinkRequest, linkRequestWithNames, listLinkRequests, lockEntry, removeLink, writeLink } from './link.repository.ts';
import { accountLinkRequests } from './users.table.ts';
import { presentLinkRequest } from './link.presenter.ts';
import { phoneOrThrow } from '../../platform/auth/phone-code.service.ts';

/** A decided request keeps only the masked ID number: the sealed one was kept for the decision alone. */
const SETTLED = { idHash: null, idCipher: null } as const;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Links in the caller's transaction, refusing an entry that already has another account. */
async function link(tx: Tx, actor: Actor, userId: string, entry: LinkableEntry, details: Record<string, unknown>) {
  await lockEntry(tx, entry.id);
  const other = await accountOfResident(tx, entry.id);
  if (other && other.id !== userId) throw new AppError('RESIDENT_ALREADY_LINKED');
  await writeLink(tx, userId, entry, actor.userId);
  await audit(tx, actor, { action: 'account.link', subjectType: 'user', subjectId: userId, regionPath: entry.regionPath, details: { residentId: entry.id, owner: entry.owner, ...details } });
}

/** Link requests waiting (or decided) in the communities where the actor keeps the register. */
export async function linkRequestPage(db: Db, actor: Actor, q: z.infer<typeof LinkRequestQuery>) {
  const { items, total } = await listLinkRequests(db, scopeFor(actor, 'people.write'), q);
  return { items: items.map((i) => presentLinkRequest(i.r, i.phoneMasked, i.communityName)), total };
}

/**
 * A worker approves a link request: links the account to an entry in their scope, or creates a new
 * entry (from the ID number the person gave) in a household they choose, then links it. The request
 * is locked first, so when two workers decide at once one wins and the other is told it is decided.
 */
export async function approveLinkRequest(db: Db, vault: Vault, actor: Actor, id: string, body: z.infer<typeof ApproveLinkBody>, now: Date) {
  await db.transaction(async (tx) => {
    const req = found(await findLinkRequest(tx, scopeFor(actor, 'people.write'), id, { lock: true }), 'LINK_REQUEST_NOT_FOUND');
    if (req.state !== 'pending') throw new AppError('LINK_REQUEST_DECIDED');
    const [user] = await tx.select({ residentId: users.residentId, disabledAt: users.disabledAt }).from(users).where(eq(users.id, req.userId));
    // An erased (or disabled) account is no one to link: approving would give the husk a register entry.
    if (!user || user.disabledAt) throw new AppError('ACCOUNT_ERASED');
    if (user.residentId) throw new AppError('ACCOUNT_ALREADY_LINKED');
    const entry = 'residentId' in body
      ? found(await linkableEntry(tx, actor, body.residentId), 'RESIDENT_NOT_FOUND')
      : await createEntryForAccount(tx, vault, actor, { householdId: body.householdId, name: req.name, relation: body.relation, idNumber: req.idCipher ? vault.decrypt(req.idCipher) : null }, now);
    // The person chose a community at sign-up: a grant elsewhere would hand them another community's data.
    if (!isWithin(entry.regionPath, req.regionPath)) throw new AppError('LINK_OUTSIDE_COMMUNITY');
    await link(tx, actor, req.userId, entry, { requestId: req.id, created: !('residentId' in body) });
    await tx.update(accountLinkRequests).set({ state: 'approved', residentId: entry.id, decidedBy: actor.userId, decidedAt: now, ...SETTLED })
      .where(eq(accountLinkRequests.id, req.id));
  });
  return linkRequestView(db, id);
}

/** A worker rejects a link request (the account stays, unlinked), with a reason recorded. */
export async function rejectLinkRequest(db: Db, actor: Actor, id: string, reason: string, now: Date) {
  await db.transaction(async (tx) => {
    const req = found(await findLinkRequest(tx, scopeFor(actor, 'people.write'), id, { lock: true }), 'LINK_REQUEST_NOT_FOUND');
    if (req.state !== 'pending') throw new AppError('LINK_REQUEST_DECIDED');
    await tx.update(accountLinkRequests).set({ state: 'rejected', decidedBy: actor.userId, decidedAt: now, decisionNote: reason, ...SETTLED })
      .where(eq(accountLinkRequests.id, req.id));
    await audit(tx, actor, { action: 'account.link_request.reject', subjectType: 'user', subjectId: req.userId, regionPath: req.regionPath, details: { requestId: req.id, reason } });
  });
  return linkRequestView(db, id);
}

/** A request just decided by the actor, as the answer to that decision. */
async function linkRequestView(db: Db, id: string) {
  const row = found(await linkRequestWithNames(db, id), 'LINK_REQUEST_NOT_FOUND');
  return presentLinkRequest(row.r, row.phoneMasked, row.communityName);
}

/** The account linked to a resident's entry, for the resident's page (people.read in scope). */
export async function residentAccount(db: Db, actor: Actor, residentId: string) {
  found(await findResident(db, actor, residentId), 'RESIDENT_NOT_FOUND');
  const a = await accountOfResident(db, residentId);
  return { account: a ? { userId: a.id, name: a.name, phoneMasked: a.phoneMasked } : null };
}

/** Staff link the account using `phone` to a resident's entry in their scope; its pending request is settled. */
export async function linkAccount(db: Db, vault: Vault, actor: Actor, residentId: string, rawPhone: string, now: Date) {
  await db.transaction(async (tx) => {
    const entry = found(await linkableEntry(tx, actor, residentId), 'RESIDENT_NOT_FOUND');
    const phone = phoneOrThrow(rawPhone);
    const [user] = await tx.select({ id: users.id, residentId: users.residentId, disabledAt: users.disabledAt }).from(users).where(eq(users.phoneHash, vault.hash(phone)));
    if (!user) throw new AppError('USER_NOT_FOUND');
    if (user.disabledAt) throw new AppError('ACCOUNT_ERASED');
    if (user.residentId === entry.id) return;
    if (user.residentId) throw new AppError('ACCOUNT_ALREADY_LINKED');
    await link(tx, actor, user.id, entry, {});
    await tx.update(accountLinkRequests).set({ state: 'approved', residentId: entry.id, decidedBy: actor.userId, decidedAt: now, ...SETTLED })
      .where(and(eq(accountLinkRequests.userId, user.id), eq(accountLinkRequests.state, 'pending')));
  });
}

/** Staff unlink a resident's account: it no longer reaches the household's data or holds the resident roles. */
export async function unlinkAccount(db: Db, actor: Actor, residentId: string) {
  await db.transaction(async (tx) => {
    // A moved-out entry may still be unlinked (that is often why it is).
    const entry = found(await findResident(tx, actor, residentId, 'people.write'), 'RESIDENT_NOT_FOUND');
    const account = found(await accountOfResident(tx, entry.id), 'USER_NOT_FOUND');
    await removeLink(tx, account.id);
    await audit(tx, actor, { action: 'account.unlink', subjectType: 'user', subjectId: account.id, regionPath: entry.regionPath, details: { residentId: entry.id } });
  });
}
