/**
 * Whether a region's boundary fits the tree: inside its parent's ground and clear of its siblings'.
 * A grid drawn over another community's ground would otherwise win the point lookup there (the
 * deepest region containing a point wins), and that community's new requests, with the reporter's
 * name and phone, would go to the intruder.
 *
 * Tolerance, and why: boundaries are drawn by hand on a map, so two neighbours' shared edge is
 * rarely digitised twice to the same centimetre, and polygon clipping in floating point leaves
 * slivers of a few square millimetres even where edges coincide. A sliver one metre wide along a
 * 500 m edge is 500 m², 0.2 % of a 500 × 500 m grid; a grid drawn over a neighbour's compound is
 * tens of percent. So the part of a child outside its parent may be at most {@link SLIVER_SHARE}
 * (0.5 %) of the child's area, and an overlap with a sibling at most 0.5 % of the SMALLER of the two
 * (so a large region cannot swallow a small neighbour whole within its own 0.5 %), plus
 * {@link SLIVER_FLOOR_M2} (1 m²) for floating-point noise on tiny shapes.
 */
import { area } from '@turf/area';
import { difference, intersection, type Geom } from 'polyclip-ts';
import { bboxOf, type BBox, type Polygonal } from './geo.ts';

/** The share of an area a shared edge's sliver may take without counting as an overlap. */
export const SLIVER_SHARE = 0.005;
/** Square metres always allowed, for floating-point noise in the clipping. */
export const SLIVER_FLOOR_M2 = 1;

/** A region as the containment rule needs it: who it is, for naming it in a refusal. */
export interface BoundaryNeighbour { id: string; code: string; name: string; boundary: Polygonal | null }

/** Why a boundary does not fit; areas in whole square metres. */
export type BoundaryConflict =
  | { kind: 'outside_parent'; outsideM2: number; childM2: number }
  | { kind: 'overlaps_sibling'; sibling: Pick<BoundaryNeighbour, 'id' | 'code' | 'name'>; overlapM2: number }
  | { kind: 'overlaps_region'; region: Pick<BoundaryNeighbour, 'id' | 'code' | 'name'>; overlapM2: number };

/** Geodesic area in m² of a geometry (holes subtracted). */
export function areaM2(g: Polygonal): number {
  return area(g);
}

const coords = (g: Polygonal): Geom => g.coordinates as Geom;
const asMulti = (c: number[][][][]): Polygonal => ({ type: 'MultiPolygon', coordinates: c });
const allowance = (m2: number) => m2 * SLIVER_SHARE + SLIVER_FLOOR_M2;

/** True when two boxes share more than an edge (boxes that only touch hold no common area). */
function boxesOverlap(a: BBox, b: BBox): boolean {
  return a.minLng < b.maxLng && b.minLng < a.maxLng && a.minLat < b.maxLat && b.minLat < a.maxLat;
}

/** Square metres of `child` lying outside `parent`. */
export function outsideArea(child: Polygonal, parent: Polygonal): number {
  return areaM2(asMulti(difference(coords(child), coords(parent))));
}

/** Square metres `a` and `b` have in common (0 at once when their boxes do not overlap). */
export function overlapArea(a: Polygonal, b: Polygonal): number {
  if (!boxesOverlap(bboxOf(a), bboxOf(b))) return 0;
  return areaM2(asMulti(intersection(coords(a), coords(b))));
}

/**
 * The conflicts of a child's boundary with its parent's and its siblings' (pass only active
 * siblings, and not the child itself). A child without a boundary has none; a parent without one
 * sets no limit; a sibling without one overlaps nothing. Empty when the boundary fits.
 */
export function boundaryProblemsAgainst(
  child: Polygonal | null, parent: Polygonal | null, siblings: readonly BoundaryNeighbour[],
): BoundaryConflict[] {
  if (!child) return [];
  const out: BoundaryConflict[] = [];
  const childM2 = areaM2(child);
  if (parent) {
    const outside = outsideArea(child, parent);
    if (outside > allowance(childM2)) out.push({ kind: 'outside_parent', outsideM2: Math.round(outside), childM2: Math.round(childM2) });
  }
  const box = bboxOf(child);
  for (const s of siblings) {
    if (!s.boundary || !boxesOverlap(box, bboxOf(s.boundary))) continue;
    const overlap = overlapArea(child, s.boundary);
    if (overlap > allowance(Math.min(childM2, areaM2(s.boundary)))) {
      out.push({ kind: 'overlaps_sibling', sibling: { id: s.id, code: s.code, name: s.name }, overlapM2: Math.round(overlap) });
    }
  }
  return out;
}

