import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { found } from '../../platform/errors/app-error.ts';
import { ancestorsOf, findRegion } from './region.repository.ts';
import {
  findBuilding, findHousehold, findResident, householdMembers, listBuildings, listHouseholds, listResidents, residentListRow, unitsWithOwners,
} from './people.repository.ts';
import { presentResident } from './people.presenter.ts';
import { peopleAbilities } from './org.policy.ts';

/** The code of a region the actor may read (else REGION_NOT_FOUND), or undefined when none is asked for. */
async function regionCode(db: Db, actor: Actor, id?: string) {
  return id ? found(await findRegion(db, actor, id), 'REGION_NOT_FOUND').code : undefined;
}

/** A page of residents in the actor's scope (masked); `hashes` are the keyed hashes of a full ID number or phone searched. */
export async function residentPage(db: Db, actor: Actor, q: { regionId?: string; householdId?: string; tag?: string; nameLike?: string; hashes?: string[]; limit: number; offset: number }, now: Date) {
  const { regionId, ...f } = q;
  const res = await listResidents(db, scopeFor(actor, 'people.read'), { ...f, regionCode: await regionCode(db, actor, regionId) });
  return { items: res.items.map((x) => presentResident(x, now)), total: res.total };
}

/** A resident the actor may read (masked), with their place and the actor's abilities; else RESIDENT_NOT_FOUND. */
export async function residentDetail(db: Db, actor: Actor, id: string, now: Date) {
  const full = found(await findResident(db, actor, id), 'RESIDENT_NOT_FOUND');
  const [row, ancestors] = await Promise.all([residentListRow(db, full.id), ancestorsOf(db, full.regionPath, true)]);
  return {
    ...presentResident(row!, now), movedOut: full.movedOutAt !== null,
    abilities: peopleAbilities(actor, full.regionPath), ancestors,
  };
}

/** A page of households in the actor's scope, below a region when one is asked for. */
export async function householdPage(db: Db, actor: Actor, q: { regionId?: string; q?: string; limit: number; offset: number }) {
  return listHouseholds(db, scopeFor(actor, 'people.read'), { regionCode: await regionCode(db, actor, q.regionId), q: q.q, limit: q.limit, offset: q.offset });
}

/** A household the actor may read, with its members and unit; else HOUSEHOLD_NOT_FOUND. */
export async function householdDetail(db: Db, actor: Actor, id: string, now: Date) {
  const h = found(await findHousehold(db, scopeFor(actor, 'people.read'), id), 'HOUSEHOLD_NOT_FOUND');
  const [members, unit, ancestors] = await Promise.all([
    householdMembers(db, id),
    h.unitId ? unitsWithOwners(db, { unitIds: [h.unitId] }) : Promise.resolve([]),
    ancestorsOf(db, h.regionPath, true),
  ]);
  const region = ancestors[ancestors.length - 1];
  const u = unit[0];
  return {
    id: h.id, regionId: h.regionId, regionName: region?.name, unitId: h.unitId, address: h.address, tenure: h.tenure,
    members: members.length, head: members.find((m) => m.relation === '户主')?.name ?? null, residents: members.map((x) => presentResident(x, now)),
    unit: u ? { id: u.id, buildingId: u.buildingId, number: u.number, floor: u.floor, areaCentiM2: u.areaCentiM2, use: u.use, owners: u.owners } : null,
    abilities: peopleAbilities(actor, h.regionPath), ancestors,
  };
}

/** The buildings below a region the actor may read; else REGION_NOT_FOUND. */
export async function buildingList(db: Db, actor: Actor, regionId: string) {
  return listBuildings(db, scopeFor(actor, 'people.read'), (await regionCode(db, actor, regionId))!);
}

/** A building the actor may read, with its units, owners and households; else BUILDING_NOT_FOUND. */
export async function buildingDetail(db: Db, actor: Actor, id: string) {
  const b = found(await findBuilding(db, scopeFor(actor, 'people.read'), id), 'BUILDING_NOT_FOUND');
  const [list, unitList] = await Promise.all([listBuildings(db, scopeFor(actor, 'people.read'), b.regionPath), unitsWithOwners(db, { buildingId: id })]);
  const view = list.find((x) => x.id === id)!;
  return { ...view, units: unitList, abilities: peopleAbilities(actor, b.regionPath) };
}
