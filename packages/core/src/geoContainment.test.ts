import { describe, expect, it } from 'vitest';
import type { Polygonal } from './geo.ts';
import {
  SLIVER_SHARE, areaM2, boundaryProblemsAgainst, codesRelated, outsideArea, overlapArea, overlappingSiblings, overlappingUnrelated, overlapsUnrelated, type BoundaryNeighbour,
} from './geoContainment.ts';

/** A closed axis-aligned rectangle ring, counter-clockwise, [lng, lat]. */
const ring = (minLng: number, minLat: number, maxLng: number, maxLat: number): number[][] => [
  [minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat],
];
const box = (minLng: number, minLat: number, maxLng: number, maxLat: number): Polygonal => ({ type: 'Polygon', coordinates: [ring(minLng, minLat, maxLng, maxLat)] });
const sib = (code: string, boundary: Polygonal | null): BoundaryNeighbour => ({ id: `id-${code}`, code, name: `网格${code}`, boundary });

// A community near 二仙桥, Chengdu: 0.01° × 0.01° (about 950 m × 1,110 m), split into two grids side by side.
const COMMUNITY = box(104.10, 30.66, 104.11, 30.67);
const WEST = box(104.10, 30.66, 104.105, 30.67);
const EAST = box(104.105, 30.66, 104.11, 30.67);
// The neighbouring community to the north.
const NEIGHBOUR = box(104.10, 30.67, 104.11, 30.68);

describe('areaM2', () => {
  it('measures a small square in square metres, and subtracts holes', () => {
    const whole = areaM2(COMMUNITY);
    expect(whole).toBeGreaterThan(1.0e6);
    expect(whole).toBeLessThan(1.1e6);
    const holed: Polygonal = { type: 'Polygon', coordinates: [ring(104.10, 30.66, 104.11, 30.67), ring(104.102, 30.662, 104.104, 30.664).reverse()] };
    expect(areaM2(holed)).toBeCloseTo(whole - areaM2(box(104.102, 30.662, 104.104, 30.664)), -1);
  });
});

describe('boundaryProblemsAgainst: the parent', () => {
  it('accepts a child wholly inside its parent', () => {
    expect(boundaryProblemsAgainst(box(104.102, 30.662, 104.104, 30.664), COMMUNITY, [])).toEqual([]);
  });

  it('accepts a child identical to its parent, and one sharing its parent’s edges', () => {
    expect(boundaryProblemsAgainst(COMMUNITY, COMMUNITY, [])).toEqual([]);
    expect(boundaryProblemsAgainst(WEST, COMMUNITY, [])).toEqual([]);
  });

  it('refuses a child wholly outside its parent (a grid drawn in another community’s ground)', () => {
    const [p] = boundaryProblemsAgainst(box(104.102, 30.672, 104.104, 30.674), COMMUNITY, []);
    expect(p).toMatchObject({ kind: 'outside_parent' });
    expect(p!.kind === 'outside_parent' && p!.outsideM2).toBe(p!.kind === 'outside_parent' && p!.childM2);
  });

  it('refuses a child partly outside, and reports the part outside', () => {
    const child = box(104.105, 30.665, 104.115, 30.67); // half of it east of the community
    const [p] = boundaryProblemsAgainst(child, COMMUNITY, []);
    expect(p?.kind).toBe('outside_parent');
    if (p?.kind !== 'outside_parent') return;
    expect(p.outsideM2 / p.childM2).toBeCloseTo(0.5, 2);
  });

  it('allows a sliver outside within the tolerance, and refuses one just beyond it', () => {
    // The child pokes out eastward by a strip; its width is set so the strip is a share of the child.
    const within = box(104.10, 30.66, 104.11 + 0.01 * SLIVER_SHARE * 0.5, 30.67);
    const beyond = box(104.10, 30.66, 104.11 + 0.01 * SLIVER_SHARE * 2, 30.67);
    expect(boundaryProblemsAgainst(within, COMMUNITY, [])).toEqual([]);
    expect(boundaryProblemsAgainst(beyond, COMMUNITY, [])[0]?.kind).toBe('outside_parent');
  });

  it('checks nothing against a parent without a boundary, and nothing for a child without one', () => {
    expect(boundaryProblemsAgainst(box(0, 0, 1, 1), null, [])).toEqual([]);
    expect(boundaryProblemsAgainst(null, COMMUNITY, [sib('001', WEST)])).toEqual([]);
  });

  it('treats a parent’s hole as outside it', () => {
    const holed: Polygonal = { type: 'Polygon', coordinates: [ring(104.10, 30.66, 104.11, 30.67), ring(104.102, 30.662, 104.104, 30.664).reverse()] };
    expect(boundaryProblemsAgainst(box(104.1022, 30.6622, 104.1038, 30.6638), holed, [])[0]?.kind).toBe('outside_parent');
    expect(boundaryProblemsAgainst(box(104.106, 30.666, 104.108, 30.668), holed, [])).toEqual([]);
  });

  it('handles multipolygons on either side', () => {
    const islands: Polygonal = { type: 'MultiPolygon', coordinates: [[ring(104.10, 30.66, 104.102, 30.662)], [ring(104.108, 30.668, 104.11, 30.67)]] };
    expect(boundaryProblemsAgainst(islands, COMMUNITY, [])).toEqual([]);
    const parentIslands: Polygonal = { type: 'MultiPolygon', coordinates: [[ring(104.10, 30.66, 104.103, 30.663)], [ring(104.107, 30.667, 104.11, 30.67)]] };
    expect(boundaryProblemsAgainst(islands, parentIslands, [])).toEqual([]);
    // The gap between the parent's two islands is outside it.
    expect(boundaryProblemsAgainst(box(104.104, 30.664, 104.106, 30.666), parentIslands, [])[0]?.kind).toBe('outside_parent');
  });
});

