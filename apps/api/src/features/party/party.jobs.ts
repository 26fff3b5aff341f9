import type { Tx } from '../../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import type { TimerRow } from '../../platform/jobs/scheduler.ts';
import { flagUnreported, PARTY_FLAG_TIMER, scheduleFlag } from './party.flag.service.ts';

export { PARTY_FLAG_TIMER };

/**
 * The yearly flag of members who have not reported: flags this year's (idempotently, so a retried or
 * duplicated timer sends nothing twice) and schedules next year's at the district's flag date.
 */
export async function fireUnreportedFlag(tx: Tx, timer: TimerRow): Promise<void> {
  const [districtCode, y] = timer.subjectId.split(':');
  const year = Number(y);
  if (!districtCode || !Number.isInteger(year)) return;
  await flagUnreported(tx, SYSTEM_ACTOR, districtCode, year);
  await scheduleFlag(tx, districtCode, year + 1);
}
