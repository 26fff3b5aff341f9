import { and, sql } from 'drizzle-orm';
import type { ProgressCounts } from '@gongzhi/core';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { executePrepared } from '../../platform/db/prepared.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import type { instructions } from './instructions.table.ts';
import { regionNameOf } from '../org/region.service.ts';
import { inTarget } from './dispatch.repository.ts';

export type InstructionRow = typeof instructions.$inferSelect & { regionName: string };

const SELECT_INSTRUCTION = sql`SELECT i.id, i.region_id AS "regionId", i.region_path AS "regionPath", i.district_code AS "districtCode", i.issuer_id AS "issuerId",
  i.issuer_name AS "issuerName", i.title, i.body, i.task, i.question, i.tags, i.channels, i.attachments, i.deadline, i.microgrids, i.workers, i.households,
  i.closed_at AS "closedAt", i.target_at AS "targetAt", i.created_at AS "createdAt", ${regionNameOf(sql.raw('i.region_id'))} AS "regionName"
  FROM instructions i`;

/** A row of SELECT_INSTRUCTION as PostgreSQL sends it: the timestamps may come as text. */
type InstructionSqlRow = Omit<InstructionRow, 'deadline' | 'createdAt' | 'closedAt' | 'targetAt'> & { deadline: Date | string; createdAt: Date | string; closedAt: Date | string | null; targetAt: Date | string };

function toRow(x: InstructionSqlRow): InstructionRow {
  const d = (v: Date | string) => (v instanceof Date ? v : new Date(v));
  return { ...x, deadline: d(x.deadline), createdAt: d(x.createdAt), targetAt: d(x.targetAt), closedAt: x.closedAt == null ? null : d(x.closedAt) };
}

/**
 * Instructions an `instruction.read` scope follows: issued in its subtree, or above it (the reader
 * sees their part of it).
 */
const visible = (scope: Scope) => inScope(scope, { region: sql`i.region_path`, ancestors: true });

/** One instruction in the scope, or undefined (out of scope looks missing). */
export async function findInstruction(db: DbOrTx, scope: Scope, id: string): Promise<InstructionRow | undefined> {
  const res = await db.execute<InstructionSqlRow>(sql`${SELECT_INSTRUCTION} WHERE ${and(sql`i.id = ${id}::uuid`, visible(scope))}`);
  return res.rows[0] ? toRow(res.rows[0]) : undefined;
}

/** Instructions by ids, in the given order (for the inbox). */
export async function instructionsByIds(db: DbOrTx, ids: string[]): Promise<Map<string, InstructionRow>> {
  if (!ids.length) return new Map();
  const res = await db.execute<InstructionSqlRow>(sql`${SELECT_INSTRUCTION} WHERE i.id = ANY (${sql.param(ids)}::uuid[])`);
  return new Map(res.rows.map((r) => { const row = toRow(r); return [row.id, row]; }));
}

