/**
 * Time rules of deliberation: how long before a council meeting it must be noticed, and when a
 * resolution's public notice (公示) window closes, counted in working days on the official calendar.
 */
import { DEFAULT_WORK_CALENDAR, endOfWorkingDays, type WorkCalendar } from './worktime.ts';

const HOUR = 3_600_000;

/** True when a meeting at `startsAt`, noticed at `noticeAt`, respects a notice period of `noticeHours`. */
export function noticePeriodMet(noticeAt: Date, startsAt: Date, noticeHours: number): boolean {
  if (!Number.isSafeInteger(noticeHours) || noticeHours < 0) throw new RangeError(`noticeHours must be a non-negative integer: ${noticeHours}`);
  return startsAt.getTime() - noticeAt.getTime() >= noticeHours * HOUR;
}

/**
 * The instant a public notice published at `publishedAt` closes: the end (Shanghai midnight) of the
 * `workingDays`-th full working day after the day of publication. The day of publication itself
 * never counts, so a notice put up late on a Friday afternoon still gets its full days; weekends,
 * public holidays and their make-up working days (调休) follow the calendar.
 * @throws RangeError for a count that is not a positive integer, or a calendar without working days.
 */
export function noticeWindowEnd(publishedAt: Date, workingDays: number, cal: WorkCalendar = DEFAULT_WORK_CALENDAR): Date {
  if (!Number.isSafeInteger(workingDays) || workingDays < 1) throw new RangeError(`workingDays must be a positive integer: ${workingDays}`);
  return endOfWorkingDays(publishedAt, workingDays, cal);
}

/** Whether a notice window is open at `now` (published and not yet closed). */
export function noticeWindowOpen(now: Date, publishedAt: Date, endsAt: Date): boolean {
  return now.getTime() >= publishedAt.getTime() && now.getTime() < endsAt.getTime();
}
