import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { panelScore } from './panelScore.ts';

describe('panelScore: three or four scores are averaged as they are', () => {
  it.each([
    // (80 + 85 + 90) / 3 = 255 / 3 = 85
    [[80, 85, 90], 85],
    // (70.1 + 70.2 + 70.2) / 3 = 210.5 / 3 = 70.1666… → 70.17
    [[70.1, 70.2, 70.2], 70.17],
    // 5 / 3 = 1.666… → 1.67
    [[1, 2, 2], 1.67],
    // 0.4 / 3 = 0.1333… → 0.13
    [[0.1, 0.1, 0.2], 0.13],
    // 320.1 / 4 = 80.025 exactly → half up → 80.03
    [[80, 80, 80, 80.1], 80.03],
    // 0.1 / 4 = 0.025 → 0.03
    [[0, 0, 0, 0.1], 0.03],
    // 0.3 / 4 = 0.075 → 0.08 (floating point would give 0.07499999…)
    [[0.1, 0.1, 0.1, 0], 0.08],
    // 1.0 / 3 = 0.333… → 0.33 (down)
    [[0.3, 0.3, 0.4], 0.33],
    // 2 / 3 = 0.666… → 0.67
    [[0.6, 0.7, 0.7], 0.67],
    [[0, 0, 0], 0],
    [[100, 100, 100], 100],
    [[100, 100, 100, 100], 100],
    // 299.9 / 3 = 99.9666… → 99.97
    [[100, 100, 99.9], 99.97],
    // 1.5 / 4 = 0.375 → 0.38
    [[0.5, 0.5, 0.5, 0], 0.38],
    // 4 scores are never trimmed: (0 + 100 + 50 + 50) / 4 = 50
    [[0, 100, 50, 50], 50],
    // (60 + 61 + 62 + 64) / 4 = 247 / 4 = 61.75
    [[60, 61, 62, 64], 61.75],
  ])('%j → %s', (scores, expected) => {
    expect(panelScore(scores)).toBe(expected);
  });
});

describe('panelScore: five or more drop one highest and one lowest', () => {
  it.each([
    // drop 0 and 100: (80 + 85 + 90) / 3 = 85
    [[0, 80, 85, 90, 100], 85],
    // drop one 90 and one 70: (70 + 80 + 90) / 3 = 80 — only ONE of each tie is dropped
    [[90, 90, 70, 70, 80], 80],
    // all equal: drop one of each, the rest average the same
    [[75.5, 75.5, 75.5, 75.5, 75.5], 75.5],
    // drop 95.5 and 60: (88.8 + 77.7 + 81.1) / 3 = 247.6 / 3 = 82.5333… → 82.53
    [[88.8, 95.5, 60, 77.7, 81.1], 82.53],
    // six scores: drop 99 and 10, (80 + 81 + 82 + 83.1) / 4 = 326.1 / 4 = 81.525 → 81.53 (half up)
    [[80, 10, 81, 99, 82, 83.1], 81.53],
    // six scores 0, 0, 0.1, 0.1, 0.1, 100 → drop one 0 and 100 → (0 + 0.1 + 0.1 + 0.1) / 4 = 0.075 → 0.08
    [[0, 0, 0.1, 0.1, 0.1, 100], 0.08],
    // seven: drop 99.9 and 0.1, (50 + 60 + 70 + 80 + 90) / 5 = 70
    [[99.9, 50, 60, 0.1, 70, 80, 90], 70],
    // seven: drop 100 and 90, (91 + 92 + 93 + 94 + 95.1) / 5 = 465.1 / 5 = 93.02
    [[100, 91, 92, 93, 94, 95.1, 90], 93.02],
    // eight: drop 100 and 0, (1 + 1 + 1 + 1 + 1 + 1.1) / 6 = 6.1 / 6 = 1.01666… → 1.02
    [[0, 1, 1, 1, 1, 1, 1.1, 100], 1.02],
  ])('%j → %s', (scores, expected) => {
    expect(panelScore(scores)).toBe(expected);
  });

  it('does not modify the scores it is given', () => {
    const scores = [90, 10, 50, 70, 30];
    panelScore(scores);
    expect(scores).toEqual([90, 10, 50, 70, 30]);
  });

  it('accepts -0 as a score of 0', () => {
    expect(panelScore([-0, 0, 0])).toBe(0);
    expect(Object.is(panelScore([-0, -0, -0]), 0)).toBe(true);
  });
});

