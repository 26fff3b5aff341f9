/**
 * Time rules of deliberation: how long before a council meeting it must be noticed, and when a
 * resolution's public notice (公示) window closes, counted in working days on the official calendar.
 */
import { DEFAULT_WORK_CALENDAR, isWorkingDay, shanghaiDate, type WorkCalendar } from './worktime.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;
/** A window that finds no working day in this many days has a broken calendar. */
const MAX_SCAN_DAYS = 3 * 366;

/** True when a meeting at `startsAt`, noticed at `noticeAt`, respects a notice period of `noticeHours`. */
export function noticePeriodMet(noticeAt: Date, startsAt: Date, noticeHours: number): boolean {
  if (!Number.isSafeInteger(noticeHours) || noticeHours < 0) throw new RangeError(`noticeHours must be a non-negative integer: ${noticeHours}`);
  return startsAt.getTime() - noticeAt.getTime() >= noticeHours * HOUR;
}

/** Shanghai midnight at the start of the day after `ymd`. */
function midnightAfter(ymd: string): Date {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + DAY - SHANGHAI_OFFSET);
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
  let day = midnightAfter(shanghaiDate(publishedAt));
  let counted = 0;
  for (let scanned = 0; scanned < MAX_SCAN_DAYS + workingDays * 7; scanned++) {
    if (isWorkingDay(day, cal)) counted++;
    if (counted === workingDays) return new Date(day.getTime() + DAY);
    day = new Date(day.getTime() + DAY);
  }
  throw new RangeError('the calendar has too few working days');
}

/** Whether a notice window is open at `now` (published and not yet closed). */
export function noticeWindowOpen(now: Date, publishedAt: Date, endsAt: Date): boolean {
  return now.getTime() >= publishedAt.getTime() && now.getTime() < endsAt.getTime();
}
