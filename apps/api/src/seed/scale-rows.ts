import { randomBytes } from 'node:crypto';
import { makeIdNumber, maskIdNumber, maskPhone, type Tenure } from '@gongzhi/core';
import type { Vault } from '../platform/crypto/vault.ts';
import { householdMembers } from './households.ts';
import { personName } from './names.ts';
import type { Rng } from './random.ts';
import { polygonOf, type ScaleRegion } from './scale-shape.ts';

/** The columns each bulk-loaded table receives, in COPY order; every other column takes its default. */
export const COPY_COLUMNS = {
  regions: ['id', 'parent_id', 'level', 'code', 'name', 'district_code', 'boundary', 'min_lat', 'min_lng', 'max_lat', 'max_lng'],
  organisations: ['id', 'kind', 'code', 'name', 'region_id', 'region_path', 'district_code'],
  party_orgs: ['id', 'parent_id', 'region_id', 'region_path', 'district_code', 'kind', 'name'],
  buildings: ['id', 'region_id', 'region_path', 'district_code', 'name', 'address', 'floors', 'lat', 'lng'],
  units: ['id', 'building_id', 'region_id', 'region_path', 'district_code', 'number', 'floor', 'area_centi_m2', 'use'],
  households: ['id', 'region_id', 'region_path', 'district_code', 'unit_id', 'address', 'tenure'],
  residents: ['id', 'household_id', 'region_id', 'region_path', 'district_code', 'name', 'gender', 'birth_date', 'id_hash', 'id_cipher',
    'id_masked', 'phone_hash', 'phone_cipher', 'phone_masked', 'relation', 'tags'],
  unit_owners: ['id', 'unit_id', 'resident_id', 'organisation_id', 'region_path', 'district_code'],
  party_members: ['id', 'resident_id', 'party_org_id', 'region_path', 'district_code', 'joined_on'],
  users: ['id', 'name', 'phone_hash', 'phone_cipher', 'phone_masked', 'password_hash', 'demo'],
  role_assignments: ['id', 'user_id', 'role', 'region_id', 'region_path'],
} as const;
export type CopyTable = keyof typeof COPY_COLUMNS;
export const COPY_TABLES = Object.keys(COPY_COLUMNS) as CopyTable[];

/** Where generated rows go: one COPY text line (without the newline) per row. */
export type Emit = (table: CopyTable, line: string) => void;

/** A COPY text line. Generated values never contain tabs, newlines or backslashes, so only NULL needs care. */
const row = (...cols: (string | number | boolean | null)[]) => cols.map((c) => (c === null ? '\\N' : c === true ? 't' : c === false ? 'f' : String(c))).join('\t');

// A per-process random tag plus a counter make generated ids unique across seed runs and processes.
const SESSION = randomBytes(4).toString('hex').slice(0, 7);
let seq = 0;
/**
 * A UUIDv7 for bulk rows: 48-bit millisecond time, version and variant bits, then a 44-bit counter
 * and a 28-bit per-process random tag (RFC 9562 allows a counter in place of random bits). The
 * `uuid` package draws fresh randomness per call, which cost more than the rest of a row when tens
 * of millions are made.
 */