describe('panelScore refuses bad input with RangeError', () => {
  it.each([[[]], [[80]], [[80, 90]]])('fewer than three scores: %j', (scores) => {
    expect(() => panelScore(scores)).toThrow(RangeError);
  });

  it.each([
    [[-0.1, 50, 50]], [[100.1, 50, 50]], [[50, 50, -1]], [[50, 50, 101]], [[50, 50, 1000]],
  ])('a score outside 0–100: %j', (scores) => {
    expect(() => panelScore(scores)).toThrow(RangeError);
  });

  it.each([
    [[Number.NaN, 50, 50]], [[50, Number.POSITIVE_INFINITY, 50]], [[50, 50, Number.NEGATIVE_INFINITY]],
    [['80' as unknown as number, 50, 50]], [[null as unknown as number, 50, 50]], [[50, 50, undefined as unknown as number]],
  ])('a score that is not a finite number: %j', (scores) => {
    expect(() => panelScore(scores)).toThrow(RangeError);
  });

  it.each([
    [[70.15, 70, 70]], [[70.11, 70, 70]], [[0.01, 0, 0]], [[99.99, 50, 50]], [[50, 50, 50, 50, 33.333]], [[1 / 3, 1, 1]],
  ])('a score with more than one decimal: %j', (scores) => {
    expect(() => panelScore(scores)).toThrow(RangeError);
  });

  it('scores that are not an array', () => {
    expect(() => panelScore(null as unknown as number[])).toThrow(RangeError);
    expect(() => panelScore('80,85,90' as unknown as number[])).toThrow(RangeError);
  });
});

describe('panelScore (fast-check properties)', () => {
  /** A score with at most one decimal, as the literal a person would type (t / 10 is that double). */
  const tenths = fc.integer({ min: 0, max: 1000 });
  const panel = fc.array(tenths, { minLength: 3, maxLength: 40 });

  it('is the trimmed mean rounded half up to hundredths, exactly', () => {
    fc.assert(fc.property(panel, (ts) => {
      const sorted = [...ts].sort((a, b) => a - b);
      const kept = ts.length >= 5 ? sorted.slice(1, -1) : sorted;
      const n = BigInt(kept.length);
      const s = kept.reduce((acc, t) => acc + BigInt(t), 0n);
      const result = panelScore(ts.map((t) => t / 10));
      const h = Math.round(result * 100);
      expect(result).toBe(h / 100);
      // h is the one integer with h − ½ ≤ 10·s/n < h + ½, i.e. 2n·h − n ≤ 20·s < 2n·h + n.
      const H = BigInt(h);
      expect(2n * n * H - n <= 20n * s).toBe(true);
      expect(20n * s < 2n * n * H + n).toBe(true);
    }));
  });

  it('does not depend on the order of the scores', () => {
    fc.assert(fc.property(panel, fc.infiniteStream(fc.nat()), (ts, ks) => {
      const shuffled = ts.map((t) => ({ t, k: ks.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.t);
      expect(panelScore(shuffled.map((t) => t / 10))).toBe(panelScore(ts.map((t) => t / 10)));
    }));
  });

  it('lies between the lowest and the highest score and has at most two decimals', () => {
    fc.assert(fc.property(panel, (ts) => {
      const r = panelScore(ts.map((t) => t / 10));
      expect(r).toBeGreaterThanOrEqual(Math.min(...ts) / 10);
      expect(r).toBeLessThanOrEqual(Math.max(...ts) / 10);
      expect(String(r)).toMatch(/^\d+(\.\d{1,2})?$/);
    }));
  });

  it('adding a 0 and a 100 to a panel of three or four leaves its score unchanged', () => {
    fc.assert(fc.property(fc.array(tenths, { minLength: 3, maxLength: 4 }), (ts) => {
      const scores = ts.map((t) => t / 10);
      expect(panelScore([0, ...scores, 100])).toBe(panelScore(scores));
      expect(panelScore([100, ...scores, 0])).toBe(panelScore(scores));
    }));
  });

  it('refuses any score with two or more decimals', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }).filter((h) => h % 10 !== 0), (h) => {
      expect(() => panelScore([h / 100, 50, 50])).toThrow(RangeError);
    }));
  });
});
