import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/client.ts';
import type { Vault } from '../platform/crypto/vault.ts';
import { hashPassword } from '../platform/crypto/password.ts';
import { SYSTEM_ACTOR } from '../platform/authz/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import { installDefaultCatalogue } from '../features/requests/categories.service.ts';
import { DEMO_PASSWORD } from './load.ts';
import { Rng } from './random.ts';
import { COPY_TABLES, IdNumbers, bulkId, emitAccount, emitMicrogrid, emitOrganisation, emitRegion, type CopyTable, type Gen } from './scale-rows.ts';
import { progressPrinter, TableLoad, type IndexMode } from './scale-copy.ts';
import {
  CHENGDU_DISTRICTS, CITY_BOX, DISTRICT_BOX, SCALE_SHAPES, cell, childCode, communityName, compound, share, streetName,
  type Scale, type ScaleRegion, type ScaleShape,
} from './scale-shape.ts';

export { SCALES, SCALE_SHAPES, type Scale, type ScaleShape } from './scale-shape.ts';
export { rawCopy, type RawCopyResult, type IndexMode } from './scale-copy.ts';

/** Options of `seedAtScale`. */
export interface SeedScaleOptions {
  /** Progress lines (rows and rows/s per table, memory); default stderr. */
  onProgress?: (line: string) => void;
  /** Also write every table's COPY text to `<tee>/<table>.tsv`, for a raw COPY baseline (`rawCopy`). */
  tee?: string;
  /** Drop and rebuild secondary indexes around the load (default) or keep them. */
  indexes?: IndexMode;
  /** Fixed "today" for ages and tags (tests); default now. */
  today?: Date;
  /** Overrides of the scale's counts (tests use a tiny city). */
  shape?: Partial<ScaleShape>;
}

/** What a scale seed did and how long each part took. */
export interface SeedScaleReport {
  scale: Scale;
  rows: Record<CopyTable, number>;
  households: number; residents: number; workers: number;
  /** Generation and COPY, streamed together, until the last COPY ended. */
  loadSeconds: number;
  /** Everything: load, index rebuilds, commit, catalogue, ANALYZE. */
  totalSeconds: number;
  peakRssMb: number;
}

/**
 * Generates a synthetic organisation of the given scale from a fixed seed and bulk-loads it with COPY
 * on the database (which must hold no regions, households or residents yet).
 *
 * Rows are generated lazily, one micro-grid at a time, and streamed to one COPY per table on its own
 * connection, waiting whenever a stream is full, so memory stays flat whatever the scale. ID numbers
 * and phones are sealed with the vault exactly as every other write does. All generated accounts
 * share one password hash, computed once: scrypt is deliberately slow (~50 ms), and 140,000 of them
 * would take two hours of CPU for a password that is the same anyway (the demo password).
 */
