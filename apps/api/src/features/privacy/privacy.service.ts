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
import { anonymiseResident, findResident, ownRegisterEntry, residentRegionPath } from '../org/people.service.ts';
import { forgetReporter, requestsRaisedBy } from '../requests/requests.service.ts';
import { mayEraseResident, mayEraseSelf } from './privacy.policy.ts';

/** What an erased person is called everywhere their name was. */
export const ERASED_NAME = '已注销居民';

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
 * Replaces the name in every `<x>_name` column whose sibling `<x>_id` / `<x>_user_id` names this
 * person, in any feature's table (signatures on minutes, authors of notes, askers, the audit trail's
 * actor name). Rows, amounts and links stay, so ledgers balance and the audit trail stays whole.
 */
async function eraseNameEverywhere(tx: DbOrTx, ids: string[]): Promise<void> {
  const { rows } = await tx.execute<{ table_name: string; name_col: string; id_col: string }>(sql`
    SELECT n.table_name, n.column_name AS name_col, i.column_name AS id_col
    FROM information_schema.columns n JOIN information_schema.columns i
      ON i.table_schema = n.table_schema AND i.table_name = n.table_name
     AND i.column_name IN (regexp_replace(n.column_name, '_name$', '_id'), regexp_replace(n.column_name, '_name$', '_user_id'))
    WHERE n.table_schema = 'public' AND n.column_name LIKE '%\\_name' AND i.data_type = 'uuid'`);
  for (const r of rows) {
    await tx.execute(sql`UPDATE ${sql.identifier(r.table_name)} SET ${sql.identifier(r.name_col)} = ${ERASED_NAME}
      WHERE ${sql.identifier(r.id_col)} = ANY(${`{${ids.join(',')}}`}::uuid[])`);
  }
}

/** Anonymises one resident and the account linked to them, in one transaction. */
async function eraseIn(tx: DbOrTx, residentId: string | null, userId: string | null, now: Date): Promise<void> {
  const ids = [residentId, userId].filter((x): x is string => x !== null);
  if (residentId) await anonymiseResident(tx, residentId, ERASED_NAME, now);
  const linked = await tx.select({ id: users.id }).from(users).where(or(userId ? eq(users.id, userId) : sql`false`, residentId ? eq(users.residentId, residentId) : sql`false`));
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
  await forgetReporter(tx, { userIds: [...linked.map((u) => u.id), ...(userId ? [userId] : [])], residentId }, ERASED_NAME);
  await eraseNameEverywhere(tx, [...new Set(ids)]);
}

/** A resident asks to be removed (PIPL art. 47): their account and register entry are anonymised. */
export async function eraseMyself(db: Db, actor: Actor, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update');
    const me = found(u, 'NOT_FOUND');
    ensure(mayEraseSelf(actor));
    const regionPath = me.residentId ? await residentRegionPath(tx, me.residentId) : undefined;
    // Recorded first, so the trail's own row loses the name with the rest.
    await audit(tx, actor, { action: 'privacy.erase', subjectType: 'user', subjectId: me.id, regionPath: regionPath ?? null, details: { self: true } });
    await eraseIn(tx, me.residentId, me.id, now);
  });
}

/** Staff carry out a removal asked for in person or on paper, for a resident in their scope. */
export async function eraseResident(db: Db, actor: Actor, residentId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const r = found(await findResident(tx, actor, residentId), 'RESIDENT_NOT_FOUND');
    ensure(mayEraseResident(actor, r));
    await eraseIn(tx, r.id, null, now);
    await audit(tx, actor, { action: 'privacy.erase', subjectType: 'resident', subjectId: r.id, regionPath: r.regionPath, details: { self: false } });
  });
}