export function bulkId(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const s = (seq++).toString(16).padStart(11, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${s.slice(0, 3)}-8${s.slice(3, 6)}-${s.slice(6)}${SESSION}`;
}

// Where people registered here were born (first six digits of their ID numbers), as in the demo loader.
const BIRTHPLACES = ['510108', '510107', '510104', '510106', '510112', '500101', '420106', '610113', '530102', '511302'];

/**
 * Unique ID numbers without remembering them: a counter per (birthplace, birth date, sex) hands out
 * the 500 sequence numbers each combination has, moving to the next birthplace when one is used up.
 * The map holds at most ~700,000 counters even for 21 million people.
 */
export class IdNumbers {
  private readonly next = new Map<string, number>();
  constructor(private readonly rng: Rng, private readonly today: Date) {}

  take(birthDate: string, gender: 'male' | 'female', floating: boolean): string {
    const start = floating ? this.rng.int(3, BIRTHPLACES.length - 1) : this.rng.int(0, 4);
    for (let i = 0; i < BIRTHPLACES.length; i++) {
      const place = BIRTHPLACES[(start + i) % BIRTHPLACES.length]!;
      const key = place + birthDate + gender[0];
      const n = this.next.get(key) ?? 0;
      if (n >= 500) continue;
      this.next.set(key, n + 1);
      return makeIdNumber(place, birthDate, n * 2 + (gender === 'male' ? 1 : 0), this.today);
    }
    throw new Error(`no ID number left for ${birthDate}`);
  }
}

/** Everything the generator needs while walking the tree. */
export interface Gen {
  rng: Rng; vault: Vault; today: Date; ids: IdNumbers; emit: Emit; passwordHash: string;
  /** Organisation that owns unsold flats in the district being generated. */
  developerId: string;
  /** Counters: accounts get phones 17x + an 8-digit sequence per kind. */
  accounts: Record<string, number>;
  counts: { households: number; residents: number; workers: number };
}

/** Emits a region and, for community, grid and micro-grid, the party organisation mirroring it. */
export function emitRegion(g: Gen, r: ScaleRegion, partyParent: string | null): string | null {
  const p = polygonOf(r.box);
  g.emit('regions', row(r.id, r.parentId, r.level, r.code, r.name, r.districtCode, JSON.stringify(p), r.box.lat0, r.box.lng0, r.box.lat1, r.box.lng1));
  const kind = r.level === 'community' ? 'committee' : r.level === 'grid' ? 'branch' : r.level === 'microgrid' ? 'group' : null;
  if (!kind) return null;
  const id = bulkId();
  const suffix = { committee: '党委', branch: '党支部', group: '党小组' }[kind];
  g.emit('party_orgs', row(id, partyParent, r.id, r.code, r.districtCode, kind, `${r.name.replace(/微网格$|网格$/, '')}${suffix}`));
  return id;
}

/** Emits an organisation of a district or street. */
export function emitOrganisation(g: Gen, at: ScaleRegion, kind: string, name: string, code: string | null = null): string {
  const id = bulkId();
  g.emit('organisations', row(id, kind, code, name, at.id, at.code, at.districtCode));
  return id;
}

/**
 * An account with one region-bound role. Phones are `1<prefix>` + an 8-digit sequence (e.g. micro-grid
 * workers 170 0000 0001…), so anyone can sign in as any generated worker; all share one password hash.
 */
export function emitAccount(g: Gen, prefix: string, role: string, at: ScaleRegion): void {
  const n = (g.accounts[prefix] = (g.accounts[prefix] ?? 0) + 1);
  const phone = `1${prefix}${String(n).padStart(8, '0')}`;
  const gender = g.rng.chance(0.5) ? 'male' : 'female';
  const name = personName(g.rng, gender, g.rng.int(1965, 2000));
  const id = bulkId();
  g.emit('users', row(id, name, g.vault.hash(phone), g.vault.encrypt(phone), maskPhone(phone), g.passwordHash, true));
  g.emit('role_assignments', row(bulkId(), id, role, at.id, at.code));
}

/**
 * One micro-grid: a building of 30–100 households in flats over one to three stairwells, with
 * members (ID numbers and phones sealed by the vault), owners, party members and its workers.
 */
export function emitMicrogrid(g: Gen, m: ScaleRegion, partyGroup: string, compoundAddress: string, no: number, flats: number, occupancy: number, workers: number) {
  const { rng, vault, emit } = g;
  const scope = `${m.code}\t${m.districtCode}`;
  const stairs = flats > 70 ? 3 : flats > 40 ? 2 : 1;
  const perFloor = rng.int(2, 4);
  const floors = Math.ceil(flats / (stairs * perFloor));
  const buildingId = bulkId();
  const address = `${compoundAddress}${no}栋`;
  const lat = Math.round(((m.box.lat0 + m.box.lat1) / 2) * 1e6) / 1e6, lng = Math.round(((m.box.lng0 + m.box.lng1) / 2) * 1e6) / 1e6;
  emit('buildings', row(buildingId, m.id, scope, `${no}栋`, address, floors, lat, lng));
  const heads: string[] = [];
  const toLet: { unitId: string; tenant: boolean }[] = [];
  for (let f = 0; f < flats; f++) {
    const stair = (f % stairs) + 1, floor = Math.floor(f / (stairs * perFloor)) + 1, flat = (Math.floor(f / stairs) % perFloor) + 1;
    const unitId = bulkId();
    const number = `${stair}单元${floor}${String(flat).padStart(2, '0')}`;
    emit('units', row(unitId, buildingId, m.id, scope, number, floor, rng.int(5500, 14500), 'residential'));
    if (!rng.chance(occupancy)) { toLet.push({ unitId, tenant: false }); continue; }
    const tenure: Tenure = rng.weighted([['owner', 78], ['tenant', 20], ['other', 2]]);
    const householdId = bulkId();
    emit('households', row(householdId, m.id, scope, unitId, `${address}${number}`, tenure));
    g.counts.households++;
    let spouseOwns = false;
    for (const p of householdMembers(rng, tenure, g.today)) {
      const residentId = bulkId();
      const idNumber = g.ids.take(p.birthDate, p.gender, p.tags.includes('floating'));
      const phone = p.phone ? [vault.hash(p.phone), vault.encrypt(p.phone), maskPhone(p.phone)] : [null, null, null];
      emit('residents', row(residentId, householdId, m.id, scope, p.name, p.gender, p.birthDate,
        vault.hash(`id:${idNumber}`), vault.encrypt(idNumber), maskIdNumber(idNumber), ...phone, p.relation, `{${p.tags.join(',')}}`));
      g.counts.residents++;
      if (p.tags.includes('party_member')) {
        emit('party_members', row(bulkId(), residentId, partyGroup, scope, `${Math.min(Number(p.birthDate.slice(0, 4)) + 25, 2024)}-07-01`));
      }
      if (tenure !== 'owner') continue;
      if (p.relation === '户主') {
        heads.push(residentId);
        emit('unit_owners', row(bulkId(), unitId, residentId, null, scope));
      } else if (p.relation === '配偶' && !spouseOwns && rng.chance(0.5)) {
        spouseOwns = true;
        emit('unit_owners', row(bulkId(), unitId, residentId, null, scope));
      }
    }
    if (tenure !== 'owner') toLet.push({ unitId, tenant: true });
  }
  // Let and empty flats belong to neighbours who own a second flat, or are still the developer's.
  for (const { unitId, tenant } of toLet) {
    const landlord = heads.length && (tenant || rng.chance(0.7)) ? rng.pick(heads) : null;
    emit('unit_owners', row(bulkId(), unitId, landlord, landlord ? null : g.developerId, scope));
  }
  if (no === 1) {
    const shopId = bulkId();
    emit('units', row(shopId, buildingId, m.id, scope, '底商01', 1, rng.int(3000, 12000), 'commercial'));
    emit('unit_owners', row(bulkId(), shopId, null, g.developerId, scope));
  }
  for (let w = 0; w < workers; w++) emitAccount(g, '70', 'grid_worker', m);
  g.counts.workers += workers;
}
