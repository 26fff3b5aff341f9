import { describe, expect, it } from 'vitest';
import { MAX_BOUNDARY_POSITIONS, bboxOf, containsPoint, isValidLatLng, validateBoundary, type Polygonal } from './geo.ts';

/** A closed axis-aligned rectangle ring, counter-clockwise, [lng, lat]. */
const rect = (minLng: number, minLat: number, maxLng: number, maxLat: number): number[][] => [
  [minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat],
];

// Around Chunxi Road, Chengdu: a 0.02° square with a 0.01° hole in the middle.
const SQUARE_WITH_HOLE: Polygonal = {
  type: 'Polygon',
  coordinates: [rect(104.07, 30.65, 104.09, 30.67), rect(104.075, 30.655, 104.085, 30.665).reverse()],
};
const TRIANGLE: Polygonal = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [0, 4], [0, 0]]] };
const TWO_ISLANDS: Polygonal = {
  type: 'MultiPolygon',
  coordinates: [[rect(0, 0, 1, 1)], [rect(2, 2, 3, 3), rect(2.4, 2.4, 2.6, 2.6)]],
};

describe('isValidLatLng', () => {
  it.each([[0, 0], [30.66, 104.08], [90, 180], [-90, -180], [-33.9, 151.2]])('accepts lat %s lng %s', (lat, lng) => {
    expect(isValidLatLng(lat, lng)).toBe(true);
  });

  it.each([
    [90.0001, 0], [-90.0001, 0], [0, 180.0001], [0, -180.0001], [Number.NaN, 0], [0, Number.NaN],
    [Number.POSITIVE_INFINITY, 0], [0, Number.NEGATIVE_INFINITY],
  ])('rejects lat %s lng %s', (lat, lng) => {
    expect(isValidLatLng(lat, lng)).toBe(false);
  });

  it('rejects non-numbers at run time (query strings arrive as text)', () => {
    expect(isValidLatLng('30' as unknown as number, 104)).toBe(false);
    expect(isValidLatLng(30, null as unknown as number)).toBe(false);
  });
});

