import type { Tx } from '../../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import type { TimerRow } from '../../platform/jobs/scheduler.ts';
import { settleNotice } from './notices.service.ts';

export { NOTICE_WINDOW_TIMER } from './notices.service.ts';

/**
 * The window-end timer: the notice closes as of the window's end (however late the scheduler got to
 * it) if every objection is answered; if some are not, the last answer closes it. Idempotent: a notice
 * already closed or withdrawn is left alone, so its kind's `onClosed` runs once.
 */
export async function fireNoticeWindowEnd(tx: Tx, timer: TimerRow): Promise<void> {
  await settleNotice(tx, SYSTEM_ACTOR, timer.subjectId, timer.dueAt);
}
