import { bboxOf, boundaryProblemsAgainst, validateBoundary, type BoundaryProblem, overlappingSiblings, overlappingUnrelated, overlapsUnrelated, type BoundaryConflict, type Polygonal, type RegionLevel } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { activeRegions, drawnAncestor, drawnAt, drawnBelow, drawnUnrelated, lockBoundaries, lockRegions, type RegionRow } from './region.repository.ts';

/**
 * Region boundaries must tile the tree: a region inside its parent, regions of one level clear of
 * each other. The point locator gives a point to the deepest region containing it, so a grid drawn
 * over a neighbour's ground would take that neighbour's new requests (and the reporters' names and
 * phones). Every write that sets or moves a boundary goes through {@link assertBoundaryFits}, and
 * `gongzhi check-boundaries` runs {@link boundaryViolations} over the whole tree.
 *
 * "Parent" here is the nearest ancestor that HAS a boundary (one without sets no limit of its own,
 * but must not open a gap through which a grid reaches another community); "siblings" are all
 * active regions of the same level, not only those under the same parent, for the same reason.
 * Where every parent is drawn the two readings agree. Beyond its level, a region must also stay clear
 * of every drawn region that is neither its ancestor nor its descendant (a street over a neighbouring
 * street's community, when that street has no boundary). Retired regions hold no ground.
 */

/**
 * Locks what a boundary check reads, for the rest of the transaction: the boundaries' advisory lock
 * (every level: the overlap rule reaches across levels), then the parent's row and the region's own, in
 * code order. Two concurrent creates of overlapping grids thus run one after the other and the
 * second sees the first; a parent shrinking waits for a child being drawn under it, and the other
 * way round. Returns the rows as locked (fresh).
 */
export async function lockForBoundary(tx: DbOrTx, parentId: string | null, regionId?: string): Promise<{ parent: RegionRow | undefined; region: RegionRow | undefined }> {
  // One lock for every level: the overlap rule now reaches across levels (see drawnUnrelated).
  await lockBoundaries(tx);
  const rows = await lockRegions(tx, [parentId, regionId].filter((x): x is string => Boolean(x)));
  return { parent: rows.find((r) => r.id === parentId), region: rows.find((r) => r.id === regionId) };
}

/** Throws the first conflict as its stable error: outside the parent before overlapping a neighbour. */
function refuse(conflicts: BoundaryConflict[], parent: RegionRow | undefined): void {
  const c = conflicts[0];
  if (!c) return;
  const all = conflicts.map((x) => {
    if (x.kind === 'outside_parent') return { kind: x.kind, outsideM2: x.outsideM2 };
    const other = x.kind === 'overlaps_sibling' ? x.sibling : x.region;
    return { kind: x.kind, code: other.code, name: other.name, overlapM2: x.overlapM2 };
  });
  if (c.kind === 'outside_parent') throw new AppError('REGION_OUTSIDE_PARENT', { parent: parent?.name ?? '', parentCode: parent?.code ?? '', outsideM2: c.outsideM2 }, all);
  if (c.kind === 'overlaps_region') throw new AppError('REGION_OVERLAPS_REGION', { other: c.region.name, code: c.region.code, regionId: c.region.id, overlapM2: c.overlapM2 }, all);
  throw new AppError('REGION_OVERLAPS_SIBLING', { sibling: c.sibling.name, code: c.sibling.code, siblingId: c.sibling.id, overlapM2: c.overlapM2 }, all);
}

/** Every code from the district down to `code` itself (a region's ancestors, when `code` is its parent's). */
function prefixes(code: string | null): string[] {
  const out: string[] = [];
  for (let len = 6; code && len <= code.length; len += 3) out.push(code.slice(0, len));
  return out;
}

/** What a boundary check needs to know of the region being written. */
export interface BoundaryTarget {
  boundary: Polygonal | null;
  level: RegionLevel;
  /** The code of the parent it will sit under (null for a district). */
  parentCode: string | null;
  /** An existing region: not its own neighbour; with `children`, its drawn descendants must stay inside. */
  selfId?: string;
  selfCode?: string;
  children?: boolean;
  /**
   * The codes of its ancestors as they will be, when not simply every prefix of `parentCode` (a
   * drawn region deep in a moving subtree: its ancestors inside the subtree keep their old codes).
   */
  ancestors?: string[];
}

/**
 * Refuses a boundary that would not fit (call under {@link lockForBoundary}): outside the nearest
 * drawn ancestor's, or over an active same-level region's. With `children`, the region's nearest
 * drawn descendants must still lie inside it (a parent may not shrink away from them). Nothing to
 * check for a region without a boundary.
 */
