import { and, eq, inArray, isNull, ne, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { isRelation, parseHundredths, RELATIONS } from '@gongzhi/core';
import type {
  AddOwnerBody, CreateBuildingBody, CreateHouseholdBody, CreateResidentBody, CreateUnitBody, UpdateResidentBody,
} from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { inScope, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { qualified } from '../../platform/db/columns.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { buildings, households, organisations, regions, residents, unitOwners, units } from './org.table.ts';
import { findRegion } from './region.repository.ts';
import { compoundUnitsWithOwners, findBuilding, findHousehold, findResident, findUnit, type UnitWithOwners } from './people.repository.ts';
import { sealIdNumber, sealPhone, type PhoneColumns } from './resident.pii.ts';
import { mayReveal, mayWritePeople } from './org.policy.ts';

type Input<T extends z.ZodType> = z.infer<T>;

/** Removes sealed personal data before a row goes into an audit digest or a response. */
const safe = (r: typeof residents.$inferSelect) => ({ ...r, idCipher: undefined, phoneCipher: undefined });

async function placeIn(tx: DbOrTx, actor: Actor, regionId: string) {
  const region = found(await findRegion(tx, actor, regionId), 'REGION_NOT_FOUND');
  ensure(mayWritePeople(actor, region.code));
  if (region.retiredAt) throw new AppError('REGION_RETIRED');
  if (region.level !== 'grid' && region.level !== 'microgrid') throw new AppError('REGION_LEVEL_INVALID');
  return region;
}

/** Registers a building in a grid or micro-grid. */
export async function createBuilding(db: Db, actor: Actor, body: Input<typeof CreateBuildingBody>) {
  return db.transaction(async (tx) => {
    const region = await placeIn(tx, actor, body.regionId);
    const [row] = await tx.insert(buildings).values({ ...body, floors: body.floors ?? null, regionPath: region.code, districtCode: region.districtCode }).returning();
    await audit(tx, actor, { action: 'building.create', subjectType: 'building', subjectId: row!.id, regionPath: region.code, after: row });
    return row!;
  });
}

/** Registers a unit with its floor area (a decimal string, stored as integer 0.01 m²). */
export async function createUnit(db: Db, actor: Actor, body: Input<typeof CreateUnitBody>) {
  const area = parseHundredths(body.area);
  if (area === null || area <= 0) throw new AppError('AREA_INVALID');
  return db.transaction(async (tx) => {
    const building = found(await findBuilding(tx, scopeFor(actor, 'people.read'), body.buildingId), 'BUILDING_NOT_FOUND');
    ensure(mayWritePeople(actor, building.regionPath));
    const [dup] = await tx.select({ id: units.id }).from(units).where(and(eq(units.buildingId, building.id), eq(units.number, body.number)));
    if (dup) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/number', message: 'unit number already exists in this building' }]);
    const [row] = await tx.insert(units).values({
      buildingId: building.id, regionId: building.regionId, regionPath: building.regionPath, districtCode: building.districtCode,
      number: body.number, floor: body.floor ?? null, areaCentiM2: area, use: body.use,
    }).returning();
    await audit(tx, actor, { action: 'unit.create', subjectType: 'unit', subjectId: row!.id, regionPath: row!.regionPath, after: row });
    return row!;
  });
}

/** Adds an owner (a resident, or an organisation such as the developer) to a unit. */
export async function addOwner(db: Db, actor: Actor, unitId: string, body: Input<typeof AddOwnerBody>) {
  return db.transaction(async (tx) => {
    const unit = found(await findUnit(tx, scopeFor(actor, 'people.read'), unitId), 'UNIT_NOT_FOUND');
    ensure(mayWritePeople(actor, unit.regionPath));
    if (body.residentId && isErased(found(await findResident(tx, actor, body.residentId), 'RESIDENT_NOT_FOUND'))) throw new AppError('RESIDENT_ERASED');
    if (body.organisationId) {
      const [org] = await tx.select({ id: organisations.id }).from(organisations)
        .where(and(eq(organisations.id, body.organisationId), inScope(scopeFor(actor, 'org.read'), { region: organisations.regionPath, ancestors: true })));
      found(org, 'ORGANISATION_NOT_FOUND');
    }
    // One current ownership per owner and unit: the unit's row is locked so two identical requests
    // racing cannot both pass the check. An ownership that has ended does not count.
    await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).for('update');
    const same = body.residentId ? eq(unitOwners.residentId, body.residentId) : body.organisationId ? eq(unitOwners.organisationId, body.organisationId) : undefined;
    if (same) {
      const [dup] = await tx.select({ id: unitOwners.id }).from(unitOwners)
        .where(and(eq(unitOwners.unitId, unitId), same, sql`(${unitOwners.until} IS NULL OR ${unitOwners.until} >= current_date)`)).limit(1);
      if (dup) throw new AppError('UNIT_OWNER_EXISTS');
    }
    const [row] = await tx.insert(unitOwners).values({
      unitId, residentId: body.residentId ?? null, organisationId: body.organisationId ?? null, since: body.since ?? null,
      regionPath: unit.regionPath, districtCode: unit.districtCode,
    }).returning();
    await audit(tx, actor, { action: 'unit.owner.add', subjectType: 'unit', subjectId: unitId, regionPath: unit.regionPath, after: row });
    return row!;
  });
}

/** Registers a household in a micro-grid (or grid), optionally living in a known unit. */
export async function createHousehold(db: Db, actor: Actor, body: Input<typeof CreateHouseholdBody>) {
  return db.transaction(async (tx) => {
    const region = await placeIn(tx, actor, body.regionId);
    if (body.unitId) found(await findUnit(tx, scopeFor(actor, 'people.read'), body.unitId), 'UNIT_NOT_FOUND');
    const [row] = await tx.insert(households).values({
      regionId: region.id, regionPath: region.code, districtCode: region.districtCode, unitId: body.unitId ?? null, address: body.address, tenure: body.tenure,
    }).returning();
    await audit(tx, actor, { action: 'household.create', subjectType: 'household', subjectId: row!.id, regionPath: region.code, after: row });
    return row!;
  });
}

/** A relation the register knows, and at most one active head (户主) per household, as imports require. */
async function checkRelation(tx: DbOrTx, householdId: string, relation: string, residentId?: string) {
  if (!isRelation(relation)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: '/relation', message: `one of ${RELATIONS.join(', ')}` }]);
  }
  if (relation !== '户主') return;
  const [head] = await tx.select({ id: residents.id }).from(residents).where(and(
    eq(residents.householdId, householdId), eq(residents.relation, '户主'), isNull(residents.movedOutAt),
    residentId ? ne(residents.id, residentId) : undefined,
  ));
  if (head) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/relation', message: 'the household already has a head (户主)' }]);
}

