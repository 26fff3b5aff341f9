import type { Tx } from '../../platform/db/client.ts';
import type { TimerRow } from '../../platform/jobs/scheduler.ts';
import { sendReminders } from './activities.service.ts';

export { ACTIVITY_REMINDER_TIMER } from './activities.service.ts';

/** The reminder timer: N hours before the start, every confirmed person is reminded through the outbox. */
export async function fireActivityReminder(tx: Tx, timer: TimerRow): Promise<void> {
  await sendReminders(tx, timer.subjectId);
}
