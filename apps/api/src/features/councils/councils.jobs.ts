import type { Tx } from '../../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import type { TimerRow } from '../../platform/jobs/scheduler.ts';
import { findResolution } from './councils.repository.ts';
import { takeEffectIfDue } from './notice.service.ts';

export { NOTICE_END_TIMER } from './notice.service.ts';

/**
 * The window-end timer: the resolution takes effect if every objection is answered; if some are
 * not, the last answer will make it take effect. A resolution sent back meanwhile is left alone.
 */
export async function fireNoticeEnd(tx: Tx, timer: TimerRow): Promise<void> {
  const row = await findResolution(tx, timer.subjectId, true);
  if (!row) return;
  // It takes effect as of the window's end, however late the scheduler got to it.
  await takeEffectIfDue(tx, SYSTEM_ACTOR, row.r, timer.dueAt);
}
