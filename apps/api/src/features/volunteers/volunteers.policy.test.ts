import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/actor.ts';
import { starFor } from './volunteers.stars.ts';
import { DEFAULT_STAR_HOURS, communityPathOf, creditedMinutes, mayConfigureCaps, mayReviewRecord, selfReview } from './volunteers.policy.ts';

const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 14, h, m));
const staff = (role: Actor['grants'][number]['role'], regionPath: string | null, userId = 'u1', residentId: string | null = null): Actor =>
  ({ userId, name: 'x', residentId, via: 'session', grants: [{ role, regionPath, organisationId: null }] });

describe('credited minutes', () => {
  it('is the whole minutes between check-in and check-out, at most the cap', () => {
    expect(creditedMinutes(at(9), at(10, 30), 120)).toBe(90);
    expect(creditedMinutes(at(9), at(13), 120)).toBe(120);
    expect(creditedMinutes(at(9), new Date(at(9).getTime() + 59_999), 120)).toBe(0);
  });
  it('is nothing without both times or with them the wrong way round', () => {
    expect(creditedMinutes(null, at(10), 120)).toBe(0);
    expect(creditedMinutes(at(9), null, 120)).toBe(0);
    expect(creditedMinutes(at(10), at(9), 120)).toBe(0);
  });
});

describe('who reviews a record', () => {
  const rec = { recordedBy: 'u1', residentId: 'p1', regionPath: '510108001001001' };
  it('never the recorder nor the volunteer; a reviewer of the region otherwise', () => {
    expect(selfReview(staff('community_secretary', '510108001001', 'u1'), rec)).toBe(true);
    expect(selfReview(staff('community_secretary', '510108001001', 'u2', 'p1'), rec)).toBe(true);
    expect(mayReviewRecord(staff('community_secretary', '510108001001', 'u2'), rec)).toBe(true);
    expect(mayReviewRecord(staff('community_secretary', '510108001002', 'u2'), rec)).toBe(false);
    expect(mayReviewRecord(staff('grid_worker', '510108001001', 'u2'), rec)).toBe(false);
  });
  it('caps are set from a district up', () => {
    expect(mayConfigureCaps(staff('district_officer', '510108'))).toBe(true);
    expect(mayConfigureCaps(staff('system_admin', null))).toBe(true);
    expect(mayConfigureCaps(staff('community_secretary', '510108001001'))).toBe(false);
    expect(communityPathOf('510108001001001001')).toBe('510108001001');
  });
});

describe('star levels', () => {
  it('counts the thresholds reached by approved minutes, on the default and a district’s own ladder', () => {
    expect(starFor(0, DEFAULT_STAR_HOURS)).toBe(0);
    expect(starFor(100 * 60 - 1, DEFAULT_STAR_HOURS)).toBe(0);
    expect(starFor(100 * 60, DEFAULT_STAR_HOURS)).toBe(1);
    expect(starFor(1500 * 60, DEFAULT_STAR_HOURS)).toBe(5);
    expect(starFor(60 * 60, [50, 80, 120, 200, 300])).toBe(1);
  });
});
