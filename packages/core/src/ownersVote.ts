/**
 * The owners' assembly (业主大会) tally under the Civil Code, art. 278, and the Supreme People's
 * Court interpretation on 建筑物区分所有权 (art. 8–9), as a pure function the API and the web share.
 *
 * - Quorum: owners holding at least two thirds of the exclusive floor area AND at least two thirds
 *   of the owners take part. "以上" includes the bound (art. 1259), so exactly 2/3 is enough.
 * - Items 6–8 of art. 278 ("special") pass with at least three quarters of the participating area
 *   AND of the participating owners; every other item ("ordinary") with strictly more than half of
 *   both ("过半数"). Nothing passes without a quorum.
 * - One owner of several units counts once, with the sum of their areas; all the developer's unsold
 *   units are one `ownerId`, so they count once too. Abstentions take part but do not approve.
 * - Who that one owner is comes from {@link groupUnitsByOwners}: a unit's co-owners are its one
 *   owner, and two units are the same owner only when their SETS of owners are equal (art. 9 counts
 *   each exclusive unit as one owner; only one buyer's several units, or the developer's unsold
 *   ones, count as one). Units are never chained through a shared co-owner.
 * - Areas are integer hundredths of a square metre (bigint); every comparison is an integer
 *   cross-multiplication, so no fraction is ever rounded.
 */

/** How an owner voted. */
export const OWNERS_VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type OwnersVoteChoice = (typeof OWNERS_VOTE_CHOICES)[number];

/** Majority kind: `special` is art. 278 items 6–8, everything else is `ordinary`. */
export type OwnersVoteMatter = 'ordinary' | 'special';

/** The nine kinds of matter of Civil Code art. 278, in the article's order. */
export const ASSEMBLY_MATTER_KINDS = [
  'rules_of_procedure', // 1 制定和修改业主大会议事规则
  'management_rules', // 2 制定和修改管理规约
  'owners_committee', // 3 选举业主委员会或者更换业主委员会成员
  'property_manager', // 4 选聘和解聘物业服务企业或者其他管理人
  'use_maintenance_fund', // 5 使用建筑物及其附属设施的维修资金
  'raise_maintenance_fund', // 6 筹集建筑物及其附属设施的维修资金
  'rebuild', // 7 改建、重建建筑物及其附属设施
  'change_common_use', // 8 改变共有部分的用途或者利用共有部分从事经营活动
  'other_major', // 9 有关共有和共同管理权利的其他重大事项
] as const;
export type AssemblyMatterKind = (typeof ASSEMBLY_MATTER_KINDS)[number];

const SPECIAL_KINDS: ReadonlySet<AssemblyMatterKind> = new Set(['raise_maintenance_fund', 'rebuild', 'change_common_use']);

/** Which majority a kind of matter needs: items 6–8 are special, the rest ordinary. */
export function matterMajority(kind: AssemblyMatterKind): OwnersVoteMatter {
  return SPECIAL_KINDS.has(kind) ? 'special' : 'ordinary';
}

/** A unit as the registry holds it; `area` in m², a decimal string with at most two places. */
export interface OwnersVoteUnit { unitId: string; ownerId: string; area: string }
/** One owner's ballot. */
export interface OwnersVoteBallot { ownerId: string; choice: OwnersVoteChoice }
export interface OwnersVoteInput { units: OwnersVoteUnit[]; ballots: OwnersVoteBallot[]; matter: OwnersVoteMatter }
/** A headcount and an area ("1234.50", always two places). */
export interface OwnersAndArea { owners: number; area: string }
export interface OwnersVoteResult {
  eligible: OwnersAndArea;
  participating: OwnersAndArea;
  for: OwnersAndArea;
  quorumMet: boolean;
  passed: boolean;
}

/** Why the input was refused. */
export type OwnersVoteErrorCode =
  | 'MALFORMED_AREA' // not a plain non-negative decimal with at most two places
  | 'DUPLICATE_UNIT' // one unitId listed twice
  | 'MALFORMED_INPUT' // a missing or non-string id, a matter other than ordinary/special, not an array
  | 'INVALID_CHOICE' // a choice other than for/against/abstain
  | 'UNKNOWN_OWNER' // a ballot from an ownerId that owns no unit
  | 'DUPLICATE_BALLOT'; // two ballots from one owner

