import type { Polygonal, RegionLevel, Role, Tenure } from '@gongzhi/core';
import { newId } from '../platform/db/columns.ts';
import { COMPOUND_NAMES } from './names.ts';
import { householdMembers, type PersonSeed } from './households.ts';
import { Rng } from './random.ts';

/** The shape of a generated city; the demo uses the defaults, larger scales override them. */
export interface CityShape {
  seed: number; districtCode: string; districtName: string; streets: string[]; communitiesPerStreet: number; gridsPerCommunity: number;
  buildingsPerGrid: number; occupancy: number;
}

export const DEMO_SHAPE: CityShape = {
  seed: 20261121, districtCode: '510108', districtName: '成华区', streets: ['猛追湾街道', '府青路街道'],
  communitiesPerStreet: 2, gridsPerCommunity: 3, buildingsPerGrid: 4, occupancy: 0.86,
};
/** One street of about 300,000 residents (360 grids), for benchmarks and `seed --scale street`. */
export const STREET_SHAPE: CityShape = {
  seed: 20261122, districtCode: '510108', districtName: '成华区', streets: ['猛追湾街道'],
  communitiesPerStreet: 12, gridsPerCommunity: 30, buildingsPerGrid: 7, occupancy: 0.9,
};
const COMMUNITY_NAMES = ['望平社区', '香香巷社区', '二仙桥社区', '建设路社区', '双林社区', '东郊社区', '杉板桥社区', '八里社区'];

export interface RegionSeed { id: string; parentId: string | null; level: RegionLevel; code: string; name: string; boundary: Polygonal | null }
export interface BuildingSeed { id: string; regionId: string; regionCode: string; name: string; address: string; floors: number; lat: number; lng: number }
export interface UnitSeed { id: string; buildingId: string; regionId: string; regionCode: string; number: string; floor: number; areaCentiM2: number; use: 'residential' | 'commercial' }
export interface HouseholdSeed { id: string; regionId: string; regionCode: string; unitId: string; address: string; tenure: Tenure; members: (PersonSeed & { id: string })[] }
export interface OwnerSeed { unitId: string; regionCode: string; residentId: string | null; organisationId: string | null }
export interface OrganisationSeed { id: string; kind: string; name: string; regionId: string; regionCode: string; code?: string }
export interface AccountSeed { phone: string; name: string; role: Role; regionId: string | null; organisationId: string | null; residentId: string | null }

export interface City {
  regions: RegionSeed[]; buildings: BuildingSeed[]; units: UnitSeed[]; households: HouseholdSeed[]; owners: OwnerSeed[];
  organisations: OrganisationSeed[]; accounts: AccountSeed[];
}

/** A closed rectangle as a GeoJSON polygon ([lng, lat] order). */
const rect = (lat0: number, lng0: number, lat1: number, lng1: number): Polygonal => ({
  type: 'Polygon', coordinates: [[[lng0, lat0], [lng1, lat0], [lng1, lat1], [lng0, lat1], [lng0, lat0]]],
});
const seg = (n: number) => String(n).padStart(3, '0');
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Generates the demo city from a fixed seed: the tree with boundaries laid out as a map (each
 * community a column of grids), buildings as micro-grids, units with floor areas, households with
 * their members, owners, organisations and one account per role.
 */
