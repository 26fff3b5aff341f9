import { and, asc, eq, like } from 'drizzle-orm';
import { expect } from 'vitest';
import { DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { regions, residents } from '../org/org.table.ts';
import { confirmReport, submitReport } from './party.service.ts';

/** The demo people a party test needs: the member (12), staff of 望平社区, and the community's ids. */
export interface PartyCast {
  member: Client; worker: Client; secretary: Client; resident: Client;
  communityId: string; communityCode: string; otherCommunityId: string; gridPath: string;
  memberUserId: string; secretaryUserId: string;
}

export async function partyCast(ctx: TestContext): Promise<PartyCast> {
  const [member, worker, secretary, resident] = await Promise.all([DEMO.partyMember, DEMO.worker, DEMO.secretary, DEMO.resident].map((p) => signIn(ctx.app, p)));
  const db = ctx.database.db;
  const grant = async (role: 'party_member' | 'community_secretary') => (await db.select({ userId: users.id, regionPath: roleAssignments.regionPath, regionId: roleAssignments.regionId })
    .from(roleAssignments).innerJoin(users, eq(users.id, roleAssignments.userId)).where(and(eq(roleAssignments.role, role), like(users.name, '%'))).limit(1))[0]!;
  const pm = await grant('party_member');
  const sec = await grant('community_secretary');
  const community = (await db.select().from(regions).where(eq(regions.id, sec.regionId!)))[0]!;
  const other = (await db.select().from(regions).where(and(eq(regions.level, 'community'), like(regions.code, `${community.code.slice(0, 6)}%`))).orderBy(asc(regions.code)))
    .find((r) => r.code !== community.code)!;
  return {
    member: member!, worker: worker!, secretary: secretary!, resident: resident!, communityId: community.id, communityCode: community.code, otherCommunityId: other.id,
    gridPath: pm.regionPath!, memberUserId: pm.userId, secretaryUserId: sec.userId,
  };
}

/**
 * More party members of the community, as actors (the demo has one member account): residents of the
 * member's grid with a party-member grant, each with a confirmed report.
 */
export async function confirmedMembers(ctx: TestContext, c: PartyCast, n: number, branch = '市第一医院党委', skip = 0): Promise<{ actor: Actor; reportId: string }[]> {
  const db = ctx.database.db;
  const linked = new Set((await db.select({ id: users.residentId }).from(users)).flatMap((u) => (u.id ? [u.id] : [])));
  const people = (await db.select({ id: residents.id, name: residents.name }).from(residents).where(like(residents.regionPath, `${c.gridPath}%`)).orderBy(asc(residents.id)).limit(80))
    .filter((p) => !linked.has(p.id)).slice(skip, skip + n);
  const staff = secretaryActor(c);
  const out = [];
  for (const p of people) {
    const actor: Actor = { userId: c.memberUserId, name: p.name, residentId: p.id, grants: [{ role: 'party_member', regionPath: c.gridPath, organisationId: null }], via: 'session' };
    const r = await submitReport(db, actor, { employer: '市第一医院', employerPartyOrg: branch, employerPartyContact: '王老师 028-80000000', skills: '义诊' });
    await confirmReport(db, staff, r.id, new Date());
    out.push({ actor, reportId: r.id });
  }
  expect(out).toHaveLength(n);
  return out;
}

/** The community's secretary as an actor, for calling services at a chosen instant. */
export const secretaryActor = (c: PartyCast): Actor => ({
  userId: c.secretaryUserId, name: '书记', residentId: null, grants: [{ role: 'community_secretary', regionPath: c.communityCode, organisationId: null }], via: 'session',
});
