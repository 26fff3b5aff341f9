/**
 * Codes of the organisation tree: district → street → community → grid → micro-grid. A district
 * has its 6-digit national administrative code; every level below appends a 3-digit segment
 * ('001'–'999'), so a code is also the materialised path of its ancestors and scope checks are a
 * prefix match.
 */

/** The levels of the tree, from the top down. */
export const REGION_LEVELS = ['district', 'street', 'community', 'grid', 'microgrid'] as const;
/** One level of the organisation tree. */
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Digits in a code at each level: 6 for a district, then 3 more per level. */
export const CODE_LENGTH: Record<RegionLevel, number> = {
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
  microgrid: 18,
};

/** Level for each code length, the inverse of {@link CODE_LENGTH}. */
const LEVEL_BY_LENGTH: ReadonlyMap<number, RegionLevel> = new Map(REGION_LEVELS.map((l) => [CODE_LENGTH[l], l]));

/** Province-level codes run from 11 (Beijing) to 82 (Macau); anything else is a typo. */
const MIN_PROVINCE = 11;
const MAX_PROVINCE = 82;
const SEGMENT = /^\d{3}$/;

/** The level below `level`, or null for a micro-grid (the leaf). */
export function childLevel(level: RegionLevel): RegionLevel | null {
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1] ?? null;
}

/** The level above `level`, or null for a district (the root). */
export function parentLevel(level: RegionLevel): RegionLevel | null {
  const i = REGION_LEVELS.indexOf(level);
  return i > 0 ? REGION_LEVELS[i - 1]! : null;
}

/** True for a plausible district code: 6 digits, starting with a province code 11–82. */
function isDistrictCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const province = Number(code.slice(0, 2));
  return province >= MIN_PROVINCE && province <= MAX_PROVINCE;
}

/**
 * The level of a well-formed code, or null when it is not one: all digits, a level's length, a
 * plausible district prefix and no '000' segment below it (segment 0 would look like "no child").
 */
export function levelOfCode(code: string): RegionLevel | null {
  if (typeof code !== 'string' || !/^\d+$/.test(code)) return null;
  const level = LEVEL_BY_LENGTH.get(code.length);
  if (!level || !isDistrictCode(code.slice(0, 6))) return null;
  for (let i = 6; i < code.length; i += 3) if (code.slice(i, i + 3) === '000') return null;
  return level;
}

/** The parent's code (the code minus its last segment), or null for a district or a malformed code. */
export function parentCodeOf(code: string): string | null {
  const level = levelOfCode(code);
  return level && level !== 'district' ? code.slice(0, -3) : null;
}

/**
 * The code of a child of `parentCode`. A numeric segment is padded to 3 digits (7 → '007'); a
 * string segment must already be 3 digits, because a short string is more likely a typo than a
 * number meant to be padded.
 * @throws RangeError when the parent is malformed or a micro-grid, or the segment is not 1–999.
 */
export function childCode(parentCode: string, segment: string | number): string {
  const level = levelOfCode(parentCode);
  if (!level) throw new RangeError(`malformed region code: ${String(parentCode)}`);
  if (!childLevel(level)) throw new RangeError(`a ${level} has no children: ${parentCode}`);
  let seg: string;
  if (typeof segment === 'number') {
    if (!Number.isInteger(segment) || segment < 1 || segment > 999) {
      throw new RangeError(`segment must be an integer 1-999: ${segment}`);
    }
    seg = String(segment).padStart(3, '0');
  } else {
    if (typeof segment !== 'string' || !SEGMENT.test(segment) || segment === '000') {
      throw new RangeError(`segment must be three digits 001-999: ${String(segment)}`);
    }
    seg = segment;
  }
  return parentCode + seg;
}

/** Result of {@link checkRegionCode}. */
export type RegionCodeCheck = { ok: true } | { ok: false; reason: 'format' | 'level' | 'parent' };

/**
 * Checks a code for a new or moved region. `format`: not a well-formed code at any level (see
 * {@link levelOfCode}); `level`: well-formed but of another level's length; `parent`: a district
 * given a parent, or a lower level whose code does not extend `parentCode` by exactly one segment.
 */
export function checkRegionCode(level: RegionLevel, code: string, parentCode: string | null): RegionCodeCheck {
  const actual = levelOfCode(code);
  if (!actual) return { ok: false, reason: 'format' };
  if (actual !== level) return { ok: false, reason: 'level' };
  if (level === 'district') return parentCode === null ? { ok: true } : { ok: false, reason: 'parent' };
  return parentCode !== null && code.slice(0, -3) === parentCode ? { ok: true } : { ok: false, reason: 'parent' };
}

/**
 * True when `code` is `ancestorCode` or lies below it. Both must be well-formed: a bare prefix
 * match would let '' or '5101' (half a district) cover regions it does not, and this decides scope.
 */
export function isWithin(code: string, ancestorCode: string): boolean {
  if (!levelOfCode(code) || !levelOfCode(ancestorCode)) return false;
  return code.startsWith(ancestorCode);
}

/**
 * The last segment of a code: 3 digits below district level; a district, the root of its tree,
 * is its own 6-digit segment.
 * @throws RangeError on a malformed code.
 */
export function segmentOf(code: string): string {
  const level = levelOfCode(code);
  if (!level) throw new RangeError(`malformed region code: ${String(code)}`);
  return level === 'district' ? code : code.slice(-3);
}
