/**
 * The roll of voting owners, built from the registry when voting opens.
 *
 * Counting rules (SPC interpretation on 建筑物区分所有权, art. 8–9): one unit counts as one owner;
 * one owner of several units counts once; all the developer's unsold units together count once.
 * Co-owners of a unit (a couple on one deed) are that unit's one owner; two units are one owner only
 * when their sets of owners are equal (never chained through a shared co-owner: A+B's flat and B+C's
 * flat are two owners). Each co-owner may cast their unit's ballot; the first one cast counts.
 */
import { groupUnitsByOwners, ownersOfKey } from '@gongzhi/core';

/** One unit of the compound, with its current owners as parties (`res:<id>` or `org:<id>`). */
export interface RollUnitInput {
  unitId: string;
  label: string;
  areaCentiM2: number;
  regionPath: string;
  districtCode: string;
  parties: { party: string; name: string }[];
}

export interface RollOwner {
  ownerKey: string;
  parties: string[];
  label: string;
  areaCentiM2: bigint;
  unitCount: number;
  regionPath: string;
  districtCode: string;
}

export interface Roll {
  owners: RollOwner[];
  units: { unitId: string; ownerKey: string; label: string; areaCentiM2: bigint; regionPath: string; districtCode: string }[];
  /** Units refused: no registered area (≤ 0) or no current owner. */
  missingArea: string[];
  missingOwner: string[];
}

/**
 * Groups the compound's units into voting owners with the core rule (`groupUnitsByOwners`): units
 * are one owner exactly when their sets of owners are the same person or persons; the key is that
 * set. A unit without an owner is reported, not grouped.
 */
export function buildRoll(units: RollUnitInput[], compound: { regionPath: string; districtCode: string }): Roll {
  const names = new Map<string, string>();
  const missingArea: string[] = [];
  const missingOwner: string[] = [];
  const owned: (RollUnitInput & { owners: string[] })[] = [];
  for (const u of units) {
    if (!(u.areaCentiM2 > 0)) missingArea.push(u.label);
    if (u.parties.length === 0) { missingOwner.push(u.label); continue; }
    for (const p of u.parties) names.set(p.party, p.name);
    owned.push({ ...u, owners: u.parties.map((p) => p.party) });
  }
  const owners: RollOwner[] = [];
  const rollUnits: Roll['units'] = [];
  for (const [key, group] of groupUnitsByOwners(owned)) {
    const parties = ownersOfKey(key);
    const o: RollOwner = {
      ownerKey: key, parties, label: parties.map((p) => names.get(p) ?? p).join('、').slice(0, 200), areaCentiM2: 0n, unitCount: 0, ...compound,
    };
    for (const u of group) {
      o.areaCentiM2 += BigInt(u.areaCentiM2);
      o.unitCount += 1;
      rollUnits.push({ unitId: u.unitId, ownerKey: key, label: u.label, areaCentiM2: BigInt(u.areaCentiM2), regionPath: u.regionPath, districtCode: u.districtCode });
    }
    owners.push(o);
  }
  return { owners, units: rollUnits, missingArea, missingOwner };
}
