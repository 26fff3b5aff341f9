import { volunteerStarLevel } from '@gongzhi/core';

/**
 * The star level (0–5) of a volunteer with `approvedMinutes` of approved service, under thresholds in
 * whole hours (one per star, increasing), by core's `volunteerStarLevel`. Minutes stay whole; the
 * hours passed are only compared (99 h 59 min is below 100 h).
 */
export function starFor(approvedMinutes: number, thresholdsHours: readonly number[]): number {
  return volunteerStarLevel(approvedMinutes / 60, thresholdsHours);
}
