import type { ResidentTag } from './tags.ts';
import { addDays, chinaDay, daysBetween } from './chinaTime.ts';

/**
 * Household visits (走访): how often each household must be seen. Karamay's practice (docs/domain.md):
 * large communities visit every household every two months, small ones every month, and special
 * households (elderly living alone, disabled residents) are seen every day (天天见). Each community may
 * override the size, the intervals and which tags make a household special.
 */

/** Communities with at least this many households count as large unless configured otherwise. */
export const LARGE_COMMUNITY_HOUSEHOLDS = 1000;
export const DEFAULT_LARGE_DAYS = 60;
export const DEFAULT_SMALL_DAYS = 30;
export const DEFAULT_SPECIAL_DAYS = 1;
export const DEFAULT_SPECIAL_TAGS: readonly ResidentTag[] = ['elderly_alone', 'disabled'];
/** Longest interval a community may set: a year. */
export const MAX_VISIT_INTERVAL_DAYS = 366;

export const COMMUNITY_SIZES = ['auto', 'large', 'small'] as const;
export type CommunitySize = (typeof COMMUNITY_SIZES)[number];

/** A community's stored settings; missing fields take the defaults. */
export interface VisitRuleConfig {
  size?: CommunitySize;
  largeDays?: number;
  smallDays?: number;
  specialDays?: number;
  specialTags?: readonly ResidentTag[];
}

/** The rule in force for a community: every household's interval follows from it. */
export interface EffectiveVisitRule {
  size: 'large' | 'small';
  regularDays: number;
  specialDays: number;
  specialTags: readonly ResidentTag[];
}

/** Why a configuration was refused, by field. */
export type VisitRuleProblem = { field: 'largeDays' | 'smallDays' | 'specialDays' | 'specialTags' | 'size'; reason: string };

const isInterval = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_VISIT_INTERVAL_DAYS;

/**
 * Checks a configuration: intervals are whole days from 1 to 366, special households may not be
 * visited less often than ordinary ones (a rule that did so would be a mistake), tags are distinct.
 */
export function checkVisitRule(c: VisitRuleConfig): VisitRuleProblem[] {
  const problems: VisitRuleProblem[] = [];
  if (c.size !== undefined && !(COMMUNITY_SIZES as readonly string[]).includes(c.size)) problems.push({ field: 'size', reason: 'unknown' });
  for (const f of ['largeDays', 'smallDays', 'specialDays'] as const) {
    if (c[f] !== undefined && !isInterval(c[f])) problems.push({ field: f, reason: 'range' });
  }
  if (!problems.length) {
    const r = { ...c, largeDays: c.largeDays ?? DEFAULT_LARGE_DAYS, smallDays: c.smallDays ?? DEFAULT_SMALL_DAYS, specialDays: c.specialDays ?? DEFAULT_SPECIAL_DAYS };
    if (r.specialDays > Math.min(r.largeDays, r.smallDays)) problems.push({ field: 'specialDays', reason: 'longer_than_regular' });
  }
  if (c.specialTags && new Set(c.specialTags).size !== c.specialTags.length) problems.push({ field: 'specialTags', reason: 'duplicate' });
  return problems;
}

/** The rule for a community of `households` households under its (possibly empty) configuration. */
export function effectiveVisitRule(config: VisitRuleConfig | null | undefined, households: number): EffectiveVisitRule {
  const c = config ?? {};
  const size = c.size === 'large' || c.size === 'small' ? c.size : households >= LARGE_COMMUNITY_HOUSEHOLDS ? 'large' : 'small';
  return {
    size,
    regularDays: size === 'large' ? c.largeDays ?? DEFAULT_LARGE_DAYS : c.smallDays ?? DEFAULT_SMALL_DAYS,
    specialDays: c.specialDays ?? DEFAULT_SPECIAL_DAYS,
    specialTags: c.specialTags ?? DEFAULT_SPECIAL_TAGS,
  };
}

/** True when any current member carries one of the rule's special tags. */
export function isSpecialHousehold(memberTags: readonly (readonly string[])[], rule: EffectiveVisitRule): boolean {
  return memberTags.some((tags) => tags.some((t) => (rule.specialTags as readonly string[]).includes(t)));
}

/** The household's interval in days. */
export function visitIntervalDays(rule: EffectiveVisitRule, special: boolean): number {
  return special ? rule.specialDays : rule.regularDays;
}


/**
 * The day the next visit is due: `interval` days after the China calendar day of the last visit; a
 * household never visited is due from the day it was registered. The API computes the same in SQL.
 */
export function nextDueDay(lastVisit: Date | null, registered: Date, intervalDays: number): string {
  return lastVisit ? addDays(chinaDay(lastVisit), intervalDays) : chinaDay(registered);
}

export const VISIT_STATUSES = ['overdue', 'due', 'ok'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** ok before the due day, due on it, overdue after it (days overdue counted from the due day). */
export function visitStatus(dueDay: string, now: Date): { status: VisitStatus; daysOverdue: number } {
  const late = daysBetween(dueDay, chinaDay(now));
  return { status: late > 0 ? 'overdue' : late === 0 ? 'due' : 'ok', daysOverdue: Math.max(0, late) };
}

/** What a visit found: the household was seen, or nobody was at home (which does not count as a visit). */
export const VISIT_OUTCOMES = ['visited', 'not_home'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