/** Adds a resident to a household; the ID number is validated, must be unique, and is stored sealed. */
export async function createResident(db: Db, vault: Vault, actor: Actor, body: Input<typeof CreateResidentBody>, now: Date) {
  const phone = body.phone ? sealPhone(vault, body.phone) : undefined;
  if (phone && !phone.ok) throw new AppError(phone.code, phone.params);
  return db.transaction((tx) => insertEntry(tx, vault, actor, 'people.read', { ...body, phone: phone?.ok ? phone.value : undefined }, now));
}

/**
 * Writes one register entry in the caller's transaction: the household in the actor's scope for
 * `readAs`, the actor allowed to write there, one head per household, the ID number checked, unique
 * and sealed; audited as resident.create. Shared by staff's entry form and a sign-up's approval.
 */
async function insertEntry(
  tx: DbOrTx, vault: Vault, actor: Actor, readAs: 'people.read' | 'people.write',
  body: { householdId: string; name: string; relation: string; tags?: (typeof residents.$inferInsert)['tags']; idNumber?: string | null; phone?: PhoneColumns | undefined },
  now: Date,
): Promise<typeof residents.$inferSelect> {
  const id = body.idNumber ? sealIdNumber(vault, body.idNumber, now) : undefined;
  if (id && !id.ok) throw new AppError(id.code, id.params);
  const home = found(await findHousehold(tx, scopeFor(actor, readAs), body.householdId), 'HOUSEHOLD_NOT_FOUND');
  ensure(mayWritePeople(actor, home.regionPath));
  await checkRelation(tx, home.id, body.relation);
  if (id?.ok) {
    const [dup] = await tx.select({ id: residents.id }).from(residents).where(eq(residents.idHash, id.value.idHash));
    if (dup) throw new AppError('ID_NUMBER_DUPLICATE');
  }
  const [row] = await tx.insert(residents).values({
    householdId: home.id, regionId: home.regionId, regionPath: home.regionPath, districtCode: home.districtCode,
    name: body.name, relation: body.relation, tags: body.tags ?? [], ...(id?.ok ? id.value : {}), ...(body.phone ?? {}),
  }).returning();
  await audit(tx, actor, { action: 'resident.create', subjectType: 'resident', subjectId: row!.id, regionPath: home.regionPath, after: safe(row!) });
  return row!;
}

