import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { SignUpBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Directory } from '../../platform/auth/directory.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { hashPassword, isStrongPassword } from '../../platform/crypto/password.ts';
import { sealPhone } from '../../platform/crypto/pii.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { checkCode, phoneOrThrow } from '../../platform/auth/phone-code.service.ts';
import { openSession, type SignedIn } from '../../platform/auth/session.service.ts';
import { activeRegion } from '../org/region.service.ts';
import { entryMatching, sealIdNumber, signUpCommunities } from '../org/people.service.ts';
import { accountOfResident, lockEntry, writeLink } from './link.repository.ts';
import { accountLinkRequests } from './users.table.ts';

/** The communities offered on the sign-up page. */
export async function communitiesForSignUp(db: Db) {
  return (await signUpCommunities(db)).map((c) => ({ id: c.id, name: c.name, districtName: c.districtName }));
}

/**
 * Creates a resident's account once the SMS code proves the phone, and signs them in. The account is
 * linked at once to the register entry whose name and ID number both match (with the resident role,
 * and the owner role for an owner of a unit); otherwise it is created unlinked with a link request a
 * worker of the chosen community decides. Everything that can be refused without spending the code
 * (a weak password, a malformed ID number, an unknown community) is checked first.
 */
export async function signUp(db: Db, vault: Vault, dir: Directory, body: z.infer<typeof SignUpBody>, client: { ip?: string; userAgent?: string }, now: Date): Promise<{ session: SignedIn; linked: boolean }> {
  const phone = phoneOrThrow(body.phone);
  if (!isStrongPassword(body.password)) throw new AppError('PASSWORD_WEAK');
  const id = sealIdNumber(vault, body.idNumber, now);
  if (!id.ok) throw new AppError(id.code, id.params);
  const community = await activeRegion(db, body.communityId);
  if (!community || community.level !== 'community') throw new AppError('REGION_NOT_FOUND');
  const passwordHash = await hashPassword(body.password);
  const sealed = sealPhone(vault, phone);
  if (!sealed.ok) throw new AppError(sealed.code);
  const outcome = await db.transaction(async (tx) => {
    const check = await checkCode(tx, vault, { phone, purpose: 'signup', code: body.code }, now);
    if (!check.ok) return { error: check.error };
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.phoneHash, check.phoneHash));
    // Only the holder of the phone (who has just proven it) learns that it already has an account.
    if (taken) return { error: new AppError('PHONE_TAKEN') };
    const [user] = await tx.insert(users).values({ name: body.name, ...sealed.value, passwordHash }).returning();
    const actor: Actor = { userId: user!.id, name: body.name, residentId: null, grants: [], via: 'session', ip: client.ip };
    const entry = await entryMatching(tx, vault, body.name, body.idNumber, community.code, now);
    if (entry) await lockEntry(tx, entry.id);
    const holder = entry ? await accountOfResident(tx, entry.id) : undefined;
    const linked = Boolean(entry && !holder);
    if (entry && linked) {
      await writeLink(tx, user!.id, entry, null);
      await audit(tx, actor, { action: 'account.link', subjectType: 'user', subjectId: user!.id, regionPath: entry.regionPath, details: { residentId: entry.id, owner: entry.owner, by: 'name_and_id_number' } });
    } else {
      await tx.insert(accountLinkRequests).values({
        userId: user!.id, communityId: community.id, regionPath: community.code, districtCode: community.districtCode, name: body.name,
        idHash: id.value.idHash, idCipher: id.value.idCipher, idMasked: id.value.idMasked, reason: entry ? 'already_linked' : 'no_match',
      });
    }
    await audit(tx, actor, { action: 'account.signup', subjectType: 'user', subjectId: user!.id, regionPath: entry && linked ? entry.regionPath : community.code, details: { linked } });
    return { session: await openSession(tx, dir, user!.id, client, now), linked };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
