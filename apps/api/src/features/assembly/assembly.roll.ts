/**
 * The roll of voting owners, built from the registry when voting opens.
 *
 * Counting rules (SPC interpretation on 建筑物区分所有权, art. 8–9): one unit counts as one owner;
 * one owner of several units counts once; all the developer's unsold units together count once.
 * Co-owners of a unit (a couple on one deed) are that unit's one owner, so everyone linked through a
 * shared unit is merged into one voting owner: a landlord's own flat and the flat they let, held
 * with their spouse and alone, make one owner, not two. Any member of the group may cast its ballot.
 */

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

/** Groups the compound's units into voting owners (union-find over the parties sharing a unit). */
export function buildRoll(units: RollUnitInput[], compound: { regionPath: string; districtCode: string }): Roll {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let cur = x;
    while (cur !== root) { const next = parent.get(cur)!; parent.set(cur, root); cur = next; }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a); const rb = find(b);
    // The smaller id becomes the root, so the key does not depend on the order units come in.
    if (ra !== rb) { if (ra < rb) parent.set(rb, ra); else parent.set(ra, rb); }
  };
  const names = new Map<string, string>();
  const missingArea: string[] = [];
  const missingOwner: string[] = [];
  for (const u of units) {
    if (!(u.areaCentiM2 > 0)) missingArea.push(u.label);
    if (u.parties.length === 0) missingOwner.push(u.label);
    for (const p of u.parties) {
      if (!parent.has(p.party)) parent.set(p.party, p.party);
      names.set(p.party, p.name);
    }
    for (const p of u.parties.slice(1)) union(u.parties[0]!.party, p.party);
  }
  const owners = new Map<string, RollOwner>();
  const rollUnits: Roll['units'] = [];
  for (const u of units) {
    if (u.parties.length === 0) continue;
    const key = find(u.parties[0]!.party);
    let o = owners.get(key);
    if (!o) {
      o = { ownerKey: key, parties: [], label: '', areaCentiM2: 0n, unitCount: 0, ...compound };
      owners.set(key, o);
    }
    o.areaCentiM2 += BigInt(u.areaCentiM2);
    o.unitCount += 1;
    rollUnits.push({ unitId: u.unitId, ownerKey: key, label: u.label, areaCentiM2: BigInt(u.areaCentiM2), regionPath: u.regionPath, districtCode: u.districtCode });
  }
  for (const party of parent.keys()) {
    const o = owners.get(find(party));
    if (o) o.parties.push(party);
  }
  for (const o of owners.values()) {
    o.parties.sort();
    o.label = o.parties.map((p) => names.get(p) ?? p).join('、').slice(0, 200);
  }
  return { owners: [...owners.values()], units: rollUnits, missingArea, missingOwner };
}
