import type { Tx } from '../../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import type { TimerRow } from '../../platform/jobs/scheduler.ts';
import { expireYear, scheduleYearEnd } from './bank.expiry.service.ts';

export { BANK_YEAR_END_TIMER } from './bank.expiry.service.ts';

/** The year-end timer: expires the year's points where the rule says so, then schedules next year's run. */
export async function fireYearEnd(tx: Tx, timer: TimerRow): Promise<void> {
  const year = Number(timer.subjectId);
  await expireYear(tx, SYSTEM_ACTOR, year);
  await scheduleYearEnd(tx, year + 1);
}
