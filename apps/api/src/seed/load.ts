import { sql } from 'drizzle-orm';
import { bboxOf, makeIdNumber } from '@gongzhi/core';
import type { Db, DbOrTx } from '../platform/db/client.ts';
import type { Vault } from '../platform/crypto/vault.ts';
import { newId } from '../platform/db/columns.ts';
import { SYSTEM_ACTOR } from '../platform/authz/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import { hashPassword } from '../platform/crypto/password.ts';
import { users } from '../platform/auth/auth.table.ts';
import { roleAssignments } from '../platform/authz/authz.table.ts';
import {
  buildings, households, organisationStaff, organisations, partyMembers, partyOrgs, regions, residents, unitOwners, units, type OrganisationKind,
} from '../features/org/org.table.ts';
import { sealIdNumber, sealPhone } from '../features/org/resident.pii.ts';
import type { City } from './demo-city.ts';
import { installDefaultCatalogue } from '../features/requests/categories.service.ts';
import { Rng } from './random.ts';
import { seedAssembly } from './assembly.ts';
import { seedCouncils } from './councils.ts';
import { seedFunds } from './funds.ts';
import { seedProjects } from './projects.ts';
import { seedBank } from './bank.ts';
import { seedActivities } from './activities.ts';
import { seedVolunteers } from './volunteers.ts';
import { seedParty } from './party.ts';
import { seedRequests } from './requests.ts';
import { seedUxRows } from './ux-rows.ts';

/** The password of every demo account (demo data only; the README says so). */
export const DEMO_PASSWORD = 'gongzhi2026';
// Where people registered here were born, for the first six digits of their ID numbers.
const BIRTHPLACES = ['510108', '510107', '510104', '510106', '510112', '500101', '420106', '610113', '530102', '511302'];

async function chunked<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Writes a generated city in one transaction: the tree, places, people (ID numbers and phones
 * sealed), owners, organisations, party organisations mirroring the tree, and the demo accounts.
 */
