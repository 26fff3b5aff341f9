import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { openDatabase, type Database } from '../platform/db/client.ts';
import { runMigrations } from '../platform/db/migrate.ts';
import { Vault } from '../platform/crypto/vault.ts';
import { diskStorage } from '../platform/storage/storage.ts';
import { withDatabase } from '../../test/global-setup.ts';
import { seedAtScale, type SeedScaleReport } from './scale.ts';
import { boundaryViolations } from '../features/org/region.boundary.service.ts';

// A tiny city with the real machinery: COPY streams, index rebuilds, accounts that can sign in.
const SHAPE = { districts: 2, streets: 3, communities: 4, grids: 5, microgrids: 12, workers: 14 };
const { adminUrl } = inject('testDb');
const name = `gz_scale_test_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
let database: Database;
let report: SeedScaleReport;
const vault = new Vault(randomBytes(32));
const indexes = async () => (await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public'`)).rows[0]!.n;
let indexesBefore = 0;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  database = openDatabase(withDatabase(adminUrl, name), { max: 4 });
  await runMigrations(database.db);
  indexesBefore = await indexes();
  report = await seedAtScale(database, vault, 'street', { shape: SHAPE, onProgress: () => {} });
}, 120_000);
afterAll(async () => {
  await database?.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('seedAtScale', () => {
  it('generates the tree with the exact counts, 30–100 households per micro-grid and consistent references', async () => {
    const levels = Object.fromEntries((await database.pool.query<{ level: string; n: number }>('SELECT level, count(*)::int AS n FROM regions GROUP BY level')).rows.map((r) => [r.level, r.n]));
    expect(levels).toEqual({ district: 2, street: 3, community: 4, grid: 5, microgrid: 12 });
    const per = (await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM households GROUP BY region_id')).rows.map((r) => r.n);
    expect(per).toHaveLength(12);
    expect(Math.min(...per)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...per)).toBeLessThanOrEqual(108);
    expect(report.residents).toBe((await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM residents')).rows[0]!.n);
    const orphans = await database.pool.query<{ n: number }>(`SELECT
      (SELECT count(*) FROM residents r WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = r.household_id AND h.region_path = r.region_path))
    + (SELECT count(*) FROM units u WHERE NOT EXISTS (SELECT 1 FROM buildings b WHERE b.id = u.building_id))
    + (SELECT count(*) FROM unit_owners o WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = o.unit_id))
    + (SELECT count(*) FROM party_members m WHERE NOT EXISTS (SELECT 1 FROM residents r WHERE r.id = m.resident_id))
    + (SELECT count(*) FROM regions c WHERE c.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM regions p WHERE p.id = c.parent_id AND c.code LIKE p.code || '%')) AS n`);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
  });

  it('draws boundaries that tile the tree: no region outside its parent, no overlapping regions of a level', async () => {
    expect(await boundaryViolations(database.db)).toEqual([]);
    // Not vacuous: every level is drawn.
    const undrawn = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM regions WHERE boundary IS NULL');
    expect(undrawn.rows[0]!.n).toBe(0);
  });

  it('seals ID numbers and phones with the vault, unique, and rebuilds every index it dropped', async () => {
    const [r] = (await database.pool.query<{ id_cipher: string; id_masked: string; birth_date: string }>('SELECT id_cipher, id_masked, birth_date::text FROM residents LIMIT 1')).rows;
    const id = vault.decrypt(r!.id_cipher);
    expect(id).toMatch(/^\d{17}[\dX]$/);
    expect(id.slice(6, 14)).toBe(r!.birth_date.replaceAll('-', ''));
    expect(r!.id_masked).toBe(`${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`);
    expect(await indexes()).toBe(indexesBefore);
    await expect(seedAtScale(database, vault, 'street', { shape: SHAPE })).rejects.toThrow(/empty database/);
  });

  it('gives every micro-grid its workers, who sign in with the shared password and see their visit list', async () => {
    const workers = (await database.pool.query<{ region_path: string }>(`SELECT region_path FROM role_assignments WHERE role = 'grid_worker' AND length(region_path) = 18`)).rows;
    expect(workers).toHaveLength(14);
    expect(new Set(workers.map((w) => w.region_path)).size).toBe(12);
    const app = await buildApp({ db: database.db, vault, storage: diskStorage(`/tmp/${name}`), dbKind: 'server' });
    try {
      const session = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { phone: '17000000001', password: 'gongzhi2026' } });
      expect(session.statusCode).toBe(200);
      const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const list = await app.inject({ method: 'GET', url: '/api/v1/visits/list', headers: { cookie } });
      expect(list.statusCode).toBe(200);
      expect(list.json().length).toBeGreaterThanOrEqual(25);
    } finally {
      await app.close();
    }
  });
});
