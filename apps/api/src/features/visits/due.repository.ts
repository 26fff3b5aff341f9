import { and, sql, type SQL } from 'drizzle-orm';
import {
  CHINA_TIME_ZONE, DEFAULT_LARGE_DAYS, DEFAULT_SMALL_DAYS, DEFAULT_SPECIAL_DAYS, DEFAULT_SPECIAL_TAGS, LARGE_COMMUNITY_HOUSEHOLDS, type VisitStatus,
} from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';

// Households and residents belong to the org feature; visits read them in SQL (by table name) because
// the due list is one set-based query over a whole grid or street, not a call per household.

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

/**
 * Every current household in `scope` with its coverage: the community's rule (its own row in
 * visit_rules, else the defaults by size, size by household count), whether a member carries a
 * special tag, the last visit that found someone in, the due day and how late it is on `today`.
 * Mirrors `nextDueDay` / `visitStatus` in packages/core. Set-based (hash joins over the scope's
 * residents and visits), so a street's 100,000 households cost one pass, not a probe each.
 */
function dueCte(area: Area, today: string, withVersion = false): SQL {
  return sql`
    WITH hh AS (
      SELECT h.id, h.region_id, h.region_path, h.address, h.tenure, h.created_at, left(h.region_path, 12) AS community, ${withVersion ? householdVersionSql('h') : sql`''`} AS version
        FROM households h WHERE ${and(sql`h.moved_out_at IS NULL`, onColumn(area, 'h.region_path'))}
    ), comm AS MATERIALIZED (
      -- Community size over all its households (not only those in scope); a range on the path index,
      -- since LIKE with a pattern from a column cannot use it.
      SELECT c.community, vr.size, vr.large_days, vr.small_days, vr.special_days, vr.special_tags,
             (SELECT count(*) FROM households x WHERE x.region_path ~>=~ c.community AND x.region_path ~<~ (c.community || ':') AND x.moved_out_at IS NULL) AS n
        FROM (SELECT DISTINCT community FROM hh) c LEFT JOIN visit_rules vr ON vr.region_path = c.community
    ), rule AS MATERIALIZED (
      SELECT community,
             CASE WHEN size = 'large' OR (coalesce(size, 'auto') = 'auto' AND n >= ${LARGE_COMMUNITY_HOUSEHOLDS})
                  THEN coalesce(large_days, ${DEFAULT_LARGE_DAYS}) ELSE coalesce(small_days, ${DEFAULT_SMALL_DAYS}) END AS regular_days,
             coalesce(special_days, ${DEFAULT_SPECIAL_DAYS}) AS special_days,
             coalesce(special_tags, ${`{${DEFAULT_SPECIAL_TAGS.join(',')}}`}::text[]) AS special_tags
        FROM comm
    ), sp AS MATERIALIZED (
      SELECT DISTINCT m.household_id FROM residents m JOIN rule r ON r.community = left(m.region_path, 12)
       WHERE ${and(sql`m.moved_out_at IS NULL AND m.tags && r.special_tags`, onColumn(area, 'm.region_path'))}
    ), lv AS MATERIALIZED (
      SELECT v.household_id, max(v.visited_at) AS last_visit_at FROM visits v
       WHERE ${and(sql`v.outcome = 'visited'`, onColumn(area, 'v.region_path'))} GROUP BY v.household_id
    ), x AS (
      SELECT hh.*, r.regular_days, r.special_days, r.special_tags, sp.household_id IS NOT NULL AS special, lv.last_visit_at
        FROM hh JOIN rule r USING (community) LEFT JOIN sp ON sp.household_id = hh.id LEFT JOIN lv ON lv.household_id = hh.id
    ), d AS (
      SELECT x.*, CASE WHEN special THEN special_days ELSE regular_days END AS interval_days,
             CASE WHEN last_visit_at IS NULL THEN (created_at AT TIME ZONE ${CHINA_TIME_ZONE}::text)::date
                  ELSE (last_visit_at AT TIME ZONE ${CHINA_TIME_ZONE}::text)::date + CASE WHEN special THEN special_days ELSE regular_days END END AS due_day
        FROM x
    ), s AS (SELECT d.*, ${today}::date - d.due_day AS late FROM d)`;
}

/** One household's coverage as the list shows it. */
export type DueRow = {
  id: string; region_id: string; region_path: string; region_name: string; address: string; tenure: string; version: string;
  special: boolean; interval_days: number; last_visit_at: Date | null; due_day: string; late: number;
  /** The community rule's special tags: which member tags make the household special (shown as the reason). */
  special_tags: string[];
};

const statusWhere = (status?: VisitStatus) => status === 'overdue' ? sql`WHERE late > 0` : status === 'due' ? sql`WHERE late = 0` : status === 'ok' ? sql`WHERE late < 0` : sql``;

/** The households in scope, most overdue first. */
export async function dueHouseholds(db: DbOrTx, area: Area, today: string, opts: { status?: VisitStatus; limit: number }): Promise<DueRow[]> {
  const res = await db.execute<DueRow>(sql`${dueCte(area, today, true)}
    SELECT s.id, s.region_id, s.region_path, g.name AS region_name, s.address, s.tenure, s.version, s.special, s.special_tags, s.interval_days,
           s.last_visit_at, to_char(s.due_day, 'YYYY-MM-DD') AS due_day, s.late
      FROM s JOIN regions g ON g.id = s.region_id
     ${statusWhere(opts.status)}
     ORDER BY s.late DESC, s.special DESC, s.address
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

/** Coverage counts per household region path in scope: one pass, summed up the tree by the caller. */
export async function coverageByPath(db: DbOrTx, area: Area, today: string): Promise<CoverageCounts[]> {
  const res = await db.execute<CoverageCounts>(sql`${dueCte(area, today)}
    SELECT region_path, count(*)::int AS households, count(*) FILTER (WHERE late > 0)::int AS overdue, count(*) FILTER (WHERE late = 0)::int AS due,
           count(*) FILTER (WHERE special)::int AS special, count(*) FILTER (WHERE special AND late > 0)::int AS special_overdue
      FROM s GROUP BY region_path`);
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
