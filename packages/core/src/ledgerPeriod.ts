/**
 * Pure rules of the ledger's calendar: which day an entry may be dated, which months may be closed,
 * and where a late entry for a closed month goes. Days are "YYYY-MM-DD" and months "YYYY-MM", both in
 * China time; the caller passes today (from its clock) and the last closed month of the fund.
 *
 * A fund's months are closed in order, "through" a month: closing 2026-10 closes every month up to and
 * including it. A closed month never changes: an entry whose own date falls in it is posted in the
 * open period (on today) and keeps its own date beside the posting date.
 */
import { addDays, epochDay, isDay } from './chinaTime.ts';

/** Why a date or a close was refused; each maps to an API error code of the same name. */
export type LedgerPeriodRefusal =
  | 'LEDGER_DATE_INVALID'
  | 'LEDGER_DATE_FUTURE'
  | 'LEDGER_DATE_TOO_OLD'
  | 'LEDGER_MONTH_NOT_ENDED'
  | 'LEDGER_MONTH_ALREADY_CLOSED'
  | 'LEDGER_MONTH_BEFORE_LEDGER';

/** The calendar an entry is checked against. */
export interface LedgerCalendar {
  /** Today in China time. */
  today: string;
  /** The last closed month ("YYYY-MM"), or null when none is closed. */
  closedThrough: string | null;
  /** How many days before today an entry's own date may lie (configurable; 0 = today only). */
  maxBackdateDays: number;
}

/** Where an entry goes: its posting (ledger) date, and its own date when that differs (a late entry). */
export type EntryPlacement =
  | { ok: true; postedOn: string; originalOn: string | null }
  | { ok: false; refusal: LedgerPeriodRefusal };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Whether `month` is a real "YYYY-MM". */
export function isMonth(month: string): boolean {
  return typeof month === 'string' && MONTH.test(month);
}

/** The month ("YYYY-MM") of a day. */
export const monthOfDay = (day: string): string => day.slice(0, 7);

/** The first day of the month after `month`: where the open period of a fund closed through `month` starts. */
export function firstDayAfterMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The earliest and latest day a posting may carry: from the first day after the last closed month
 * (or, with nothing closed, `maxBackdateDays` before today) to today.
 */
export function postingWindow(cal: LedgerCalendar): { earliest: string; latest: string } {
  const back = addDays(cal.today, -Math.max(0, Math.trunc(cal.maxBackdateDays)));
  const open = cal.closedThrough ? firstDayAfterMonth(cal.closedThrough) : back;
  return { earliest: open > back ? open : back, latest: cal.today };
}

/**
 * Places an entry dated `occurredOn` (its own date; today when not given): refused after today or
 * more than `maxBackdateDays` before it; inside a closed month it is posted today with its own date
 * kept beside; otherwise it is posted on its own date.
 */
export function placeEntry(occurredOn: string | undefined, cal: LedgerCalendar): EntryPlacement {
  const day = occurredOn ?? cal.today;
  if (!isDay(day)) return { ok: false, refusal: 'LEDGER_DATE_INVALID' };
  if (day > cal.today) return { ok: false, refusal: 'LEDGER_DATE_FUTURE' };
  if (epochDay(cal.today) - epochDay(day) > Math.max(0, Math.trunc(cal.maxBackdateDays))) return { ok: false, refusal: 'LEDGER_DATE_TOO_OLD' };
  if (cal.closedThrough && monthOfDay(day) <= cal.closedThrough) return { ok: true, postedOn: cal.today, originalOn: day };
  return { ok: true, postedOn: day, originalOn: null };
}

/**
 * Whether `month` may be closed now: it must be a real month that has ended (before today's month),
 * come after the last closed one, and not lie before the fund's ledger begins (`firstMonth`: the
 * earliest month it may hold entries of — its creation, its first entry or the opening of the backdate
 * window, whichever is earliest; absent = no bound) — closing a month the ledger never had would sign
 * off a period that never existed. Returns the refusal, or null when it may.
 */
export function closeRefusal(month: string, cal: Pick<LedgerCalendar, 'today' | 'closedThrough'> & { firstMonth?: string | null }): LedgerPeriodRefusal | null {
  if (!isMonth(month)) return 'LEDGER_DATE_INVALID';
  if (month >= monthOfDay(cal.today)) return 'LEDGER_MONTH_NOT_ENDED';
  if (cal.closedThrough && month <= cal.closedThrough) return 'LEDGER_MONTH_ALREADY_CLOSED';
  if (cal.firstMonth && month < cal.firstMonth) return 'LEDGER_MONTH_BEFORE_LEDGER';
  return null;
}

/** Whether a posting dated `day` would change a month closed through `closedThrough`. */
export function inClosedMonth(day: string, closedThrough: string | null): boolean {
  return closedThrough !== null && monthOfDay(day) <= closedThrough;
}

/** Why a report of a past month (an operator's turnover) was refused; each is an API error code. */
export type ReportedMonthRefusal = 'LEDGER_DATE_INVALID' | 'LEDGER_REPORT_MONTH_NOT_ENDED' | 'LEDGER_DATE_TOO_OLD';

/**
 * Whether a figure for `month` (a month's turnover, whose levy is posted today) may be reported now:
 * the month must be real and have ended (before today's month, China time), and every day of it must
 * lie inside the ledger's backdate window (its first day no more than `maxBackdateDays` before today)
 * — the same window {@link placeEntry} applies to one day. A closed month does not refuse it: the levy
 * is posted in the open period, today, and the closed month is not changed.
 */
export function reportedMonthRefusal(month: string, cal: Pick<LedgerCalendar, 'today' | 'maxBackdateDays'>): ReportedMonthRefusal | null {
  if (!isMonth(month)) return 'LEDGER_DATE_INVALID';
  if (month >= monthOfDay(cal.today)) return 'LEDGER_REPORT_MONTH_NOT_ENDED';
  if (`${month}-01` < reportWindowStart(cal)) return 'LEDGER_DATE_TOO_OLD';
  return null;
}

/** The earliest day a reported month may start on: `maxBackdateDays` before today. */
export function reportWindowStart(cal: Pick<LedgerCalendar, 'today' | 'maxBackdateDays'>): string {
  return addDays(cal.today, -Math.max(0, Math.trunc(cal.maxBackdateDays)));
}
