import { describe, expect, it } from 'vitest';
import {
  CN_HOLIDAYS_2025,
  CN_HOLIDAYS_2026,
  DEFAULT_WORK_CALENDAR,
  addCalendarHours,
  addWorkingHours,
  deadlineFor,
  addWorkingDays,
  endOfWorkingDays,
  isWorkingDay,
  slaStatus,
  workingHoursBetween,
} from './worktime.ts';
import { chinaDay } from './chinaTime.ts';
import type { WorkCalendar } from './worktime.ts';

/** A Shanghai wall-clock time, 'YYYY-MM-DD HH:MM[:SS]', as an instant. */
const sh = (s: string): Date => new Date(`${s.replace(' ', 'T')}+08:00`);
/** An instant shown as Shanghai wall-clock time, for readable assertions. */
const show = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
const weekday = (ymd: string): number => new Date(`${ymd}T00:00:00Z`).getUTCDay();

const PLAIN: WorkCalendar = { holidays: [], workdays: [], dayStart: '09:00', dayEnd: '18:00' };

describe('the shipped holiday calendars', () => {
  it.each([
    ['2025', CN_HOLIDAYS_2025, 28],
    ['2026', CN_HOLIDAYS_2026, 33],
  ])('%s has the right number of days off and 13 statutory days net of make-up days', (_y, cal, daysOff) => {
    expect(cal.holidays).toHaveLength(daysOff);
    expect(new Set(cal.holidays).size).toBe(daysOff);
    // Since the 2024 revision there are 13 statutory holidays a year; the rest of every break is
    // weekend days and weekdays paid back by make-up Saturdays/Sundays.
    const weekdaysOff = cal.holidays.filter((d) => weekday(d) !== 0 && weekday(d) !== 6).length;
    expect(weekdaysOff - cal.workdays.length).toBe(13);
  });

  it('makes up work only on weekends, never on a holiday', () => {
    for (const d of [...CN_HOLIDAYS_2025.workdays, ...CN_HOLIDAYS_2026.workdays]) {
      expect([0, 6]).toContain(weekday(d));
      expect(DEFAULT_WORK_CALENDAR.holidays).not.toContain(d);
    }
  });

  it.each([
    ['2025-01-01', false], ['2025-01-26', true], ['2025-01-27', true], ['2025-01-28', false],
    ['2025-02-04', false], ['2025-02-05', true], ['2025-02-08', true], ['2025-04-04', false],
    ['2025-04-27', true], ['2025-05-05', false], ['2025-06-02', false], ['2025-09-28', true],
    ['2025-10-08', false], ['2025-10-09', true], ['2025-10-11', true],
    ['2026-01-02', false], ['2026-01-04', true], ['2026-02-13', true], ['2026-02-14', true],
    ['2026-02-15', false], ['2026-02-16', false], ['2026-02-23', false], ['2026-02-24', true],
    ['2026-02-28', true], ['2026-03-01', false], ['2026-03-07', false], ['2026-03-09', true],
    ['2026-04-06', false], ['2026-05-05', false], ['2026-05-09', true], ['2026-06-19', false],
    ['2026-09-20', true], ['2026-09-25', false], ['2026-10-07', false], ['2026-10-08', true],
    ['2026-10-10', true], ['2026-10-11', false],
  ])('%s is a working day: %s', (day, expected) => {
    expect(isWorkingDay(day)).toBe(expected);
  });
});