describe('validateBoundary', () => {
  it('accepts a Polygon, keeping its coordinates', () => {
    expect(validateBoundary(SQUARE_WITH_HOLE)).toEqual({ ok: true, geometry: SQUARE_WITH_HOLE });
  });

  it('accepts a MultiPolygon', () => {
    expect(validateBoundary(TWO_ISLANDS)).toEqual({ ok: true, geometry: TWO_ISLANDS });
  });

  it('unwraps a Feature and drops properties, bbox, altitude and foreign members', () => {
    const feature = {
      type: 'Feature',
      properties: { name: '春熙路网格' },
      bbox: [0, 0, 4, 4],
      geometry: { type: 'Polygon', coordinates: [[[0, 0, 500], [4, 0, 500], [0, 4, 500], [0, 0, 500]]], crs: 'x' },
    };
    expect(validateBoundary(feature)).toEqual({ ok: true, geometry: TRIANGLE });
  });

  it('does not mutate its input', () => {
    const input = { type: 'Polygon', coordinates: [[[0, 0, 1], [4, 0, 1], [0, 4, 1], [0, 0, 1]]] };
    const copy = structuredClone(input);
    validateBoundary(input);
    expect(input).toEqual(copy);
  });

  it('accepts either winding order', () => {
    const cw = { type: 'Polygon', coordinates: [[[0, 0], [0, 4], [4, 0], [0, 0]]] };
    expect(validateBoundary(cw).ok).toBe(true);
  });

  it('accepts the extreme valid coordinates', () => {
    expect(validateBoundary({ type: 'Polygon', coordinates: [rect(-180, -90, 180, 90)] }).ok).toBe(true);
  });

  it.each([
    ['null', null, 'not_geometry'],
    ['a string', 'Polygon', 'not_geometry'],
    ['an array', [[0, 0]], 'not_geometry'],
    ['an object without type', { coordinates: [] }, 'not_geometry'],
    ['a Feature without geometry', { type: 'Feature', properties: {} }, 'not_geometry'],
    ['a Feature with null geometry', { type: 'Feature', geometry: null }, 'not_geometry'],
    ['a Point', { type: 'Point', coordinates: [104, 30] }, 'type'],
    ['a LineString', { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, 'type'],
    ['a GeometryCollection', { type: 'GeometryCollection', geometries: [TRIANGLE] }, 'type'],
    ['a FeatureCollection', { type: 'FeatureCollection', features: [] }, 'type'],
    ['a Feature wrapping a Point', { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }, 'type'],
    ['lower-case type', { type: 'polygon', coordinates: TRIANGLE.coordinates }, 'type'],
    ['a Polygon without coordinates', { type: 'Polygon' }, 'coordinates'],
    ['a Polygon with no rings', { type: 'Polygon', coordinates: [] }, 'coordinates'],
    ['a Polygon with a non-array ring', { type: 'Polygon', coordinates: ['ring'] }, 'coordinates'],
    ['a MultiPolygon with no polygons', { type: 'MultiPolygon', coordinates: [] }, 'coordinates'],
    ['a MultiPolygon with an empty polygon', { type: 'MultiPolygon', coordinates: [[]] }, 'coordinates'],
    ['a MultiPolygon given Polygon nesting', { type: 'MultiPolygon', coordinates: TRIANGLE.coordinates }, 'position'],
    ['a position with one number', { type: 'Polygon', coordinates: [[[0], [4, 0], [0, 4], [0]]] }, 'position'],
    ['a position with four numbers', { type: 'Polygon', coordinates: [[[0, 0, 0, 0], [4, 0], [0, 4], [0, 0]]] }, 'position'],
    ['a string number', { type: 'Polygon', coordinates: [[['0', 0], [4, 0], [0, 4], ['0', 0]]] }, 'position'],
    ['NaN', { type: 'Polygon', coordinates: [[[Number.NaN, 0], [4, 0], [0, 4], [0, 0]]] }, 'position'],
    ['Infinity', { type: 'Polygon', coordinates: [[[0, 0], [Number.POSITIVE_INFINITY, 0], [0, 4], [0, 0]]] }, 'position'],
    ['a non-finite altitude', { type: 'Polygon', coordinates: [[[0, 0, Number.NaN], [4, 0], [0, 4], [0, 0]]] }, 'position'],
    ['longitude 181', { type: 'Polygon', coordinates: [rect(179, 0, 181, 1)] }, 'out_of_range'],
    ['latitude -91', { type: 'Polygon', coordinates: [rect(0, -91, 1, 0)] }, 'out_of_range'],
    ['[lat, lng] swapped beyond range', { type: 'Polygon', coordinates: [rect(30, 104, 31, 105)] }, 'out_of_range'],
    ['a 3-position ring', { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [0, 0]]] }, 'ring_too_short'],
    ['an empty ring', { type: 'Polygon', coordinates: [[]] }, 'ring_too_short'],
    ['an open ring', { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4]]] }, 'ring_not_closed'],
    ['a ring closed on one axis only', { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 1]]] }, 'ring_not_closed'],
    ['an open hole', { type: 'Polygon', coordinates: [rect(0, 0, 4, 4), [[1, 1], [2, 1], [2, 2], [1, 2]]] }, 'ring_not_closed'],
    ['a flat ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [2, 2], [0, 0]]] }, 'ring_degenerate'],
    ['a repeated point', { type: 'Polygon', coordinates: [[[1, 1], [1, 1], [1, 1], [1, 1]]] }, 'ring_degenerate'],
    ['a bad ring in the second polygon', { type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], [[[2, 2], [3, 2], [2, 2]]]] }, 'ring_too_short'],
  ])('rejects %s', (_label, input, reason) => {
    expect(validateBoundary(input)).toEqual({ ok: false, reason });
  });

  // probe fixes (org): self-overlapping and self-intersecting shapes were stored (201). (A symmetric
  // bow-tie encloses no signed area and was already refused as ring_degenerate.)
  it.each([
    ['a bow-tie ring', { type: 'Polygon', coordinates: [[[0, 0], [4, 4], [4, 0], [0, 2], [0, 0]]] }, 'self_intersection'],
    ['a bow-tie ring inside a MultiPolygon', { type: 'MultiPolygon', coordinates: [[rect(5, 5, 6, 6)], [[[0, 0], [4, 4], [4, 0], [0, 2], [0, 0]]]] }, 'self_intersection'],
    ['a hole crossing its shell', { type: 'Polygon', coordinates: [rect(0, 0, 4, 4), rect(3, 1, 5, 2)] }, 'self_intersection'],
    ['a hole outside its shell', { type: 'Polygon', coordinates: [rect(0, 0, 1, 1), rect(2, 2, 3, 3)] }, 'hole_outside_shell'],
    ['a hole outside its shell, in a MultiPolygon', { type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1), rect(5, 5, 6, 6)]] }, 'hole_outside_shell'],
    ['two overlapping parts', { type: 'MultiPolygon', coordinates: [[rect(0, 0, 0.01, 0.01)], [rect(0.005, 0.005, 0.015, 0.015)]] }, 'parts_overlap'],
    ['a part inside another', { type: 'MultiPolygon', coordinates: [[rect(0, 0, 0.01, 0.01)], [rect(0.002, 0.002, 0.003, 0.003)]] }, 'parts_overlap'],
    ['the same part twice', { type: 'MultiPolygon', coordinates: [[rect(0, 0, 0.01, 0.01)], [rect(0, 0, 0.01, 0.01)]] }, 'parts_overlap'],
  ])('rejects %s', (_label, input, reason) => {
    expect(validateBoundary(input)).toEqual({ ok: false, reason });
  });

  it('accepts parts that touch, a part inside another part’s hole, and a hole touching its shell', () => {
    expect(validateBoundary({ type: 'MultiPolygon', coordinates: [[rect(0, 0, 0.01, 0.01)], [rect(0.01, 0, 0.02, 0.01)]] }).ok).toBe(true);
    expect(validateBoundary({ type: 'MultiPolygon', coordinates: [[rect(0, 0, 0.01, 0.01), rect(0.002, 0.002, 0.008, 0.008)], [rect(0.004, 0.004, 0.006, 0.006)]] }).ok).toBe(true);
    expect(validateBoundary({ type: 'Polygon', coordinates: [rect(0, 0, 4, 4), [[0, 2], [1, 1], [1, 3], [0, 2]]] }).ok).toBe(true);
    expect(validateBoundary(SQUARE_WITH_HOLE).ok).toBe(true);
    expect(validateBoundary(TWO_ISLANDS).ok).toBe(true);
  });

  it('rejects more than MAX_BOUNDARY_POSITIONS positions, counted across rings and polygons', () => {
    const ringOf = (n: number) => {
      const r: number[][] = [];
      for (let i = 0; i < n - 1; i++) {
        const a = (2 * Math.PI * i) / (n - 1);
        r.push([Math.cos(a), Math.sin(a)]);
      }
      r.push(r[0]!);
      return r;
    };
    const half = MAX_BOUNDARY_POSITIONS / 2;
    // The second circle lies beside the first (parts of a MultiPolygon may not overlap).
    const beside = (r: number[][]) => r.map(([x, y]) => [x! + 3, y!]);
    expect(validateBoundary({ type: 'MultiPolygon', coordinates: [[ringOf(half)], [beside(ringOf(half))]] }).ok).toBe(true);
    expect(validateBoundary({ type: 'MultiPolygon', coordinates: [[ringOf(half)], [beside(ringOf(half + 1))]] })).toEqual({
      ok: false,
      reason: 'too_many_positions',
    });
  }, 60_000); // validates ~100,000 positions: seconds on a busy machine, so no 5 s default
});

