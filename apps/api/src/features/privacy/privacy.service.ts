import { randomBytes } from 'node:crypto';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { found } from '../../platform/errors/app-error.ts';
import { hashPassword } from '../../platform/crypto/password.ts';
import { apiTokens, sessions, users } from '../../platform/auth/auth.table.ts';
import { anonymiseResident, ERASED_RESIDENT_NAME, findResident, ownRegisterEntry, residentRegionPath } from '../org/people.service.ts';
import { forgetReporter, requestsRaisedBy } from '../requests/requests.service.ts';
import { forgetCouncilPerson } from '../councils/forget.service.ts';
import { forgetRollNames } from '../assembly/forget.service.ts';
import { forgetFundAsker } from '../funds/forget.service.ts';
import { forgetVisitedPerson, forgetVisitNotes } from '../visits/forget.service.ts';
import { forgetLinkRequests } from '../users/forget.service.ts';
import { mayEraseResident, mayEraseSelf } from './privacy.policy.ts';

/** What an erased person is called everywhere their name was. */
export const ERASED_NAME = ERASED_RESIDENT_NAME;

const open = (vault: Vault, sealed: string | null) => (sealed ? vault.decrypt(sealed) : null);

/**
 * Everything the platform holds about the signed-in person (PIPL art. 45): their account, their
 * entry in the register with the ID number and phone in full (it is their own), their household and
 * the requests they raised. Audited, as every full reveal is.
 */
export async function exportMyData(db: Db, vault: Vault, actor: Actor, now: Date) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  const u = found(user, 'NOT_FOUND');
  const residentId = u.residentId ?? actor.residentId;
  const { resident: res, household: home } = residentId ? await ownRegisterEntry(db, residentId) : {};
  const raised = await requestsRaisedBy(db, u.id, res?.id ?? null);
  await audit(db, actor, { action: 'privacy.export', subjectType: 'user', subjectId: u.id, regionPath: res?.regionPath ?? null });
  return {
    generatedAt: now.toISOString(),
    account: { id: u.id, name: u.name, phone: open(vault, u.phoneCipher), createdAt: u.createdAt.toISOString(), lastLoginAt: u.lastLoginAt?.toISOString() ?? null },
    resident: res ? {
      id: res.id, name: res.name, gender: res.gender, birthDate: res.birthDate, relation: res.relation, tags: res.tags,
      idNumber: open(vault, res.idCipher), phone: open(vault, res.phoneCipher), householdId: res.householdId,
    } : null,
    household: home ? { id: home.id, regionPath: home.regionPath } : null,
    requests: raised.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

/**
 * Replaces the name in every `<x>_name` column whose sibling `<x>_id` / `<x>_user_id` / `<x>` (as in
 * `created_by_name` beside `created_by`) names this person, in any feature's table (signatures on minutes, authors of notes, askers, the audit trail's
 * actor name). Rows, amounts and links stay, so ledgers balance and the audit trail stays whole.
 */
async function eraseNameEverywhere(tx: DbOrTx, ids: string[]): Promise<void> {
  const { rows } = await tx.execute<{ table_name: string; name_col: string; id_col: string }>(sql`
    SELECT n.table_name, n.column_name AS name_col, i.column_name AS id_col
    FROM information_schema.columns n JOIN information_schema.columns i
      ON i.table_schema = n.table_schema AND i.table_name = n.table_name
     AND i.column_name IN (regexp_replace(n.column_name, '_name$', '_id'), regexp_replace(n.column_name, '_name$', '_user_id'), regexp_replace(n.column_name, '_name$', ''))
    WHERE n.table_schema = 'public' AND n.column_name LIKE '%\\_name' AND i.data_type = 'uuid'`);
  for (const r of rows) {
    await tx.execute(sql`UPDATE ${sql.identifier(r.table_name)} SET ${sql.identifier(r.name_col)} = ${ERASED_NAME}
      WHERE ${sql.identifier(r.id_col)} = ANY(${`{${ids.join(',')}}`}::uuid[])`);
  }
}

/**
 * Anonymises one resident and the account linked to them, in one transaction. Their names (as the
 * register and the account had them) are read first, so that the copies other features made of them
 * (seat holders, roll labels, askers, household snapshots) and their own words lose them too.
 */
async function eraseIn(tx: DbOrTx, vault: Vault, residentId: string | null, userId: string | null, now: Date): Promise<void> {
  const ids = [residentId, userId].filter((x): x is string => x !== null);
  const linked = await tx.select({ id: users.id, name: users.name, phoneCipher: users.phoneCipher }).from(users)
    .where(or(userId ? eq(users.id, userId) : sql`false`, residentId ? eq(users.residentId, residentId) : sql`false`));
  const entry = residentId ? (await ownRegisterEntry(tx, residentId)).resident : undefined;
  const names = [...new Set([...(entry ? [entry.name] : []), ...linked.map((u) => u.name)])]
    .filter((n): n is string => !!n && n !== ERASED_NAME);
  // Their numbers, to find and scrub in others' free text (a worker's visit note, a staff sort note).
  const numbers = [...new Set([open(vault, entry?.phoneCipher ?? null), open(vault, entry?.idCipher ?? null), ...linked.map((u) => open(vault, u.phoneCipher || null))])]
    .filter((n): n is string => !!n);
  const idHashes = entry?.idHash ? [entry.idHash] : [];
  const householdIds = entry ? [entry.householdId] : [];
  if (residentId) await anonymiseResident(tx, residentId, ERASED_NAME, now);
  for (const { id } of linked) {
    ids.push(id);
    // The phone's blind index must not find them again; a random unique value keeps the column's rule.
    await tx.update(users).set({
      name: ERASED_NAME, phoneHash: `erased:${id}`, phoneCipher: '', phoneMasked: '***', residentId: null, disabledAt: now,
      passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
    }).where(eq(users.id, id));
    await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
    await tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)));
  }
  const userIds = [...new Set([...linked.map((u) => u.id), ...(userId ? [userId] : [])])];
  const residentIds = residentId ? [residentId] : [];
  await forgetReporter(tx, { userIds, residentId, names, numbers }, ERASED_NAME);
  await forgetCouncilPerson(tx, { residentIds, userIds, names, numbers }, ERASED_NAME, now);
  await forgetRollNames(tx, { residentIds, names }, ERASED_NAME);
  await forgetFundAsker(tx, { userIds, names }, ERASED_NAME);
  await forgetVisitedPerson(tx, residentIds, ERASED_NAME);
  await forgetVisitNotes(tx, { householdIds, names, numbers }, ERASED_NAME);
  await forgetLinkRequests(tx, { userIds, residentIds, idHashes, names }, ERASED_NAME, now);
  await eraseNameEverywhere(tx, [...new Set(ids)]);
}