export async function loadCity(db: Db, vault: Vault, city: City): Promise<{ residents: number; households: number }> {
  const rng = new Rng(99);
  const district = city.regions[0]!.code.slice(0, 6);
  const codeOf = new Map(city.regions.map((r) => [r.id, r.code]));
  const usedIds = new Set<string>();
  const idFor = (birthDate: string, gender: 'male' | 'female', floating: boolean) => {
    for (;;) {
      const place = floating ? rng.pick(BIRTHPLACES.slice(3)) : rng.pick(BIRTHPLACES.slice(0, 5));
      const seq = rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
      const id = makeIdNumber(place, birthDate, seq);
      if (!usedIds.has(id)) { usedIds.add(id); return id; }
    }
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await chunked(city.regions, 500, (part) => tx.insert(regions).values(part.map((r) => {
      const b = r.boundary ? bboxOf(r.boundary) : null;
      return { ...r, districtCode: district, minLat: b?.minLat, minLng: b?.minLng, maxLat: b?.maxLat, maxLng: b?.maxLng };
    })));
    await tx.insert(organisations).values(city.organisations.map((o) => ({
      id: o.id, kind: o.kind as OrganisationKind, code: o.code ?? null, name: o.name, regionId: o.regionId, regionPath: o.regionCode, districtCode: district,
    })));
    const scope = (code: string) => ({ regionPath: code, districtCode: district });
    await chunked(city.buildings, 1000, (part) => tx.insert(buildings).values(part.map(({ regionCode, ...b }) => ({ ...b, ...scope(regionCode) }))));
    await chunked(city.units, 1000, (part) => tx.insert(units).values(part.map(({ regionCode, ...u }) => ({ ...u, ...scope(regionCode) }))));
    await chunked(city.households, 1000, (part) => tx.insert(households).values(part.map(({ regionCode, members: _m, ...h }) => ({ ...h, ...scope(regionCode) }))));
    const people = city.households.flatMap((h) => h.members.map((p) => {
      const id = sealIdNumber(vault, idFor(p.birthDate, p.gender, p.tags.includes('floating')));
      const phone = p.phone ? sealPhone(vault, p.phone) : undefined;
      if (!id.ok || (phone && !phone.ok)) throw new Error(`generated invalid personal data for ${p.name}`);
      return {
        id: p.id, householdId: h.id, regionId: h.regionId, ...scope(h.regionCode), name: p.name, relation: p.relation, tags: p.tags,
        ...id.value, ...(phone?.ok ? phone.value : {}),
      };
    }));
    await chunked(people, 1000, (part) => tx.insert(residents).values(part));
    await chunked(city.owners, 1000, (part) => tx.insert(unitOwners).values(part.map(({ regionCode, ...o }) => ({ ...o, ...scope(regionCode) }))));
    await loadParty(tx, city, district, codeOf);
    for (const a of city.accounts) {
      const phone = sealPhone(vault, a.phone);
      if (!phone.ok) throw new Error(`bad demo phone ${a.phone}`);
      const [u] = await tx.insert(users).values({ name: a.name, ...phone.value, passwordHash, residentId: a.residentId, demo: true }).returning();
      await tx.insert(roleAssignments).values({
        userId: u!.id, role: a.role, regionId: a.regionId, regionPath: a.regionId ? codeOf.get(a.regionId)! : null, organisationId: a.organisationId,
      });
      if (a.organisationId) await tx.insert(organisationStaff).values({ organisationId: a.organisationId, userId: u!.id, title: '经办人' });
    }
    await installDefaultCatalogue(tx, SYSTEM_ACTOR, district);
    await seedAssembly(tx);
    await seedCouncils(tx);
    await seedFunds(tx);
    await seedUxRows(tx);
    await seedProjects(tx);
    await seedBank(tx);
    await seedActivities(tx);
    await seedVolunteers(tx);
    await seedParty(tx);
    const history = await seedRequests(tx);
    const counts = { residents: people.length, households: city.households.length };
    await audit(tx, SYSTEM_ACTOR, { action: 'seed.demo', subjectType: 'region', subjectId: city.regions[0]!.id, regionPath: city.regions[0]!.code, details: { ...counts, regions: city.regions.length, requests: history.requests } });
    return counts;
  });
}

/** Party organisations mirror the tree (committee per community, branch per grid, group per micro-grid). */
async function loadParty(tx: DbOrTx, city: City, district: string, codeOf: Map<string, string>) {
  const kinds = { community: 'committee', grid: 'branch', microgrid: 'group' } as const;
  const suffix = { committee: '党委', branch: '党支部', group: '党小组' } as const;
  const orgOf = new Map<string, string>();
  const rows = city.regions.filter((r) => r.level in kinds).map((r) => {
    const kind = kinds[r.level as keyof typeof kinds];
    const id = newId();
    orgOf.set(r.id, id);
    return { id, parentId: r.parentId ? orgOf.get(r.parentId) ?? null : null, regionId: r.id, regionPath: r.code, districtCode: district, kind, name: `${r.name.replace(/微网格$|网格$/, '')}${suffix[kind]}` };
  });
  await chunked(rows, 1000, (part) => tx.insert(partyOrgs).values(part));
  const members = city.households.flatMap((h) => h.members.filter((p) => p.tags.includes('party_member')).map((p) => ({
    residentId: p.id, partyOrgId: orgOf.get(h.regionId)!, regionPath: codeOf.get(h.regionId)!, districtCode: district,
    joinedOn: `${Math.min(Number(p.birthDate.slice(0, 4)) + 25, 2024)}-07-01`,
  })));
  await chunked(members, 1000, (part) => tx.insert(partyMembers).values(part));
}

/** True when the database holds no regions yet (a first start). */
export async function isEmpty(db: DbOrTx): Promise<boolean> {
  const res = await db.execute(sql`SELECT NOT EXISTS (SELECT 1 FROM regions) AS empty`);
  return Boolean((res.rows[0] as { empty: boolean }).empty);
}