describe('bboxOf', () => {
  it('boxes a polygon', () => {
    expect(bboxOf(SQUARE_WITH_HOLE)).toEqual({ minLng: 104.07, minLat: 30.65, maxLng: 104.09, maxLat: 30.67 });
    expect(bboxOf(TRIANGLE)).toEqual({ minLng: 0, minLat: 0, maxLng: 4, maxLat: 4 });
  });

  it('boxes all parts of a multipolygon', () => {
    expect(bboxOf(TWO_ISLANDS)).toEqual({ minLng: 0, minLat: 0, maxLng: 3, maxLat: 3 });
  });

  it('handles negative coordinates', () => {
    expect(bboxOf({ type: 'Polygon', coordinates: [rect(-74.1, -40.5, -73.9, -40.2)] })).toEqual({
      minLng: -74.1, minLat: -40.5, maxLng: -73.9, maxLat: -40.2,
    });
  });
});

describe('containsPoint', () => {
  it('finds points inside a polygon, taking latitude first', () => {
    expect(containsPoint(SQUARE_WITH_HOLE, 30.652, 104.072)).toBe(true);
    expect(containsPoint(SQUARE_WITH_HOLE, 30.668, 104.088)).toBe(true);
  });

  it('does not confuse lat and lng', () => {
    expect(containsPoint(TRIANGLE, 3, 0.5)).toBe(true);
    expect(containsPoint({ type: 'Polygon', coordinates: [rect(0, 0, 4, 1)] }, 3, 0.5)).toBe(false);
    expect(containsPoint({ type: 'Polygon', coordinates: [rect(0, 0, 4, 1)] }, 0.5, 3)).toBe(true);
  });

  it('excludes points outside', () => {
    expect(containsPoint(SQUARE_WITH_HOLE, 30.64, 104.08)).toBe(false);
    expect(containsPoint(SQUARE_WITH_HOLE, 30.66, 104.1)).toBe(false);
    expect(containsPoint(TRIANGLE, 3, 3)).toBe(false); // inside the bbox, beyond the hypotenuse
  });

  it('excludes points in a hole', () => {
    expect(containsPoint(SQUARE_WITH_HOLE, 30.66, 104.08)).toBe(false);
    expect(containsPoint(TWO_ISLANDS, 2.5, 2.5)).toBe(false);
  });

  it('counts points on the outer edge and at vertices as inside', () => {
    expect(containsPoint(TRIANGLE, 0, 2)).toBe(true); // bottom edge
    expect(containsPoint(TRIANGLE, 2, 0)).toBe(true); // left edge
    expect(containsPoint(TRIANGLE, 2, 2)).toBe(true); // hypotenuse
    expect(containsPoint(TRIANGLE, 0, 0)).toBe(true); // vertex
    expect(containsPoint(TRIANGLE, 4, 0)).toBe(true); // vertex
    expect(containsPoint(SQUARE_WITH_HOLE, 30.65, 104.08)).toBe(true);
  });

  it('counts points on the edge of a hole as inside', () => {
    expect(containsPoint(SQUARE_WITH_HOLE, 30.655, 104.08)).toBe(true);
    expect(containsPoint(TWO_ISLANDS, 2.4, 2.5)).toBe(true);
  });

  it('just outside an edge is outside', () => {
    expect(containsPoint(TRIANGLE, 2.000001, 2)).toBe(false);
    expect(containsPoint(TRIANGLE, -0.000001, 2)).toBe(false);
  });

  it('checks every polygon of a multipolygon', () => {
    expect(containsPoint(TWO_ISLANDS, 0.5, 0.5)).toBe(true);
    expect(containsPoint(TWO_ISLANDS, 2.2, 2.8)).toBe(true);
    expect(containsPoint(TWO_ISLANDS, 1.5, 1.5)).toBe(false); // between the islands
    expect(containsPoint(TWO_ISLANDS, 1, 0.5)).toBe(true); // on the first island's edge
  });

  it('gives the same answer for either winding order', () => {
    const cw: Polygonal = { type: 'Polygon', coordinates: [[...TRIANGLE.coordinates[0]!].reverse()] };
    for (const [lat, lng] of [[1, 1], [3, 3], [0, 2], [2, 2]] as const) {
      expect(containsPoint(cw, lat, lng)).toBe(containsPoint(TRIANGLE, lat, lng));
    }
  });

  it('works on what validateBoundary returns from a Feature', () => {
    const v = validateBoundary({ type: 'Feature', properties: null, geometry: SQUARE_WITH_HOLE });
    if (!v.ok) throw new Error(v.reason);
    expect(containsPoint(v.geometry, 30.652, 104.072)).toBe(true);
    expect(containsPoint(v.geometry, 30.66, 104.08)).toBe(false);
  });

  it('is false for invalid coordinates', () => {
    const world: Polygonal = { type: 'Polygon', coordinates: [rect(-180, -90, 180, 90)] };
    expect(containsPoint(world, 0, 0)).toBe(true);
    expect(containsPoint(world, Number.NaN, 0)).toBe(false);
    expect(containsPoint(world, 91, 0)).toBe(false);
    expect(containsPoint(world, 0, 181)).toBe(false);
  });
});
