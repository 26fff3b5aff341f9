/**
 * China time: the one place that knows how an instant maps to a calendar day in China.
 *
 * The platform keeps instants as `Date` (UTC inside) and days as `YYYY-MM-DD` strings in China
 * Standard Time (Asia/Shanghai). China has used UTC+8 without daylight saving since 1991, so a fixed
 * offset is exact for every date the platform will see; plain arithmetic on it needs no timezone
 * library and never depends on the zone of the host (a server in UTC, a phone abroad). Working days
 * over the holiday calendar build on these days in worktime.ts.
 */

/** The IANA name of China Standard Time, for SQL `AT TIME ZONE` and `Intl` display. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** China Standard Time is UTC+8, all year round. */
export const CHINA_UTC_OFFSET_MS = 8 * HOUR_MS;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function msOf(at: Date): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid date');
  return ms;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` day.
 * @throws RangeError for text that is not a real date (`2026-02-30` is a typo, not 2 March).
 */
export function epochDay(day: string): number {
  const m = YMD.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const n = t.getTime() / DAY_MS;
  // Date.UTC rolls 02-30 over into March; refuse it rather than answer for another day.
  if (dayOfEpoch(n) !== day) throw new RangeError(`no such date: ${day}`);
  return n;
}

/** The `YYYY-MM-DD` day that is `n` days after 1970-01-01. */
export function dayOfEpoch(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The China day (days since 1970-01-01) that contains the instant `ms`. */
export function chinaEpochDay(ms: number): number {
  return Math.floor((ms + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

/** The instant at which China day number `n` reaches `sinceMidnightMs` past midnight. */
export function instantOfEpochDay(n: number, sinceMidnightMs = 0): number {
  return n * DAY_MS - CHINA_UTC_OFFSET_MS + sinceMidnightMs;
}

/** True when `day` is a real `YYYY-MM-DD` date. */
export function isDay(day: string): boolean {
  try {
    epochDay(day);
    return true;
  } catch {
    return false;
  }
}

/** The China calendar day (`YYYY-MM-DD`) of an instant: 2026-03-01T16:00Z is already 03-02 in China. */
export function chinaDay(at: Date): string {
  return dayOfEpoch(chinaEpochDay(msOf(at)));
}

/** The China calendar month (`YYYY-MM`) of an instant. */
export function chinaMonth(at: Date): string {
  return chinaDay(at).slice(0, 7);
}

/** The first instant of a China day (its midnight, 16:00 UTC the day before). */
export function startOfChinaDay(day: string): Date {
  return new Date(instantOfEpochDay(epochDay(day)));
}

/**
 * The last millisecond of a China day, for inclusive "up to and including" bounds. For a half-open
 * range use the start of the next day: `startOfChinaDay(addDays(day, 1))`.
 */
export function endOfChinaDay(day: string): Date {
  return new Date(instantOfEpochDay(epochDay(day) + 1) - 1);
}

/** `day` plus `n` calendar days (negative `n` goes back), across month and year ends and leap days. */
export function addDays(day: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return dayOfEpoch(epochDay(day) + n);
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`); negative when `b` is earlier. */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/**
 * An instant in China time with its offset, as the platform shows it to machines:
 * `2026-05-01T09:30:00+08:00` (W3C/ISO 8601), with milliseconds when `withMs` is set.
 */
export function chinaIso(at: Date, withMs = false): string {
  const local = new Date(msOf(at) + CHINA_UTC_OFFSET_MS).toISOString();
  return `${local.slice(0, withMs ? 23 : 19)}+08:00`;
}

/** Whole years from a birth day (`YYYY-MM-DD`) to the China day of `at`: a birthday turns at China's midnight. */
export function ageInYears(birthDay: string, at: Date): number {
  const [y, m, d] = birthDay.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = chinaDay(at).split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
