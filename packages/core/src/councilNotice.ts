/**
 * Time rules of deliberation: how long before a council meeting it must be noticed, and when a
 * resolution's public notice (公示) window closes, counted in working days on the official calendar.
 */
import { DEFAULT_WORK_CALENDAR, endOfWorkingDays, type WorkCalendar } from './worktime.ts';
import { chinaIso } from './chinaTime.ts';

const HOUR = 3_600_000;

/** True when a meeting at `startsAt`, noticed at `noticeAt`, respects a notice period of `noticeHours`. */
export function noticePeriodMet(noticeAt: Date, startsAt: Date, noticeHours: number): boolean {
  if (!Number.isSafeInteger(noticeHours) || noticeHours < 0) throw new RangeError(`noticeHours must be a non-negative integer: ${noticeHours}`);
  return startsAt.getTime() - noticeAt.getTime() >= noticeHours * HOUR;
}

/**
 * The earliest start a meeting noticed at `noticeAt` may have under a notice period of `noticeHours`,
 * rounded up to the whole minute (forms ask for minutes, and a minute earlier would be refused), and
 * how it reads in China time (`2026-03-05 09:00`), for telling the caller what to pick instead.
 */
export function earliestMeetingStart(noticeAt: Date, noticeHours: number): { at: Date; text: string } {
  if (!Number.isSafeInteger(noticeHours) || noticeHours < 0) throw new RangeError(`noticeHours must be a non-negative integer: ${noticeHours}`);
  const at = new Date(Math.ceil((noticeAt.getTime() + noticeHours * HOUR) / 60_000) * 60_000);
  return { at, text: chinaIso(at).slice(0, 16).replace('T', ' ') };
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
