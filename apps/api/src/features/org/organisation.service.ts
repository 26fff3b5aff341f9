import type { z } from 'zod';
import type { CreateOrganisationBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { found } from '../../platform/errors/app-error.ts';
import { organisations } from './org.table.ts';
import { findRegion } from './region.repository.ts';
import { mayManageOrganisations } from './org.policy.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { listOrganisations, listPartyOrgs } from './organisation.repository.ts';

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
