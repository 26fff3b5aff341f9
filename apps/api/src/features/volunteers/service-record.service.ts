import type { z } from 'zod';
import { chinaDay } from '@gongzhi/core';
import type { DecideRecordBody, RecordServiceBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { capMinutesFor, findRecord, findVolunteer, insertRecord, updateRecord, volunteersOfResidents, type ServiceRecordRow } from './volunteers.repository.ts';
import { DEFAULT_CAP_MINUTES, creditedMinutes, mayReviewRecord, selfReview } from './volunteers.policy.ts';
import { creditServicePoints } from '../bank/bank.service.ts';

/** What an activity's attendance brings to {@link recordFromAttendance} (plain data, from the activities feature). */
export interface AttendanceInput {
  activity: {
    id: string; title: string; regionPath: string; organiserUserId: string; startsAt: Date; endsAt: Date;
    creditsHours: boolean; maxCreditedMinutes: number; categoryCode: string;
  };
  rows: { personId: string; checkedInAt: Date | null; checkedOutAt: Date | null; present: boolean }[];
}

/** An approved record as other features need it (the charity bank credits points for it). */
export interface ApprovedServiceRecord {
  id: string; volunteerPersonId: string; minutes: number; activityId: string | null; categoryCode: string; regionPath: string;
}

/** A wall-clock time of a day in Asia/Shanghai as an instant. */
const atChinaTime = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+08:00`);

/**
 * An organiser records a verified volunteer's service (an activity or a task): the day, start and end
 * (Asia/Shanghai), what was done. It waits for a second person's approval; one record per volunteer
 * and activity.
 */
export async function recordService(db: Db, actor: Actor, volunteerId: string, body: z.infer<typeof RecordServiceBody>, now: Date): Promise<ServiceRecordRow> {
  const startsAt = atChinaTime(body.serviceDay, body.start);
  const endsAt = atChinaTime(body.serviceDay, body.end);
  if (endsAt <= startsAt || endsAt > now) throw new AppError('VOLUNTEER_TIME_INVALID');
  return db.transaction(async (tx) => {
    const v = await findVolunteer(tx, scopeFor(actor, 'volunteer.record'), volunteerId);
    if (!v) throw new AppError('VOLUNTEER_NOT_FOUND');
    if (v.status !== 'verified') throw new AppError('VOLUNTEER_NOT_VERIFIED');
    const row = await insertRecord(tx, {
      volunteerId: v.id, residentId: v.residentId, regionPath: v.regionPath, districtCode: v.districtCode, activityId: body.activityId,
      categoryCode: body.categoryCode, title: body.title, serviceDay: body.serviceDay, startsAt, endsAt,
      minutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000), source: 'organiser', recordedBy: actor.userId, recordedByName: actor.name,
    });
    if (!row) throw new AppError('VOLUNTEER_RECORD_DUPLICATE');
    await audit(tx, actor, { action: 'volunteer.record', subjectType: 'volunteer_service_record', subjectId: row.id, regionPath: row.regionPath, after: body });
    return row;
  });
}

/**
 * Service records from an activity's attendance, in the caller's transaction: for each verified
 * volunteer present with both check-in and check-out, min(check-out − check-in, cap) minutes, where the
 * cap is the activity's own (when it sets one), else its category's, else the default (120). People
 * who are not verified volunteers, absent, or lacking a time are skipped, and so is anyone who already
 * has a record for the activity. The records are the organiser's, so the organiser cannot approve them.
 */
export async function recordFromAttendance(tx: Tx, actor: Actor, input: AttendanceInput, now: Date): Promise<{ created: number; skipped: number }> {
  const { activity, rows } = input;
  if (!activity.creditsHours) return { created: 0, skipped: rows.length };
  const categoryCap = await capMinutesFor(tx, activity.categoryCode, DEFAULT_CAP_MINUTES);
  const cap = activity.maxCreditedMinutes > 0 ? Math.min(activity.maxCreditedMinutes, categoryCap) : categoryCap;
  const verified = new Map((await volunteersOfResidents(tx, rows.map((r) => r.personId))).filter((v) => v.status === 'verified').map((v) => [v.residentId, v]));
  let created = 0;
  for (const r of rows) {
    const v = verified.get(r.personId);
    const minutes = r.present ? creditedMinutes(r.checkedInAt, r.checkedOutAt, cap) : 0;
    if (!v || minutes === 0) continue;
    const row = await insertRecord(tx, {
      volunteerId: v.id, residentId: v.residentId, regionPath: v.regionPath, districtCode: v.districtCode, activityId: activity.id,
      categoryCode: activity.categoryCode, title: activity.title, serviceDay: chinaDay(r.checkedInAt!), startsAt: r.checkedInAt!, endsAt: r.checkedOutAt!,
      minutes, source: 'attendance', recordedBy: activity.organiserUserId, recordedByName: null,
    });
    if (row) created += 1;
  }
  await audit(tx, actor, {
    action: 'volunteer.record', subjectType: 'activity', subjectId: activity.id, regionPath: activity.regionPath,
    details: { created, skipped: rows.length - created, capMinutes: cap, at: now.toISOString() },
  });
  return { created, skipped: rows.length - created };
}

/** Loads a pending record under lock in the reviewer's scope and applies the second-person rule. */
async function lockForReview(tx: Tx, actor: Actor, id: string): Promise<ServiceRecordRow> {
  const r = await findRecord(tx, scopeFor(actor, 'volunteer.review'), id, { lock: true });
  if (!r) throw new AppError('VOLUNTEER_RECORD_NOT_FOUND');
  if (selfReview(actor, r)) throw new AppError('VOLUNTEER_SELF_REVIEW');
  if (!mayReviewRecord(actor, r)) throw new AppError('FORBIDDEN');
  // Checked under the row lock: of two reviewers at once, the second finds it decided.
  if (r.status !== 'pending') throw new AppError('VOLUNTEER_RECORD_DECIDED');
  return r;
}

/**
 * A second person approves a service record, which then counts for hours, stars and certificates and
 * earns the volunteer charity-bank points. Never the one who recorded it, nor the volunteer; of
 * concurrent approvals exactly one succeeds.
 */
export async function approveServiceRecord(db: Db, actor: Actor, id: string, now: Date): Promise<ApprovedServiceRecord> {
  return db.transaction(async (tx) => {
    const r = await lockForReview(tx, actor, id);
    const row = await updateRecord(tx, r.id, { status: 'approved', reviewedBy: actor.userId, reviewedAt: now });
    await audit(tx, actor, { action: 'volunteer.record_approve', subjectType: 'volunteer_service_record', subjectId: r.id, regionPath: r.regionPath, details: { minutes: r.minutes } });
    const approved: ApprovedServiceRecord = {
      id: row.id, volunteerPersonId: row.residentId, minutes: row.minutes, activityId: row.activityId, categoryCode: row.categoryCode, regionPath: row.regionPath,
    };
    // Approved service earns charity-bank points in the same transaction: the hours and the points
    // can never disagree, and the record's id makes the credit happen once whatever retries.
    await creditServicePoints(tx, actor, { personId: row.residentId, regionPath: row.regionPath, minutes: row.minutes, categoryCode: row.categoryCode, sourceId: `volunteer_record:${row.id}` }, now);
    return approved;
  });
}

/** A second person rejects a service record, with a reason; it never counts. */
export async function rejectServiceRecord(db: Db, actor: Actor, id: string, reason: string, now: Date): Promise<void> {
  if (!reason.trim()) throw new AppError('VOLUNTEER_REASON_REQUIRED');
  await db.transaction(async (tx) => {
    const r = await lockForReview(tx, actor, id);
    await updateRecord(tx, r.id, { status: 'rejected', reviewedBy: actor.userId, reviewedAt: now, rejectReason: reason.trim() });
    await audit(tx, actor, { action: 'volunteer.record_reject', subjectType: 'volunteer_service_record', subjectId: r.id, regionPath: r.regionPath, details: { reason: reason.trim() } });
  });
}

/** Approves or rejects, as the review queue's one decision route asks. */
export async function decideServiceRecord(db: Db, actor: Actor, id: string, body: z.infer<typeof DecideRecordBody>, now: Date): Promise<void> {
  if (body.decision === 'approve') await approveServiceRecord(db, actor, id, now);
  else await rejectServiceRecord(db, actor, id, body.reason ?? '', now);
}
