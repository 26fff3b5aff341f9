import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { workCalendarDays } from './requests.table.ts';

/**
 * The working calendar: the shipped public holidays and make-up working days, with the deployment's
 * own corrections (a newly announced holiday, a local make-up day) taking precedence.
 */
export async function loadCalendar(db: DbOrTx): Promise<WorkCalendar> {
  const rows = await db.select().from(workCalendarDays);
  if (!rows.length) return DEFAULT_WORK_CALENDAR;
  // Calendars are compiled once per object, so hand back the same object while the rows are unchanged.
  const signature = JSON.stringify(rows);
  if (cached?.signature === signature) return cached.calendar;
  const holidays = new Set(DEFAULT_WORK_CALENDAR.holidays);
  const workdays = new Set(DEFAULT_WORK_CALENDAR.workdays);
  for (const r of rows) {
    if (r.kind === 'holiday') { holidays.add(r.day); workdays.delete(r.day); } else { workdays.add(r.day); holidays.delete(r.day); }
  }
  const calendar = { ...DEFAULT_WORK_CALENDAR, holidays: [...holidays].sort(), workdays: [...workdays].sort() };
  cached = { signature, calendar };
  return calendar;
}

let cached: { signature: string; calendar: WorkCalendar } | undefined;
