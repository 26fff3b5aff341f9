import type { Tx } from '../../platform/db/client.ts';
import type { TimerRow } from '../../platform/jobs/scheduler.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { findAssemblyById } from './assembly.repository.ts';
import { closeAndPublish } from './assembly.service.ts';

export { ASSEMBLY_CLOSE_TIMER } from './assembly.service.ts';

/**
 * Fires when an assembly's voting window ends: closes the vote, tallies every matter and publishes
 * the results in the same transaction. An assembly closed by hand meanwhile is left alone.
 */
export async function fireAssemblyClose(tx: Tx, timer: TimerRow): Promise<void> {
  const a = await findAssemblyById(tx, timer.subjectId, { lock: true });
  if (!a || a.state !== 'voting') return;
  // The vote closed at its deadline; the results are published when this runs (never before the close).
  const publishedAt = new Date(Math.max(Date.now(), a.closesAt.getTime()));
  await closeAndPublish(tx, a, { closedAt: a.closesAt, publishedAt }, SYSTEM_ACTOR);
}