export function generateCity(shape: CityShape = DEMO_SHAPE, today = new Date()): City {
  const rng = new Rng(shape.seed);
  const city: City = { regions: [], buildings: [], units: [], households: [], owners: [], organisations: [], accounts: [] };
  const GRID_H = 0.006, GRID_W = 0.009, LAT0 = 30.655, LNG0 = 104.075;
  const colsTotal = shape.streets.length * shape.communitiesPerStreet;
  const district: RegionSeed = {
    id: newId(), parentId: null, level: 'district', code: shape.districtCode, name: shape.districtName,
    boundary: rect(LAT0, LNG0, LAT0 + GRID_H * shape.gridsPerCommunity, LNG0 + GRID_W * colsTotal),
  };
  city.regions.push(district);
  const developer = org(city, 'developer', '蓉城置业有限公司', district);
  let col = 0;
  let compound = 0;
  shape.streets.forEach((streetName, si) => {
    const sLng = LNG0 + GRID_W * col;
    const street = region(city, district, si + 1, 'street', streetName, rect(LAT0, sLng, LAT0 + GRID_H * shape.gridsPerCommunity, sLng + GRID_W * shape.communitiesPerStreet));
    org(city, 'property_company', `${streetName.replace('街道', '')}物业服务有限公司`, street);
    for (let ci = 0; ci < shape.communitiesPerStreet; ci++, col++) {
      const cLng = LNG0 + GRID_W * col;
      const communityName = COMMUNITY_NAMES[col % COMMUNITY_NAMES.length]! + (col >= COMMUNITY_NAMES.length ? `${Math.floor(col / COMMUNITY_NAMES.length) + 1}` : '');
      const community = region(city, street, ci + 1, 'community', communityName, rect(LAT0, cLng, LAT0 + GRID_H * shape.gridsPerCommunity, cLng + GRID_W));
      for (let gi = 0; gi < shape.gridsPerCommunity; gi++, compound++) {
        const lat0 = LAT0 + GRID_H * gi;
        const name = COMPOUND_NAMES[compound % COMPOUND_NAMES.length]! + (compound >= COMPOUND_NAMES.length ? `${Math.floor(compound / COMPOUND_NAMES.length) + 1}期` : '');
        const grid = region(city, community, gi + 1, 'grid', `${name}网格`, rect(lat0, cLng, lat0 + GRID_H, cLng + GRID_W));
        const w = GRID_W / shape.buildingsPerGrid;
        for (let bi = 0; bi < shape.buildingsPerGrid; bi++) {
          const bLng = cLng + w * bi;
          const micro = region(city, grid, bi + 1, 'microgrid', `${name}${bi + 1}栋微网格`, rect(lat0, bLng, lat0 + GRID_H, bLng + w));
          building(city, rng, shape, micro, `${name}`, bi + 1, { lat: round6(lat0 + GRID_H / 2), lng: round6(bLng + w / 2) }, developer, today);
        }
      }
    }
  });
  const streets = city.regions.filter((r) => r.level === 'street');
  const communities = city.regions.filter((r) => r.level === 'community');
  // Departments carry the service catalogue's department codes, so big matters route to them.
  const departments: [string, string][] = [
    ['chengguan', '区城市管理局'], ['zhujian', '区住房和城乡建设局'], ['minzheng', '区民政局'], ['shizheng', '区市政工程管理中心'],
    ['huanwei', '区环境卫生管理所'], ['gongan', '成华公安分局'], ['jiaoguan', '成华交警大队'], ['weijian', '区卫生健康局'],
    ['shichang', '区市场监督管理局'], ['utilities', '区水电气公共服务中心'], ['huanjing', '区生态环境局'], ['renshe', '区人力资源和社会保障局'],
    ['jiaoyu', '区教育局'],
  ];
  for (const [code, name] of departments) org(city, 'department', name, district, code);
  const socialA = org(city, 'social_org', '成华区益民社会工作服务中心', district);
  org(city, 'social_org', `${communities[0]!.name}志愿者协会`, communities[0]!);
  org(city, 'resident_unit', '成都市第四十九中学', streets[0]!);
  org(city, 'resident_unit', '国网成华供电服务中心', streets[1] ?? streets[0]!);
  const partner = org(city, 'enterprise', `${communities[1]?.name ?? communities[0]!.name}便民服务社`, communities[1] ?? communities[0]!);
  accounts(city, district, streets[0]!, communities[0]!, socialA, partner);
  return city;
}

function region(city: City, parent: RegionSeed, n: number, level: RegionLevel, name: string, boundary: Polygonal): RegionSeed {
  const r: RegionSeed = { id: newId(), parentId: parent.id, level, code: parent.code + seg(n), name, boundary };
  city.regions.push(r);
  return r;
}

function org(city: City, kind: string, name: string, at: RegionSeed, code?: string): OrganisationSeed {
  const o = { id: newId(), kind, name, regionId: at.id, regionCode: at.code, ...(code ? { code } : {}) };
  city.organisations.push(o);
  return o;
}

