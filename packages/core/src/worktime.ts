/**
 * Deadlines counted in working time (工作时间) or calendar time, on a configurable calendar of
 * Chinese public holidays and make-up working days (调休上班).
 *
 * Every instant is a `Date`, read in China time; days and their instants come from chinaTime.ts
 * (a fixed UTC+8, exact since 1991), so the host's own zone is never involved.
 */
import { addDays, chinaDay, chinaEpochDay, dayOfEpoch, epochDay, instantOfEpochDay, startOfChinaDay } from './chinaTime.ts';

/**
 * A working calendar: which days are off, which weekend days are worked, and the working hours.
 * Treat a calendar as immutable once used: it is compiled once per object and cached.
 */
export interface WorkCalendar {
  /** Days off, as Shanghai dates `YYYY-MM-DD` (public holidays, including the weekdays of 调休). */
  holidays: string[];
  /** Saturdays or Sundays that are working days (调休上班), as `YYYY-MM-DD`. */
  workdays: string[];
  /** Start of the working day, `HH:MM` in Shanghai time; e.g. '09:00'. */
  dayStart: string;
  /** End of the working day, `HH:MM`, after `dayStart`. No lunch break, to keep deadlines simple. */
  dayEnd: string;
}

const HOUR = 3_600_000;
/** A search for the next working day gives up after this many days off in a row (a broken calendar). */
const MAX_DAYS_OFF = 3 * 366;

// Day numbers (days since 1970-01-01) keep the deadline loops to integer arithmetic. A calendar day
// with a typo (02-30) is reported by epochDay rather than rolled over.
const dayNumber = epochDay;
const dayString = dayOfEpoch;
const shanghaiDay = chinaEpochDay;
const instantOf = instantOfEpochDay;

/** Days in `from`–`to` inclusive, as `YYYY-MM-DD` strings (both given as `YYYY-MM-DD`). */
function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push(dayString(d));
  return out;
}

/**
 * The official 2025 calendar (国办发明电〔2024〕12号, 12 Nov 2024), the first year with the two extra
 * holidays of the 2024 revision (one more day each for the Spring Festival and Labour Day).
 */
export const CN_HOLIDAYS_2025: Pick<WorkCalendar, 'holidays' | 'workdays'> = {
  holidays: [
    '2025-01-01', // 元旦, a Wednesday: one day, no make-up
    ...dayRange('2025-01-28', '2025-02-04'), // 春节, 除夕 to 初七
    ...dayRange('2025-04-04', '2025-04-06'), // 清明
    ...dayRange('2025-05-01', '2025-05-05'), // 劳动节
    ...dayRange('2025-05-31', '2025-06-02'), // 端午
    ...dayRange('2025-10-01', '2025-10-08'), // 国庆 + 中秋 (10/6) together
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};

/**
 * The official 2026 calendar (国务院办公厅, 4 Nov 2025, as published by Xinhua). 中秋 (9/25) falls
 * before 国庆 this year, so the two are separate breaks.
 */
export const CN_HOLIDAYS_2026: Pick<WorkCalendar, 'holidays' | 'workdays'> = {
  holidays: [
    ...dayRange('2026-01-01', '2026-01-03'), // 元旦
    ...dayRange('2026-02-15', '2026-02-23'), // 春节, 腊月二十八 to 初七, nine days
    ...dayRange('2026-04-04', '2026-04-06'), // 清明
    ...dayRange('2026-05-01', '2026-05-05'), // 劳动节
    ...dayRange('2026-06-19', '2026-06-21'), // 端午
    ...dayRange('2026-09-25', '2026-09-27'), // 中秋
    ...dayRange('2026-10-01', '2026-10-07'), // 国庆
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/**
 * The default calendar: the official 2025 and 2026 holidays, 09:00–18:00. Later years are added by
 * configuration (a deployment passes its own calendar) once the State Council publishes them,
 * usually in November; until then their weekends still count as days off.
 */
export const DEFAULT_WORK_CALENDAR: WorkCalendar = {
  holidays: [...CN_HOLIDAYS_2025.holidays, ...CN_HOLIDAYS_2026.holidays],
  workdays: [...CN_HOLIDAYS_2025.workdays, ...CN_HOLIDAYS_2026.workdays],
  dayStart: '09:00',
  dayEnd: '18:00',
};


function toMs(at: Date): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid date');
  return ms;
}

function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not an HH:MM time: ${hhmm}`);
  return (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}

/** A calendar turned into sets and offsets once, since deadline loops look days up repeatedly. */
interface Compiled {
  holidays: Set<number>;
  workdays: Set<number>;
  start: number;
  end: number;
}

const compiledCache = new WeakMap<WorkCalendar, Compiled>();

function compile(cal: WorkCalendar): Compiled {
  let c = compiledCache.get(cal);
  if (c) return c;
  const start = parseClock(cal.dayStart);
  const end = parseClock(cal.dayEnd);
  if (end <= start) throw new RangeError(`dayEnd ${cal.dayEnd} must be after dayStart ${cal.dayStart}`);
  c = { holidays: new Set(cal.holidays.map(dayNumber)), workdays: new Set(cal.workdays.map(dayNumber)), start, end };
  compiledCache.set(cal, c);
  return c;
}

function isWorkingDayNumber(day: number, c: Compiled): boolean {
  // A make-up day wins over a holiday entry, so a calendar listing a day in both stays usable.
  if (c.workdays.has(day)) return true;
  if (c.holidays.has(day)) return false;
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

function nextWorkingDay(day: number, c: Compiled): number {
  for (let d = day + 1, n = 0; n < MAX_DAYS_OFF; d++, n++) if (isWorkingDayNumber(d, c)) return d;
  throw new RangeError('the calendar has no working day within three years');
}

/**
 * Whether a day is a working day: a weekday that is not a holiday, or a make-up working day.
 * A `Date` is read as its Shanghai date; a string must be `YYYY-MM-DD`.
 */
export function isWorkingDay(date: Date | string, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): boolean {
  const day = typeof date === 'string' ? dayNumber(date) : shanghaiDay(toMs(date));
  return isWorkingDayNumber(day, compile(cal));
}

/**
 * The `n`-th working day after `day` (`YYYY-MM-DD`), not counting `day` itself: with n = 1, the next
 * working day. Weekends, public holidays and make-up working days (调休) follow `cal`.
 * @throws RangeError for a count that is not a positive integer, or a calendar without working days.
 */
export function addWorkingDays(day: string, n: number, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
  const c = compile(cal);
  let d = dayNumber(day);
  for (let i = 0; i < n; i++) d = nextWorkingDay(d, c);
  return dayString(d);
}

/**
 * The instant a period of `n` working days starting the day after `at` ends: China's midnight at the
 * end of the `n`-th working day after the day of `at` (the day of `at` itself never counts).
 */
export function endOfWorkingDays(at: Date, n: number, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): Date {
  return startOfChinaDay(addDays(addWorkingDays(chinaDay(at), n, cal), 1));
}

function checkHours(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0: ${hours}`);
  return Math.round(hours * HOUR);
}