export async function assertBoundaryFits(tx: DbOrTx, t: BoundaryTarget): Promise<void> {
  if (!t.boundary) return;
  const parent = t.parentCode ? await drawnAncestor(tx, t.parentCode) : undefined;
  const box = bboxOf(t.boundary);
  const neighbours = (await drawnAt(tx, t.level, box)).filter((s) => s.id !== t.selfId);
  // Other levels: everything drawn in its box but its ancestors and its own subtree (same level is above).
  const unrelated = (await drawnUnrelated(tx, box, t.ancestors ?? prefixes(t.parentCode), t.selfCode))
    .filter((r) => r.id !== t.selfId && r.level !== t.level);
  refuse([...boundaryProblemsAgainst(t.boundary, parent?.boundary ?? null, neighbours), ...overlapsUnrelated(t.boundary, unrelated)], parent);
  if (!t.children || !t.selfCode) return;
  // Only the nearest drawn descendants: deeper ones are held by their own drawn parent.
  for (const child of nearest(t.selfCode, await drawnBelow(tx, t.selfCode))) {
    const [c] = boundaryProblemsAgainst(child.boundary, t.boundary, []);
    if (c?.kind === 'outside_parent') throw new AppError('REGION_CHILD_OUTSIDE', { child: child.name, code: child.code, outsideM2: c.outsideM2 });
  }
}

/**
 * Refuses moving `region` under `parent` unless its ground fits there: its own boundary, or, if it
 * has none, those of its nearest drawn descendants (they keep their ground and move with it).
 */
export async function assertMovedFits(tx: DbOrTx, region: RegionRow, parent: RegionRow): Promise<void> {
  if (region.boundary) {
    await assertBoundaryFits(tx, { boundary: region.boundary, level: region.level, parentCode: parent.code, selfId: region.id, selfCode: region.code });
    return;
  }
  for (const d of nearest(region.code, await drawnBelow(tx, region.code))) {
    // Its ancestors after the move: the new parent's line, then the moving subtree's (old codes).
    const ancestors = [...prefixes(parent.code), ...prefixes(d.code.slice(0, -3)).filter((c) => c.length >= region.code.length)];
    await assertBoundaryFits(tx, { boundary: d.boundary, level: d.level, parentCode: parent.code, selfId: d.id, selfCode: d.code, ancestors });
  }
}

/** The regions of `below` (all under `code`) with no other region of `below` between them and `code`. */
function nearest(code: string, below: RegionRow[]): RegionRow[] {
  const codes = new Set(below.map((b) => b.code));
  return below.filter((d) => {
    for (let len = code.length + 3; len < d.code.length; len += 3) if (codes.has(d.code.slice(0, len))) return false;
    return true;
  });
}

/** One existing violation in the tree. */
export type BoundaryViolation =
  | { kind: 'outside_parent'; code: string; name: string; parentCode: string; parentName: string; outsideM2: number }
  | { kind: 'overlaps_sibling'; code: string; name: string; siblingCode: string; siblingName: string; overlapM2: number }
  | { kind: 'overlaps_region'; code: string; name: string; otherCode: string; otherName: string; overlapM2: number }
  | { kind: 'invalid_shape'; code: string; name: string; reason: BoundaryProblem };

/**
 * Every violation among the active regions: each boundary of an invalid shape, each region reaching
 * outside its nearest drawn ancestor, each pair of overlapping same-level regions (once), each pair of
 * overlapping regions of different levels where neither is the other's ancestor (once). The same rule and tolerance as the
 * writes; for operators to find what was drawn before the rule existed (or bulk-loaded around it).
 */
export async function boundaryViolations(db: DbOrTx): Promise<BoundaryViolation[]> {
  const rows = await activeRegions(db);
  const drawnByCode = new Map(rows.filter((r) => r.boundary).map((r) => [r.code, r]));
  const out: BoundaryViolation[] = [];
  const byLevel = new Map<string, typeof rows>();
  for (const r of rows) {
    const group = byLevel.get(r.level);
    if (group) group.push(r);
    else byLevel.set(r.level, [r]);
    if (!r.boundary) continue;
    // A shape stored before the shape rules (self-crossing rings, overlapping parts, stray holes).
    const shape = validateBoundary(r.boundary);
    if (!shape.ok) out.push({ kind: 'invalid_shape', code: r.code, name: r.name, reason: shape.reason });
    let parent: (typeof rows)[number] | undefined;
    for (let len = r.code.length - 3; len >= 6 && !parent; len -= 3) parent = drawnByCode.get(r.code.slice(0, len));
    if (!parent) continue;
    const [c] = boundaryProblemsAgainst(r.boundary, parent.boundary, []);
    if (c?.kind === 'outside_parent') out.push({ kind: 'outside_parent', code: r.code, name: r.name, parentCode: parent.code, parentName: parent.name, outsideM2: c.outsideM2 });
  }
  for (const group of byLevel.values()) {
    for (const o of overlappingSiblings(group)) {
      out.push({ kind: 'overlaps_sibling', code: o.a.code, name: o.a.name, siblingCode: o.b.code, siblingName: o.b.name, overlapM2: o.overlapM2 });
    }
  }
  for (const o of overlappingUnrelated(rows)) {
    out.push({ kind: 'overlaps_region', code: o.a.code, name: o.a.name, otherCode: o.b.code, otherName: o.b.name, overlapM2: o.overlapM2 });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
