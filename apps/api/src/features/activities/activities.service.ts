import type { CheckKind, CreateActivityInput, MarkAttendanceBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { cancelTimers, schedule } from '../../platform/jobs/scheduler.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { regionInScope } from '../org/region.service.ts';
import {
  categoriesFor, confirmedCount, findActivity, findSignup, findSignupById, firstWaiting, insertActivity, insertSignup,
  setActivityStatus, signupsOf, updateSignup, type ActivityRow, type SignupRow,
} from './activities.repository.ts';
import { cancelDeadline, CHECK_GRACE_MINUTES, inCheckWindow, isOpenForSignup, mayJoin, mayManage } from './activities.policy.ts';
import { issueCode, verifyCode } from './activities.codes.ts';

export type { CreateActivityInput } from '@gongzhi/contracts';

/** The timer that sends each confirmed person a reminder before the start. */
export const ACTIVITY_REMINDER_TIMER = 'activity.reminder';

/** One person's attendance, as hours crediting (volunteers, the charity bank) reads it. */
export interface AttendanceRow {
  personId: string; userId: string | null; checkedInAt: Date | null;
  checkedOutAt: Date | null; present: boolean; markedByUserId: string | null;
}
/** What other features need to know about an activity. */
export interface ActivityFacts {
  id: string; title: string; regionPath: string; organiserUserId: string;
  organiserKind: string; organiserId: string | null; startsAt: Date; endsAt: Date; creditsHours: boolean;
  maxCreditedMinutes: number; categoryCode: string;
}

/** Present means checked in by code or marked present by hand; a hand mark of absent overrides a check-in. */
const isPresent = (s: Pick<SignupRow, 'present' | 'checkedInAt'>): boolean => s.present ?? s.checkedInAt !== null;

/**
 * An activity's facts and the attendance of everyone holding a confirmed place, wherever it is (the
 * caller has its own reasons to look): undefined when there is no such activity.
 */
export async function attendanceFor(db: Db, activityId: string): Promise<{ activity: ActivityFacts; rows: AttendanceRow[] } | undefined> {
  const a = await findActivity(db, EVERYWHERE, activityId);
  if (!a) return undefined;
  const rows = (await signupsOf(db, a.id)).filter((s) => s.status === 'confirmed').map((s) => ({
    personId: s.personId, userId: s.userId, checkedInAt: s.checkedInAt, checkedOutAt: s.checkedOutAt, present: isPresent(s), markedByUserId: s.markedByUserId,
  }));
  const activity: ActivityFacts = {
    id: a.id, title: a.title, regionPath: a.regionPath, organiserUserId: a.organiserUserId, organiserKind: a.organiserKind, organiserId: a.organiserId,
    startsAt: a.startsAt, endsAt: a.endsAt, creditsHours: a.creditsHours, maxCreditedMinutes: a.maxCreditedMinutes, categoryCode: a.categoryCode,
  };
  return { activity, rows };
}

/**
 * Creates an activity in the caller's transaction (projects, culture and party work create theirs
 * this way): the region must be in the actor's organising scope, the category on the district's menu.
 * Schedules the reminder and writes the audit row in `tx`.
 */
export async function createActivityFor(tx: Tx, actor: Actor, input: CreateActivityInput, now: Date): Promise<{ id: string }> {
  const region = found(await regionInScope(tx, scopeFor(actor, 'activity.manage'), input.regionId, { active: true }), 'REGION_NOT_FOUND');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw new AppError('ACTIVITY_TIME_INVALID');
  const menu = await categoriesFor(tx, region.districtCode);
  if (!menu.some((c) => c.code === input.categoryCode)) throw new AppError('ACTIVITY_CATEGORY_UNKNOWN');
  const a = await insertActivity(tx, {
    regionId: region.id, regionPath: region.code, districtCode: region.districtCode, organiserKind: input.organiserKind, organiserId: input.organiserId ?? null,
    organiserName: input.organiserName, organiserUserId: actor.userId, title: input.title, description: input.description, address: input.address,
    spaceId: input.spaceId ?? null, startsAt, endsAt, capacity: input.capacity, categoryCode: input.categoryCode, audience: input.audience,
    creditsHours: input.creditsHours, maxCreditedMinutes: input.maxCreditedMinutes, cancelUntilMinutes: input.cancelUntilMinutes, reminderHours: input.reminderHours,
  });
  const remindAt = new Date(startsAt.getTime() - input.reminderHours * 3_600_000);
  if (input.reminderHours > 0 && remindAt > now) await schedule(tx, { kind: ACTIVITY_REMINDER_TIMER, subjectId: a.id, dueAt: remindAt });
  await audit(tx, actor, { action: 'activity.create', subjectType: 'activity', subjectId: a.id, regionPath: a.regionPath, after: input });
  return { id: a.id };
}

/** Creates an activity in its own transaction. */
export async function createActivity(db: Db, actor: Actor, input: CreateActivityInput, now: Date): Promise<{ id: string }> {
  return db.transaction((tx) => createActivityFor(tx, actor, input, now));
}

/** The activity as the actor may see it (to join or to manage), else ACTIVITY_NOT_FOUND. */
async function visibleActivity(db: DbOrTx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<ActivityRow> {
  return found(await findActivity(db, scopeFor(actor, 'activity.join'), id, opts) ?? await findActivity(db, scopeFor(actor, 'activity.manage'), id, opts), 'ACTIVITY_NOT_FOUND');
}

/** The activity when the actor organises where it is placed, else ACTIVITY_NOT_FOUND (out of scope = 404). */
async function managedActivity(db: DbOrTx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<ActivityRow> {
  const a = found(await findActivity(db, scopeFor(actor, 'activity.manage'), id, opts), 'ACTIVITY_NOT_FOUND');
  if (!mayManage(actor, a)) throw new AppError('ACTIVITY_NOT_FOUND');
  return a;
}

/** The person the actor is: their resident record. */
function personOf(actor: Actor): string {
  if (!actor.residentId) throw new AppError('ACTIVITY_NO_PERSON');
  return actor.residentId;
}

/**
 * Signs the actor up. The activity row is locked for the transaction, so sign-ups to one activity
 * queue behind each other: the count of confirmed places is exact, two people taking the last place
 * get one place and one waiting-list entry, and capacity is never exceeded.
 * `isVolunteer` is the volunteers feature's verdict, when the composition root provides it.
 */
export async function signUp(db: Db, actor: Actor, id: string, now: Date, isVolunteer?: (a: Actor) => Promise<boolean>): Promise<SignupRow> {
  const personId = personOf(actor);
  const volunteer = isVolunteer ? await isVolunteer(actor) : undefined;
  return db.transaction(async (tx) => {
    const a = await visibleActivity(tx, actor, id, { lock: true });
    if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    if (!isOpenForSignup(a, now)) throw new AppError('ACTIVITY_STARTED');
    if (!mayJoin(actor, a, volunteer)) throw new AppError('ACTIVITY_NOT_ELIGIBLE', { audience: AUDIENCE_NAMES[a.audience] });
    const prior = await findSignup(tx, a.id, personId, { lock: true });
    if (prior && prior.status !== 'cancelled') throw new AppError('ACTIVITY_ALREADY_SIGNED_UP');
    const status = (await confirmedCount(tx, a.id)) < a.capacity ? 'confirmed' as const : 'waiting' as const;
    const fields = { status, queuedAt: now, userId: actor.userId, name: actor.name, checkedInAt: null, checkedOutAt: null, present: null, markedByUserId: null };
    const s = prior ? await updateSignup(tx, prior.id, fields)
      : await insertSignup(tx, { activityId: a.id, regionPath: a.regionPath, districtCode: a.districtCode, personId, ...fields });
    await audit(tx, actor, { action: 'activity.signup', subjectType: 'activity', subjectId: a.id, regionPath: a.regionPath, details: { signupId: s.id, status } });
    return s;
  });
}

const AUDIENCE_NAMES = {
  anyone: { 'zh-CN': '所有人', en: 'everyone' }, residents: { 'zh-CN': '本社区居民', en: 'residents of the community' },
  volunteers: { 'zh-CN': '志愿者', en: 'volunteers' }, party_members: { 'zh-CN': '党员', en: 'party members' },
} as const;

/**
 * Withdraws the actor's sign-up, until the activity's cancel-until time. A confirmed place freed this
 * way goes to the first of the waiting list, who is told through the outbox.
 */
export async function cancelSignup(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  const personId = personOf(actor);
  await db.transaction(async (tx) => {
    const a = await visibleActivity(tx, actor, id, { lock: true });
    const s = await findSignup(tx, a.id, personId, { lock: true });
    if (!s || s.status === 'cancelled') throw new AppError('ACTIVITY_NOT_SIGNED_UP');
    if (now > cancelDeadline(a)) throw new AppError('ACTIVITY_CANCEL_CLOSED', { minutes: a.cancelUntilMinutes });
    await updateSignup(tx, s.id, { status: 'cancelled' });
    const promoted = s.status === 'confirmed' ? await promoteFirst(tx, a) : null;
    await audit(tx, actor, {
      action: 'activity.signup_cancel', subjectType: 'activity', subjectId: a.id, regionPath: a.regionPath,
      details: { signupId: s.id, was: s.status, promoted: promoted?.id ?? null },
    });
  });
}

/** Gives a freed place to the first on the waiting list (if any and if a place is free) and tells them. */
async function promoteFirst(tx: Tx, a: ActivityRow): Promise<SignupRow | null> {
  if (a.status !== 'published' || (await confirmedCount(tx, a.id)) >= a.capacity) return null;
  const next = await firstWaiting(tx, a.id);
  if (!next) return null;
  const s = await updateSignup(tx, next.id, { status: 'confirmed' });
  await enqueue(tx, {
    channel: 'sms', template: 'activity.promoted', recipientUserId: s.userId, recipientResidentId: s.personId,
    payload: { activityId: a.id, title: a.title, startsAt: a.startsAt.toISOString(), address: a.address },
  });
  return s;
}

/** A fresh check-in or check-out code for the organiser's screen. */
export async function checkCodeFor(db: Db, vault: Vault, actor: Actor, id: string, kind: CheckKind, now: Date) {
  const a = await managedActivity(db, actor, id);
  if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
  return issueCode(vault, a.id, kind, now);
}

/**
 * Checks the actor in or out with a code from the organiser's screen (scanned or typed). Refused: a
 * forged code or one of another activity, an expired one, outside the activity's window ± grace, when
 * not holding a confirmed place, and a second check-in (or check-out) by the same person.
 */
export async function checkWithCode(db: Db, vault: Vault, actor: Actor, id: string, code: string, now: Date): Promise<SignupRow & { kind: CheckKind }> {
  const personId = personOf(actor);
  return db.transaction(async (tx) => {
    const a = await visibleActivity(tx, actor, id);
    const verdict = verifyCode(vault, a.id, code, now);
    if (!verdict.ok) throw new AppError(verdict.reason === 'expired' ? 'ACTIVITY_CODE_EXPIRED' : 'ACTIVITY_CODE_INVALID');
    if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    if (!inCheckWindow(a, now)) throw new AppError('ACTIVITY_OUTSIDE_WINDOW', { grace: CHECK_GRACE_MINUTES });
    const s = await findSignup(tx, a.id, personId, { lock: true });
    if (!s || s.status !== 'confirmed') throw new AppError('ACTIVITY_NOT_SIGNED_UP');
    let after: SignupRow;
    if (verdict.kind === 'in') {
      if (s.checkedInAt) throw new AppError('ACTIVITY_ALREADY_CHECKED_IN');
      after = await updateSignup(tx, s.id, { checkedInAt: now });
    } else {
      if (!s.checkedInAt) throw new AppError('ACTIVITY_NOT_CHECKED_IN');
      if (s.checkedOutAt) throw new AppError('ACTIVITY_ALREADY_CHECKED_OUT');
      after = await updateSignup(tx, s.id, { checkedOutAt: now });
    }
    await audit(tx, actor, { action: verdict.kind === 'in' ? 'activity.check_in' : 'activity.check_out', subjectType: 'activity', subjectId: a.id, regionPath: a.regionPath, details: { signupId: s.id } });
    return { ...after, kind: verdict.kind };
  });
}

/** The organiser marks one confirmed person present or absent by hand, optionally with their times. */
export async function markAttendance(db: Db, actor: Actor, id: string, signupId: string, body: z.infer<typeof MarkAttendanceBody>, now: Date): Promise<SignupRow> {
  return db.transaction(async (tx) => {
    const a = await managedActivity(tx, actor, id, { lock: true });
    const s = found(await findSignupById(tx, a.id, signupId), 'ACTIVITY_SIGNUP_NOT_FOUND');
    if (s.status !== 'confirmed') throw new AppError('ACTIVITY_NOT_SIGNED_UP');
    const times = body.present ? {
      ...(body.checkedInAt !== undefined ? { checkedInAt: body.checkedInAt ? new Date(body.checkedInAt) : null } : {}),
      ...(body.checkedOutAt !== undefined ? { checkedOutAt: body.checkedOutAt ? new Date(body.checkedOutAt) : null } : {}),
    } : {};
    const inAt = 'checkedInAt' in times ? times.checkedInAt : s.checkedInAt;
    const outAt = 'checkedOutAt' in times ? times.checkedOutAt : s.checkedOutAt;
    if (inAt && outAt && outAt < inAt) throw new AppError('ACTIVITY_TIME_INVALID');
    const after = await updateSignup(tx, s.id, { present: body.present, markedByUserId: actor.userId, ...times });
    await audit(tx, actor, {
      action: 'activity.attendance_mark', subjectType: 'activity', subjectId: a.id, regionPath: a.regionPath,
      details: { signupId, present: body.present, at: now.toISOString() },
    });
    return after;
  });
}

/** Cancels an activity: no more sign-ups or check-ins, the reminder is dropped, everyone holding a place is told. */
export async function cancelActivity(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await managedActivity(tx, actor, id, { lock: true });
    if (a.status === 'cancelled') return;
    await setActivityStatus(tx, a.id, 'cancelled');
    await cancelTimers(tx, ACTIVITY_REMINDER_TIMER, a.id);
    for (const s of (await signupsOf(tx, a.id)).filter((x) => x.status !== 'cancelled')) {
      await enqueue(tx, { channel: 'sms', template: 'activity.cancelled', recipientUserId: s.userId, recipientResidentId: s.personId, payload: { activityId: a.id, title: a.title, startsAt: a.startsAt.toISOString() } });
    }
    await audit(tx, actor, { action: 'activity.cancel', subjectType: 'activity', subjectId: a.id, regionPath: a.regionPath });
  });
}

/** The reminder timer: each confirmed person with an account gets a message (the activity may have been cancelled since). */
export async function sendReminders(tx: Tx, activityId: string): Promise<number> {
  const a = await findActivity(tx, EVERYWHERE, activityId);
  if (!a || a.status !== 'published') return 0;
  const rows = (await signupsOf(tx, a.id)).filter((s) => s.status === 'confirmed' && s.userId);
  for (const s of rows) {
    await enqueue(tx, {
      channel: 'sms', template: 'activity.reminder', recipientUserId: s.userId, recipientResidentId: s.personId,
      payload: { activityId: a.id, title: a.title, startsAt: a.startsAt.toISOString(), address: a.address },
    });
  }
  return rows.length;
}
