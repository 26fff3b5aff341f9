import ical, { ICalCalendarMethod } from 'ical-generator';
import type { ActivityDetail, ActivitySummary, MyActivity, OrganiserListItem } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { regionById, regionInScope } from '../org/region.service.ts';
import { activityWithCounts, categoriesFor, findSignup, listActivities, signupsOf, signupsOfPerson, waitingPosition, type ActivityListRow, type CategoryRow } from './activities.repository.ts';
import { cancelDeadline, isOpenForSignup, mayJoin, mayManage } from './activities.policy.ts';
import { categoryNames, presentAttendance, presentDetail, presentMine, presentOrganiserItem, presentSummary } from './activities.presenter.ts';

// What the activity screens read: each loads in the actor's scope and hands rows to the presenter.

/** The district whose category menu an actor sees: that of their first region grant. */
const districtOf = (actor: Actor | null): string | null => actor?.grants.find((g) => g.regionPath)?.regionPath?.slice(0, 6) ?? null;

/** The service-category menu: the district's own entries and the shared ones. */
export async function categoryMenu(db: Db, actor: Actor | null): Promise<CategoryRow[]> {
  return categoriesFor(db, districtOf(actor));
}

/** Activities near the resident: where they live, their community and its street; upcoming first. */
export async function activitiesNearMe(db: Db, actor: Actor, q: { category?: string }, now: Date): Promise<ActivitySummary[]> {
  const [rows, menu] = await Promise.all([
    listActivities(db, scopeFor(actor, 'activity.join'), { now, category: q.category, publishedOnly: true }), categoryMenu(db, actor)]);
  const names = categoryNames(menu);
  return rows.map((a) => presentSummary(a, names));
}

/** The actor's own sign-ups (confirmed, waiting with their place, attended), latest first. */
export async function myActivities(db: Db, actor: Actor): Promise<MyActivity[]> {
  if (!actor.residentId) return [];
  const [rows, menu] = await Promise.all([signupsOfPerson(db, { personId: actor.residentId }), categoryMenu(db, actor)]);
  const names = categoryNames(menu);
  return Promise.all(rows.map(async ({ s, a }) => ({
    ...presentSummary(a, names), me: presentMine(s, s.status === 'waiting' ? await waitingPosition(db, s) : null, cancelDeadline(a)),
  })));
}

/** The organiser's list: activities in their area (or under one region) with counts. */
export async function organiserActivities(db: Db, actor: Actor, q: { regionId?: string; past?: 'true' | 'false' }, now: Date): Promise<OrganiserListItem[]> {
  const scope = scopeFor(actor, 'activity.manage');
  const within = q.regionId ? found(await regionInScope(db, scope, q.regionId), 'REGION_NOT_FOUND').code : undefined;
  const [rows, menu] = await Promise.all([listActivities(db, scope, { now, within, past: q.past === 'true' }), categoryMenu(db, actor)]);
  const names = categoryNames(menu);
  return rows.filter((a) => mayManage(actor, a)).map((a) => presentOrganiserItem(a, names));
}

/** One activity the actor may see, with their own sign-up and what they may do. */
export async function activityDetail(db: Db, actor: Actor, id: string, now: Date): Promise<ActivityDetail> {
  const a = found(await activityWithCounts(db, scopeFor(actor, 'activity.join'), id) ?? await activityWithCounts(db, scopeFor(actor, 'activity.manage'), id), 'ACTIVITY_NOT_FOUND');
  const s = actor.residentId ? await findSignup(db, a.id, actor.residentId) : undefined;
  const me = s && s.status !== 'cancelled' ? presentMine(s, s.status === 'waiting' ? await waitingPosition(db, s) : null, cancelDeadline(a)) : null;
  const abilities = { signUp: !me && actor.residentId !== null && isOpenForSignup(a, now) && mayJoin(actor, a), manage: mayManage(actor, a) };
  return presentDetail(a, categoryNames(await categoryMenu(db, actor)), me, abilities);
}

/** The organiser's attendance list. */
export async function attendanceList(db: Db, actor: Actor, id: string) {
  const a = found(await activityWithCounts(db, scopeFor(actor, 'activity.manage'), id), 'ACTIVITY_NOT_FOUND');
  if (!mayManage(actor, a)) throw new AppError('ACTIVITY_NOT_FOUND');
  return presentAttendance(await signupsOf(db, a.id));
}

/** The community's public calendar: its activities and its street's, upcoming, with no personal data. */
export async function publicCalendar(db: Db, regionId: string, now: Date) {
  const region = found(await regionById(db, regionId), 'REGION_NOT_FOUND');
  const [rows, menu] = await Promise.all([listActivities(db, EVERYWHERE, { now, around: region.code, publishedOnly: true }), categoriesFor(db, region.districtCode)]);
  const names = categoryNames(menu);
  return { regionName: region.name, icsPath: `/api/v1/activities/calendar/community/${region.id}.ics`, items: rows.map((a) => presentSummary(a, names)) };
}

/** RFC 5545 text of a list of activities. */
function toIcs(name: string, rows: ActivityListRow[]): string {
  const cal = ical({ name, prodId: { company: 'Gongzhi', product: 'activities', language: 'ZH' }, method: ICalCalendarMethod.PUBLISH, ttl: 3600 });
  for (const a of rows) {
    cal.createEvent({
      id: `${a.id}@gongzhi`, start: a.startsAt, end: a.endsAt, summary: a.title, description: a.description || undefined,
      location: a.address, stamp: a.updatedAt, categories: [{ name: a.organiserName }],
    });
  }
  return cal.toString();
}

/** The community calendar as iCalendar (public). */
export async function communityIcs(db: Db, regionId: string, now: Date): Promise<string> {
  const region = found(await regionById(db, regionId), 'REGION_NOT_FOUND');
  return toIcs(`${region.name} 社区活动`, await listActivities(db, EVERYWHERE, { now, around: region.code, publishedOnly: true }));
}

/**
 * A person's calendar feed token: calendar apps cannot send cookies, so the link carries the account
 * id and a keyed hash of it (the server's secret), which only the server can make.
 */
export const feedToken = (vault: Vault, userId: string): string => `${userId}.${vault.hash(`activity-feed/v1|${userId}`).slice(0, 32)}`;

export async function myFeedPath(vault: Vault, actor: Actor): Promise<{ path: string }> {
  return { path: `/api/v1/activities/calendar/me.ics?token=${encodeURIComponent(feedToken(vault, actor.userId))}` };
}

/** The person's own activities (confirmed or waiting) as iCalendar, for the feed token's account. */
export async function personalIcs(db: Db, vault: Vault, token: string): Promise<string> {
  const [userId = ''] = token.split('.');
  if (!/^[0-9a-f-]{36}$/i.test(userId) || feedToken(vault, userId) !== token) throw new AppError('ACTIVITY_FEED_TOKEN_INVALID');
  const rows = (await signupsOfPerson(db, { userId })).map((r) => r.a).filter((a) => a.status === 'published');
  return toIcs('我的社区活动', rows);
}
