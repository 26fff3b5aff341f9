import { describe, expect, it } from 'vitest';
import { buildRoll, type RollUnitInput } from './assembly.roll.ts';

const unit = (unitId: string, area: number, ...parties: string[]): RollUnitInput => ({
  unitId, label: unitId, areaCentiM2: area, regionPath: '510108001001001001', districtCode: '510108', parties: parties.map((party) => ({ party, name: party })),
});
const compound = { regionPath: '510108001001001', districtCode: '510108' };

describe('buildRoll', () => {
  it('counts co-owners of a flat once, and a person’s flats merge only when held by the same people', () => {
    const roll = buildRoll([
      unit('101', 9000, 'res:b-husband', 'res:a-wife'), unit('102', 6000, 'res:b-husband'), unit('201', 8000, 'res:c'),
      unit('shop', 5000, 'org:dev'), unit('202', 7000, 'org:dev'), unit('301', 4000, 'res:a-wife', 'res:b-husband'),
    ], compound);
    expect(roll.owners.map((o) => [o.ownerKey, o.parties, o.areaCentiM2, o.unitCount]).sort()).toEqual([
      ['org:dev', ['org:dev'], 12000n, 2],
      ['res:a-wife+res:b-husband', ['res:a-wife', 'res:b-husband'], 13000n, 2],
      ['res:b-husband', ['res:b-husband'], 6000n, 1],
      ['res:c', ['res:c'], 8000n, 1],
    ]);
    expect(roll.units).toHaveLength(6);
    expect(roll.missingArea).toEqual([]);
  });

  it('never chains owners through a shared co-owner (A+B and B+C are two owners)', () => {
    const roll = buildRoll([unit('1', 100, 'res:a', 'res:b'), unit('2', 100, 'res:b', 'res:c'), unit('3', 100, 'res:c', 'res:d')], compound);
    expect(roll.owners.map((o) => o.ownerKey).sort()).toEqual(['res:a+res:b', 'res:b+res:c', 'res:c+res:d']);
    expect(roll.owners.every((o) => o.unitCount === 1)).toBe(true);
  });

  it('gives the same keys whatever order the units (and their owners) come in', () => {
    const units = [unit('1', 1, 'res:z', 'res:y'), unit('2', 1, 'res:y', 'res:x'), unit('3', 1, 'res:w'), unit('4', 1, 'res:y', 'res:z')];
    const a = buildRoll(units, compound).owners.map((o) => o.ownerKey).sort();
    const b = buildRoll([...units].reverse(), compound).owners.map((o) => o.ownerKey).sort();
    expect(a).toEqual(b);
    expect(a).toEqual(['res:w', 'res:x+res:y', 'res:y+res:z']);
  });

  it('reports units without a registered area or without an owner', () => {
    const roll = buildRoll([unit('a', 0, 'res:1'), unit('b', 100), unit('c', 100, 'res:2')], compound);
    expect(roll.missingArea).toEqual(['a']);
    expect(roll.missingOwner).toEqual(['b']);
  });
});
