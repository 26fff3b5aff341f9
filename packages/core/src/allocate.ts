/**
 * Pro-rata allocation of a whole number of fen over weights (e.g. floor area in 0.01 m²), exactly:
 * the parts always sum to the total, and nobody's part is more than one fen from their exact share.
 *
 * Largest remainder method (Hamilton): everyone first gets the floor of the exact share
 * `total × weight / Σweights`; the fen left over (always fewer than the number of weights) go one
 * each to the largest remainders. Equal remainders are broken by position, earlier index first, so
 * the same inputs always give the same parts — a dividend can be recomputed and checked by anyone.
 */

/** Why an allocation was refused. */
export type AllocationErrorCode =
  | 'ALLOCATION_NEGATIVE_TOTAL'
  | 'ALLOCATION_NEGATIVE_WEIGHT'
  | 'ALLOCATION_NO_WEIGHTS'
  | 'ALLOCATION_ZERO_WEIGHTS'
  | 'ALLOCATION_NOT_BIGINT';

/** Thrown by {@link allocateProRata}; `code` says why, `index` points at the offending weight. */
export class AllocationError extends Error {
  override readonly name = 'AllocationError';
  constructor(
    readonly code: AllocationErrorCode,
    message: string,
    readonly index?: number,
  ) {
    super(message);
  }
}

/**
 * Splits `total` (≥ 0) into parts proportional to `weights` (each ≥ 0, not all zero).
 *
 * Guarantees: the parts sum to `total`; each part is the floor or the ceiling of its exact share
 * (a share that is exact is given exactly); a zero weight gets 0; among equal remainders the
 * earlier index receives the extra fen.
 *
 * @throws AllocationError on a negative total or weight, empty or all-zero weights, or a
 *   non-bigint input.
 */
export function allocateProRata(total: bigint, weights: bigint[]): bigint[] {
  if (typeof total !== 'bigint') throw new AllocationError('ALLOCATION_NOT_BIGINT', 'total must be a bigint');
  if (!Array.isArray(weights) || weights.length === 0) {
    throw new AllocationError('ALLOCATION_NO_WEIGHTS', 'weights must be a non-empty array');
  }
  if (total < 0n) throw new AllocationError('ALLOCATION_NEGATIVE_TOTAL', 'total must not be negative');
  let sum = 0n;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (typeof w !== 'bigint') throw new AllocationError('ALLOCATION_NOT_BIGINT', `weight ${i} must be a bigint`, i);
    if (w < 0n) throw new AllocationError('ALLOCATION_NEGATIVE_WEIGHT', `weight ${i} is negative`, i);
    sum += w;
  }
  if (sum === 0n) throw new AllocationError('ALLOCATION_ZERO_WEIGHTS', 'weights must not all be zero');

  const parts: bigint[] = new Array(weights.length);
  const remainders: bigint[] = new Array(weights.length);
  let given = 0n;
  for (let i = 0; i < weights.length; i++) {
    const product = total * weights[i]!;
    parts[i] = product / sum; // both non-negative: bigint division is the floor
    remainders[i] = product % sum;
    given += parts[i]!;
  }
  let left = total - given; // < weights.length, since each remainder < sum
  if (left === 0n) return parts;

  // Stable order: larger remainder first, then earlier index.
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return a - b;
  });
  for (const i of order) {
    if (left === 0n) break;
    parts[i] = parts[i]! + 1n;
    left -= 1n;
  }
  return parts;
}
