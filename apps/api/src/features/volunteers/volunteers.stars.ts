/**
 * The star level (0–5) of a volunteer with `approvedMinutes` of approved service, under thresholds in
 * whole hours (one per star, increasing): the number of thresholds reached. Compared in minutes so
 * no hour is ever fractional.
 */
export function starFor(approvedMinutes: number, thresholdsHours: readonly number[]): number {
  return thresholdsHours.filter((h) => approvedMinutes >= h * 60).length;
}
