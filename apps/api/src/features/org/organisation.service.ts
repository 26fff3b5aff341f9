import { and, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateOrganisationBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { found } from '../../platform/errors/app-error.ts';
import { organisations } from './org.table.ts';
import { findRegion } from './region.repository.ts';
import { mayManageOrganisations } from './org.policy.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { listOrganisations, listPartyOrgs } from './organisation.repository.ts';
import { qualified } from '../../platform/db/columns.ts';

/** Registers an organisation in a region the actor manages. */
export async function createOrganisation(db: Db, actor: Actor, body: z.infer<typeof CreateOrganisationBody>) {
  return db.transaction(async (tx) => {
    const region = found(await findRegion(tx, actor, body.regionId), 'REGION_NOT_FOUND');
    ensure(mayManageOrganisations(actor, region.code));
    const [row] = await tx.insert(organisations).values({
      kind: body.kind, name: body.name, regionId: region.id, regionPath: region.code, districtCode: region.districtCode,
      address: body.address ?? null, creditCode: body.creditCode ?? null,
    }).returning();
    await audit(tx, actor, { action: 'organisation.create', subjectType: 'organisation', subjectId: row!.id, regionPath: region.code, after: row });
    return row!;
  });
}

// ---- What other features read of organisations (they never touch org's tables themselves) ----

/**
 * SQL for the name of the organisation whose id `id` holds (a column or expression of another
 * feature's table), selected beside that feature's rows in the same statement: a correlated lookup
 * on the primary key, as cheap as the join it replaces. Null when `id` is null or names none.
 */
export const organisationNameOf = (id: AnyColumn | SQL): SQL<string | null> =>
  sql<string | null>`(SELECT o.name FROM ${organisations} o WHERE o.id = ${qualified(id)})`;

/** SQL for the region path of the organisation whose id `id` holds (where its roles reach); see {@link organisationNameOf}. */
export const organisationPathOf = (id: AnyColumn | SQL): SQL<string | null> =>
  sql<string | null>`(SELECT o.region_path FROM ${organisations} o WHERE o.id = ${qualified(id)})`;

/** Names of organisations by id, in one query (for a page of rows, never one query per row). */
export async function organisationNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, [...new Set(ids)]));
  return new Map(rows.map((o) => [o.id, o.name]));
}

/** An organisation by id whatever the actor's scope (its name and where it sits), for callers that check access themselves. */
export async function organisationById(db: DbOrTx, id: string) {
  const [o] = await db.select({ id: organisations.id, kind: organisations.kind, name: organisations.name, regionPath: organisations.regionPath, districtCode: organisations.districtCode })
    .from(organisations).where(eq(organisations.id, id));
  return o;
}

/** An organisation of a district by id (departments requests are sent to), or undefined when it is elsewhere. */
export async function organisationInDistrict(db: DbOrTx, id: string, districtCode: string) {
  const [o] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations)
    .where(and(eq(organisations.id, id), eq(organisations.districtCode, districtCode)));
  return o;
}

/** A district's departments that carry one of the catalogue's department codes, as code → id. */
export async function departmentsByCode(db: DbOrTx, districtCode: string, codes: string[]): Promise<Map<string | null, string>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ id: organisations.id, code: organisations.code }).from(organisations)
    .where(and(eq(organisations.districtCode, districtCode), eq(organisations.kind, 'department'), inArray(organisations.code, codes)));
  return new Map(rows.map((d) => [d.code, d.id]));
}

/** The code of a region the actor may read (asked for by id), or undefined when none is asked. */
async function regionCodeOf(db: Db, actor: Actor, regionId: string | undefined): Promise<string | undefined> {
  return regionId ? found(await findRegion(db, actor, regionId), 'REGION_NOT_FOUND').code : undefined;
}

/** Organisations the actor may see, optionally under a region and of one kind. */
export async function organisationList(db: Db, actor: Actor, q: { regionId?: string; kind?: Parameters<typeof listOrganisations>[2]['kind'] }) {
  return listOrganisations(db, scopeFor(actor, 'org.read'), { regionCode: await regionCodeOf(db, actor, q.regionId), kind: q.kind });
}

/** Party organisations the actor may see, optionally under a region, with member counts. */
export async function partyOrgList(db: Db, actor: Actor, regionId: string | undefined) {
  return listPartyOrgs(db, scopeFor(actor, 'org.read'), await regionCodeOf(db, actor, regionId));
}
