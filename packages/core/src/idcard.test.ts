import { describe, expect, it } from 'vitest';
import { idChecksum, makeIdNumber, validateIdNumber } from './idcard.ts';

const TODAY = new Date('2024-06-15T04:00:00Z'); // 12:00 in China

/**
 * An independent oracle: ISO 7064 MOD 11-2 says the 18 characters, weighted 2^(17-i) with X = 10,
 * sum to 1 mod 11. Nothing here shares code or tables with the implementation.
 */
function iso7064Holds(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = id[i] === 'X' ? 10 : Number(id[i]);
    sum += v * (2 ** (17 - i) % 11);
  }
  return sum % 11 === 1;
}

describe('idChecksum', () => {
  it('matches the published example 11010519491231002X', () => {
    expect(idChecksum('11010519491231002')).toBe('X');
  });

  it('matches the published example 440524188001010014', () => {
    expect(idChecksum('44052418800101001')).toBe('4');
  });

  it('produces every possible check character and always satisfies ISO 7064', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) {
      const first17 = `510104199001${String(seq % 28 + 1).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
      const c = idChecksum(first17);
      seen.add(c);
      expect(iso7064Holds(first17 + c)).toBe(true);
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it.each(['', '1234567890123456', '123456789012345678', '1101051949123100X', '１１０１０５１９４９１２３１００２', ' 11010519491231002'])(
    'throws on non-17-digit input %j',
    (bad) => {
      expect(() => idChecksum(bad)).toThrow(RangeError);
    },
  );
});

describe('validateIdNumber', () => {
  it('accepts the published example and reads what it tells', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      id: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });

  it('trims and upper-cases a trailing x', () => {
    const r = validateIdNumber('  11010519491231002x\n', TODAY);
    expect(r).toMatchObject({ ok: true, id: '11010519491231002X' });
  });

  it('reads gender from the 17th digit: odd is male, even is female', () => {
    for (let d = 0; d <= 9; d++) {
      const id = makeIdNumber('510104', '1985-07-20', 120 + d, TODAY);
      const r = validateIdNumber(id, TODAY);
      expect(r).toMatchObject({ ok: true, gender: d % 2 === 1 ? 'male' : 'female' });
    }
  });

  it('accepts numbers whose check character is 0-9 and X', () => {
    const ids = ['11010519491231002X', makeIdNumber('510104', '2000-01-01', 1, TODAY)];
    for (const id of ids) expect(validateIdNumber(id, TODAY).ok).toBe(true);
  });

  describe('format', () => {
    it.each([
      ['empty', ''],
      ['whitespace only', '   '],
      ['17 characters', '11010519491231002'],
      ['19 characters', '11010519491231002X1'],
      ['15-digit first-generation number', '110105491231002'],
      ['X not last', '1101051949123100X2'],
      ['letter inside', '11010519491231A02X'],
      ['inner space', '110105 19491231002X'],
      ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
      ['two lower-case x', '1101051949123100xx'],
      ['other trailing letter', '11010519491231002Y'],
    ])('rejects %s', (_label, input) => {
      expect(validateIdNumber(input, TODAY)).toEqual({ ok: false, reason: 'format' });
    });

    it('rejects a non-string at run time (values from JSON are not always strings)', () => {
      expect(validateIdNumber(11010519491231 as unknown as string, TODAY)).toEqual({ ok: false, reason: 'format' });
      expect(validateIdNumber(null as unknown as string, TODAY)).toEqual({ ok: false, reason: 'format' });
    });
  });

  describe('birth_date', () => {
    /** An ID with the given birth digits and a correct checksum, so only the date can fail. */
    const withBirth = (yyyymmdd: string) => {
      const first17 = `510104${yyyymmdd}123`;
      return first17 + idChecksum(first17);
    };

    it('accepts the leap day 2000-02-29 (divisible by 400)', () => {
      expect(validateIdNumber(withBirth('20000229'), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    });

    it('accepts the leap day 2024-02-29 (divisible by 4)', () => {
      expect(validateIdNumber(withBirth('20240229'), TODAY)).toMatchObject({ ok: true, birthDate: '2024-02-29' });
    });

    it.each([
      ['1900-02-29 (1900 is not a leap year)', '19000229'],
      ['2023-02-29', '20230229'],
      ['2000-02-30', '20000230'],
      ['month 00', '19900001'],
      ['month 13', '19901301'],
      ['day 00', '19900100'],
      ['April 31', '19900431'],
      ['June 31', '19900631'],
      ['September 31', '19900931'],
      ['November 31', '19901131'],
      ['day 32', '19900132'],
      ['before 1900', '18991231'],
      ['year 0000', '00000101'],
      ['tomorrow in China', '20240616'],
      ['next year', '20250101'],
      ['far future', '99991231'],
    ])('rejects %s', (_label, digits) => {
      expect(validateIdNumber(withBirth(digits), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    });

    it('accepts the boundaries 1900-01-01 and today', () => {
      expect(validateIdNumber(withBirth('19000101'), TODAY).ok).toBe(true);
      expect(validateIdNumber(withBirth('20240615'), TODAY).ok).toBe(true);
    });

    it('decides "today" in China time, not the server zone', () => {
      // 2024-06-14T17:00Z is already 01:00 on 15 June in Beijing.
      expect(validateIdNumber(withBirth('20240615'), new Date('2024-06-14T17:00:00Z')).ok).toBe(true);
      // 2024-06-14T15:59Z is still 23:59 on 14 June in Beijing.
      expect(validateIdNumber(withBirth('20240615'), new Date('2024-06-14T15:59:00Z'))).toEqual({ ok: false, reason: 'birth_date' });
    });

    it('rejects a published example whose birth year (1880) predates 1900, even though its checksum holds', () => {
      expect(iso7064Holds('440524188001010014')).toBe(true);
      expect(validateIdNumber('440524188001010014', TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    });

    it('checks the date before the checksum', () => {
      expect(validateIdNumber('510104199002300000', TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    });

    it('uses the real clock when no date is given', () => {
      expect(validateIdNumber('11010519491231002X').ok).toBe(true);
      const nextYear = String(new Date().getUTCFullYear() + 1);
      expect(validateIdNumber(withBirth(`${nextYear}0101`))).toEqual({ ok: false, reason: 'birth_date' });
    });
  });

  describe('checksum', () => {
    it('rejects every wrong check character of a valid number', () => {
      const id = '11010519491231002X';
      for (const c of '0123456789') {
        expect(validateIdNumber(id.slice(0, 17) + c, TODAY)).toEqual({ ok: false, reason: 'checksum' });
      }
    });

    it('catches any single-digit typo', () => {
      const id = makeIdNumber('510104', '1988-08-08', 357, TODAY);
      for (const pos of [0, 3, 5, 14, 15, 16]) {
        const wrong = String((Number(id[pos]) + 1) % 10);
        expect(validateIdNumber(id.slice(0, pos) + wrong + id.slice(pos + 1), TODAY)).toEqual({ ok: false, reason: 'checksum' });
      }
    });

    it('catches swapped adjacent digits', () => {
      const id = makeIdNumber('510104', '1988-08-08', 357, TODAY); // sequence digits 3,5 differ
      const swapped = `${id.slice(0, 14)}${id[15]}${id[14]}${id.slice(16)}`;
      expect(validateIdNumber(swapped, TODAY)).toEqual({ ok: false, reason: 'checksum' });
    });
  });
});

describe('makeIdNumber', () => {
  it('builds valid numbers that round-trip through validateIdNumber', () => {
    const cases: [string, string, number][] = [
      ['510104', '1990-03-07', 1],
      ['110105', '1949-12-31', 2],
      ['440305', '2000-02-29', 999],
      ['650102', '1900-01-01', 0],
      ['510104', '2024-06-15', 500],
    ];
    for (const [region, birth, seq] of cases) {
      const id = makeIdNumber(region, birth, seq, TODAY);
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(iso7064Holds(id)).toBe(true);
      expect(validateIdNumber(id, TODAY)).toEqual({
        ok: true,
        id,
        regionCode: region,
        birthDate: birth,
        gender: seq % 2 === 1 ? 'male' : 'female',
      });
    }
  });

  it('reproduces the published example', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2, TODAY)).toBe('11010519491231002X');
  });

  it('pads the sequence to three digits', () => {
    expect(makeIdNumber('510104', '1990-01-01', 7, TODAY).slice(14, 17)).toBe('007');
  });

  it.each([
    ['short region', '51010', '1990-01-01', 1],
    ['long region', '5101040', '1990-01-01', 1],
    ['non-digit region', '51010a', '1990-01-01', 1],
    ['compact date', '510104', '19900101', 1],
    ['impossible date', '510104', '1990-02-30', 1],
    ['non-leap Feb 29', '510104', '1900-02-29', 1],
    ['date before 1900', '510104', '1899-12-31', 1],
    ['future date', '510104', '2024-06-16', 1],
    ['negative sequence', '510104', '1990-01-01', -1],
    ['sequence 1000', '510104', '1990-01-01', 1000],
    ['fractional sequence', '510104', '1990-01-01', 1.5],
    ['NaN sequence', '510104', '1990-01-01', Number.NaN],
  ])('throws on %s', (_label, region, birth, seq) => {
    expect(() => makeIdNumber(region as string, birth as string, seq as number, TODAY)).toThrow(RangeError);
  });
});
