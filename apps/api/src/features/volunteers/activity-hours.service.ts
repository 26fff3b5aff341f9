import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { attendanceFor } from '../activities/activities.service.ts';
import { recordFromAttendance } from './service-record.service.ts';

/**
 * Turns an ended activity's attendance into pending service records for the verified volunteers who
 * checked in and out (capped per activity), to be approved by a second person. Asking twice adds
 * nothing: a volunteer has at most one record per activity. An activity outside the recorder's area
 * is "not found", like a missing one.
 */
export async function recordActivityHours(db: Db, actor: Actor, activityId: string, now: Date): Promise<{ created: number; skipped: number }> {
  const found = await attendanceFor(db, activityId);
  if (!found || !can(actor, 'volunteer.record', { regionPath: found.activity.regionPath })) throw new AppError('ACTIVITY_NOT_FOUND');
  if (!found.activity.creditsHours) throw new AppError('VOLUNTEER_ACTIVITY_NO_HOURS');
  if (found.activity.endsAt > now) throw new AppError('VOLUNTEER_ACTIVITY_NOT_ENDED');
  return db.transaction((tx) => recordFromAttendance(tx, actor, found, now));
}