function building(city: City, rng: Rng, shape: CityShape, micro: RegionSeed, compound: string, no: number, at: { lat: number; lng: number }, developer: OrganisationSeed, today: Date) {
  const floors = rng.int(8, 12);
  const b: BuildingSeed = { id: newId(), regionId: micro.id, regionCode: micro.code, name: `${no}栋`, address: `${compound}${no}栋`, floors, ...at };
  city.buildings.push(b);
  const perFloor = rng.int(2, 3);
  const heads: string[] = [];
  const vacantOrLet: { unit: UnitSeed; tenant: boolean }[] = [];
  for (let stair = 1; stair <= 2; stair++) {
    for (let floor = 1; floor <= floors; floor++) {
      for (let flat = 1; flat <= perFloor; flat++) {
        const u: UnitSeed = {
          id: newId(), buildingId: b.id, regionId: micro.id, regionCode: micro.code, number: `${stair}单元${floor}${String(flat).padStart(2, '0')}`,
          floor, areaCentiM2: rng.int(5500, 14500), use: 'residential',
        };
        city.units.push(u);
        if (!rng.chance(shape.occupancy)) { vacantOrLet.push({ unit: u, tenant: false }); continue; }
        const tenure: Tenure = rng.weighted([['owner', 78], ['tenant', 20], ['other', 2]]);
        const members = householdMembers(rng, tenure, today).map((p) => ({ ...p, id: newId() }));
        city.households.push({ id: newId(), regionId: micro.id, regionCode: micro.code, unitId: u.id, address: `${b.address}${u.number}`, tenure, members });
        const head = members[0]!;
        if (tenure === 'owner') {
          heads.push(head.id);
          city.owners.push({ unitId: u.id, regionCode: micro.code, residentId: head.id, organisationId: null });
          const spouse = members.find((m) => m.relation === '配偶');
          if (spouse && rng.chance(0.5)) city.owners.push({ unitId: u.id, regionCode: micro.code, residentId: spouse.id, organisationId: null });
        } else vacantOrLet.push({ unit: u, tenant: true });
      }
    }
  }
  // Let and empty flats belong to neighbours who own a second flat, or are still the developer's.
  for (const { unit, tenant } of vacantOrLet) {
    const landlord = heads.length && (tenant || rng.chance(0.7)) ? rng.pick(heads) : null;
    city.owners.push({ unitId: unit.id, regionCode: micro.code, residentId: landlord, organisationId: landlord ? null : developer.id });
  }
  if (no === 1) {
    const shop: UnitSeed = { id: newId(), buildingId: b.id, regionId: micro.id, regionCode: micro.code, number: '底商01', floor: 1, areaCentiM2: rng.int(3000, 12000), use: 'commercial' };
    city.units.push(shop);
    city.owners.push({ unitId: shop.id, regionCode: micro.code, residentId: null, organisationId: developer.id });
  }
}

/** One demo account per role, each bound where that role works. Phones 139 0000 00xx are reserved for them. */
function accounts(city: City, district: RegionSeed, street: RegionSeed, community: RegionSeed, socialOrg: OrganisationSeed, partner: OrganisationSeed) {
  const grid = city.regions.find((r) => r.level === 'grid' && r.code.startsWith(community.code))!;
  const homes = city.households.filter((h) => h.regionCode.startsWith(grid.code));
  const adult = (pred: (p: PersonSeed) => boolean) => homes.flatMap((h) => h.members).find((p) => pred(p) && p.relation === '户主');
  const partyMember = adult((p) => p.tags.includes('party_member')) ?? homes[0]!.members[0]!;
  const resident = homes[1]!.members[0]!;
  const owner = homes.find((h) => h.tenure === 'owner' && h.members[0] !== resident)!.members[0]!;
  const dept = city.organisations.find((o) => o.kind === 'department')!;
  const list: [string, Role, RegionSeed | null, OrganisationSeed | null, (PersonSeed & { id: string }) | null, string?][] = [
    ['01', 'system_admin', null, null, null, '演示管理员'],
    ['02', 'district_officer', district, null, null], ['03', 'street_officer', street, null, null],
    ['04', 'community_secretary', community, null, null], ['05', 'community_worker', community, null, null],
    ['06', 'grid_worker', grid, null, null], ['07', 'auditor', district, null, null], ['08', 'supervisor', community, null, null],
    ['09', 'department_handler', null, dept, null], ['10', 'social_org', null, socialOrg, null], ['11', 'partner', null, partner, null],
    ['12', 'party_member', grid, null, partyMember], ['13', 'resident', grid, null, resident], ['14', 'owner', grid, null, owner],
  ];
  const rng = new Rng(7);
  for (const [n, role, reg, o, person, label] of list) {
    city.accounts.push({
      phone: `139000000${n}`, name: person?.name ?? label ?? `${personNameFor(rng)}`, role,
      regionId: reg?.id ?? null, organisationId: o?.id ?? null, residentId: person?.id ?? null,
    });
  }
}

function personNameFor(rng: Rng) {
  return rng.pick(['王', '李', '张', '刘', '陈']) + rng.pick(['晓红', '建军', '丽萍', '志强', '海燕', '卫东', '秀梅']);
}