/** A pair of same-level regions whose boundaries overlap, as a whole-tree check reports it. */
export interface SiblingOverlap { a: BoundaryNeighbour; b: BoundaryNeighbour; overlapM2: number }

/**
 * Every overlapping pair among regions of one level (each pair once, in input order), beyond the
 * sliver allowance. A sweep over the boxes sorted by west edge finds the candidates, so a city's
 * 120,000 micro-grids cost no more than their neighbours, and regions that merely touch cost no
 * clipping at all.
 */
export function overlappingSiblings(regions: readonly BoundaryNeighbour[]): SiblingOverlap[] {
  const drawn = regions.flatMap((c, order) => (c.boundary ? [{ c: c as BoundaryNeighbour & { boundary: Polygonal }, order, box: bboxOf(c.boundary), m2: -1 }] : []))
    .sort((x, y) => x.box.minLng - y.box.minLng);
  const out: (SiblingOverlap & { i: number; j: number })[] = [];
  for (let i = 0; i < drawn.length; i++) {
    const a = drawn[i]!;
    for (let j = i + 1; j < drawn.length && drawn[j]!.box.minLng < a.box.maxLng; j++) {
      const b = drawn[j]!;
      if (!boxesOverlap(a.box, b.box)) continue;
      const overlap = areaM2(asMulti(intersection(coords(a.c.boundary), coords(b.c.boundary))));
      if (a.m2 < 0) a.m2 = areaM2(a.c.boundary);
      if (b.m2 < 0) b.m2 = areaM2(b.c.boundary);
      if (overlap <= allowance(Math.min(a.m2, b.m2))) continue;
      const [first, second] = a.order < b.order ? [a, b] : [b, a];
      out.push({ a: first.c, b: second.c, overlapM2: Math.round(overlap), i: first.order, j: second.order });
    }
  }
  return out.sort((x, y) => x.i - y.i || x.j - y.j).map(({ a, b, overlapM2 }) => ({ a, b, overlapM2 }));
}

/**
 * True when one region is the other's ancestor, descendant or itself. Region codes are
 * hierarchical (a child's code is its parent's plus a segment), so that is a prefix test.
 */
export function codesRelated(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * The conflicts of a boundary with drawn regions of OTHER levels that are neither its ancestors nor
 * its descendants (pass only those): each one it overlaps beyond the sliver allowance (0.5 % of the
 * smaller, plus 1 m², as for siblings). A street drawn over a neighbouring street's community would
 * otherwise pass both the parent test (its own district holds it) and the sibling test (the
 * neighbouring street has no boundary to overlap).
 */
export function overlapsUnrelated(child: Polygonal | null, others: readonly BoundaryNeighbour[]): BoundaryConflict[] {
  return boundaryProblemsAgainst(child, null, others).flatMap((c) =>
    c.kind === 'overlaps_sibling' ? [{ kind: 'overlaps_region' as const, region: c.sibling, overlapM2: c.overlapM2 }] : []);
}

/**
 * Every overlapping pair of drawn regions of different levels where neither is the other's ancestor
 * or descendant (each pair once, the shorter code first), beyond the sliver allowance: the
 * whole-tree form of {@link overlapsUnrelated}. Same-level pairs are {@link overlappingSiblings}'.
 * The same sweep over boxes; related pairs are skipped before any clipping.
 */
export function overlappingUnrelated(regions: readonly BoundaryNeighbour[]): SiblingOverlap[] {
  const drawn = regions.flatMap((c) => (c.boundary ? [{ c: c as BoundaryNeighbour & { boundary: Polygonal }, box: bboxOf(c.boundary), m2: -1 }] : []))
    .sort((x, y) => x.box.minLng - y.box.minLng);
  const out: SiblingOverlap[] = [];
  for (let i = 0; i < drawn.length; i++) {
    const a = drawn[i]!;
    for (let j = i + 1; j < drawn.length && drawn[j]!.box.minLng < a.box.maxLng; j++) {
      const b = drawn[j]!;
      if (a.c.code.length === b.c.code.length || codesRelated(a.c.code, b.c.code) || !boxesOverlap(a.box, b.box)) continue;
      const overlap = areaM2(asMulti(intersection(coords(a.c.boundary), coords(b.c.boundary))));
      if (a.m2 < 0) a.m2 = areaM2(a.c.boundary);
      if (b.m2 < 0) b.m2 = areaM2(b.c.boundary);
      if (overlap <= allowance(Math.min(a.m2, b.m2))) continue;
      const [first, second] = a.c.code.length < b.c.code.length ? [a, b] : [b, a];
      out.push({ a: first.c, b: second.c, overlapM2: Math.round(overlap) });
    }
  }
  return out.sort((x, y) => x.a.code.localeCompare(y.a.code) || x.b.code.localeCompare(y.b.code));
}
