import { and, sql, type SQL } from 'drizzle-orm';
import type { VisitStatus } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';

// Households and residents belong to the org feature; visits read them in SQL (by table name) because
// the due list is one set-based query over a whole grid or street, not a call per household. Coverage
// reads visits' own kept rows (visit_due), which database triggers keep in step with those tables.

/** The version of a household's record: the latest change to it or any member, in microseconds. */
export const householdVersionSql = (h: string) => sql.raw(
  `(extract(epoch from greatest(${h}.updated_at, (SELECT max(m.updated_at) FROM residents m WHERE m.household_id = ${h}.id))) * 1000000)::bigint::text`);

/** Where the households looked at lie: a scope, and optionally a region (path prefix) inside it. */
export interface Area { scope: Scope; within?: string }

/** The area as a condition on a raw-SQL region-path column (e.g. `h.region_path`); undefined = everywhere. */
function onColumn(area: Area, column: string): SQL | undefined {
  const c = sql.raw(column);
  return and(inScope(area.scope, { region: c }), area.within !== undefined ? sql`${c} LIKE ${likePrefix(area.within)}` : undefined);
}

/** `WHERE` with the condition, or nothing for everywhere. */
const whereOf = (c: SQL | undefined) => c ? sql`WHERE ${c}` : sql``;

/**
 * The kept coverage rows (`visit_due`, kept by triggers: see visits.table.ts) in the area, with their
 * community's special tags and how late each is on `today`. The rule itself (community size, intervals,
 * special tags, `nextDueDay` in packages/core) is computed in one place, the migration's `visit_due_*`
 * functions, whenever what it depends on is written; reads only filter and count.
 */
function dueCte(area: Area, today: string): SQL {
  return sql`
    WITH d AS MATERIALIZED (
      SELECT d.*, ${today}::date - d.due_day AS late FROM visit_due d ${whereOf(onColumn(area, 'd.region_path'))}
    ), rule AS MATERIALIZED (
      SELECT community, special_tags FROM visit_due_rules(ARRAY(SELECT DISTINCT left(region_path, 12) FROM d))
    ), s AS (
      SELECT d.*, r.special_tags FROM d JOIN rule r ON r.community = left(d.region_path, 12)
    )`;
}

/** One household's coverage as the list shows it. */
export type DueRow = {
  id: string; region_id: string; region_path: string; region_name: string; address: string; tenure: string; version: string;
  special: boolean; interval_days: number; last_visit_at: Date | null; due_day: string; late: number;
  /** The community rule's special tags: which member tags make the household special (shown as the reason). */
  special_tags: string[];
};

const statusWhere = (status?: VisitStatus) => status === 'overdue' ? sql`AND s.late > 0` : status === 'due' ? sql`AND s.late = 0` : status === 'ok' ? sql`AND s.late < 0` : sql``;

/** The households in scope, most overdue first. */
export async function dueHouseholds(db: DbOrTx, area: Area, today: string, opts: { status?: VisitStatus; limit: number }): Promise<DueRow[]> {
  const res = await db.execute<DueRow>(sql`${dueCte(area, today)}
    SELECT s.household_id AS id, h.region_id, s.region_path, g.name AS region_name, h.address, h.tenure, ${householdVersionSql('h')} AS version,
           s.special, s.special_tags, s.interval_days, s.last_visit_at, to_char(s.due_day, 'YYYY-MM-DD') AS due_day, s.late
      FROM s JOIN households h ON h.id = s.household_id JOIN regions g ON g.id = h.region_id
     WHERE true ${statusWhere(opts.status)}
     ORDER BY s.late DESC, s.special DESC, h.address
     LIMIT ${opts.limit}`);
  return res.rows.map((r) => ({ ...r, late: Number(r.late), interval_days: Number(r.interval_days) }));
}

/**
 * Current members of the given households, for the offline form: birth day (for the age) and the
 * masked phone only; the full phone is revealed one at a time through org's audited reveal.
 */
export async function membersOf(db: DbOrTx, householdIds: string[]) {
  if (!householdIds.length) return [];
  const res = await db.execute<{ id: string; household_id: string; name: string; relation: string; tags: string[]; birth_date: string | null; phone_masked: string | null }>(sql`SELECT id, household_id, name, relation, tags,
      to_char(birth_date, 'YYYY-MM-DD') AS birth_date, phone_masked FROM residents
    WHERE household_id = ANY(${`{${householdIds.join(',')}}`}::uuid[]) AND moved_out_at IS NULL ORDER BY household_id, created_at, id`);
  return res.rows;
}

/** Coverage counts of one region path (a micro-grid, or a grid where households sit directly). */
export type CoverageCounts = { region_path: string; households: number; overdue: number; due: number; special: number; special_overdue: number };

/**
 * Coverage counts per household region path in scope, summed up the tree by the caller: an
 * index-only scan of visit_due's (region_path, due_day, special) under the area's prefix.
 */
export async function coverageByPath(db: DbOrTx, area: Area, today: string): Promise<CoverageCounts[]> {
  const res = await db.execute<CoverageCounts>(sql`SELECT d.region_path, count(*)::int AS households,
           count(*) FILTER (WHERE d.due_day < ${today}::date)::int AS overdue, count(*) FILTER (WHERE d.due_day = ${today}::date)::int AS due,
           count(*) FILTER (WHERE d.special)::int AS special, count(*) FILTER (WHERE d.special AND d.due_day < ${today}::date)::int AS special_overdue
      FROM visit_due d ${whereOf(onColumn(area, 'd.region_path'))} GROUP BY d.region_path`);
  return res.rows;
}

/** Regions by code (names for the dashboard). */
export async function regionsByCode(db: DbOrTx, codes: string[]) {
  if (!codes.length) return [];
  const res = await db.execute<{ id: string; code: string; name: string }>(sql`SELECT id, code, name FROM regions WHERE code = ANY(${`{${codes.join(',')}}`}::text[])`);
  return res.rows;
}

/**
 * Grid workers bound in the area (under `within` when given, which the caller has found in scope;
 * else anywhere in the scope), with their visits of the last 30 days.
 */
export async function gridWorkers(db: DbOrTx, area: Area, today: string) {
  const bound = area.within !== undefined ? sql`ra.region_path LIKE ${likePrefix(area.within)}` : inScope(area.scope, { region: sql.raw('ra.region_path') });
  const res = await db.execute<{ user_id: string; name: string; paths: string[]; visits30d: number }>(sql`SELECT u.id AS user_id, u.name, array_agg(DISTINCT ra.region_path) AS paths,
      (SELECT count(*) FROM visits v WHERE v.worker_user_id = u.id AND v.visited_at > ${today}::date - 30)::int AS visits30d
    FROM role_assignments ra JOIN users u ON u.id = ra.user_id AND u.disabled_at IS NULL
    WHERE ${and(sql`ra.role = 'grid_worker' AND ra.region_path IS NOT NULL`, bound)}
    GROUP BY u.id, u.name ORDER BY u.name LIMIT 20000`);
  return res.rows;
}
