import { describe, expect, it } from 'vitest';
import {
  CODE_LENGTH, REGION_LEVELS, checkRegionCode, childCode, childLevel, isWithin, levelOfCode, parentCodeOf,
  parentLevel, segmentOf, type RegionLevel,
} from './regionCode.ts';

// 成都市锦江区 → 春熙路街道 → a community → a grid → a micro-grid.
const CODES: Record<RegionLevel, string> = {
  district: '510104',
  street: '510104020',
  community: '510104020001',
  grid: '510104020001003',
  microgrid: '510104020001003012',
};

describe('levels', () => {
  it('lists the five levels top-down with 6, 9, 12, 15, 18 digits', () => {
    expect(REGION_LEVELS).toEqual(['district', 'street', 'community', 'grid', 'microgrid']);
    expect(REGION_LEVELS.map((l) => CODE_LENGTH[l])).toEqual([6, 9, 12, 15, 18]);
  });

  it('walks down with childLevel and up with parentLevel', () => {
    expect(childLevel('district')).toBe('street');
    expect(childLevel('street')).toBe('community');
    expect(childLevel('community')).toBe('grid');
    expect(childLevel('grid')).toBe('microgrid');
    expect(childLevel('microgrid')).toBeNull();
    expect(parentLevel('district')).toBeNull();
    expect(parentLevel('street')).toBe('district');
    expect(parentLevel('community')).toBe('street');
    expect(parentLevel('grid')).toBe('community');
    expect(parentLevel('microgrid')).toBe('grid');
  });

  it('keeps childLevel and parentLevel inverse, each step adding 3 digits', () => {
    for (const level of REGION_LEVELS) {
      const child = childLevel(level);
      if (child) {
        expect(parentLevel(child)).toBe(level);
        expect(CODE_LENGTH[child] - CODE_LENGTH[level]).toBe(3);
      }
    }
  });
});

describe('levelOfCode', () => {
  it.each(REGION_LEVELS)('recognises a %s code', (level) => {
    expect(levelOfCode(CODES[level])).toBe(level);
  });

  it('accepts the province range 11 to 82', () => {
    expect(levelOfCode('110101')).toBe('district');
    expect(levelOfCode('820001')).toBe('district');
  });

  it.each([
    ['empty', ''],
    ['too short', '51010'],
    ['between levels', '5101040201'],
    ['too long', '5101040200010030121'],
    ['letters', '51010a'],
    ['spaces', ' 510104'],
    ['sign', '-510104'],
    ['province 10', '100101'],
    ['province 83', '830101'],
    ['province 00', '000000'],
    ['street segment 000', '510104000'],
    ['community segment 000', '510104020000'],
    ['grid segment 000', '510104020001000'],
    ['microgrid segment 000', '510104020001003000'],
    ['full-width digits', '５１０１０４'],
  ])('rejects %s', (_label, code) => {
    expect(levelOfCode(code)).toBeNull();
  });

  it('rejects non-strings at run time', () => {
    expect(levelOfCode(510104 as unknown as string)).toBeNull();
  });
});

describe('parentCodeOf', () => {
  it('drops the last segment', () => {
    expect(parentCodeOf(CODES.microgrid)).toBe(CODES.grid);
    expect(parentCodeOf(CODES.grid)).toBe(CODES.community);
    expect(parentCodeOf(CODES.community)).toBe(CODES.street);
    expect(parentCodeOf(CODES.street)).toBe(CODES.district);
  });

  it('is null for a district and for malformed codes', () => {
    expect(parentCodeOf(CODES.district)).toBeNull();
    expect(parentCodeOf('5101040201')).toBeNull();
    expect(parentCodeOf('510104000')).toBeNull();
  });
});

describe('childCode', () => {
  it('appends a 3-digit string segment', () => {
    expect(childCode('510104', '020')).toBe('510104020');
    expect(childCode(CODES.grid, '999')).toBe('510104020001003999');
  });

  it('pads a numeric segment', () => {
    expect(childCode('510104', 7)).toBe('510104007');
    expect(childCode('510104', 42)).toBe('510104042');
    expect(childCode('510104', 999)).toBe('510104999');
  });

  it('produces a code of the child level whose parent is the given code', () => {
    for (const level of REGION_LEVELS.slice(0, -1)) {
      const code = childCode(CODES[level], 1);
      expect(levelOfCode(code)).toBe(childLevel(level));
      expect(parentCodeOf(code)).toBe(CODES[level]);
    }
  });

  it.each([0, -1, 1000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the numeric segment %s', (seg) => {
    expect(() => childCode('510104', seg)).toThrow(RangeError);
  });

  it.each(['000', '7', '07', '0001', '1000', 'abc', ' 01', ''])('rejects the string segment %j', (seg) => {
    expect(() => childCode('510104', seg)).toThrow(RangeError);
  });

  it('rejects a malformed parent and a micro-grid parent', () => {
    expect(() => childCode('5101', 1)).toThrow(RangeError);
    expect(() => childCode('510104000', 1)).toThrow(RangeError);
    expect(() => childCode(CODES.microgrid, 1)).toThrow(/no children/);
  });
});