/** Updates a resident's name, phone, relation, tags, or marks them moved out. */
export async function updateResident(db: Db, vault: Vault, actor: Actor, residentId: string, body: Input<typeof UpdateResidentBody>, now: Date) {
  const phone = body.phone ? sealPhone(vault, body.phone) : undefined;
  if (phone && !phone.ok) throw new AppError(phone.code, phone.params);
  return db.transaction(async (tx) => {
    const before = found(await findResident(tx, actor, residentId), 'RESIDENT_NOT_FOUND');
    ensure(mayWritePeople(actor, before.regionPath));
    if (isErased(before)) throw new AppError('RESIDENT_ERASED');
    if (body.relation && body.relation !== before.relation) await checkRelation(tx, before.householdId, body.relation, before.id);
    const set: Partial<typeof residents.$inferInsert> = {};
    if (body.name) set.name = body.name;
    if (body.relation) set.relation = body.relation;
    if (body.tags) set.tags = body.tags;
    if (body.phone === null) Object.assign(set, { phoneHash: null, phoneCipher: null, phoneMasked: null });
    if (phone?.ok) Object.assign(set, phone.value);
    if (body.movedOut !== undefined) set.movedOutAt = body.movedOut ? (before.movedOutAt ?? now) : null;
    const [after] = await tx.update(residents).set(set).where(eq(residents.id, residentId)).returning();
    await audit(tx, actor, { action: 'resident.update', subjectType: 'resident', subjectId: residentId, regionPath: before.regionPath, before: safe(before), after: safe(after!) });
    return after!;
  });
}

/** Decrypts a resident's ID number or phone for a role that needs it, and records that it was seen. */
export async function revealResident(db: Db, vault: Vault, actor: Actor, residentId: string, field: 'idNumber' | 'phone') {
  return db.transaction(async (tx) => {
    const r = found(await findResident(tx, actor, residentId), 'RESIDENT_NOT_FOUND');
    ensure(mayReveal(actor, r.regionPath));
    const sealed = field === 'idNumber' ? r.idCipher : r.phoneCipher;
    await audit(tx, actor, { action: 'resident.reveal', subjectType: 'resident', subjectId: r.id, regionPath: r.regionPath, details: { field } });
    return sealed ? vault.decrypt(sealed) : null;
  });
}

// ---- What other features read and change of the register (they never touch org's tables themselves) ----

/** One resident the actor may see for `action` (people.read by default), or undefined: out of scope looks missing. */
export { findResident };

/** Every unit under a region path with its current owners as parties, in one query (an assembly's roll). */
export async function compoundUnitsOf(db: DbOrTx, regionPath: string): Promise<UnitWithOwners[]> {
  return compoundUnitsWithOwners(db, regionPath);
}

export type { UnitWithOwners };

/** The district a resident lives in, for requests that come with only an address (intake). */
export async function residentDistrict(db: DbOrTx, residentId: string): Promise<string | undefined> {
  const [r] = await db.select({ d: residents.districtCode }).from(residents).where(eq(residents.id, residentId));
  return r?.d;
}

/**
 * A resident's full entry (sealed values included) and their household, whatever the scope: only
 * for giving a person their own data (PIPL art. 45), which the caller has established.
 */
export async function ownRegisterEntry(db: DbOrTx, residentId: string) {
  const [resident] = await db.select().from(residents).where(eq(residents.id, residentId));
  const [household] = resident ? await db.select().from(households).where(eq(households.id, resident.householdId)) : [];
  return { resident, household };
}

/** Where a resident sits (their region path), whatever the scope, for auditing an action about them. */
export async function residentRegionPath(db: DbOrTx, residentId: string): Promise<string | undefined> {
  const [r] = await db.select({ regionPath: residents.regionPath }).from(residents).where(eq(residents.id, residentId));
  return r?.regionPath;
}

/** The name an erased entry (and every copy of it) carries; privacy writes it, every feature checks it. */
export const ERASED_RESIDENT_NAME = '已注销居民';

/**
 * Whether an entry was erased (PIPL art. 47): anonymised under {@link ERASED_RESIDENT_NAME} with its
 * ID number gone. Such an entry is a read-only husk that keeps households and ledgers whole.
 */
export const isErased = (r: { name: string; idHash: string | null }): boolean => r.name === ERASED_RESIDENT_NAME && r.idHash === null;

/** Which of `residentIds` are erased entries, whatever the scope (the caller has already found them). */
export async function erasedAmong(db: DbOrTx, residentIds: readonly string[]): Promise<Set<string>> {
  if (!residentIds.length) return new Set();
  const rows = await db.select({ id: residents.id, name: residents.name, idHash: residents.idHash }).from(residents).where(inArray(residents.id, [...residentIds]));
  return new Set(rows.filter(isErased).map((r) => r.id));
}

