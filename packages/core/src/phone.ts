/**
 * Mainland China mobile numbers: 11 digits, `1` then `3`–`9`, then 9 more digits. Every phone
 * number is stored, hashed and compared in this one normal form, so "138 1234 5678",
 * "+86-138-1234-5678" and "13812345678" are the same person.
 */

/** Separators people type inside a number: any whitespace (full-width too) and dashes. */
const SEPARATORS = /[\s\-‐‑‒–—－]+/gu;
/** An optional country code (+86, 0086, 86) and then the mobile number itself. */
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;

/**
 * The 11-digit mobile number in `input`, or null when it is not a mainland mobile number.
 * Accepts spaces and dashes anywhere and a leading +86, 86 or 0086; nothing else (letters,
 * brackets, extensions, other country codes) is guessed at, since a wrong guess would file a
 * resident under somebody else's number.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== 'string') return null;
  const compact = input.replace(SEPARATORS, '');
  const match = MOBILE.exec(compact);
  return match ? match[1]! : null;
}
