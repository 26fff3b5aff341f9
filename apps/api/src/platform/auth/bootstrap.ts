import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Vault } from '../crypto/vault.ts';
import { SYSTEM_ACTOR } from '../authz/actor.ts';
import { audit } from '../audit/audit.ts';
import { hashPassword, isStrongPassword, randomPassword } from '../crypto/password.ts';
import { sealPhone } from '../crypto/pii.ts';
import { roleAssignments } from '../authz/authz.table.ts';
import { users } from './auth.table.ts';

/** Phone of the first administrator when GONGZHI_ADMIN_PHONE is not set. */
export const DEFAULT_ADMIN_PHONE = '13800000000';

/**
 * Creates the first (non-demo) platform administrator unless one exists. Returns the credentials to
 * print once when the password was generated, or null when nothing was created or it came from the
 * environment.
 */
export async function ensureAdmin(db: Db, vault: Vault, env: { phone?: string; password?: string }) {
  const existing = await db.select({ id: users.id }).from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(eq(roleAssignments.role, 'system_admin'), isNull(roleAssignments.regionPath), eq(users.demo, false))).limit(1);
  if (existing.length) return null;
  const phone = sealPhone(vault, env.phone ?? DEFAULT_ADMIN_PHONE);
  if (!phone.ok) throw new Error(`GONGZHI_ADMIN_PHONE is not a valid mobile number: ${env.phone}`);
  if (env.password && !isStrongPassword(env.password)) throw new Error('GONGZHI_ADMIN_PASSWORD needs 8+ characters with letters and digits');
  const password = env.password ?? randomPassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.phoneHash, phone.value.phoneHash));
    const userId = taken?.id ?? (await tx.insert(users).values({ name: '系统管理员', ...phone.value, passwordHash }).returning())[0]!.id;
    if (taken) await tx.update(users).set({ passwordHash, demo: false, disabledAt: null }).where(eq(users.id, userId));
    await tx.insert(roleAssignments).values({ userId, role: 'system_admin' });
    await audit(tx, SYSTEM_ACTOR, { action: 'user.bootstrap_admin', subjectType: 'user', subjectId: userId });
  });
  return env.password ? null : { phone: env.phone ?? DEFAULT_ADMIN_PHONE, password };
}
