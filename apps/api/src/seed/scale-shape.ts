import type { Polygonal, RegionLevel } from '@gongzhi/core';

/** The three sizes `gongzhi seed --scale` knows. */
export const SCALES = ['street', 'district', 'city'] as const;
export type Scale = (typeof SCALES)[number];

/**
 * How many of each level a scale has. Counts are totals for the whole scale and are spread as evenly
 * as integers allow over the parents (Chengdu: 3,045 grids over 3,000 communities means 45 communities
 * with two grids), so the totals come out exactly.
 */
export interface ScaleShape {
  seed: number;
  districts: number; streets: number; communities: number; grids: number; microgrids: number;
  /** Micro-grid workers (微网格员), each with an account bound to one micro-grid. */
  workers: number;
  /** Flats per micro-grid building, before vacancies: 30–100 households live in each. */
  flats: [number, number];
  occupancy: number;
}

export const SCALE_SHAPES: Record<Scale, ScaleShape> = {
  // A dense street of about 300,000 residents: what the embedded database must carry.
  street: { seed: 20261201, districts: 1, streets: 1, communities: 12, grids: 45, microgrids: 1_750, workers: 2_040, flats: [33, 108], occupancy: 0.92 },
  // One district: 13 streets, about a million residents.
  district: { seed: 20261202, districts: 1, streets: 13, communities: 150, grids: 152, microgrids: 6_000, workers: 7_000, flats: [33, 108], occupancy: 0.92 },
  // Chengdu (docs/domain.md): 3,045 grids, 120,000 micro-grids, 140,000 workers, ~21 million people.
  city: { seed: 20261203, districts: 20, streets: 260, communities: 3_000, grids: 3_045, microgrids: 120_000, workers: 140_000, flats: [33, 108], occupancy: 0.92 },
};

/** Chengdu's twenty county-level divisions with their national codes; a single-district scale uses 成华区. */
export const CHENGDU_DISTRICTS: [string, string][] = [
  ['510108', '成华区'], ['510104', '锦江区'], ['510105', '青羊区'], ['510106', '金牛区'], ['510107', '武侯区'],
  ['510112', '龙泉驿区'], ['510113', '青白江区'], ['510114', '新都区'], ['510115', '温江区'], ['510116', '双流区'],
  ['510117', '郫都区'], ['510118', '新津区'], ['510121', '金堂县'], ['510129', '大邑县'], ['510131', '蒲江县'],
  ['510181', '都江堰市'], ['510182', '彭州市'], ['510183', '邛崃市'], ['510184', '崇州市'], ['510185', '简阳市'],
];

const STREET_ROOTS = [
  '猛追湾', '府青路', '双桥子', '跳蹬河', '保和', '青龙', '龙潭', '白莲池', '万年场', '二仙桥', '建设路', '双水碾', '驷马桥',
  '合作', '犀浦', '红光', '春熙路', '书院街', '合江亭', '牛市口', '东光', '狮子山', '成龙路', '柳江', '府南', '草市街',
  '西御河', '少城', '抚琴', '营门口', '茶店子', '九里堤', '沙湾', '荷花池', '浆洗街', '望江路', '玉林', '簇桥', '红牌楼',
  '晋阳', '华兴', '芳草街', '桂溪', '石羊', '中和', '大源', '永丰', '金花', '簇锦', '机投', '文家', '苏坡', '光华', '黄田坝',
];
const PLACE_PREFIX = ['锦绣', '望江', '府河', '玉双', '水岸', '东郊', '龙潭', '青龙', '桂溪', '保和', '金沙', '蜀都', '天府', '华阳', '浣花',
  '芙蓉', '银杏', '红星', '星河', '翡翠', '锦城', '西岭', '南湖', '北湖', '凤凰', '麓山', '紫荆', '玉林', '万福', '新鸿', '杉板', '八里'];
