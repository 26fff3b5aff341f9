import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { organisationStaff, organisations, partyMembers, partyOrgs, regions } from './org.table.ts';
import { qualified } from '../../platform/db/columns.ts';

/**
 * Organisations in an `org.read` scope, and those placed above it (district departments and
 * developers are seen by the communities they serve); optionally under a region and of one kind.
 */
export async function listOrganisations(db: DbOrTx, scope: Scope, f: { regionCode?: string; kind?: typeof organisations.$inferSelect['kind'] }) {
  return db.select({
    id: organisations.id, kind: organisations.kind, name: organisations.name, regionId: organisations.regionId, regionName: regions.name,
    address: organisations.address, staff: sql<number>`(SELECT count(*)::int FROM ${organisationStaff} s WHERE s.organisation_id = ${organisations.id})`,
  }).from(organisations).innerJoin(regions, eq(regions.id, organisations.regionId))
    .where(and(
      inScope(scope, { region: organisations.regionPath, ancestors: true }),
      f.regionCode !== undefined ? sql`${organisations.regionPath} LIKE ${likePrefix(f.regionCode)}` : undefined,
      f.kind ? eq(organisations.kind, f.kind) : undefined,
    ))
    .orderBy(asc(organisations.kind), asc(organisations.name));
}

/** Party organisations in an `org.read` scope (optionally under a region), with member counts. */
export async function listPartyOrgs(db: DbOrTx, scope: Scope, regionCode: string | undefined) {
  return db.select({
    id: partyOrgs.id, parentId: partyOrgs.parentId, regionId: partyOrgs.regionId, kind: partyOrgs.kind, name: partyOrgs.name,
    members: sql<number>`(SELECT count(*)::int FROM ${partyMembers} m WHERE m.party_org_id = ${qualified(partyOrgs.id)})`,
  }).from(partyOrgs)
    .where(and(inScope(scope, { region: partyOrgs.regionPath }), regionCode !== undefined ? sql`${partyOrgs.regionPath} LIKE ${likePrefix(regionCode)}` : undefined))
    .orderBy(asc(partyOrgs.regionPath), asc(partyOrgs.kind));
}