/** A typed refusal of the tally's input; `code` is stable, `detail` names the offending id. */
export class OwnersVoteError extends Error {
  readonly code: OwnersVoteErrorCode;
  readonly detail: string | undefined;
  constructor(code: OwnersVoteErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'OwnersVoteError';
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Strict area syntax: ASCII digits, optionally a point and one or two digits ("89", "89.3",
 * "89.37", "0"). Refused: signs ("-1", "+1"), whitespace (" 1"), exponents ("1e3"), grouping
 * commas, bare points ("89.", ".5"), three or more places, empty strings and non-strings. The tally
 * is an evidence computation, so anything a registry export could mean two ways is refused rather
 * than guessed; the lenient `parseHundredths` is for forms typed by people.
 */
const AREA = /^(\d+)(?:\.(\d{1,2}))?$/;

/** A value in an error message, whatever its type (JSON.stringify throws on a bigint). */
function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : `${typeof v} ${String(v)}`;
}

/** Parses an area string into integer hundredths of a m² (bigint), or throws MALFORMED_AREA. */
export function parseArea(area: unknown, unitId?: string): bigint {
  const m = typeof area === 'string' ? AREA.exec(area) : null;
  if (!m) {
    throw new OwnersVoteError('MALFORMED_AREA', `malformed area ${describe(area)}${unitId ? ` for unit ${unitId}` : ''}`, unitId);
  }
  return BigInt(m[1]! + (m[2] ?? '').padEnd(2, '0'));
}

/** Formats hundredths of a m² as "1234.50" (always two places, no grouping). */
export function formatArea(hundredths: bigint): string {
  const digits = hundredths.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Totals in integers, before formatting. */
export interface OwnersVoteTotals {
  eligibleOwners: number; eligibleArea: bigint;
  participatingOwners: number; participatingArea: bigint;
  forOwners: number; forArea: bigint;
}

/** `3·part ≥ 2·eligible` for both headcount and area; never met with nobody eligible. */
export function quorumReached(t: OwnersVoteTotals): boolean {
  if (t.eligibleOwners === 0) return false;
  return 3n * t.participatingArea >= 2n * t.eligibleArea
    && 3 * t.participatingOwners >= 2 * t.eligibleOwners;
}

/** Whether the matter passes: quorum, then ≥ 3/4 (special) or > 1/2 (ordinary) of both measures. */
export function majorityReached(t: OwnersVoteTotals, matter: OwnersVoteMatter): boolean {
  if (!quorumReached(t)) return false;
  if (matter === 'special') {
    return 4n * t.forArea >= 3n * t.participatingArea && 4 * t.forOwners >= 3 * t.participatingOwners;
  }
  return 2n * t.forArea > t.participatingArea && 2 * t.forOwners > t.participatingOwners;
}

/**
 * How many more owners and how much more area must take part for the quorum: the smallest
 * `part` with `3·part ≥ 2·eligible` is ⌈2·eligible / 3⌉. Zero once reached; with nobody
 * eligible there is no quorum to reach and both are zero (`quorumReached` stays false).
 */
export function quorumShortfall(t: Pick<OwnersVoteTotals, 'eligibleOwners' | 'eligibleArea' | 'participatingOwners' | 'participatingArea'>): { owners: number; area: bigint } {
  const needOwners = Math.ceil((2 * t.eligibleOwners) / 3); // exact: small integers
  const needArea = (2n * t.eligibleArea + 2n) / 3n; // ⌈2a/3⌉ in integers
  const owners = Math.max(0, needOwners - t.participatingOwners);
  const area = needArea > t.participatingArea ? needArea - t.participatingArea : 0n;
  return { owners, area };
}

function requireId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new OwnersVoteError('MALFORMED_INPUT', `${what} must be a non-empty string`);
  }
  return value;
}

