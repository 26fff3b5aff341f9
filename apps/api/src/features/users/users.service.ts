import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { normalizePhone, maskPhone, ROLE_BINDING } from '@gongzhi/core';
import type { CreateUserBody, GrantBody, UpdateUserBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authz/authorize.ts';
import { findUser } from './users.repository.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { hashPassword, isStrongPassword } from '../../platform/crypto/password.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { regionById } from '../org/region.service.ts';
import { organisationById, organisationPathOf } from '../org/organisation.service.ts';
import { mayGrant, mayManage } from './users.policy.ts';
import { scopeFor } from '../../platform/authz/scope.ts';

type Grant = z.infer<typeof GrantBody>;

/** Resolves where a grant binds, checks the actor may give it, and inserts it. */
async function addGrant(tx: DbOrTx, actor: Actor, userId: string, g: Grant) {
  const binding = ROLE_BINDING[g.role];
  let regionId: string | null = null, regionPath: string | null = null, organisationId: string | null = null, place: string | null = null;
  if (binding === 'region') {
    if (!g.regionId) throw new AppError('ROLE_SCOPE_INVALID', { kind: '区域 / a region' });
    const r = await regionById(tx, g.regionId);
    if (!r || !can(actor, 'user.manage', { regionPath: r.code })) throw new AppError('REGION_NOT_FOUND');
    regionId = r.id; regionPath = r.code; place = r.code;
  } else if (binding === 'organisation') {
    if (!g.organisationId) throw new AppError('ROLE_SCOPE_INVALID', { kind: '组织 / an organisation' });
    const o = await organisationById(tx, g.organisationId);
    if (!o || !can(actor, 'user.manage', { regionPath: o.regionPath })) throw new AppError('ORGANISATION_NOT_FOUND');
    organisationId = o.id; place = o.regionPath;
  }
  if (!mayGrant(actor, g.role, place)) throw new AppError('FORBIDDEN');
  const [row] = await tx.insert(roleAssignments).values({ userId, role: g.role, regionId, regionPath, organisationId, createdBy: actor.userId }).returning();
  await audit(tx, actor, { action: 'user.grant.add', subjectType: 'user', subjectId: userId, regionPath: place, after: row });
  return { ...row!, place };
}

/** Creates an account with its initial grants; non-administrators must give at least one grant in their scope. */
export async function createUser(db: Db, vault: Vault, actor: Actor, body: z.infer<typeof CreateUserBody>) {
  const phone = normalizePhone(body.phone);
  if (!phone) throw new AppError('PHONE_INVALID');
  if (!isStrongPassword(body.password)) throw new AppError('PASSWORD_WEAK');
  const isAdmin = actor.grants.some((g) => g.regionPath === null && g.role === 'system_admin');
  if (!isAdmin && body.grants.length === 0) throw new AppError('ROLE_SCOPE_INVALID', { kind: '至少一个角色 / at least one role' });
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.phoneHash, vault.hash(phone)));
    if (taken) throw new AppError('PHONE_TAKEN');
    const [user] = await tx.insert(users).values({
      name: body.name, phoneHash: vault.hash(phone), phoneCipher: vault.encrypt(phone), phoneMasked: maskPhone(phone), passwordHash,
    }).returning();
    const places: (string | null)[] = [];
    for (const g of body.grants) places.push((await addGrant(tx, actor, user!.id, g)).place);
    // Filed under the first role's place, so the auditors of that region see who was given an account.
    await audit(tx, actor, { action: 'user.create', subjectType: 'user', subjectId: user!.id, regionPath: places[0] ?? null, details: { name: body.name } });
    return user!;
  });
}

/** Adds one grant to an existing user. */
export async function grantRole(db: Db, actor: Actor, userId: string, g: Grant) {
  return db.transaction(async (tx) => {
    found(await findUser(tx, scopeFor(actor, 'user.read'), userId), 'USER_NOT_FOUND');
    return addGrant(tx, actor, userId, g);
  });
}

/** Removes a grant, if the actor could have given it. */
export async function revokeGrant(db: Db, actor: Actor, userId: string, grantId: string) {
  await db.transaction(async (tx) => {
    const [g] = await tx.select({ a: roleAssignments, orgPath: organisationPathOf(roleAssignments.organisationId) }).from(roleAssignments)
      .where(and(eq(roleAssignments.id, grantId), eq(roleAssignments.userId, userId)));
    if (!g || !(await findUser(tx, scopeFor(actor, 'user.read'), userId))) throw new AppError('NOT_FOUND');
    const place = g.a.regionPath ?? g.orgPath ?? null;
    if (!mayGrant(actor, g.a.role, place)) throw new AppError('FORBIDDEN');
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, grantId));
    await audit(tx, actor, { action: 'user.grant.remove', subjectType: 'user', subjectId: userId, regionPath: place, before: g.a });
  });
}

/** Renames, resets the password of, or disables/enables a user the actor manages. */
export async function updateUser(db: Db, actor: Actor, userId: string, body: z.infer<typeof UpdateUserBody>, now: Date) {
  if (body.password !== undefined && !isStrongPassword(body.password)) throw new AppError('PASSWORD_WEAK');
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  return db.transaction(async (tx) => {
    const before = found(await findUser(tx, scopeFor(actor, 'user.read'), userId), 'USER_NOT_FOUND');
    if (!mayManage(actor, before.grants)) throw new AppError('FORBIDDEN');
    // Nobody locks themselves out (the last administrator would leave the platform unmanaged).
    if (body.disabled && userId === actor.userId) throw new AppError('FORBIDDEN');
    const set: Partial<typeof users.$inferInsert> = {};
    if (body.name) set.name = body.name;
    if (passwordHash) Object.assign(set, { passwordHash, failedLogins: 0, lockedUntil: null });
    if (body.disabled !== undefined) set.disabledAt = body.disabled ? (before.disabledAt ?? now) : null;
    const [after] = await tx.update(users).set(set).where(eq(users.id, userId)).returning();
    const place = before.grants[0] ? (before.grants[0].regionPath ?? before.grants[0].orgPath) : null;
    await audit(tx, actor, {
      action: 'user.update', subjectType: 'user', subjectId: userId, regionPath: place,
      before: { name: before.name, disabledAt: before.disabledAt }, after: { name: after!.name, disabledAt: after!.disabledAt },
      details: { passwordReset: Boolean(passwordHash), disabled: body.disabled },
    });
    return after!;
  });
}