describe('checkRegionCode', () => {
  it.each(REGION_LEVELS)('accepts a well-formed %s under its parent', (level) => {
    expect(checkRegionCode(level, CODES[level], parentCodeOf(CODES[level]))).toEqual({ ok: true });
  });

  describe('format', () => {
    it.each([
      ['district', '51010'],
      ['district', '5101040'],
      ['district', '100101'],
      ['district', '830101'],
      ['district', '51o104'],
      ['street', '510104000'],
      ['street', '51010402a'],
      ['community', '510104020000'],
      ['grid', '510104020001000'],
      ['microgrid', '510104020001003000'],
      ['microgrid', '5101040200010030121'],
      ['grid', ''],
    ] as [RegionLevel, string][])('rejects %s code %j', (level, code) => {
      expect(checkRegionCode(level, code, code.length > 6 ? code.slice(0, -3) : null)).toEqual({ ok: false, reason: 'format' });
    });
  });

  describe('level', () => {
    it('rejects a well-formed code of another level, for every pair of levels', () => {
      for (const level of REGION_LEVELS) {
        for (const other of REGION_LEVELS) {
          if (other === level) continue;
          expect(checkRegionCode(level, CODES[other], parentCodeOf(CODES[other]))).toEqual({ ok: false, reason: 'level' });
        }
      }
    });
  });

  describe('parent', () => {
    it('requires a district to have no parent', () => {
      expect(checkRegionCode('district', '510104', '510104')).toEqual({ ok: false, reason: 'parent' });
      expect(checkRegionCode('district', '510104', '')).toEqual({ ok: false, reason: 'parent' });
    });

    it.each(REGION_LEVELS.slice(1))('requires a %s to have a parent', (level) => {
      expect(checkRegionCode(level, CODES[level], null)).toEqual({ ok: false, reason: 'parent' });
    });

    it.each(REGION_LEVELS.slice(1))('rejects a %s whose code does not extend its parent', (level) => {
      const code = CODES[level];
      const otherParent = `${code.slice(0, -4)}${(Number(code[code.length - 4]) + 1) % 10}`;
      expect(checkRegionCode(level, code, otherParent)).toEqual({ ok: false, reason: 'parent' });
    });

    it('rejects a grandparent or a sibling given as the parent', () => {
      expect(checkRegionCode('community', CODES.community, CODES.district)).toEqual({ ok: false, reason: 'parent' });
      expect(checkRegionCode('street', '510104021', '510104020')).toEqual({ ok: false, reason: 'parent' });
      expect(checkRegionCode('street', '510104021', '510105')).toEqual({ ok: false, reason: 'parent' });
    });
  });
});

describe('isWithin', () => {
  it('is inclusive: a region is within itself', () => {
    for (const level of REGION_LEVELS) expect(isWithin(CODES[level], CODES[level])).toBe(true);
  });

  it('puts every level within each of its ancestors', () => {
    for (let i = 0; i < REGION_LEVELS.length; i++) {
      for (let j = 0; j <= i; j++) {
        expect(isWithin(CODES[REGION_LEVELS[i]!], CODES[REGION_LEVELS[j]!])).toBe(true);
      }
    }
  });

  it('never puts an ancestor within its descendant', () => {
    expect(isWithin(CODES.district, CODES.street)).toBe(false);
    expect(isWithin(CODES.grid, CODES.microgrid)).toBe(false);
  });

  it('separates siblings and cousins', () => {
    expect(isWithin('510104021', '510104020')).toBe(false);
    expect(isWithin('510104021001', '510104020')).toBe(false);
    expect(isWithin('510105020', '510104')).toBe(false);
  });

  it('refuses malformed ancestors rather than prefix-matching them', () => {
    expect(isWithin(CODES.grid, '')).toBe(false);
    expect(isWithin(CODES.grid, '5101')).toBe(false);
    expect(isWithin(CODES.grid, '5101040')).toBe(false);
    expect(isWithin(CODES.grid, '5101040200')).toBe(false);
  });

  it('refuses malformed codes', () => {
    expect(isWithin('5101040200', CODES.district)).toBe(false);
    expect(isWithin('510104000', CODES.district)).toBe(false);
  });
});

describe('segmentOf', () => {
  it('returns the last 3 digits below district level', () => {
    expect(segmentOf(CODES.street)).toBe('020');
    expect(segmentOf(CODES.community)).toBe('001');
    expect(segmentOf(CODES.grid)).toBe('003');
    expect(segmentOf(CODES.microgrid)).toBe('012');
  });

  it('returns a district code whole', () => {
    expect(segmentOf('510104')).toBe('510104');
  });

  it('round-trips with childCode and parentCodeOf', () => {
    for (const level of REGION_LEVELS.slice(1)) {
      const code = CODES[level];
      expect(childCode(parentCodeOf(code)!, segmentOf(code))).toBe(code);
    }
  });

  it.each(['', '5101', '510104000', 'abcdef'])('throws on the malformed code %j', (code) => {
    expect(() => segmentOf(code)).toThrow(RangeError);
  });
});
