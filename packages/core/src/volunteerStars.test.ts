import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VOLUNTEER_STAR_THRESHOLDS, volunteerStarLevel } from './volunteerStars.ts';

describe('volunteerStarLevel with the default ladder 100/300/600/1000/1500', () => {
  it.each([
    [0, 0], [1, 0], [99, 0], [99.5, 0], [99.999999, 0],
    [100, 1], [100.1, 1], [299.9, 1],
    [300, 2], [599, 2],
    [600, 3], [999.99, 3],
    [1000, 4], [1499.5, 4],
    [1500, 5], [1500.01, 5], [99_999, 5], [Number.MAX_VALUE, 5],
  ])('%s hours → %s stars', (hours, stars) => {
    expect(volunteerStarLevel(hours)).toBe(stars);
  });

  it('treats -0 as 0 hours', () => {
    expect(volunteerStarLevel(-0)).toBe(0);
  });

  it('uses the same thresholds when passed explicitly or left out', () => {
    expect([...VOLUNTEER_STAR_THRESHOLDS]).toEqual([100, 300, 600, 1000, 1500]);
    expect(volunteerStarLevel(650, [100, 300, 600, 1000, 1500])).toBe(3);
    expect(volunteerStarLevel(650, undefined)).toBe(3);
  });
});

describe('volunteerStarLevel with custom thresholds', () => {
  it('counts the thresholds reached', () => {
    expect(volunteerStarLevel(5, [5])).toBe(1);
    expect(volunteerStarLevel(4.99, [5])).toBe(0);
    expect(volunteerStarLevel(10, [1, 2, 3, 10, 11])).toBe(4);
    expect(volunteerStarLevel(0.5, [0.25, 0.5, 0.75])).toBe(2);
  });

  it('an empty ladder gives level 0 for everyone', () => {
    expect(volunteerStarLevel(0, [])).toBe(0);
    expect(volunteerStarLevel(10_000, [])).toBe(0);
  });

  it('a threshold at or below zero is reached by everyone', () => {
    expect(volunteerStarLevel(0, [0, 10])).toBe(1);
    expect(volunteerStarLevel(0, [-5, 0, 5])).toBe(2);
  });
});

describe('volunteerStarLevel refuses bad input with RangeError', () => {
  it.each([-1, -0.0001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -Number.MAX_VALUE])('hours %s', (h) => {
    expect(() => volunteerStarLevel(h)).toThrow(RangeError);
    expect(() => volunteerStarLevel(h, [])).toThrow(RangeError);
  });

  it('hours that are not a number', () => {
    expect(() => volunteerStarLevel('100' as unknown as number)).toThrow(RangeError);
    expect(() => volunteerStarLevel(null as unknown as number)).toThrow(RangeError);
    expect(() => volunteerStarLevel(10n as unknown as number)).toThrow(RangeError);
  });

  it.each([
    [[100, 100]],
    [[300, 100]],
    [[100, 300, 300, 600]],
    [[1, 2, 3, 2]],
    [[100, 300, 600, 1000, 1500, 1400]],
  ])('thresholds not strictly ascending %j', (t) => {
    expect(() => volunteerStarLevel(0, t)).toThrow(RangeError);
    // even when the hours never reach the broken part of the ladder
    expect(() => volunteerStarLevel(50, t)).toThrow(RangeError);
  });

  it.each([
    [[Number.NaN]],
    [[100, Number.POSITIVE_INFINITY]],
    [[Number.NEGATIVE_INFINITY, 100]],
    [[100, Number.NaN, 300]],
    [['100' as unknown as number]],
    [[100, undefined as unknown as number]],
  ])('non-finite thresholds %j', (t) => {
    expect(() => volunteerStarLevel(0, t)).toThrow(RangeError);
  });

  it('thresholds that are not an array', () => {
    expect(() => volunteerStarLevel(0, null as unknown as number[])).toThrow(RangeError);
    expect(() => volunteerStarLevel(0, '100' as unknown as number[])).toThrow(RangeError);
  });
});

describe('volunteerStarLevel (fast-check properties)', () => {
  const ladder = fc
    .uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { maxLength: 8 })
    .map((a) => [...a].sort((x, y) => x - y))
    .filter((a) => a.every((x, i) => i === 0 || x > a[i - 1]!));
  const hours = fc.double({ min: 0, max: 2e6, noNaN: true, noDefaultInfinity: true });

  it('equals the number of thresholds ≤ hours', () => {
    fc.assert(fc.property(hours, ladder, (h, t) => {
      expect(volunteerStarLevel(h, t)).toBe(t.filter((x) => h >= x).length);
    }));
  });

  it('never decreases as hours grow, and stays within 0..length', () => {
    fc.assert(fc.property(hours, hours, ladder, (a, b, t) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const l = volunteerStarLevel(lo, t);
      expect(l).toBeLessThanOrEqual(volunteerStarLevel(hi, t));
      expect(l).toBeGreaterThanOrEqual(0);
      expect(l).toBeLessThanOrEqual(t.length);
    }));
  });

  it('exactly at a threshold counts it, just below does not', () => {
    fc.assert(fc.property(ladder.filter((t) => t.length > 0 && t[0]! > 0), fc.nat(), (t, k) => {
      const i = k % t.length;
      expect(volunteerStarLevel(t[i]!, t)).toBe(i + 1);
      const below = t[i]! - Math.max(1e-6, Math.abs(t[i]!) * 1e-9);
      if (below >= 0 && (i === 0 || below >= t[i - 1]!)) expect(volunteerStarLevel(below, t)).toBe(i);
    }));
  });

  it('throws on any negative hours', () => {
    fc.assert(fc.property(fc.double({ max: -Number.MIN_VALUE, noNaN: true }), (h) => {
      expect(() => volunteerStarLevel(h)).toThrow(RangeError);
    }));
  });
});