/** Adds up the input in integers, validating it; throws {@link OwnersVoteError}. */
export function countOwnersVote(input: OwnersVoteInput): OwnersVoteTotals {
  if (!input || !Array.isArray(input.units) || !Array.isArray(input.ballots)) {
    throw new OwnersVoteError('MALFORMED_INPUT', 'units and ballots must be arrays');
  }
  const areaByOwner = new Map<string, bigint>();
  const seenUnits = new Set<string>();
  for (const unit of input.units) {
    const unitId = requireId(unit?.unitId, 'unitId');
    const ownerId = requireId(unit.ownerId, 'ownerId');
    if (seenUnits.has(unitId)) throw new OwnersVoteError('DUPLICATE_UNIT', `unit ${unitId} is listed twice`, unitId);
    seenUnits.add(unitId);
    const area = parseArea(unit.area, unitId);
    areaByOwner.set(ownerId, (areaByOwner.get(ownerId) ?? 0n) + area);
  }
  let eligibleArea = 0n;
  for (const a of areaByOwner.values()) eligibleArea += a;

  const voted = new Set<string>();
  let participatingArea = 0n;
  let forArea = 0n;
  let forOwners = 0;
  for (const ballot of input.ballots) {
    const ownerId = requireId(ballot?.ownerId, 'ballot ownerId');
    if (!(OWNERS_VOTE_CHOICES as readonly unknown[]).includes(ballot.choice)) {
      throw new OwnersVoteError('INVALID_CHOICE', `invalid choice ${describe(ballot.choice)} from ${ownerId}`, ownerId);
    }
    const area = areaByOwner.get(ownerId);
    if (area === undefined) throw new OwnersVoteError('UNKNOWN_OWNER', `owner ${ownerId} owns no unit`, ownerId);
    if (voted.has(ownerId)) throw new OwnersVoteError('DUPLICATE_BALLOT', `owner ${ownerId} voted twice`, ownerId);
    voted.add(ownerId);
    participatingArea += area;
    if (ballot.choice === 'for') { forOwners += 1; forArea += area; }
  }
  return {
    eligibleOwners: areaByOwner.size, eligibleArea,
    participatingOwners: voted.size, participatingArea,
    forOwners, forArea,
  };
}

/**
 * Tallies an owners' assembly vote on one matter. Validates everything before counting and throws
 * an {@link OwnersVoteError} with a stable `code` for: a malformed area (see {@link parseArea}), a
 * unit listed twice, a ballot from an ownerId that owns no unit, two ballots from one owner, an
 * unknown choice, or a missing id / unknown matter.
 */
export function tallyOwnersVote(input: OwnersVoteInput): OwnersVoteResult {
  if (input?.matter !== 'ordinary' && input?.matter !== 'special') {
    throw new OwnersVoteError('MALFORMED_INPUT', `matter must be "ordinary" or "special"`);
  }
  const t = countOwnersVote(input);
  const quorumMet = quorumReached(t);
  return {
    eligible: { owners: t.eligibleOwners, area: formatArea(t.eligibleArea) },
    participating: { owners: t.participatingOwners, area: formatArea(t.participatingArea) },
    for: { owners: t.forOwners, area: formatArea(t.forArea) },
    quorumMet,
    passed: quorumMet && majorityReached(t, input.matter),
  };
}

/**
 * The key of the owner a unit counts for: its set of owners (distinct, sorted, joined by "+"), so the
 * same person or persons always give the same key, whatever order the registry lists them in.
 * Throws MALFORMED_INPUT for no owner, or an empty or "+"-containing id.
 */
export function ownerSetKey(owners: readonly string[]): string {
  if (!Array.isArray(owners) || owners.length === 0) throw new OwnersVoteError('MALFORMED_INPUT', 'a unit needs at least one owner');
  const set = new Set<string>();
  for (const o of owners) {
    const id = requireId(o, 'owner id');
    if (id.includes('+')) throw new OwnersVoteError('MALFORMED_INPUT', `owner id ${describe(id)} contains "+"`, id);
    set.add(id);
  }
  return [...set].sort().join('+');
}

/** The owners of a key made by {@link ownerSetKey}. */
export const ownersOfKey = (key: string): string[] => key.split('+');

/**
 * Groups units into voting owners under SPC interpretation art. 9: one exclusive unit is one owner;
 * one buyer's several units (or the developer's unsold ones, all held by the developer) are one
 * owner. Two units belong to the same owner exactly when their sets of owners are equal: A+B's
 * flat and B+C's flat are two owners, never merged through B; A's own flat and A+B's flat are two
 * owners too. Returns the units under each {@link ownerSetKey}, in first-seen order.
 */
export function groupUnitsByOwners<U extends { owners: readonly string[] }>(units: readonly U[]): Map<string, U[]> {
  const groups = new Map<string, U[]>();
  for (const u of units) {
    const key = ownerSetKey(u.owners);
    const g = groups.get(key);
    if (g) g.push(u); else groups.set(key, [u]);
  }
  return groups;
}