describe('isWorkingDay and chinaDay', () => {
  it('reads an instant on its Shanghai date, not its UTC date', () => {
    const d = new Date('2026-02-14T16:30:00Z'); // 00:30 on Sunday 15 Feb in Shanghai, a holiday
    expect(chinaDay(d)).toBe('2026-02-15');
    expect(isWorkingDay(d)).toBe(false);
    const e = new Date('2026-02-13T16:30:00Z'); // 00:30 on the make-up Saturday
    expect(chinaDay(e)).toBe('2026-02-14');
    expect(isWorkingDay(e)).toBe(true);
  });

  it('treats weekends as days off on a calendar without holidays', () => {
    expect(isWorkingDay('2026-02-16', PLAIN)).toBe(true);
    expect(isWorkingDay('2026-02-14', PLAIN)).toBe(false);
  });

  it('lets a make-up day listed as a holiday too stay a working day', () => {
    const both = { ...PLAIN, holidays: ['2026-02-14'], workdays: ['2026-02-14'] };
    expect(isWorkingDay('2026-02-14', both)).toBe(true);
  });

  it.each(['2026-2-14', '2026-02-30', 'yesterday'])('refuses the malformed date %j', (bad) => {
    expect(() => isWorkingDay(bad)).toThrow(RangeError);
    expect(() => isWorkingDay('2026-02-14', { ...PLAIN, holidays: [bad] })).toThrow(RangeError);
  });

  it('refuses an invalid Date', () => {
    expect(() => isWorkingDay(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('addWorkingDays and endOfWorkingDays', () => {
  it('count working days after a day, skipping weekends and holidays and taking make-up days', () => {
    expect(addWorkingDays('2026-03-02', 1)).toBe('2026-03-03'); // Monday → Tuesday
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // from a Saturday
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // the make-up Saturday before 春节
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24'); // then nine days off
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09'); // over 国庆 + 中秋
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // 元旦 01-01 to 03 off, then the make-up Sunday
  });

  it('ends at China’s midnight after the last counted day, never counting the day it starts', () => {
    expect(endOfWorkingDays(sh('2026-03-02 10:00'), 5)).toEqual(sh('2026-03-10 00:00'));
    expect(endOfWorkingDays(sh('2026-03-06 23:30'), 1)).toEqual(sh('2026-03-10 00:00'));
    expect(endOfWorkingDays(new Date('2026-03-08T16:00:00Z'), 1)).toEqual(sh('2026-03-11 00:00')); // Monday 00:00 in China
  });

  it('refuses a count that is not a positive whole number, and a calendar with no working day', () => {
    expect(() => addWorkingDays('2026-03-02', 0)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
    const never: WorkCalendar = { ...DEFAULT_WORK_CALENDAR, holidays: [], workdays: [] };
    const allOff: WorkCalendar = { ...never, holidays: Array.from({ length: 1200 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)) };
    expect(() => addWorkingDays('2025-12-31', 1, allOff)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it.each([
    // within a day
    ['2026-03-09 10:00', 2, '2026-03-09 12:00:00'],
    ['2026-03-09 09:00', 9, '2026-03-09 18:00:00'], // a full day ends at dayEnd, not next morning
    ['2026-03-09 17:00', 1, '2026-03-09 18:00:00'],
    // over a weekend
    ['2026-03-06 17:00', 2, '2026-03-09 10:00:00'],
    ['2026-03-07 10:00', 1, '2026-03-09 10:00:00'],
    ['2026-03-08 23:59', 9, '2026-03-09 18:00:00'],
    // outside working hours
    ['2026-03-10 22:00', 1, '2026-03-11 10:00:00'],
    ['2026-03-10 07:15', 1, '2026-03-10 10:00:00'],
    ['2026-03-10 18:00', 1, '2026-03-11 10:00:00'],
    ['2026-03-13 18:30', 3, '2026-03-16 12:00:00'],
    // zero hours: the moment counting starts
    ['2026-03-09 12:00', 0, '2026-03-09 12:00:00'],
    ['2026-03-09 18:00', 0, '2026-03-10 09:00:00'],
    ['2026-03-07 12:00', 0, '2026-03-09 09:00:00'],
    // fractions
    ['2026-03-09 17:30', 1.5, '2026-03-10 10:00:00'],
    ['2026-03-09 10:00', 0.25, '2026-03-09 10:15:00'],
    ['2026-03-09 10:00', 1 / 3600, '2026-03-09 10:00:01'],
    // the 2026 Spring Festival: make-up Saturdays 14 and 28 Feb, nine days off 15–23 Feb
    ['2026-02-13 17:00', 2, '2026-02-14 10:00:00'],
    ['2026-02-14 17:00', 2, '2026-02-24 10:00:00'],
    ['2026-02-18 10:00', 1, '2026-02-24 10:00:00'],
    ['2026-02-27 17:00', 2, '2026-02-28 10:00:00'],
    ['2026-02-18 10:00', 63, '2026-03-03 18:00:00'], // seven working days: 24–28 Feb, 2–3 Mar
    ['2026-02-12 09:00', 27, '2026-02-14 18:00:00'], // Thu 12, Fri 13 and the make-up Saturday
    ['2026-02-12 09:00', 28, '2026-02-24 10:00:00'], // one hour more jumps the whole break
    // the 2025 National Day and Mid-Autumn break: 1–8 Oct, make-up 28 Sep and 11 Oct
    ['2025-09-30 17:00', 2, '2025-10-09 10:00:00'],
    ['2025-09-27 10:00', 1, '2025-09-28 10:00:00'],
    ['2025-10-10 17:00', 2, '2025-10-11 10:00:00'],
    // the 2026 New Year: 1–3 Jan off, Sunday 4 Jan worked
    ['2025-12-31 17:00', 2, '2026-01-04 10:00:00'],
  ])('%s + %s working hours = %s', (start, hours, expected) => {
    expect(show(addWorkingHours(sh(start), hours))).toBe(expected);
  });

  it('uses the calendar’s working hours', () => {
    const cal = { ...PLAIN, dayStart: '08:30', dayEnd: '17:30' };
    expect(show(addWorkingHours(sh('2026-03-09 08:00'), 9, cal))).toBe('2026-03-09 17:30:00');
    expect(show(addWorkingHours(sh('2026-03-09 17:00'), 1, cal))).toBe('2026-03-10 09:00:00');
  });

  it('ignores the default holidays on a calendar that has none', () => {
    expect(show(addWorkingHours(sh('2026-02-13 17:00'), 2, PLAIN))).toBe('2026-02-16 10:00:00');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s hours', (hours) => {
    expect(() => addWorkingHours(sh('2026-03-09 10:00'), hours)).toThrow(RangeError);
  });

  it.each([
    [{ ...PLAIN, dayStart: '18:00', dayEnd: '09:00' }],
    [{ ...PLAIN, dayStart: '09:00', dayEnd: '09:00' }],
    [{ ...PLAIN, dayStart: '9:00' }],
    [{ ...PLAIN, dayEnd: '24:00' }],
  ])('refuses a calendar with bad working hours %#', (cal) => {
    expect(() => addWorkingHours(sh('2026-03-09 10:00'), 1, cal)).toThrow(RangeError);
  });

  it('gives up on a calendar with no working day in sight instead of looping', () => {
    const days: string[] = [];
    for (let i = 0; i < 1200; i++) days.push(new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(() => addWorkingHours(sh('2026-01-01 10:00'), 1, { ...PLAIN, holidays: days })).toThrow(/no working day/);
  });

  it('agrees with workingHoursBetween for many starts and durations', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const from = sh('2025-01-01 00:00').getTime();
    for (let i = 0; i < 500; i++) {
      const start = new Date(from + Math.floor(rand() * 2 * 365 * 24) * 3_600_000 + Math.floor(rand() * 60) * 60_000);
      const hours = Math.round(rand() * 200 * 4) / 4;
      const due = addWorkingHours(start, hours);
      expect(workingHoursBetween(start, due)).toBeCloseTo(hours, 9);
      expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
    }
  });
});

describe('addCalendarHours and deadlineFor', () => {
  it('counts round the clock, holidays included', () => {
    expect(show(addCalendarHours(sh('2026-02-14 17:00'), 24))).toBe('2026-02-15 17:00:00');
    expect(show(addCalendarHours(sh('2026-02-14 17:00'), 0.5))).toBe('2026-02-14 17:30:00');
    expect(show(addCalendarHours(sh('2026-02-14 17:00'), 0))).toBe('2026-02-14 17:00:00');
    expect(() => addCalendarHours(sh('2026-02-14 17:00'), -2)).toThrow(RangeError);
  });

  it('chooses working or calendar time', () => {
    const start = sh('2026-02-14 17:00');
    expect(show(deadlineFor(start, 24, false))).toBe('2026-02-15 17:00:00');
    expect(show(deadlineFor(start, 2, true))).toBe('2026-02-24 10:00:00');
    expect(show(deadlineFor(start, 2, true, PLAIN))).toBe('2026-02-16 11:00:00'); // Saturday off: Monday 09:00 + 2
    expect(show(deadlineFor(start, 2, false, PLAIN))).toBe('2026-02-14 19:00:00');
  });
});

describe('workingHoursBetween', () => {
  it.each([
    ['2026-03-09 10:00', '2026-03-09 12:30', 2.5],
    ['2026-03-06 17:00', '2026-03-09 10:00', 2],
    ['2026-03-07 08:00', '2026-03-08 20:00', 0],
    ['2026-03-09 19:00', '2026-03-10 08:00', 0],
    ['2026-03-09 12:00', '2026-03-09 12:00', 0],
    ['2026-02-13 09:00', '2026-03-02 09:00', 63], // 13, 14, 24–28 Feb: seven days
    ['2026-02-15 00:00', '2026-02-24 00:00', 0],
    ['2025-12-31 00:00', '2026-01-05 00:00', 18], // 31 Dec and the make-up Sunday 4 Jan
  ])('from %s to %s is %s hours', (a, b, hours) => {
    expect(workingHoursBetween(sh(a), sh(b))).toBeCloseTo(hours, 9);
  });

  it('is negative when the second instant comes first', () => {
    expect(workingHoursBetween(sh('2026-03-09 10:00'), sh('2026-03-06 17:00'))).toBeCloseTo(-2, 9);
  });
});

describe('slaStatus', () => {
  const start = sh('2026-03-09 08:00');
  const due = sh('2026-03-09 18:00'); // ten calendar hours
  it.each([
    ['2026-03-09 07:00', 'ok'], // before it started
    ['2026-03-09 08:00', 'ok'],
    ['2026-03-09 13:00', 'ok'],
    ['2026-03-09 16:00', 'ok'], // exactly 20% left is not less than 20%
    ['2026-03-09 16:00:01', 'yellow'],
    ['2026-03-09 18:00', 'yellow'], // due now: met, just
    ['2026-03-09 18:00:01', 'red'],
    ['2026-03-12 18:00', 'red'],
  ])('at %s it is %s', (now, expected) => {
    expect(slaStatus(sh(now), due, 0.2, start)).toBe(expected);
  });

  it('measures the warning in working time when given a calendar', () => {
    const started = sh('2026-03-06 09:00'); // Friday
    const dueAt = addWorkingHours(started, 27); // Tuesday 18:00
    const now = sh('2026-03-09 12:00'); // Monday noon: 15 of 27 working hours left, 30 of 105 calendar hours
    expect(slaStatus(now, dueAt, 0.3, started)).toBe('yellow');
    expect(slaStatus(now, dueAt, 0.3, started, DEFAULT_WORK_CALENDAR)).toBe('ok');
    expect(slaStatus(sh('2026-03-10 16:00'), dueAt, 0.3, started, DEFAULT_WORK_CALENDAR)).toBe('yellow');
    expect(slaStatus(sh('2026-03-10 18:01'), dueAt, 0.3, started, DEFAULT_WORK_CALENDAR)).toBe('red');
  });

  it('never warns with a zero fraction, and always warns with one', () => {
    expect(slaStatus(sh('2026-03-09 17:59'), due, 0, start)).toBe('ok');
    expect(slaStatus(sh('2026-03-09 08:01'), due, 1, start)).toBe('yellow');
  });

  it('is yellow for a zero-length period until it is due', () => {
    expect(slaStatus(due, due, 0.2, due)).toBe('yellow');
    expect(slaStatus(sh('2026-03-09 18:01'), due, 0.2, due)).toBe('red');
  });

  it.each([-0.1, 1.5, Number.NaN])('refuses the warning fraction %s', (f) => {
    expect(() => slaStatus(start, due, f, start)).toThrow(RangeError);
  });
});
