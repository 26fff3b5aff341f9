import type { z } from 'zod';
import { normalizePhone } from '@gongzhi/core';
import type { GrantView, UserView } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { found } from '../../platform/errors/app-error.ts';
import { findUser, grantsOf, listUsers, loadUser } from './users.repository.ts';

// What the user pages read: accounts loaded in the actor's scope, with their roles.

type UserRow = NonNullable<Awaited<ReturnType<typeof loadUser>>>;
type GrantRow = Awaited<ReturnType<typeof grantsOf>>[number];

const presentUser = (u: UserRow, grants: GrantRow[]): z.infer<typeof UserView> => ({
  id: u.id, name: u.name, phone: u.phoneMasked, disabled: u.disabledAt !== null, demo: u.demo, lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  grants: grants.filter((g) => g.userId === u.id).map((g): z.infer<typeof GrantView> => ({
    id: g.id, role: g.role, regionId: g.regionId, regionPath: g.regionPath, regionName: g.regionName, organisationId: g.organisationId, organisationName: g.organisationName,
  })),
});

/** Users holding roles in the actor's scope, by name or phone (`q`). */
export async function userList(db: DbOrTx, vault: Vault, actor: Actor, q: { q?: string; limit: number; offset: number }) {
  const phone = q.q ? normalizePhone(q.q) : null;
  const { rows, total } = await listUsers(db, scopeFor(actor, 'user.read'), { name: q.q, phoneHash: phone ? vault.hash(phone) : undefined, limit: q.limit, offset: q.offset });
  const grants = await grantsOf(db, rows.map((u) => u.id));
  return { items: rows.map((u) => presentUser(u, grants)), total };
}

/** A user in the actor's scope with their roles, or USER_NOT_FOUND. */
export async function userDetail(db: DbOrTx, actor: Actor, id: string): Promise<z.infer<typeof UserView>> {
  const u = found(await findUser(db, scopeFor(actor, 'user.read'), id), 'USER_NOT_FOUND');
  return presentUser(u, await grantsOf(db, [id]));
}

/** A user the actor has just created, with their roles. */
export async function userWithGrants(db: DbOrTx, u: UserRow): Promise<z.infer<typeof UserView>> {
  return presentUser(u, await grantsOf(db, [u.id]));
}

/**
 * A user as they are after the actor's change, whether or not still in the actor's sight (a revoked
 * grant may have taken them out of it): the answer still shows what became of them.
 */
export async function userAfterChange(db: DbOrTx, id: string): Promise<z.infer<typeof UserView>> {
  const u = found(await loadUser(db, id), 'USER_NOT_FOUND');
  return presentUser(u, await grantsOf(db, [u.id]));
}
