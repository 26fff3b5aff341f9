import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AllocationError, allocateProRata } from './allocate.ts';

/** The exact share as a rational: floor and "is it exact". */
function share(total: bigint, w: bigint, sum: bigint) {
  return { floor: (total * w) / sum, exact: (total * w) % sum === 0n };
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AllocationError);
    return (e as AllocationError).code;
  }
  return undefined;
}

describe('allocateProRata', () => {
  it('splits evenly when it can', () => {
    expect(allocateProRata(300n, [1n, 1n, 1n])).toEqual([100n, 100n, 100n]);
    expect(allocateProRata(0n, [5n, 7n])).toEqual([0n, 0n]);
  });

  it('gives leftover fen to the largest remainders', () => {
    // 100 × (1, 2, 3) / 6 = 16.67, 33.33, 50 → 17, 33, 50
    expect(allocateProRata(100n, [1n, 2n, 3n])).toEqual([17n, 33n, 50n]);
    // 10 over 3, 3, 4: 3, 3, 4 exactly
    expect(allocateProRata(10n, [3n, 3n, 4n])).toEqual([3n, 3n, 4n]);
    // 7 over (1, 1, 1, 1, 3) / 7 → exact
    expect(allocateProRata(7n, [1n, 1n, 1n, 1n, 3n])).toEqual([1n, 1n, 1n, 1n, 3n]);
  });

  it('breaks ties by position, earlier first', () => {
    expect(allocateProRata(1n, [1n, 1n, 1n])).toEqual([1n, 0n, 0n]);
    expect(allocateProRata(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
    expect(allocateProRata(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateProRata(5n, [2n, 1n, 2n, 1n])).toEqual([2n, 1n, 1n, 1n]);
  });

  it('gives zero weights nothing, even with leftovers', () => {
    expect(allocateProRata(1n, [0n, 1n, 1n])).toEqual([0n, 1n, 0n]);
    expect(allocateProRata(10n, [0n, 0n, 3n])).toEqual([0n, 0n, 10n]);
    expect(allocateProRata(1n, [0n, 0n, 1n, 0n])).toEqual([0n, 0n, 1n, 0n]);
  });

  it('handles one weight, huge numbers and a total smaller than the count', () => {
    expect(allocateProRata(12345n, [9n])).toEqual([12345n]);
    const big = 10n ** 30n + 7n;
    const parts = allocateProRata(big, [10n ** 20n, 3n, 10n ** 25n]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(big);
    expect(allocateProRata(2n, [5n, 5n, 5n, 5n, 5n])).toEqual([1n, 1n, 0n, 0n, 0n]);
  });

  it('pays a dividend by floor area (72 m² at ¥4.00/m²)', () => {
    // 7200 = 72.00 m²; 288 × 100 fen over 72 m² + 28 m² with a total of 400 yuan.
    expect(allocateProRata(40_000n, [7_200n, 2_800n])).toEqual([28_800n, 11_200n]);
  });

  it('refuses bad input with a typed code', () => {
    expect(code(() => allocateProRata(-1n, [1n]))).toBe('ALLOCATION_NEGATIVE_TOTAL');
    expect(code(() => allocateProRata(1n, [1n, -1n]))).toBe('ALLOCATION_NEGATIVE_WEIGHT');
    expect(code(() => allocateProRata(0n, [-1n, 2n]))).toBe('ALLOCATION_NEGATIVE_WEIGHT');
    expect(code(() => allocateProRata(1n, []))).toBe('ALLOCATION_NO_WEIGHTS');
    expect(code(() => allocateProRata(1n, [0n, 0n]))).toBe('ALLOCATION_ZERO_WEIGHTS');
    expect(code(() => allocateProRata(0n, [0n]))).toBe('ALLOCATION_ZERO_WEIGHTS');
    expect(code(() => allocateProRata(1 as unknown as bigint, [1n]))).toBe('ALLOCATION_NOT_BIGINT');
    expect(code(() => allocateProRata(1n, [1 as unknown as bigint]))).toBe('ALLOCATION_NOT_BIGINT');
  });

  it('does not modify its input', () => {
    const w = [3n, 1n, 2n];
    allocateProRata(10n, w);
    expect(w).toEqual([3n, 1n, 2n]);
  });

  const weightsArb = fc
    .array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 40 })
    .filter((ws) => ws.some((w) => w > 0n));
  const totalArb = fc.bigInt({ min: 0n, max: 10n ** 12n });

  it('property: parts sum to the total, each within one fen of the exact share', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const parts = allocateProRata(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0n);
        expect(parts).toHaveLength(weights.length);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        parts.forEach((p, i) => {
          const s = share(total, weights[i]!, sum);
          if (s.exact) expect(p).toBe(s.floor);
          else expect(p === s.floor || p === s.floor + 1n).toBe(true);
          if (weights[i] === 0n) expect(p).toBe(0n);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: it is the largest remainder method with earlier-index ties', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const parts = allocateProRata(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0n);
        const rem = weights.map((w) => (total * w) % sum);
        const up = parts.map((p, i) => p - (total * weights[i]!) / sum === 1n);
        // Anyone rounded up has a remainder at least as large as anyone rounded down, and on
        // equal remainders the rounded-up one comes first.
        for (let i = 0; i < parts.length; i++) {
          for (let j = 0; j < parts.length; j++) {
            if (up[i] && !up[j]) {
              expect(rem[i]! >= rem[j]!).toBe(true);
              if (rem[i] === rem[j]) expect(i < j).toBe(true);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: deterministic, and proportional weights give the same parts', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, fc.bigInt({ min: 1n, max: 1000n }), (total, weights, k) => {
        const a = allocateProRata(total, weights);
        expect(allocateProRata(total, [...weights])).toEqual(a);
        expect(allocateProRata(total, weights.map((w) => w * k))).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a larger weight never gets less than a smaller one', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const parts = allocateProRata(total, weights);
        for (let i = 0; i < weights.length; i++) {
          for (let j = 0; j < weights.length; j++) {
            if (weights[i]! > weights[j]!) expect(parts[i]! >= parts[j]!).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