/**
 * Refuses any use of an erased entry: it cannot be changed (which would re-identify the person),
 * linked to an account, seated, signed in, made an owner or voted for. The one check every feature calls.
 */
export async function requireNotErased(db: DbOrTx, residentId: string): Promise<void> {
  if ((await erasedAmong(db, [residentId])).size) throw new AppError('RESIDENT_ERASED');
}

/**
 * Anonymises a resident's entry (PIPL art. 47): name replaced, personal data cleared, marked moved
 * out (keeping an earlier date). The row stays, so households and ownership stay whole. Run in the
 * caller's transaction, which has checked the right to erase.
 */
export async function anonymiseResident(tx: DbOrTx, residentId: string, erasedName: string, now: Date): Promise<void> {
  await tx.update(residents).set({
    name: erasedName, gender: null, birthDate: null, idHash: null, idCipher: null, idMasked: null,
    phoneHash: null, phoneCipher: null, phoneMasked: null, tags: [], movedOutAt: sql`coalesce(${residents.movedOutAt}, ${now})`,
  }).where(eq(residents.id, residentId));
}

// ---- Linking accounts to the register (issue 14 · item 3: sign-up) ----

/** A register entry an account may be linked to: where it sits and whether it owns a unit now. */
export interface LinkableEntry { id: string; name: string; regionId: string; regionPath: string; districtCode: string; owner: boolean }

async function linkable(tx: DbOrTx, r: typeof residents.$inferSelect): Promise<LinkableEntry> {
  const [own] = await tx.select({ id: unitOwners.id }).from(unitOwners)
    .where(and(eq(unitOwners.residentId, r.id), sql`(${unitOwners.until} IS NULL OR ${unitOwners.until} >= current_date)`)).limit(1);
  return { id: r.id, name: r.name, regionId: r.regionId, regionPath: r.regionPath, districtCode: r.districtCode, owner: Boolean(own) };
}

/**
 * The entry (resident or owner; owners are residents of the register) in the community a person
 * signing up chose (`communityPath`) whose ID number and name both match what they gave: the ID
 * number is found by its keyed hash, never by decrypting the register. Entries elsewhere, moved-out
 * entries and invalid ID numbers match nothing (a worker of the chosen community decides instead).
 */
export async function entryMatching(tx: DbOrTx, vault: Vault, name: string, idNumber: string, communityPath: string, now: Date): Promise<LinkableEntry | undefined> {
  const id = sealIdNumber(vault, idNumber, now);
  if (!id.ok) return undefined;
  const [r] = await tx.select().from(residents).where(and(
    eq(residents.idHash, id.value.idHash), isNull(residents.movedOutAt), sql`starts_with(${residents.regionPath}, ${communityPath})`,
  ));
  if (!r || r.name.trim() !== name.trim()) return undefined;
  return linkable(tx, r);
}

/** An entry the actor may write (people.write in scope) for linking an account; out of scope is undefined. */
export async function linkableEntry(tx: DbOrTx, actor: Actor, residentId: string): Promise<LinkableEntry | undefined> {
  const r = await findResident(tx, actor, residentId, 'people.write');
  if (r && isErased(r)) throw new AppError('RESIDENT_ERASED');
  return r && !r.movedOutAt ? linkable(tx, r) : undefined;
}

/**
 * Creates an entry for a person who signed up, in a household the worker chose, from the ID number
 * they gave (checked and sealed again), in the caller's transaction, audited as resident.create.
 */
export async function createEntryForAccount(tx: DbOrTx, vault: Vault, actor: Actor, body: { householdId: string; name: string; relation: string; idNumber: string | null }, now: Date): Promise<LinkableEntry> {
  return linkable(tx, await insertEntry(tx, vault, actor, 'people.write', body, now));
}

/** The active communities one may sign up in, with their district's name (public: names only). */
export async function signUpCommunities(db: DbOrTx) {
  return db.select({ id: regions.id, name: regions.name, code: regions.code, districtName: sql<string | null>`(SELECT d.name FROM regions d WHERE d.code = ${qualified(regions.districtCode)} AND d.level = 'district' LIMIT 1)` })
    .from(regions).where(and(eq(regions.level, 'community'), isNull(regions.retiredAt))).orderBy(regions.code);
}

/** Checks and seals an ID number as the register stores it (a sign-up keeps it sealed for a worker's decision). */
export { sealIdNumber };

/**
 * SQL for the name of the resident whose id `id` holds (a column of another feature's table),
 * selected beside that feature's rows; see `organisationNameOf`. Null when `id` is null or names none.
 */
export const residentNameOf = (id: AnyColumn | SQL): SQL<string | null> =>
  sql<string | null>`(SELECT r.name FROM ${residents} r WHERE r.id = ${qualified(id)})`;
