import type { Actor } from '../../platform/authz/actor.ts';
import { roleAllows, VOLUNTEER_STAR_THRESHOLDS } from '@gongzhi/core';
import { can } from '../../platform/authz/authorize.ts';

/**
 * Who may do what to a volunteer or a service record, given the loaded object: pure, no I/O. Which
 * volunteers and records staff see at all is the repository's scope.
 */

/** The most minutes one activity credits when its category has no cap of its own (two hours). */
export const DEFAULT_CAP_MINUTES = 120;

/** The skills offered when a deployment configured none (codes stable; labels zh-CN and English). */
export const DEFAULT_SKILLS = [
  { code: 'elderly_care', labelZh: '助老陪护', labelEn: 'Elderly care' },
  { code: 'tutoring', labelZh: '课业辅导', labelEn: 'Tutoring' },
  { code: 'medical', labelZh: '医疗护理', labelEn: 'Medical care' },
  { code: 'legal', labelZh: '法律咨询', labelEn: 'Legal advice' },
  { code: 'repair', labelZh: '家电维修', labelEn: 'Appliance repair' },
  { code: 'patrol', labelZh: '治安巡逻', labelEn: 'Safety patrol' },
  { code: 'environment', labelZh: '环境清洁', labelEn: 'Clean-ups' },
  { code: 'culture', labelZh: '文体活动', labelEn: 'Culture and sport' },
  { code: 'photography', labelZh: '摄影宣传', labelEn: 'Photography and publicity' },
  { code: 'translation', labelZh: '外语翻译', labelEn: 'Translation' },
] as const;

/** The default star thresholds in whole hours (一星 … 五星), used where a district set none: core's ladder. */
export const DEFAULT_STAR_HOURS: readonly number[] = VOLUNTEER_STAR_THRESHOLDS;

/**
 * A record counts only after a second person approves it: never the one who recorded it (for
 * attendance, the activity's organiser), nor the volunteer themself.
 */
export const mayReviewRecord = (actor: Actor, r: { recordedBy: string; residentId: string; regionPath: string }): boolean =>
  r.recordedBy !== actor.userId && r.residentId !== actor.residentId && can(actor, 'volunteer.review', { regionPath: r.regionPath });

/** Why the actor may not review a record they can see: the self-review rule, else none. */
export const selfReview = (actor: Actor, r: { recordedBy: string; residentId: string }): boolean =>
  r.recordedBy === actor.userId || r.residentId === actor.residentId;

/** Only a registration still pending is decided; a decided one is changed by the person re-registering. */
export const mayDecideVolunteer = (v: { status: string }): boolean => v.status === 'pending';

/**
 * Minutes credited for one attendance: whole minutes between check-in and check-out, at most the
 * cap; none when either time is missing or the order is wrong.
 */
export function creditedMinutes(checkedInAt: Date | null, checkedOutAt: Date | null, capMinutes: number): number {
  if (!checkedInAt || !checkedOutAt) return 0;
  const minutes = Math.floor((checkedOutAt.getTime() - checkedInAt.getTime()) / 60_000);
  return minutes > 0 ? Math.min(minutes, capMinutes) : 0;
}

/** The community a region path lies in (its first 12 digits: district 6, street 3, community 3). */
export const communityPathOf = (regionPath: string): string => regionPath.slice(0, 12);

/** Caps are one table for every community (keyed by activity category): set by a district or above. */
export const mayConfigureCaps = (actor: Actor): boolean =>
  actor.grants.some((g) => roleAllows(g.role, 'volunteer.configure') && g.organisationId === null && (g.regionPath === null || g.regionPath.length <= 6));