describe('boundaryProblemsAgainst: siblings', () => {
  it('accepts siblings sharing an edge', () => {
    expect(boundaryProblemsAgainst(EAST, COMMUNITY, [sib('001', WEST)])).toEqual([]);
  });

  it('refuses a boundary identical to a sibling’s, naming it', () => {
    expect(boundaryProblemsAgainst(WEST, COMMUNITY, [sib('001', WEST), sib('002', null)])).toEqual([
      { kind: 'overlaps_sibling', sibling: { id: 'id-001', code: '001', name: '网格001' }, overlapM2: Math.round(areaM2(WEST)) },
    ]);
  });

  it('refuses a partial overlap, and names every sibling overlapped', () => {
    const middle = box(104.104, 30.662, 104.106, 30.664);
    const problems = boundaryProblemsAgainst(middle, COMMUNITY, [sib('001', WEST), sib('002', EAST)]);
    expect(problems.map((p) => p.kind === 'overlaps_sibling' && p.sibling.code)).toEqual(['001', '002']);
  });

  it('refuses a large child swallowing a small sibling whole, though the small one is under 0.5 % of the large', () => {
    const tiny = box(104.1050, 30.6650, 104.1052, 30.6652); // about 400 m², under 0.5 % of the community
    expect(areaM2(tiny) / areaM2(COMMUNITY)).toBeLessThan(SLIVER_SHARE);
    expect(boundaryProblemsAgainst(COMMUNITY, null, [sib('009', tiny)])[0]?.kind).toBe('overlaps_sibling');
  });

  it('allows a sibling sliver within the tolerance (an edge digitised twice), and refuses one beyond it', () => {
    const within = box(104.105 - 0.005 * SLIVER_SHARE * 0.5, 30.66, 104.11, 30.67);
    const beyond = box(104.105 - 0.005 * SLIVER_SHARE * 2, 30.66, 104.11, 30.67);
    expect(boundaryProblemsAgainst(within, COMMUNITY, [sib('001', WEST)])).toEqual([]);
    expect(boundaryProblemsAgainst(beyond, COMMUNITY, [sib('001', WEST)])[0]?.kind).toBe('overlaps_sibling');
  });

  it('ignores siblings without boundaries, and siblings far away', () => {
    expect(boundaryProblemsAgainst(WEST, null, [sib('002', null), sib('003', NEIGHBOUR), sib('004', box(0, 0, 1, 1))])).toEqual([]);
  });

  it('does not count a sibling’s hole as its ground, and handles multipolygon siblings', () => {
    const donut: Polygonal = { type: 'Polygon', coordinates: [ring(104.10, 30.66, 104.11, 30.67), ring(104.102, 30.662, 104.104, 30.664).reverse()] };
    expect(boundaryProblemsAgainst(box(104.102, 30.662, 104.104, 30.664), COMMUNITY, [sib('001', donut)])).toEqual([]);
    expect(boundaryProblemsAgainst(box(104.101, 30.661, 104.104, 30.664), COMMUNITY, [sib('001', donut)])[0]?.kind).toBe('overlaps_sibling');
    const twoPlots: Polygonal = { type: 'MultiPolygon', coordinates: [[ring(104.10, 30.66, 104.102, 30.662)], [ring(104.108, 30.668, 104.11, 30.67)]] };
    expect(boundaryProblemsAgainst(box(104.103, 30.663, 104.107, 30.667), COMMUNITY, [sib('001', twoPlots)])).toEqual([]);
    expect(boundaryProblemsAgainst(box(104.107, 30.667, 104.109, 30.669), COMMUNITY, [sib('001', twoPlots)])[0]?.kind).toBe('overlaps_sibling');
  });

  it('reports both problems at once', () => {
    const kinds = boundaryProblemsAgainst(box(104.104, 30.665, 104.106, 30.675), COMMUNITY, [sib('001', WEST)]).map((p) => p.kind);
    expect(kinds).toEqual(['outside_parent', 'overlaps_sibling']);
  });
});

