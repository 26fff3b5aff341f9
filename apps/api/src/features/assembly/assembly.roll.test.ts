import { describe, expect, it } from 'vitest';
import { buildRoll, type RollUnitInput } from './assembly.roll.ts';

const unit = (unitId: string, area: number, ...parties: string[]): RollUnitInput => ({
  unitId, label: unitId, areaCentiM2: area, regionPath: '510108001001001001', districtCode: '510108', parties: parties.map((party) => ({ party, name: party })),
});
const compound = { regionPath: '510108001001001', districtCode: '510108' };

describe('buildRoll', () => {
  it('counts co-owners of a flat once, and merges a person’s flats held alone and jointly into one owner', () => {
    const roll = buildRoll([
      unit('101', 9000, 'res:b-husband', 'res:a-wife'), unit('102', 6000, 'res:b-husband'), unit('201', 8000, 'res:c'),
      unit('shop', 5000, 'org:dev'), unit('202', 7000, 'org:dev'),
    ], compound);
    expect(roll.owners.map((o) => [o.ownerKey, o.parties, o.areaCentiM2, o.unitCount]).sort()).toEqual([
      ['org:dev', ['org:dev'], 12000n, 2],
      ['res:a-wife', ['res:a-wife', 'res:b-husband'], 15000n, 2],
      ['res:c', ['res:c'], 8000n, 1],
    ]);
    expect(roll.units).toHaveLength(5);
    expect(roll.missingArea).toEqual([]);
  });

  it('gives the same keys whatever order the units come in', () => {
    const units = [unit('1', 1, 'res:z', 'res:y'), unit('2', 1, 'res:y', 'res:x'), unit('3', 1, 'res:w')];
    const a = buildRoll(units, compound).owners.map((o) => o.ownerKey).sort();
    const b = buildRoll([...units].reverse(), compound).owners.map((o) => o.ownerKey).sort();
    expect(a).toEqual(b);
    expect(a).toEqual(['res:w', 'res:x']);
  });

  it('reports units without a registered area or without an owner', () => {
    const roll = buildRoll([unit('a', 0, 'res:1'), unit('b', 100), unit('c', 100, 'res:2')], compound);
    expect(roll.missingArea).toEqual(['a']);
    expect(roll.missingOwner).toEqual(['b']);
  });
});