const COMPOUND_SUFFIX = ['花园', '小区', '苑', '新村', '家园', '华庭', '雅居', '公寓', '名城', '新居', '丽景', '嘉园', '院落', '南苑', '北苑'];
const COMMUNITY_SUFFIX = ['', '东', '西', '南', '北', '新', '中'];
const ROADS = ['路', '街', '大道', '巷'];
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The i-th of `count` items spread over `parts` parents: how many the parent `p` gets (Bresenham). */
export function share(count: number, parts: number, p: number): number {
  return Math.floor(((p + 1) * count) / parts) - Math.floor((p * count) / parts);
}

/** Street name for the k-th street of the city (unique within a city of up to 378 streets). */
export function streetName(k: number): string {
  const root = STREET_ROOTS[k % STREET_ROOTS.length]!;
  const round = Math.floor(k / STREET_ROOTS.length);
  return `${root}${round ? COMMUNITY_SUFFIX[round % COMMUNITY_SUFFIX.length] : ''}街道`;
}

/** Community name for the k-th community of the city. */
export function communityName(k: number): string {
  const prefix = PLACE_PREFIX[k % PLACE_PREFIX.length]!;
  const mid = STREET_ROOTS[Math.floor(k / PLACE_PREFIX.length) % STREET_ROOTS.length]!.slice(0, 1);
  const round = Math.floor(k / (PLACE_PREFIX.length * STREET_ROOTS.length));
  return `${prefix}${mid}${round ? ORDINALS[round % ORDINALS.length] : ''}社区`;
}

/** Residential compound (小区) name for the k-th grid, plus its street address. */
export function compound(k: number): { name: string; address: string } {
  const prefix = PLACE_PREFIX[(k * 7) % PLACE_PREFIX.length]!;
  const suffix = COMPOUND_SUFFIX[k % COMPOUND_SUFFIX.length]!;
  const phase = Math.floor(k / (PLACE_PREFIX.length * COMPOUND_SUFFIX.length));
  const name = `${prefix}${suffix}${phase ? `${ORDINALS[phase % ORDINALS.length]}期` : ''}`;
  const road = `${STREET_ROOTS[(k * 11) % STREET_ROOTS.length]!}${ROADS[k % ROADS.length]!}`;
  return { name, address: `${road}${(k % 300) + 1}号${name}` };
}

/** A rectangle in degrees; boundaries are GeoJSON polygons built from them. */
export interface Box { lat0: number; lng0: number; lat1: number; lng1: number }

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The GeoJSON polygon ([lng, lat] order) of a box. */
export function polygonOf(b: Box): Polygonal {
  const [a, c, d, e] = [round6(b.lat0), round6(b.lng0), round6(b.lat1), round6(b.lng1)];
  return { type: 'Polygon', coordinates: [[[c, a], [e, a], [e, d], [c, d], [c, a]]] };
}

/** Splits a box into `n` near-square cells, row by row; child `i` gets cell `i`. */
export function cell(b: Box, n: number, i: number): Box {
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const r = Math.floor(i / cols), c = i % cols;
  const h = (b.lat1 - b.lat0) / rows, w = (b.lng1 - b.lng0) / cols;
  return { lat0: b.lat0 + h * r, lng0: b.lng0 + w * c, lat1: b.lat0 + h * (r + 1), lng1: b.lng0 + w * (c + 1) };
}

/** The whole map: about Chengdu's extent, so points land where the city is. */
export const CITY_BOX: Box = { lat0: 30.1, lng0: 103.4, lat1: 31.2, lng1: 104.7 };
/** The single-district scales use a box around 成华区. */
export const DISTRICT_BOX: Box = { lat0: 30.64, lng0: 104.06, lat1: 30.72, lng1: 104.16 };

/** A region as the generator emits it. */
export interface ScaleRegion { id: string; parentId: string | null; level: RegionLevel; code: string; name: string; box: Box; districtCode: string }

const seg = (n: number) => String(n).padStart(3, '0');
/** A child's code: the parent's plus a 3-digit sequence (1-based), as in the national scheme. */
export const childCode = (parent: string, n: number) => parent + seg(n + 1);