export async function seedAtScale(database: Database, vault: Vault, scale: Scale, opts: SeedScaleOptions = {}): Promise<SeedScaleReport> {
  const shape = { ...SCALE_SHAPES[scale], ...opts.shape };
  const write = opts.onProgress ?? ((s: string) => process.stderr.write(s));
  const empty = await database.db.execute(sql`SELECT NOT EXISTS (SELECT 1 FROM regions) AND NOT EXISTS (SELECT 1 FROM households)
    AND NOT EXISTS (SELECT 1 FROM residents) AS empty`);
  if (!(empty.rows[0] as { empty: boolean }).empty) throw new Error('the database already holds regions or people: seed a scale into an empty database');
  const t0 = Date.now();
  const loads = COPY_TABLES.map((t) => new TableLoad(t, database.url, opts.indexes ?? 'rebuild'));
  const byTable = new Map(loads.map((l) => [l.table, l]));
  const progress = progressPrinter(() => loads, t0, write);
  let full: TableLoad[] = [];
  const today = opts.today ?? new Date();
  const rng = new Rng(shape.seed);
  const g: Gen = {
    rng, vault, today, ids: new IdNumbers(new Rng(shape.seed + 1), today), passwordHash: await hashPassword(DEMO_PASSWORD),
    emit: (table, line) => { const l = byTable.get(table)!; if (l.push(line)) full.push(l); },
    developerId: '', accounts: {}, counts: { households: 0, residents: 0, workers: 0 },
  };
  const districts: string[] = [];
  try {
    await Promise.all(loads.map((l) => l.open(opts.tee)));
    const single = shape.districts === 1;
    let street = 0, community = 0, grid = 0, micro = 0;
    for (let d = 0; d < shape.districts; d++) {
      const [code, name] = CHENGDU_DISTRICTS[d]!;
      districts.push(code);
      const dr: ScaleRegion = { id: bulkId(), parentId: null, level: 'district', code, name, districtCode: code, box: single ? DISTRICT_BOX : cell(CITY_BOX, shape.districts, d) };
      emitRegion(g, dr, null);
      districtOrganisations(g, dr);
      emitAccount(g, '75', 'district_officer', dr);
      const nStreets = share(shape.streets, shape.districts, d);
      for (let s = 0; s < nStreets; s++, street++) {
        const sr = child(dr, s, nStreets, 'street', streetName(street));
        emitRegion(g, sr, null);
        emitOrganisation(g, sr, 'property_company', `${sr.name.replace('街道', '')}物业服务有限公司`);
        emitAccount(g, '74', 'street_officer', sr);
        const nCommunities = share(shape.communities, shape.streets, street);
        for (let c = 0; c < nCommunities; c++, community++) {
          const cr = child(sr, c, nCommunities, 'community', communityName(community));
          const committee = emitRegion(g, cr, null);
          emitAccount(g, '73', 'community_secretary', cr);
          emitAccount(g, '72', 'community_worker', cr);
          const nGrids = share(shape.grids, shape.communities, community);
          for (let gi = 0; gi < nGrids; gi++, grid++) {
            const place = compound(grid);
            const gr = child(cr, gi, nGrids, 'grid', `${place.name}网格`);
            const branch = emitRegion(g, gr, committee);
            emitAccount(g, '71', 'grid_worker', gr);
            const nMicro = share(shape.microgrids, shape.grids, grid);
            for (let m = 0; m < nMicro; m++, micro++) {
              const mr = child(gr, m, nMicro, 'microgrid', `${place.name}${m + 1}栋微网格`);
              const group = emitRegion(g, mr, branch)!;
              emitMicrogrid(g, mr, group, place.address, m + 1, rng.int(shape.flats[0], shape.flats[1]), shape.occupancy, share(shape.workers, shape.microgrids, micro));
              if (full.length) { const waiting = full; full = []; await Promise.all(waiting.map((l) => l.drain())); }
              // Loopback sockets rarely fill up, so yield now and then: progress lines and COPY replies need the event loop.
              if (micro % 25 === 0) await new Promise((r) => setImmediate(r));
            }
          }
        }
      }
    }
    await Promise.all(loads.map((l) => l.finish()));
  } catch (err) {
    await Promise.all(loads.map((l) => l.abort()));
    progress.stop();
    throw err;
  }
  const loadEnd = Math.max(...loads.map((l) => l.copyEndedAt));
  for (const code of districts) await installDefaultCatalogue(database.db, SYSTEM_ACTOR, code);
  await database.pool.query('ANALYZE');
  // COPY ran with triggers off (replica role), so visits' kept coverage rows are built once here.
  await database.pool.query('SELECT visit_due_rebuild(); ANALYZE visit_due');
  const rows = Object.fromEntries(loads.map((l) => [l.table, l.rows])) as Record<CopyTable, number>;
  await audit(database.db, SYSTEM_ACTOR, { action: 'seed.scale', subjectType: 'region', subjectId: districts[0]!, regionPath: districts[0]!, details: { scale, ...g.counts } });
  const peakRss = progress.stop();
  const report: SeedScaleReport = {
    scale, rows, ...g.counts, loadSeconds: (loadEnd - t0) / 1000, totalSeconds: (Date.now() - t0) / 1000, peakRssMb: Math.round(peakRss / 2 ** 20),
  };
  write(`[seed] ${scale}: ${Object.entries(rows).map(([t, n]) => `${t} ${n.toLocaleString('en')} (${Math.round(n / report.loadSeconds).toLocaleString('en')}/s)`).join(' · ')}\n`);
  write(`[seed] ${scale} ready: ${g.counts.households.toLocaleString('en')} households, ${g.counts.residents.toLocaleString('en')} residents, ${g.counts.workers.toLocaleString('en')} micro-grid workers; load ${tenths(report.loadSeconds)} s, total ${tenths(report.totalSeconds)} s, peak memory ${report.peakRssMb} MB\n`);
  return report;
}

/** Seconds to one decimal, for the progress line. */
const tenths = (x: number) => Math.round(x * 10) / 10;

function child(parent: ScaleRegion, i: number, n: number, level: ScaleRegion['level'], name: string): ScaleRegion {
  return { id: bulkId(), parentId: parent.id, level, code: childCode(parent.code, i), name, districtCode: parent.districtCode, box: cell(parent.box, n, i) };
}

// The service catalogue's departments (their codes route big matters), as in the demo city.
const DEPARTMENTS: [string, string][] = [
  ['chengguan', '城市管理局'], ['zhujian', '住房和城乡建设局'], ['minzheng', '民政局'], ['shizheng', '市政工程管理中心'],
  ['huanwei', '环境卫生管理所'], ['gongan', '公安分局'], ['jiaoguan', '交警大队'], ['weijian', '卫生健康局'],
  ['shichang', '市场监督管理局'], ['utilities', '水电气公共服务中心'], ['huanjing', '生态环境局'], ['renshe', '人力资源和社会保障局'],
  ['jiaoyu', '教育局'],
];

function districtOrganisations(g: Gen, d: ScaleRegion) {
  const short = d.name.replace(/区$|县$|市$/, '');
  for (const [code, name] of DEPARTMENTS) emitOrganisation(g, d, 'department', `${short}${name}`, code);
  g.developerId = emitOrganisation(g, d, 'developer', `${short}置业有限公司`);
}
