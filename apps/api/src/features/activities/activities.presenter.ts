import type { ActivityDetail, ActivitySummary, MySignup, OrganiserListItem } from '@gongzhi/contracts';
import type { ActivityListRow, CategoryRow, SignupRow } from './activities.repository.ts';

// Pure shaping of activities for the screens: no database, no clock. Lists and the public calendar
// carry no personal data; the attendance list (organisers only) carries names, never phones.

/** Category names by code, for labels. */
export const categoryNames = (menu: CategoryRow[]): Map<string, CategoryRow> => new Map(menu.map((c) => [c.code, c]));

export function presentSummary(a: ActivityListRow, menu: Map<string, CategoryRow>, lang: 'zh-CN' | 'en' = 'zh-CN'): ActivitySummary {
  const c = menu.get(a.categoryCode);
  return {
    id: a.id, title: a.title, regionId: a.regionId, regionName: a.regionName, organiserKind: a.organiserKind, organiserName: a.organiserName,
    address: a.address, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), capacity: a.capacity, categoryCode: a.categoryCode,
    categoryName: c ? (lang === 'en' ? c.nameEn : c.nameZh) : a.categoryCode, audience: a.audience, creditsHours: a.creditsHours, status: a.status,
    placesLeft: Math.max(0, a.capacity - a.confirmed),
  };
}

export const presentCounts = (a: ActivityListRow) => ({ confirmed: a.confirmed, waiting: a.waiting, checkedIn: a.checkedIn });

export const presentOrganiserItem = (a: ActivityListRow, menu: Map<string, CategoryRow>): OrganiserListItem => ({ ...presentSummary(a, menu), counts: presentCounts(a) });

export function presentMine(s: SignupRow, position: number | null, cancelUntil: Date): MySignup {
  return {
    status: s.status, waitingPosition: s.status === 'waiting' ? position : null,
    checkedInAt: s.checkedInAt?.toISOString() ?? null, checkedOutAt: s.checkedOutAt?.toISOString() ?? null, cancelUntil: cancelUntil.toISOString(),
  };
}

export function presentDetail(a: ActivityListRow, menu: Map<string, CategoryRow>, me: MySignup | null, abilities: ActivityDetail['abilities']): ActivityDetail {
  return {
    ...presentSummary(a, menu), description: a.description, spaceId: a.spaceId, maxCreditedMinutes: a.maxCreditedMinutes, cancelUntilMinutes: a.cancelUntilMinutes,
    counts: abilities.manage ? presentCounts(a) : null, me, abilities,
  };
}

/** The organiser's attendance list: confirmed first, then the waiting list in order, then withdrawn. */
export function presentAttendance(rows: SignupRow[]) {
  let waiting = 0;
  return rows.map((s) => ({
    signupId: s.id, name: s.name, status: s.status, waitingPosition: s.status === 'waiting' ? ++waiting : null,
    checkedInAt: s.checkedInAt?.toISOString() ?? null, checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
    present: s.present ?? s.checkedInAt !== null, markedByHand: s.markedByUserId !== null,
  }));
}
