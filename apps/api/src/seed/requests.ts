import { sql } from 'drizzle-orm';
import type { Matter } from '@gongzhi/core';
import type { Tx } from '../platform/db/client.ts';
import { requestEvents, requestHandlers, requestStatsDaily, requests } from '../features/requests/requests.table.ts';
import { contribution } from '../features/requests/stats.ts';
import { loadCalendar } from '../features/requests/calendar.service.ts';
import { generateHistory, type HistoryPlace, type HistoryReporter } from './request-history.ts';
import type { Staff } from './request-life.ts';
import { personName } from './names.ts';
import { Rng } from './random.ts';

async function chunked<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * A year of request history for the demo city (demo data, not real people): see generateHistory.
 * The rows are written in bulk, and the daily counts are the sum of each request's contribution as
 * the services compute it (stats.ts), so the dashboard reads the same numbers the requests show.
 * Reporters are residents without an account (the demo accounts' own lists stay as the tests know
 * them); their ratings are the hotline's call-back (回访) ratings.
 */
export async function seedRequests(tx: Tx, now = new Date()): Promise<{ requests: number }> {
  const q = async <T>(query: ReturnType<typeof sql>) => (await tx.execute(query)).rows as T[];
  const categories = (await q<{ id: string; code: string; matter: Matter; department_id: string | null; respond_hours: number; resolve_hours: number; working_time: boolean }>(
    sql`SELECT id, code, matter, department_id, respond_hours, resolve_hours, working_time FROM service_categories WHERE active ORDER BY code`))
    .map((c) => ({ id: c.id, code: c.code, matter: c.matter, departmentId: c.department_id, respondHours: c.respond_hours, resolveHours: c.resolve_hours, workingTime: c.working_time }));
  const places: HistoryPlace[] = (await q<{ id: string; code: string; district_code: string; lat: number; lng: number; address: string; grid_id: string; grid_code: string }>(sql`
    SELECT m.id, m.code, m.district_code, b.lat, b.lng, b.address, g.id AS grid_id, g.code AS grid_code
    FROM regions m JOIN regions g ON g.id = m.parent_id JOIN buildings b ON b.region_id = m.id
    WHERE m.level = 'microgrid' ORDER BY m.code`)).map((r) => ({
    regionId: r.id, regionPath: r.code, districtCode: r.district_code, lat: Number(r.lat), lng: Number(r.lng), building: r.address,
    gridId: r.grid_id, gridPath: r.grid_code, communityPath: r.grid_code.slice(0, -3),
  }));
  if (!categories.length || !places.length) return { requests: 0 };
  const reporters: HistoryReporter[] = (await q<{ id: string; name: string; region_path: string; address: string; phone_hash: string | null; phone_cipher: string | null; phone_masked: string | null }>(sql`
    SELECT r.id, r.name, r.region_path, h.address, r.phone_hash, r.phone_cipher, r.phone_masked
    FROM residents r JOIN households h ON h.id = r.household_id
    WHERE r.relation IN ('户主', '配偶') AND NOT EXISTS (SELECT 1 FROM users u WHERE u.resident_id = r.id)
    ORDER BY h.address, r.relation, r.name`)).map((r) => ({
    residentId: r.id, name: r.name, regionPath: r.region_path, address: r.address, phoneHash: r.phone_hash, phoneCipher: r.phone_cipher, phoneMasked: r.phone_masked,
  }));
  const accounts = await q<{ id: string; name: string; role: string; region_path: string | null; organisation_id: string | null }>(sql`
    SELECT u.id, u.name, ra.role, ra.region_path, ra.organisation_id FROM users u JOIN role_assignments ra ON ra.user_id = u.id WHERE u.demo`);
  const departments = new Map((await q<{ id: string; name: string }>(sql`SELECT id, name FROM organisations WHERE kind = 'department'`)).map((o) => [o.id, o.name]));

  // Staff are the demo accounts where the demo has them, and named people without accounts elsewhere.
  const rng = new Rng(20251207);
  const named = new Map<string, Staff>();
  const person = (key: string, account: { id: string; name: string } | undefined, title: string): Staff => {
    if (account) return { userId: account.id, name: account.name };
    let s = named.get(key);
    if (!s) named.set(key, (s = { userId: null, name: `${personName(rng, rng.chance(0.6) ? 'female' : 'male', 1980 + rng.int(0, 20))}（${title}）` }));
    return s;
  };
  const history = generateHistory(new Rng(20261207), {
    categories, places, reporters, calendar: await loadCalendar(tx),
    communityWorker: (path) => person(`c${path}`, accounts.find((a) => a.role === 'community_worker' && a.region_path === path), '社区工作者'),
    gridWorker: (path) => person(`g${path}`, accounts.find((a) => a.role === 'grid_worker' && a.region_path === path), '网格员'),
    department: (id) => {
      const a = accounts.find((x) => x.role === 'department_handler' && x.organisation_id === id);
      return a ? { userId: a.id, name: a.name } : { userId: null, name: departments.get(id) ?? '承办部门' };
    },
    hotline: { userId: null, name: '12345市民服务热线' },
  }, now);

  // Numbers come from the same sequence as intake's, in the order the requests came in.
  const rows = history.rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const numbers = (await q<{ n: string }>(sql`SELECT nextval('request_number_seq')::text AS n FROM generate_series(1, ${rows.length})`)).map((r) => r.n);
  rows.forEach((r, i) => { r.number = `GZ${numbers[i]!.padStart(8, '0')}`; });
  await chunked(rows, 1000, (part) => tx.insert(requests).values(part));
  await chunked(history.events, 4000, (part) => tx.insert(requestEvents).values(part));
  await chunked(history.handlers, 1000, (part) => tx.insert(requestHandlers).values(part));

  const stats = new Map<string, ReturnType<typeof contribution>>();
  for (const r of rows) {
    const c = contribution(r);
    const k = `${c.key.day}|${c.key.regionPath}|${c.key.departmentKey}`;
    const sum = stats.get(k);
    if (!sum) { stats.set(k, c); continue; }
    for (const n of Object.keys(c.counts) as (keyof typeof c.counts)[]) sum.counts[n] += c.counts[n];
  }
  // One row per day, place and department, each the sum of its requests' contributions (the table is empty before the seed).
  await chunked([...stats.values()], 1000, (part) => tx.insert(requestStatsDaily).values(part.map((c) => ({ ...c.key, ...c.counts }))));
  return { requests: rows.length };
}
