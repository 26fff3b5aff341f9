/**
 * Grid boundaries as GeoJSON (RFC 7946): positions are [longitude, latitude] in WGS 84. The API
 * stores them as JSON with a bounding box beside them, so "which grid is this point in" is an
 * indexed box query followed by an exact test here.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { area } from '@turf/area';
import { intersection, type Geom } from 'polyclip-ts';

/** A polygon or multi-polygon geometry: the shapes a boundary may take. */
export type Polygonal =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** An axis-aligned box in degrees. */
export type BBox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

/** Why a boundary was refused; stable codes for the API to translate. */
export type BoundaryProblem =
  | 'not_geometry' // not an object with a supported `type`
  | 'type' // a geometry or Feature of another type (Point, LineString, GeometryCollection …)
  | 'coordinates' // coordinates missing or not nested as the type requires
  | 'position' // a position is not 2 or 3 finite numbers
  | 'out_of_range' // longitude outside [-180, 180] or latitude outside [-90, 90]
  | 'ring_too_short' // a ring has fewer than 4 positions
  | 'ring_not_closed' // a ring's last position differs from its first
  | 'ring_degenerate' // a ring encloses no area (all positions on one line)
  | 'too_many_positions' // over MAX_BOUNDARY_POSITIONS
  | 'self_intersection' // two edges of one polygon cross (a bow-tie ring, or a hole crossing its shell)
  | 'hole_outside_shell' // a hole (inner ring) lies outside its polygon's outer ring
  | 'parts_overlap'; // two polygons of a MultiPolygon cover common ground

/**
 * The most positions one boundary may have. A city street's outline needs a few thousand; the cap
 * keeps one careless upload from making every point lookup in its area slow.
 */
export const MAX_BOUNDARY_POSITIONS = 100_000;

/** Result of {@link validateBoundary}. */
export type BoundaryCheck = { ok: true; geometry: Polygonal } | { ok: false; reason: BoundaryProblem };

type Pos = [number, number];

/** A failure carried out of the nested walk; cheaper to read than threading results through. */
class Refused extends Error {
  readonly reason: BoundaryProblem;
  constructor(reason: BoundaryProblem) {
    super(reason);
    this.reason = reason;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when lat/lng are finite numbers in range (latitude ±90°, longitude ±180°). */
export function isValidLatLng(lat: number, lng: number): boolean {
  return (
    typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) &&
    lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180
  );
}

/** Validates one position and keeps [lng, lat]: altitude, if given, means nothing for a boundary. */
function position(p: unknown): Pos {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) throw new Refused('position');
  if (!p.every((n) => typeof n === 'number' && Number.isFinite(n))) throw new Refused('position');
  const [lng, lat] = p as number[];
  if (!isValidLatLng(lat!, lng!)) throw new Refused('out_of_range');
  return [lng!, lat!];
}

/** Twice the signed area of a closed ring (shoelace formula); zero means no area at all. */
function doubledArea(ring: Pos[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum;
}

/** Validates a linear ring: closed, at least 4 positions, enclosing some area. */
function ring(r: unknown, budget: { left: number }): Pos[] {
  if (!Array.isArray(r)) throw new Refused('coordinates');
  budget.left -= r.length;
  if (budget.left < 0) throw new Refused('too_many_positions');
  const out = r.map(position);
  if (out.length < 4) throw new Refused('ring_too_short');
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) throw new Refused('ring_not_closed');
  if (doubledArea(out) === 0) throw new Refused('ring_degenerate');
  return out;
}

/** Validates a polygon: an outer ring, then any holes, no edge crossing another, every hole inside the shell. */
function polygon(p: unknown, budget: { left: number }): Pos[][] {
  if (!Array.isArray(p) || p.length === 0) throw new Refused('coordinates');
  const rings = p.map((r) => ring(r, budget));
  if (edgesCross(rings)) throw new Refused('self_intersection');
  // No edge crosses, so a hole is wholly inside its shell or wholly outside: one vertex off the
  // shell's line tells which (a vertex on the line counts as inside, as a hole may touch its shell).
  const shell: Polygonal = { type: 'Polygon', coordinates: [rings[0]!] };
  for (const hole of rings.slice(1)) {
    if (hole.some(([lng, lat]) => !booleanPointInPolygon([lng, lat], shell))) throw new Refused('hole_outside_shell');
  }
  return rings;
}

/** One edge of a ring, with its box, for the sweep in {@link edgesCross}. */
interface Edge { a: Pos; b: Pos; minX: number; maxX: number; minY: number; maxY: number }

/** Which side of the line p→q the point r is on: positive left, negative right, zero on it. */
const orient = (p: Pos, q: Pos, r: Pos) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));

/**
 * True when two edges of the rings cross each other at a point inside both (a proper crossing): a
 * bow-tie ring, or a hole's edge through its shell. Edges that only meet at a vertex (neighbours in a
 * ring, a hole touching its shell) do not count. A sweep over the edges sorted by west end compares
 * only edges whose boxes overlap in longitude, so an ordinary outline costs little more than linear.
 */
