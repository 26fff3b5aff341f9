import { describe, expect, it } from 'vitest';
import { progressOf, weightsSumTo100 } from './delivery.policy.ts';

describe('weighted milestones', () => {
  it('progress is Σ weight × done / 100 in whole percent, rounded down', () => {
    expect(progressOf([])).toBe(0);
    expect(progressOf([{ weight: 30, donePercent: 50 }, { weight: 70, donePercent: 99 }])).toBe(84); // 15 + 69.3
    expect(progressOf([{ weight: 33, donePercent: 100 }, { weight: 33, donePercent: 100 }, { weight: 34, donePercent: 99 }])).toBe(99); // 99.66
    expect(progressOf([{ weight: 100, donePercent: 100 }])).toBe(100);
    expect(progressOf([{ weight: 1, donePercent: 99 }, { weight: 99, donePercent: 0 }])).toBe(0);
  });

  it('weights are whole, positive and sum to exactly 100', () => {
    expect(weightsSumTo100([30, 70])).toBe(true);
    expect(weightsSumTo100([100])).toBe(true);
    expect(weightsSumTo100([30, 60])).toBe(false);
    expect(weightsSumTo100([50, 50.5, -0.5])).toBe(false);
    expect(weightsSumTo100([110, -10])).toBe(false);
    expect(weightsSumTo100([])).toBe(false);
  });
});