/** The register's name of a resident, read under the erasure's lock. */
async function residentName(tx: DbOrTx, residentId: string): Promise<string | null> {
  const { rows } = await tx.execute<{ name: string }>(sql`SELECT name FROM residents WHERE id = ${residentId}::uuid`);
  return rows[0]?.name ?? null;
}

/**
 * Serialises erasures of one person: concurrent requests (a double click, staff and the resident at
 * once) queue on a transaction-scoped advisory lock, and the later ones find the work done and
 * record nothing (issue 14 · item 11). True when this call is the first.
 */
async function firstErasure(tx: DbOrTx, key: string, residentId: string | null): Promise<boolean> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`privacy.erase:${key}`}, 0))`);
  return residentId === null || (await residentName(tx, residentId)) !== ERASED_NAME;
}

/** A resident asks to be removed (PIPL art. 47): their account and register entry are anonymised. */
export async function eraseMyself(db: Db, vault: Vault, actor: Actor, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update');
    const me = found(u, 'NOT_FOUND');
    ensure(mayEraseSelf(actor));
    // The user row's lock queues a second self-erasure; the advisory lock queues one by staff.
    if (me.name === ERASED_NAME && me.disabledAt) return;
    if (!(await firstErasure(tx, me.residentId ?? me.id, me.residentId))) return;
    const regionPath = me.residentId ? await residentRegionPath(tx, me.residentId) : undefined;
    // Recorded first, so the trail's own row loses the name with the rest.
    await audit(tx, actor, { action: 'privacy.erase', subjectType: 'user', subjectId: me.id, regionPath: regionPath ?? null, details: { self: true } });
    await eraseIn(tx, vault, me.residentId, me.id, now);
  });
}

/** Staff carry out a removal asked for in person or on paper, for a resident in their scope. */
export async function eraseResident(db: Db, vault: Vault, actor: Actor, residentId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const r = found(await findResident(tx, actor, residentId), 'RESIDENT_NOT_FOUND');
    ensure(mayEraseResident(actor, r));
    // Already erased (by a concurrent request, or before): nothing more to do, nothing to record.
    if (!(await firstErasure(tx, r.id, r.id))) return;
    await eraseIn(tx, vault, r.id, null, now);
    await audit(tx, actor, { action: 'privacy.erase', subjectType: 'resident', subjectId: r.id, regionPath: r.regionPath, details: { self: false } });
  });
}
