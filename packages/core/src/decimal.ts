/**
 * Exact decimals with two places, held as integer hundredths: money in fen and floor area in
 * 0.01 m². Parsing works on the decimal text, never on binary floats, so "0.29" is 29 and not
 * 28.999999999999996 rounded by luck.
 */

/** Digits without separators, or digits grouped by commas in threes; then up to two decimals. */
const PLAIN = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;
const GROUPED = /^(-)?(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Parses a decimal with at most two places into integer hundredths: "85.32" → 8532,
 * "85.3" → 8530, "85" → 8500, " 1,234.50 " → 123450, "-0.05" → -5.
 *
 * Strings may have surrounding whitespace, a leading '-', and commas grouping the integer part in
 * threes (a misplaced comma is refused rather than guessed at). A number is read through its
 * shortest string form, so 85.32 parses like "85.32", while 0.1 + 0.2 (0.30000000000000004)
 * has too many places and is refused rather than silently rounded.
 *
 * Returns null for anything else: more than two places, exponents ("1e3", or numbers JS prints
 * that way), NaN, Infinity, '+' signs, bare "." forms like ".5" or "5.", and values whose
 * hundredths exceed Number.MAX_SAFE_INTEGER.
 */
export function parseHundredths(input: string | number): number | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    return null;
  }
  const m = PLAIN.exec(text) ?? GROUPED.exec(text);
  if (!m) return null;
  const [, minus, int, frac = ''] = m;
  const magnitude = BigInt(int!.replaceAll(',', '') + frac.padEnd(2, '0'));
  if (magnitude > MAX) return null;
  // "-0" and "-0.00" are zero, not -0, which would compare and serialise oddly.
  if (magnitude === 0n) return 0;
  return Number(minus ? -magnitude : magnitude);
}

/** Options for {@link formatHundredths}. */
export type FormatHundredthsOptions = {
  /** Group the integer part in threes with commas: "1,234.50". Off by default, for inputs and CSV. */
  thousands?: boolean;
};

/**
 * Formats integer hundredths as a decimal with exactly two places: 8532 → "85.32", -5 → "-0.05",
 * 123450 → "1,234.50" with `{ thousands: true }`. Accepts a bigint too, since the database holds
 * these amounts as bigint.
 * @throws RangeError when a number is not a safe integer (a float here is a bug upstream).
 */
export function formatHundredths(n: number | bigint, opts: FormatHundredthsOptions = {}): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) {
    throw new RangeError(`hundredths must be a safe integer: ${n}`);
  }
  if (typeof n !== 'number' && typeof n !== 'bigint') throw new RangeError('hundredths must be a number or bigint');
  const value = BigInt(n);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  let int = digits.slice(0, -2);
  const frac = digits.slice(-2);
  if (opts.thousands) int = int.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${int}.${frac}`;
}