/** Instructions in the scope, newest first. */
export async function listInstructions(db: DbOrTx, scope: Scope, limit: number, offset: number) {
  const cond = visible(scope);
  const where = cond ? sql`WHERE ${cond}` : sql``;
  const res = await db.execute<InstructionSqlRow>(sql`${SELECT_INSTRUCTION} ${where} ORDER BY i.created_at DESC LIMIT ${limit} OFFSET ${offset}`);
  const total = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM instructions i ${where}`);
  return { rows: res.rows.map(toRow), total: total.rows[0]!.n };
}

/** Counters of one group of micro-grids, plus how many of them still have open households. */
export interface GroupCounts extends ProgressCounts { path: string; unfinished: number; name: string | null; level: string | null }

// Named, so PostgreSQL plans it once per connection. The subtree is a range of the pattern-ops index
// (prefix ≤ path < prefix || ':' — ':' sorts right after '9'), which a generic plan can use, unlike LIKE $n.
const ROLLUP_SQL = `
  SELECT g.*, r.name, r.level, n.name AS node_name, n.level AS node_level FROM (
    SELECT left(region_path, $4) AS path, count(*)::int AS microgrids, sum(workers)::int AS workers, sum(acked)::int AS acked,
      sum(households)::int AS households, sum(reached)::int AS reached, sum(not_home)::int AS "notHome", sum(refused)::int AS refused,
      count(*) FILTER (WHERE households > reached + refused)::int AS unfinished, count(*) FILTER (WHERE workers = 0)::int AS unstaffed
    FROM instruction_grids WHERE instruction_id = $1::uuid AND region_path ~>=~ $2::text AND region_path ~<~ $3::text
    GROUP BY 1
  ) g
  LEFT JOIN regions r ON r.code = g.path
  LEFT JOIN regions n ON n.code = $2::text
  ORDER BY g.path`;

/**
 * The roll-up: sums of the per-micro-grid counters under `path`, grouped by the child of `path`
 * each micro-grid sits in (a prefix of `childLength` digits), with the children's and the node's
 * names. One statement, one index range scan on (instruction_id, region_path), however deep the node.
 */
export async function rollUp(db: Db, instructionId: string, path: string, childLength: number): Promise<{ groups: GroupCounts[]; node: { name: string; level: string } | null }> {
  const rows = await executePrepared<GroupCounts & { node_name: string | null; node_level: string | null }>(db, {
    name: 'gz_instruction_rollup', text: ROLLUP_SQL, values: [instructionId, path, `${path}:`, childLength],
  });
  const first = rows[0];
  const node = first?.node_name ? { name: first.node_name, level: first.node_level ?? '' } : null;
  return { groups: rows.map(({ node_name: _n, node_level: _l, ...g }) => g), node };
}

/** A household never reached, as the list and the report show it. */
export type UnreachedRow = { householdId: string; address: string; microgrid: string; regionPath: string; status: string; attempts: number };

/**
 * A page of the households under `path` never reached (not visited, or not at home at every try),
 * by micro-grid, address and id: the target's households (those of the regions the instruction was
 * sent to, living there at `target_at`) minus those recorded reached or refused — an anti-join, as
 * no row exists for a household nobody recorded. Keyset-paged: `after` is the last household of
 * the previous page (then `offset` is usually 0).
 */
export async function unreached(db: DbOrTx, instructionId: string, path: string, limit: number, offset: number, after?: string): Promise<UnreachedRow[]> {
  const from = after
    ? sql`AND (h.region_path, h.address, h.id) > (SELECT x.region_path, x.address, x.id FROM households x WHERE x.id = ${after}::uuid)`
    : sql``;
  const res = await db.execute<UnreachedRow>(sql`
    SELECT h.id AS "householdId", h.address, r.name AS microgrid, h.region_path AS "regionPath", coalesce(ih.status, 'pending') AS status, coalesce(ih.attempts, 0)::int AS attempts
    FROM instructions i
    JOIN instruction_grids g ON g.instruction_id = i.id AND g.region_path LIKE ${likePrefix(path)} AND g.households > g.reached + g.refused
    JOIN households h ON h.region_path = g.region_path AND h.region_id = g.region_id AND ${inTarget(sql`i`, sql`h`)}
    JOIN regions r ON r.id = g.region_id
    LEFT JOIN instruction_households ih ON ih.instruction_id = i.id AND ih.household_id = h.id
    WHERE i.id = ${instructionId}::uuid AND (ih.status IS NULL OR ih.status IN ('pending', 'not_home')) ${from}
    ORDER BY h.region_path, h.address, h.id LIMIT ${limit} OFFSET ${offset}`);
  return res.rows.map((x) => ({ ...x, attempts: Number(x.attempts) }));
}

/** How many households under `path` were never reached, from the micro-grid counters (no household is counted). */
export async function unreachedCount(db: DbOrTx, instructionId: string, path: string): Promise<number> {
  const res = await db.execute<{ n: number }>(sql`
    SELECT coalesce(sum(greatest(households - reached - refused, 0)), 0)::int AS n FROM instruction_grids
    WHERE instruction_id = ${instructionId}::uuid AND region_path LIKE ${likePrefix(path)}`);
  return Number(res.rows[0]!.n);
}

/** Every micro-grid under `path` with its counters and name, for the per-region report. */
export async function gridRows(db: DbOrTx, instructionId: string, path: string) {
  const res = await db.execute<{ path: string; name: string; workers: number; acked: number; households: number; reached: number; notHome: number; refused: number }>(sql`
    SELECT g.region_path AS path, ${regionNameOf(sql.raw('g.region_id'))} AS name, g.workers, g.acked, g.households, g.reached, g.not_home AS "notHome", g.refused
    FROM instruction_grids g
    WHERE g.instruction_id = ${instructionId}::uuid AND g.region_path LIKE ${likePrefix(path)} ORDER BY g.region_path`);
  return res.rows;
}
