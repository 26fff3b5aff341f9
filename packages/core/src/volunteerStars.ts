/**
 * Volunteer star levels (星级志愿者): a volunteer's star level is the number of service-hour
 * thresholds reached. The default ladder is the usual one — 1 star at 100 hours, 2 at 300, 3 at
 * 600, 4 at 1000, 5 at 1500 — but a city may configure its own.
 */

/** The default thresholds, in hours, for stars 1..5. */
export const VOLUNTEER_STAR_THRESHOLDS: readonly number[] = Object.freeze([100, 300, 600, 1000, 1500]);

/**
 * The number of `thresholds` that `hours` reaches (`hours >= threshold`), from 0 to
 * `thresholds.length`.
 *
 * - `hours` may be fractional (99.5 hours is still below 100) but must be a finite number ≥ 0.
 * - `thresholds` must be finite numbers in strictly ascending order. An empty list is a valid
 *   ladder with no stars, so every volunteer is at level 0. Thresholds at or below 0 are allowed
 *   (they are reached by everyone); only their order and finiteness are checked.
 *
 * @throws RangeError when `hours` is negative, NaN, ±Infinity or not a number; when a threshold
 *   is not a finite number; or when the thresholds are not strictly ascending.
 */
export function volunteerStarLevel(hours: number, thresholds: readonly number[] = VOLUNTEER_STAR_THRESHOLDS): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`hours must be a finite number ≥ 0, got ${String(hours)}`);
  }
  if (!Array.isArray(thresholds)) throw new RangeError('thresholds must be an array of numbers');
  // Validate the whole ladder before counting, so a broken configuration fails for every volunteer
  // rather than only for those whose hours happen to reach the broken part.
  for (let i = 0; i < thresholds.length; i++) {
    const t: unknown = thresholds[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new RangeError(`threshold ${i} must be a finite number, got ${String(t)}`);
    }
    if (i > 0 && !(t > thresholds[i - 1]!)) {
      throw new RangeError(`thresholds must be strictly ascending: ${String(thresholds[i - 1])} then ${t}`);
    }
  }
  let level = 0;
  while (level < thresholds.length && hours >= thresholds[level]!) level++;
  return level;
}