function edgesCross(rings: Pos[][]): boolean {
  const edges: Edge[] = [];
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i++) {
      const a = r[i]!;
      const b = r[i + 1]!;
      edges.push({ a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]), minY: Math.min(a[1], b[1]), maxY: Math.max(a[1], b[1]) });
    }
  }
  edges.sort((x, y) => x.minX - y.minX);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    for (let j = i + 1; j < edges.length && edges[j]!.minX <= e.maxX; j++) {
      const f = edges[j]!;
      if (f.minY > e.maxY || f.maxY < e.minY) continue;
      const o1 = orient(e.a, e.b, f.a);
      const o2 = orient(e.a, e.b, f.b);
      const o3 = orient(f.a, f.b, e.a);
      const o4 = orient(f.a, f.b, e.b);
      if (o1 * o2 < 0 && o3 * o4 < 0) return true;
    }
  }
  return false;
}

/**
 * Square metres two parts of a MultiPolygon may share and still count as apart: floating-point
 * clipping leaves slivers where parts share an edge (the same tolerance idea as geoContainment's).
 */
const PART_OVERLAP_FLOOR_M2 = 1;
/** The share of the smaller part's area an overlap may take (geoContainment's SLIVER_SHARE). */
const PART_OVERLAP_SHARE = 0.005;

/**
 * True when two parts of a MultiPolygon cover common ground: a MultiPolygon's parts must be
 * disjoint (they may touch), or the same ground would be counted twice and could hide a region
 * drawn over itself. Only parts whose boxes overlap are clipped.
 */
function partsOverlap(parts: Pos[][][]): boolean {
  const boxes = parts.map((p) => bboxOf({ type: 'Polygon', coordinates: p }));
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (!(a.minLng < b.maxLng && b.minLng < a.maxLng && a.minLat < b.maxLat && b.minLat < a.maxLat)) continue;
      const common = area({ type: 'MultiPolygon', coordinates: intersection(parts[i] as Geom, parts[j] as Geom) as number[][][][] });
      const smaller = Math.min(area({ type: 'Polygon', coordinates: parts[i]! }), area({ type: 'Polygon', coordinates: parts[j]! }));
      if (common > smaller * PART_OVERLAP_SHARE + PART_OVERLAP_FLOOR_M2) return true;
    }
  }
  return false;
}

/**
 * Validates a boundary: a Polygon, a MultiPolygon, or a Feature wrapping one. Every ring must be
 * closed with at least 4 positions of finite, in-range [lng, lat] and must enclose some area; no
 * two edges of a polygon may cross (a bow-tie ring, a hole through its shell), every hole must lie
 * inside its shell, and the parts of a MultiPolygon must not overlap (a point inside two parts, or
 * outside the shell but "inside" a hole, has no clear answer, and area sums would count ground twice).
 * Returns a clean geometry (only `type` and `coordinates`; altitudes, `bbox`, `properties` and
 * foreign members dropped) so nothing unvetted is stored. Winding order is not enforced (RFC 7946
 * asks parsers not to reject on it).
 */
export function validateBoundary(input: unknown): BoundaryCheck {
  try {
    let geometry: unknown = input;
    if (isObject(input) && input.type === 'Feature') geometry = input.geometry;
    if (!isObject(geometry) || typeof geometry.type !== 'string') throw new Refused('not_geometry');
    const budget = { left: MAX_BOUNDARY_POSITIONS };
    if (geometry.type === 'Polygon') {
      return { ok: true, geometry: { type: 'Polygon', coordinates: polygon(geometry.coordinates, budget) } };
    }
    if (geometry.type === 'MultiPolygon') {
      const c = geometry.coordinates;
      if (!Array.isArray(c) || c.length === 0) throw new Refused('coordinates');
      const parts = c.map((p) => polygon(p, budget));
      if (partsOverlap(parts)) throw new Refused('parts_overlap');
      return { ok: true, geometry: { type: 'MultiPolygon', coordinates: parts } };
    }
    throw new Refused('type');
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.reason };
    throw e;
  }
}

/** Every position of a geometry, holes included. */
function* positions(g: Polygonal): Generator<number[]> {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) for (const r of poly) yield* r;
}

/**
 * The bounding box of a geometry. Boundaries crossing the antimeridian are not handled (no
 * Chinese region does); the box of an empty geometry is all Infinity/-Infinity.
 */
export function bboxOf(g: Polygonal): BBox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const [lng, lat] of positions(g)) {
    if (lng! < minLng) minLng = lng!;
    if (lng! > maxLng) maxLng = lng!;
    if (lat! < minLat) minLat = lat!;
    if (lat! > maxLat) maxLat = lat!;
  }
  return { minLng, minLat, maxLng, maxLat };
}

/**
 * True when the point lies inside the geometry. Points in a hole are outside; points exactly on any
 * edge (outer ring or hole) count as inside, so a resident standing on a grid line is placed in
 * some grid rather than none. Note the argument order, latitude first as people say it; GeoJSON
 * itself is [lng, lat]. An invalid lat/lng is never inside.
 */
export function containsPoint(g: Polygonal, lat: number, lng: number): boolean {
  if (!isValidLatLng(lat, lng)) return false;
  return booleanPointInPolygon([lng, lat], g);
}
