import { describe, expect, it } from 'vitest';
import {
  checkVisitRule, DEFAULT_LARGE_DAYS, DEFAULT_SMALL_DAYS, DEFAULT_SPECIAL_DAYS, effectiveVisitRule,
  isSpecialHousehold, LARGE_COMMUNITY_HOUSEHOLDS, MAX_VISIT_INTERVAL_DAYS, nextDueDay, visitIntervalDays, visitStatus,
} from './visitRules.ts';

describe('effectiveVisitRule', () => {
  it('large communities every two months, small ones every month, special households daily', () => {
    const large = effectiveVisitRule(null, LARGE_COMMUNITY_HOUSEHOLDS);
    expect(large).toEqual({ size: 'large', regularDays: DEFAULT_LARGE_DAYS, specialDays: DEFAULT_SPECIAL_DAYS, specialTags: ['elderly_alone', 'disabled'] });
    expect(DEFAULT_LARGE_DAYS).toBe(60);
    const small = effectiveVisitRule(undefined, LARGE_COMMUNITY_HOUSEHOLDS - 1);
    expect(small.size).toBe('small');
    expect(small.regularDays).toBe(DEFAULT_SMALL_DAYS);
    expect(DEFAULT_SMALL_DAYS).toBe(30);
    expect(visitIntervalDays(small, true)).toBe(1);
    expect(visitIntervalDays(small, false)).toBe(30);
  });
  it('a configured size wins over the household count, and configured intervals over defaults', () => {
    expect(effectiveVisitRule({ size: 'large' }, 10).size).toBe('large');
    expect(effectiveVisitRule({ size: 'small' }, 50_000).size).toBe('small');
    expect(effectiveVisitRule({ size: 'auto' }, 50_000).size).toBe('large');
    const r = effectiveVisitRule({ size: 'large', largeDays: 45, smallDays: 20, specialDays: 3, specialTags: ['key_care'] }, 0);
    expect(r).toEqual({ size: 'large', regularDays: 45, specialDays: 3, specialTags: ['key_care'] });
    expect(effectiveVisitRule({ largeDays: 45, smallDays: 20 }, 0).regularDays).toBe(20);
  });
});

describe('isSpecialHousehold', () => {
  const rule = effectiveVisitRule(null, 0);
  it('any member with a special tag makes the household special', () => {
    expect(isSpecialHousehold([['elderly', 'elderly_alone']], rule)).toBe(true);
    expect(isSpecialHousehold([['child'], ['disabled']], rule)).toBe(true);
    expect(isSpecialHousehold([['elderly'], ['party_member']], rule)).toBe(false);
    expect(isSpecialHousehold([], rule)).toBe(false);
    expect(isSpecialHousehold([['key_care']], effectiveVisitRule({ specialTags: ['key_care'] }, 0))).toBe(true);
    expect(isSpecialHousehold([['disabled']], effectiveVisitRule({ specialTags: [] }, 0))).toBe(false);
  });
});

describe('checkVisitRule', () => {
  it('accepts defaults and whole-day intervals within a year', () => {
    expect(checkVisitRule({})).toEqual([]);
    expect(checkVisitRule({ size: 'large', largeDays: 1, smallDays: MAX_VISIT_INTERVAL_DAYS, specialDays: 1, specialTags: ['disabled'] })).toEqual([]);
  });
  it.each([0, -1, 1.5, MAX_VISIT_INTERVAL_DAYS + 1, Number.NaN])('refuses an interval of %s', (n) => {
    expect(checkVisitRule({ largeDays: n })).toEqual([{ field: 'largeDays', reason: 'range' }]);
    expect(checkVisitRule({ smallDays: n })).toEqual([{ field: 'smallDays', reason: 'range' }]);
    expect(checkVisitRule({ specialDays: n })).toEqual([{ field: 'specialDays', reason: 'range' }]);
  });
  it('refuses special households visited less often than ordinary ones, unknown sizes and repeated tags', () => {
    expect(checkVisitRule({ specialDays: 31 })).toEqual([{ field: 'specialDays', reason: 'longer_than_regular' }]);
    expect(checkVisitRule({ specialDays: 10, smallDays: 7 })).toEqual([{ field: 'specialDays', reason: 'longer_than_regular' }]);
    expect(checkVisitRule({ size: 'huge' as never })).toEqual([{ field: 'size', reason: 'unknown' }]);
    expect(checkVisitRule({ specialTags: ['disabled', 'disabled'] })).toEqual([{ field: 'specialTags', reason: 'duplicate' }]);
  });
});

describe('nextDueDay and visitStatus', () => {
  const registered = new Date('2026-01-10T02:00:00Z');
  it('never visited: due from the day the household was registered', () => {
    expect(nextDueDay(null, registered, 30)).toBe('2026-01-10');
    expect(visitStatus('2026-01-10', new Date('2026-01-10T15:00:00Z'))).toEqual({ status: 'due', daysOverdue: 0 });
    expect(visitStatus('2026-01-10', new Date('2026-01-10T16:00:00Z'))).toEqual({ status: 'overdue', daysOverdue: 1 });
  });
  it('visited: due the interval after the China day of the last visit', () => {
    // 23:30 in China on 1 March is still 1 March there.
    const last = new Date('2026-03-01T15:30:00Z');
    expect(nextDueDay(last, registered, 30)).toBe('2026-03-31');
    expect(nextDueDay(last, registered, 60)).toBe('2026-04-30');
    expect(nextDueDay(last, registered, 1)).toBe('2026-03-02');
    expect(visitStatus('2026-03-31', new Date('2026-03-20T00:00:00Z'))).toEqual({ status: 'ok', daysOverdue: 0 });
    expect(visitStatus('2026-03-31', new Date('2026-03-31T00:00:00Z'))).toEqual({ status: 'due', daysOverdue: 0 });
    expect(visitStatus('2026-03-31', new Date('2026-04-05T00:00:00Z'))).toEqual({ status: 'overdue', daysOverdue: 5 });
  });
  it('a daily household seen today is fine today, due tomorrow and overdue the day after', () => {
    const seen = new Date('2026-05-01T01:00:00Z');
    const due = nextDueDay(seen, registered, 1);
    expect(visitStatus(due, new Date('2026-05-01T10:00:00Z')).status).toBe('ok');
    expect(visitStatus(due, new Date('2026-05-02T10:00:00Z')).status).toBe('due');
    expect(visitStatus(due, new Date('2026-05-03T10:00:00Z'))).toEqual({ status: 'overdue', daysOverdue: 1 });
  });
});
