/**
 * A judging panel's score (评审打分): with five or more judges the single highest and the single
 * lowest score are dropped (去掉一个最高分和一个最低分) and the rest averaged; three or four judges are
 * averaged as they are.
 *
 * Scores carry at most one decimal, so the whole computation runs on integers: each score becomes
 * whole tenths, the sum is exact, and the mean is rounded half up to hundredths with integer
 * division. Floating point only appears once, in the final division by 100.
 */

/** Fewer judges than this cannot make a panel score. */
export const PANEL_MIN_SCORES = 3;
/** From this many judges on, one highest and one lowest score are dropped. */
export const PANEL_TRIM_FROM = 5;

/** A score as whole tenths (0..1000), or a RangeError if it is not a 0–100 score with ≤ 1 decimal. */
function toTenths(score: unknown, index: number): number {
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw new RangeError(`score ${index} must be a finite number, got ${String(score)}`);
  }
  if (score < 0 || score > 100) throw new RangeError(`score ${index} must be between 0 and 100, got ${score}`);
  const tenths = Math.round(score * 10);
  // 70.1 * 10 is 701.0000000000001 in binary floating point: a tolerance far below one hundredth
  // accepts every literal with one decimal and refuses 70.15 or 70.11.
  if (Math.abs(score * 10 - tenths) >= 1e-9) {
    throw new RangeError(`score ${index} has more than one decimal: ${score}`);
  }
  return tenths;
}

/**
 * The panel's score: the mean of `scores` (after dropping one highest and one lowest when there are
 * five or more), rounded half up to two decimals. E.g. [80, 85, 90] → 85; [70.1, 70.2, 70.2] →
 * 70.17; [80, 80, 80, 80.1] → 80.03 (80.025 rounds up). The input is not modified.
 *
 * @throws RangeError when fewer than three scores are given, or a score is not a finite number
 *   from 0 to 100 with at most one decimal.
 */
export function panelScore(scores: readonly number[]): number {
  if (!Array.isArray(scores)) throw new RangeError('scores must be an array of numbers');
  if (scores.length < PANEL_MIN_SCORES) {
    throw new RangeError(`a panel score needs at least ${PANEL_MIN_SCORES} scores, got ${scores.length}`);
  }
  const tenths = scores.map((s, i) => toTenths(s, i));
  let sum = 0;
  let max = -1;
  let min = 1001;
  for (const t of tenths) {
    sum += t;
    if (t > max) max = t;
    if (t < min) min = t;
  }
  let n = tenths.length;
  if (n >= PANEL_TRIM_FROM) {
    // Only one of each is dropped, even when several judges share the top or bottom score.
    sum -= max + min;
    n -= 2;
  }
  // mean in hundredths = sum·10 / n; half up: floor(sum·10/n + 1/2) = floor((20·sum + n) / (2n)).
  // Everything is ≥ 0 and far below 2^53 (sum ≤ 1000·n); dividing after taking off the remainder
  // is an exact integer division, with no floating-point quotient to floor.
  const numerator = 20 * sum + n;
  const denominator = 2 * n;
  const hundredths = (numerator - (numerator % denominator)) / denominator;
  return hundredths / 100;
}
