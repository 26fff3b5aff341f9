import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, ageInYears, CHINA_TIME_ZONE, chinaDay, chinaEpochDay, chinaIso, chinaMonth, dayOfEpoch, daysBetween, endOfChinaDay, epochDay,
  instantOfEpochDay, isDay, startOfChinaDay,
} from './chinaTime.ts';

const at = (iso: string) => new Date(iso);

/** What the host's timezone database says the China day is: the reference the fixed offset must match. */
const intlDay = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

describe('chinaDay', () => {
  it('turns the day at 16:00 UTC, China’s midnight', () => {
    expect(chinaDay(at('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(chinaDay(at('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(chinaDay(at('2026-03-01T00:00:00+08:00'))).toBe('2026-03-01');
    expect(chinaDay(at('2026-03-01T23:59:59.999+08:00'))).toBe('2026-03-01');
  });

  it('crosses month and year ends and leap days a few hours ahead of UTC', () => {
    expect(chinaDay(at('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(chinaDay(at('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(chinaDay(at('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
    expect(chinaDay(at('2028-02-29T16:00:00Z'))).toBe('2028-03-01');
    expect(chinaDay(at('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
    expect(chinaDay(at('2026-04-30T16:00:00Z'))).toBe('2026-05-01');
  });

  it('agrees with the timezone database on every instant since 1992', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
      expect(chinaDay(d)).toBe(intlDay(d));
    }), { numRuns: 500 });
  });

  it('refuses an invalid date rather than answering for some other day', () => {
    expect(() => chinaDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('chinaMonth', () => {
  it('is the month of the China day', () => {
    expect(chinaMonth(at('2026-01-31T15:59:59Z'))).toBe('2026-01');
    expect(chinaMonth(at('2026-01-31T16:00:00Z'))).toBe('2026-02');
    expect(chinaMonth(at('2025-12-31T16:00:00Z'))).toBe('2026-01');
    expect(chinaMonth(at('2028-02-29T12:00:00Z'))).toBe('2028-02');
  });
});

describe('startOfChinaDay and endOfChinaDay', () => {
  it('are midnight and the last millisecond in China', () => {
    expect(startOfChinaDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(endOfChinaDay('2026-03-02').toISOString()).toBe('2026-03-02T15:59:59.999Z');
    expect(startOfChinaDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(endOfChinaDay('2025-12-31').toISOString()).toBe('2025-12-31T15:59:59.999Z');
    expect(endOfChinaDay('2028-02-29').getTime() + 1).toBe(startOfChinaDay('2028-03-01').getTime());
  });

  it('bracket every instant of the day they are the start and end of', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
      const day = chinaDay(d);
      expect(startOfChinaDay(day).getTime()).toBeLessThanOrEqual(d.getTime());
      expect(endOfChinaDay(day).getTime()).toBeGreaterThanOrEqual(d.getTime());
      expect(chinaDay(startOfChinaDay(day))).toBe(day);
      expect(chinaDay(endOfChinaDay(day))).toBe(day);
    }), { numRuns: 300 });
  });

  it('refuse days that do not exist', () => {
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-04-31', '2026-1-1', '20260101', '', '2026-03-01T00:00']) {
      expect(() => startOfChinaDay(bad), bad).toThrow(RangeError);
      expect(() => endOfChinaDay(bad), bad).toThrow(RangeError);
      expect(isDay(bad), bad).toBe(false);
    }
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2000-02-29')).toBe(true); // divisible by 400
    expect(isDay('2100-02-29')).toBe(false); // divisible by 100 only
    expect(startOfChinaDay('0050-01-01').toISOString()).toBe('0049-12-31T16:00:00.000Z'); // not 1950
  });
});

describe('addDays and daysBetween', () => {
  it('add days across months, leap days and years, forwards and back', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-31', 60)).toBe('2026-04-01');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
    expect(() => addDays('2026-05-05', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('count whole days, negative when the second is earlier', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2028-01-01', '2028-03-01')).toBe(60);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
    expect(daysBetween('2025-12-31', '2026-12-31')).toBe(365);
    expect(daysBetween('2026-06-01', '2026-06-01')).toBe(0);
  });

  it('are inverse of each other', () => {
    fc.assert(fc.property(fc.integer({ min: 8_000, max: 47_000 }), fc.integer({ min: -5_000, max: 5_000 }), (n, k) => {
      const day = dayOfEpoch(n);
      expect(daysBetween(day, addDays(day, k))).toBe(k);
      expect(epochDay(addDays(day, k))).toBe(n + k);
    }));
  });
});

describe('day numbers', () => {
  it('number days from 1970-01-01 and place their instants in China', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(dayOfEpoch(0)).toBe('1970-01-01');
    expect(chinaEpochDay(Date.parse('1970-01-01T16:00:00Z'))).toBe(1);
    expect(new Date(instantOfEpochDay(epochDay('2026-03-02'), 9 * 3_600_000)).toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });
});

describe('chinaIso', () => {
  it('writes an instant in China time with its offset', () => {
    expect(chinaIso(at('2026-05-01T01:30:00Z'))).toBe('2026-05-01T09:30:00+08:00');
    expect(chinaIso(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
    expect(chinaIso(at('2026-12-31T16:00:00.250Z'), true)).toBe('2027-01-01T00:00:00.250+08:00');
    expect(chinaIso(endOfChinaDay('2026-03-02'), true)).toBe('2026-03-02T23:59:59.999+08:00');
  });

  it('reads back as the same instant', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
      expect(new Date(chinaIso(d, true)).getTime()).toBe(d.getTime());
    }));
  });
});

describe('ageInYears', () => {
  it('turns a year older at China’s midnight of the birthday', () => {
    expect(ageInYears('1990-03-08', at('2026-03-07T15:59:59Z'))).toBe(35);
    expect(ageInYears('1990-03-08', at('2026-03-07T16:00:00Z'))).toBe(36);
    expect(ageInYears('2000-02-29', at('2026-02-28T16:00:00Z'))).toBe(26); // 1 March in China
    expect(ageInYears('2000-02-29', at('2026-02-28T15:00:00Z'))).toBe(25);
    expect(ageInYears('2026-03-08', at('2026-03-08T00:00:00Z'))).toBe(0);
  });
});