/**
 * The instant `hours` working hours after `start`. Counting begins at `start` if it falls within
 * working hours of a working day, otherwise at the start of the next working period (a request
 * arriving at night, on a weekend or on a holiday starts counting the next working morning). A
 * deadline that uses up a day exactly ends at that day's `dayEnd`, not the next morning. Zero hours
 * gives the moment counting starts. Fractions are kept to the millisecond.
 * @throws RangeError for negative or non-finite hours, or an invalid date or calendar.
 */
export function addWorkingHours(start: Date, hours: number, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): Date {
  const c = compile(cal);
  let remaining = checkHours(hours);
  let t = toMs(start);
  let day = shanghaiDay(t);
  for (;;) {
    if (!isWorkingDayNumber(day, c)) {
      day = nextWorkingDay(day, c);
      t = instantOf(day, c.start);
      continue;
    }
    const open = instantOf(day, c.start);
    const close = instantOf(day, c.end);
    if (t < open) t = open;
    if (t >= close) {
      day = nextWorkingDay(day, c);
      t = instantOf(day, c.start);
      continue;
    }
    const available = close - t;
    if (remaining <= available) return new Date(t + remaining);
    remaining -= available;
    day = nextWorkingDay(day, c);
    t = instantOf(day, c.start);
  }
}

/** The instant `hours` calendar hours after `start` (round the clock, holidays included). */
export function addCalendarHours(start: Date, hours: number): Date {
  return new Date(toMs(start) + checkHours(hours));
}

/**
 * The due time of something that takes `hours` from `start`: in working hours on `cal` when
 * `workingTime` is set (general and complex matters), in calendar hours otherwise (emergencies and
 * utilities, which are handled round the clock).
 */
export function deadlineFor(start: Date, hours: number, workingTime: boolean, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): Date {
  return workingTime ? addWorkingHours(start, hours, cal) : addCalendarHours(start, hours);
}

/**
 * Working hours between two instants on `cal` (fractional). Negative when `b` is before `a`, so
 * `addWorkingHours(a, workingHoursBetween(a, b))` lands on `b` whenever `b` is within working hours.
 */
export function workingHoursBetween(a: Date, b: Date, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): number {
  const c = compile(cal);
  const from = toMs(a);
  const to = toMs(b);
  if (to < from) return -workingHoursBetween(b, a, cal);
  let total = 0;
  for (let day = shanghaiDay(from); day <= shanghaiDay(to); day++) {
    if (!isWorkingDayNumber(day, c)) continue;
    const open = Math.max(instantOf(day, c.start), from);
    const close = Math.min(instantOf(day, c.end), to);
    if (close > open) total += close - open;
  }
  return total / HOUR;
}

/** Time-limit status of an open item: on time, warned (黄牌) or overdue (红牌). */
export type SlaStatus = 'ok' | 'yellow' | 'red';

/**
 * The status of a time limit at `now`: 'red' once `now` is past `dueAt`; 'yellow' when the time
 * left is less than `warnFraction` (e.g. 0.2) of the whole period from `startedAt` to `dueAt`;
 * 'ok' otherwise. At exactly `dueAt` it is still yellow: the deadline is met, just. With `cal` the
 * fractions are measured in working hours, so a weekend does not eat the warning period of a
 * working-time deadline; without it, in calendar time. A period of zero length is yellow until due.
 * @throws RangeError when `warnFraction` is outside [0, 1].
 */
export function slaStatus(now: Date, dueAt: Date, warnFraction: number, startedAt: Date, cal?: WorkCalendar): SlaStatus {
  if (!(warnFraction >= 0 && warnFraction <= 1)) throw new RangeError(`warnFraction must be in [0, 1]: ${warnFraction}`);
  if (toMs(now) > toMs(dueAt)) return 'red';
  const total = cal ? workingHoursBetween(startedAt, dueAt, cal) : (toMs(dueAt) - toMs(startedAt)) / HOUR;
  if (total <= 0) return 'yellow';
  const left = cal ? workingHoursBetween(now, dueAt, cal) : (toMs(dueAt) - toMs(now)) / HOUR;
  return left < warnFraction * total ? 'yellow' : 'ok';
}
