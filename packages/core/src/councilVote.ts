/**
 * Council (议事会) decision rules: quorum of members and the majority a motion needs. One member one
 * vote; every count is a whole number, so the comparisons are done in integers by cross-multiplying
 * (no fractions, no floating point).
 */

/** How many of the seated members must sign in: more than half (过半数), or at least two thirds. */
export const COUNCIL_QUORUMS = ['more_than_half', 'two_thirds'] as const;
export type CouncilQuorum = (typeof COUNCIL_QUORUMS)[number];

/**
 * What a motion needs to pass, counted against the members present (签到): a simple majority is
 * more than half of them voting for; two thirds is at least two thirds voting for. Abstaining, voting
 * against and not voting all fail to approve.
 */
export const COUNCIL_MAJORITIES = ['simple', 'two_thirds'] as const;
export type CouncilMajority = (typeof COUNCIL_MAJORITIES)[number];

/** A count that is not a non-negative safe integer. */
export class CouncilCountError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CouncilCountError';
  }
}

function count(name: string, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new CouncilCountError(`${name} must be a non-negative integer: ${n}`);
  return n;
}

/** True when `a/b` of `whole` is met: `part * b >= whole * a` (or strictly more with `strict`). */
function share(part: number, whole: number, a: number, b: number, strict: boolean): boolean {
  const lhs = BigInt(part) * BigInt(b);
  const rhs = BigInt(whole) * BigInt(a);
  return strict ? lhs > rhs : lhs >= rhs;
}

/**
 * Whether enough members are present to decide anything. A council with no seated members never
 * has a quorum.
 * @throws CouncilCountError for counts that are not non-negative integers, or more present than seated.
 */
export function councilQuorumReached(input: { seated: number; present: number; rule: CouncilQuorum }): boolean {
  const seated = count('seated', input.seated);
  const present = count('present', input.present);
  if (present > seated) throw new CouncilCountError(`present (${present}) exceeds seated (${seated})`);
  if (seated === 0) return false;
  return input.rule === 'two_thirds' ? share(present, seated, 2, 3, false) : share(present, seated, 1, 2, true);
}

/** The votes cast on one motion, and how many members were present when it was put. */
export interface MotionCount {
  present: number;
  for: number;
  against: number;
  abstain: number;
}

/** The outcome of a motion. */
export interface MotionResult {
  passed: boolean;
  /** Members present who cast no vote (counted as not approving). */
  notVoting: number;
  /** The smallest number of votes for that would have passed it. */
  needed: number;
}

/**
 * Decides a motion: passed when the votes for reach the majority of the members present. Needs at
 * least one member present.
 * @throws CouncilCountError for counts that are not non-negative integers, or more votes than members present.
 */
export function decideMotion(c: MotionCount, majority: CouncilMajority): MotionResult {
  const present = count('present', c.present);
  const cast = count('for', c.for) + count('against', c.against) + count('abstain', c.abstain);
  if (cast > present) throw new CouncilCountError(`${cast} votes cast but only ${present} members present`);
  // Smallest n with n > present/2, or with 3n >= 2·present.
  const needed = majority === 'two_thirds' ? Math.max(1, Math.ceil((2 * present) / 3)) : Math.floor(present / 2) + 1;
  const passed = present > 0 && (majority === 'two_thirds' ? share(c.for, present, 2, 3, false) : share(c.for, present, 1, 2, true));
  return { passed, notVoting: present - cast, needed };
}

/** The members that still have to sign in for a quorum (0 when it is reached). */
export function membersShortOfQuorum(seated: number, present: number, rule: CouncilQuorum): number {
  for (let extra = 0; present + extra <= seated; extra++) {
    if (councilQuorumReached({ seated, present: present + extra, rule })) return extra;
  }
  return seated - present + 1;
}
