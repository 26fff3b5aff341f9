import { bboxOf, boundaryProblemsAgainst, overlappingSiblings, type BoundaryConflict, type Polygonal, type RegionLevel } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { activeRegions, drawnAncestor, drawnAt, drawnBelow, lockLevel, lockRegions, type RegionRow } from './region.repository.ts';

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
 * Where every parent is drawn the two readings agree. Retired regions hold no ground.
 */

/**
 * Locks what a boundary check reads, for the rest of the transaction: the level's advisory lock
 * (same-level regions under different parents too), then the parent's row and the region's own, in
 * code order. Two concurrent creates of overlapping grids thus run one after the other and the
 * second sees the first; a parent shrinking waits for a child being drawn under it, and the other
 * way round. Returns the rows as locked (fresh).
 */
export async function lockForBoundary(tx: DbOrTx, level: RegionLevel, parentId: string | null, regionId?: string): Promise<{ parent: RegionRow | undefined; region: RegionRow | undefined }> {
  await lockLevel(tx, level);
  const rows = await lockRegions(tx, [parentId, regionId].filter((x): x is string => Boolean(x)));
  return { parent: rows.find((r) => r.id === parentId), region: rows.find((r) => r.id === regionId) };
}

/** Throws the first conflict as its stable error: outside the parent before overlapping a neighbour. */
function refuse(conflicts: BoundaryConflict[], parent: RegionRow | undefined): void {
  const c = conflicts[0];
  if (!c) return;
  const all = conflicts.map((x) => (x.kind === 'outside_parent' ? { kind: x.kind, outsideM2: x.outsideM2 } : { kind: x.kind, code: x.sibling.code, name: x.sibling.name, overlapM2: x.overlapM2 }));
  if (c.kind === 'outside_parent') throw new AppError('REGION_OUTSIDE_PARENT', { parent: parent?.name ?? '', parentCode: parent?.code ?? '', outsideM2: c.outsideM2 }, all);
  throw new AppError('REGION_OVERLAPS_SIBLING', { sibling: c.sibling.name, code: c.sibling.code, siblingId: c.sibling.id, overlapM2: c.overlapM2 }, all);
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
  const neighbours = (await drawnAt(tx, t.level, bboxOf(t.boundary))).filter((s) => s.id !== t.selfId);
  refuse(boundaryProblemsAgainst(t.boundary, parent?.boundary ?? null, neighbours), parent);
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
    await assertBoundaryFits(tx, { boundary: region.boundary, level: region.level, parentCode: parent.code, selfId: region.id });
    return;
  }
  for (const d of nearest(region.code, await drawnBelow(tx, region.code))) {
    await assertBoundaryFits(tx, { boundary: d.boundary, level: d.level, parentCode: parent.code, selfId: d.id });
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
  | { kind: 'overlaps_sibling'; code: string; name: string; siblingCode: string; siblingName: string; overlapM2: number };

/**
 * Every violation among the active regions: each region reaching outside its nearest drawn
 * ancestor, each pair of overlapping same-level regions (once). The same rule and tolerance as the
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
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