describe('outsideArea and overlapArea', () => {
  it('are zero for a contained child and for neighbours that only touch', () => {
    expect(outsideArea(WEST, COMMUNITY)).toBeLessThan(0.01);
    expect(overlapArea(WEST, EAST)).toBeLessThan(0.01);
    expect(overlapArea(COMMUNITY, NEIGHBOUR)).toBe(0);
  });
});

describe('overlappingSiblings', () => {
  it('finds each overlapping pair once, and none among a tiling', () => {
    expect(overlappingSiblings([sib('001', WEST), sib('002', EAST), sib('003', NEIGHBOUR), sib('004', null)])).toEqual([]);
    const pairs = overlappingSiblings([sib('001', WEST), sib('002', EAST), sib('003', WEST), sib('004', box(104.104, 30.661, 104.106, 30.662))]);
    expect(pairs.map((p) => `${p.a.code}-${p.b.code}`)).toEqual(['001-003', '001-004', '002-004', '003-004']);
  });
});

describe('overlappingSiblings against a brute-force check', () => {
  it('finds exactly the pairs that boundaryProblemsAgainst finds pair by pair, in input order', () => {
    // A fixed pseudo-random field of rectangles near Chengdu, some overlapping, some touching.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const regions = Array.from({ length: 60 }, (_, i) => {
      const lng = 104 + Math.floor(rnd() * 20) * 0.001, lat = 30.6 + Math.floor(rnd() * 20) * 0.001;
      const w = (1 + Math.floor(rnd() * 3)) * 0.001, h = (1 + Math.floor(rnd() * 3)) * 0.001;
      return sib(String(i).padStart(3, '0'), i % 13 === 0 ? null : box(lng, lat, lng + w, lat + h));
    });
    const expected: string[] = [];
    for (let i = 0; i < regions.length; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        if (boundaryProblemsAgainst(regions[i]!.boundary, null, [regions[j]!]).length) expected.push(`${regions[i]!.code}-${regions[j]!.code}`);
      }
    }
    expect(expected.length).toBeGreaterThan(10);
    expect(overlappingSiblings(regions).map((p) => `${p.a.code}-${p.b.code}`)).toEqual(expected);
  });
});

// probe fixes (org): a street drawn over a community of a neighbouring street (which has no boundary)
// passed both the parent test and the sibling test.
describe('regions of other levels that are neither ancestors nor descendants', () => {
  // District 510108; street 001 undrawn with its community 001001 = COMMUNITY; street 002 drawn over it.
  const community = sib('510108001001', COMMUNITY);
  const intruder = sib('510108002', box(104.095, 30.655, 104.115, 30.675));
  const ownCommunity = sib('510108002001', box(104.12, 30.66, 104.13, 30.67));

  it('tells ancestors and descendants from the rest by code', () => {
    expect(codesRelated('510108', '510108001001')).toBe(true);
    expect(codesRelated('510108001001', '510108001')).toBe(true);
    expect(codesRelated('510108002', '510108001001')).toBe(false);
  });

  it('refuses an overlap with an unrelated region of another level, naming it', () => {
    expect(overlapsUnrelated(intruder.boundary, [community])).toEqual([
      { kind: 'overlaps_region', region: { id: community.id, code: community.code, name: community.name }, overlapM2: Math.round(areaM2(COMMUNITY)) },
    ]);
  });

  it('allows touching, a sliver, and regions without a boundary', () => {
    expect(overlapsUnrelated(box(104.11, 30.66, 104.12, 30.67), [community])).toEqual([]);
    expect(overlapsUnrelated(box(104.10995, 30.66, 104.12, 30.67), [community])).toEqual([]);
    expect(overlapsUnrelated(intruder.boundary, [sib('510108001001', null)])).toEqual([]);
    expect(overlapsUnrelated(null, [community])).toEqual([]);
  });

  it('finds every unrelated cross-level pair in a tree once, skipping ancestors, descendants and same-level pairs', () => {
    const district = sib('510108', box(104.0, 30.6, 104.2, 30.7));
    const grid = sib('510108001001001', WEST);
    const otherStreet = sib('510108003', box(104.15, 30.6, 104.2, 30.7));
    const found = overlappingUnrelated([grid, intruder, district, community, ownCommunity, otherStreet]);
    expect(found.map((o) => [o.a.code, o.b.code])).toEqual([['510108002', '510108001001'], ['510108002', '510108001001001']]);
  });
});
