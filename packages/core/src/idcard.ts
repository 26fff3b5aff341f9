/**
 * Chinese resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence whose last digit gives the gender (odd = male), and an ISO 7064
 * MOD 11-2 check character ('0'-'9' or 'X').
 */
import { chinaDay } from './chinaTime.ts';

/** Weight of each of the first 17 digits: 2^(18 - i) mod 11, as GB 11643 tabulates them. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for each value of (weighted sum mod 11). */
const CHECK_CHARS = '10X98765432';

const FIRST17 = /^\d{17}$/;
const ID_FORMAT = /^\d{17}[\dX]$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Earliest birth date accepted; no living resident (or data-entry year) predates it. */
const MIN_BIRTH = '1900-01-01';

/** What {@link validateIdNumber} found: the normalised number and what it tells, or why it is wrong. */
export type IdCheck =
  | { ok: true; id: string; regionCode: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; reason: 'format' | 'birth_date' | 'checksum' };

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number.
 * @throws RangeError when `first17` is not exactly 17 ASCII digits.
 */
export function idChecksum(first17: string): string {
  if (!FIRST17.test(first17)) throw new RangeError('idChecksum needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when year-month-day is a real Gregorian calendar date (leap years included). */
function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC so the local zone cannot shift it.
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** The ISO date for YYYYMMDD digits when they form a real date within [1900-01-01, today]. */
function birthDateOf(yyyymmdd: string, today: Date): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (!isCalendarDate(y, m, d)) return null;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  // Zero-padded ISO dates compare correctly as strings. Today is China's, whatever zone the server
  // runs in: a baby born this morning in Chengdu is not "born in the future" on a UTC server before 08:00.
  if (iso < MIN_BIRTH || iso > chinaDay(today)) return null;
  return iso;
}

/**
 * Validates an 18-character resident ID number. Surrounding whitespace is ignored and a trailing
 * lower-case 'x' is accepted (people type it that way). Checks run cheapest first: format, then
 * birth date (a real date, not before 1900-01-01, not after today in China), then the checksum.
 * @param today the reference "now"; pass it in tests so results do not depend on the clock.
 */
export function validateIdNumber(input: string, today: Date = new Date()): IdCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'format' };
  const trimmed = input.trim();
  const id = trimmed.endsWith('x') ? `${trimmed.slice(0, -1)}X` : trimmed;
  if (!ID_FORMAT.test(id)) return { ok: false, reason: 'format' };
  const birthDate = birthDateOf(id.slice(6, 14), today);
  if (birthDate === null) return { ok: false, reason: 'birth_date' };
  if (idChecksum(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'checksum' };
  const genderDigit = Number(id[16]);
  return {
    ok: true,
    id,
    regionCode: id.slice(0, 6),
    birthDate,
    gender: genderDigit % 2 === 1 ? 'male' : 'female',
  };
}

/**
 * Builds a valid ID number, for demo data and tests. The result always passes
 * {@link validateIdNumber} with the same `today`.
 * @param regionCode6 six digits (the region where the number was issued)
 * @param birthDate YYYY-MM-DD, a real date from 1900-01-01 up to `today` (China time)
 * @param seq3 sequence number 0–999; its parity decides the gender (odd = male)
 * @throws RangeError on any bad argument, so a generator bug cannot produce invalid people.
 */
export function makeIdNumber(regionCode6: string, birthDate: string, seq3: number, today: Date = new Date()): string {
  if (typeof regionCode6 !== 'string' || !/^\d{6}$/.test(regionCode6)) {
    throw new RangeError(`region code must be 6 digits: ${String(regionCode6)}`);
  }
  const match = typeof birthDate === 'string' ? ISO_DATE.exec(birthDate) : null;
  const digits = match ? `${match[1]}${match[2]}${match[3]}` : '';
  if (!match || birthDateOf(digits, today) === null) {
    throw new RangeError(`birth date must be a real date between ${MIN_BIRTH} and today: ${String(birthDate)}`);
  }
  if (!Number.isInteger(seq3) || seq3 < 0 || seq3 > 999) {
    throw new RangeError(`sequence must be an integer 0-999: ${String(seq3)}`);
  }
  const first17 = `${regionCode6}${digits}${String(seq3).padStart(3, '0')}`;
  return first17 + idChecksum(first17);
}
