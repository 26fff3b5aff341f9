import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { likePrefix } from '../../platform/db/like.ts';

/**
 * A UUIDv7 made by PostgreSQL (millisecond time in the first 48 bits, version 7), so set-based
 * inserts keep the time-ordered ids the application makes with `newId()`.
 */
export const UUIDV7_TEXT = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
export const UUIDV7_SQL = sql.raw(UUIDV7_TEXT);

/** What a dispatch wrote. */
export interface DispatchCounts { households: number; microgrids: number; assignments: number; workers: number; messages: number }

/** The target households: every household still living under `path`, or only those with a resident tagged one of `tags`. */
function targetHouseholds(path: string, tags: readonly string[]): SQL {
  const tagged = tags.length
    ? sql`AND EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id AND r.moved_out_at IS NULL AND r.tags && ${sql.param([...tags])}::text[])`
    : sql``;
  return sql`FROM households h WHERE h.region_path LIKE ${likePrefix(path)} AND h.moved_out_at IS NULL ${tagged}`;
}

/**
 * Writes the whole fan-out of an instruction with four INSERT … SELECT statements in the caller's
 * transaction — nothing goes row by row through Node, so a city-wide instruction costs what the
 * database needs to write its rows:
 * households → (micro-grid × worker) assignments → per-micro-grid counters → outbox messages.
 * Workers are users with a grid-worker grant on the micro-grid or any region above it (the grant's
 * path is one of the micro-grid path's prefixes, matched by equality so a hash join does it).
 */
export async function dispatchRows(tx: DbOrTx, d: { id: string; path: string; tags: readonly string[]; channels: readonly string[]; title: string; deadline: Date },
  onStep?: (step: string, ms: number) => void): Promise<DispatchCounts> {
  let t = performance.now();
  const count = (r: { rowCount?: number | null }, step = '') => {
    const now = performance.now();
    onStep?.(step, now - t);
    t = now;
    return r.rowCount ?? 0;
  };
  const households = count(await tx.execute(sql`
    INSERT INTO instruction_households (instruction_id, household_id, region_id, region_path, district_code)
    SELECT ${d.id}::uuid, h.id, h.region_id, h.region_path, h.district_code ${targetHouseholds(d.path, d.tags)}`), 'households');
  if (households === 0) return { households, microgrids: 0, assignments: 0, workers: 0, messages: 0 };
  // Without a filter every micro-grid receives the instruction (and relays it); with one, only those with target households.
  const grids = d.tags.length
    ? sql`SELECT r.id, r.code, r.district_code FROM regions r JOIN (SELECT DISTINCT region_id FROM instruction_households WHERE instruction_id = ${d.id}::uuid) t ON t.region_id = r.id`
    : sql`SELECT r.id, r.code, r.district_code FROM regions r WHERE r.code LIKE ${likePrefix(d.path)} AND r.retired_at IS NULL
          AND (r.level = 'microgrid' OR EXISTS (SELECT 1 FROM instruction_households t WHERE t.instruction_id = ${d.id}::uuid AND t.region_id = r.id))`;
  const assignments = count(await tx.execute(sql`
    INSERT INTO instruction_assignments (instruction_id, user_id, region_id, region_path, district_code)
    SELECT DISTINCT ${d.id}::uuid, ra.user_id, g.id, g.code, g.district_code
    FROM (${grids}) g
    CROSS JOIN LATERAL (VALUES (left(g.code, 6)), (left(g.code, 9)), (left(g.code, 12)), (left(g.code, 15)), (g.code)) p(path)
    JOIN role_assignments ra ON ra.role = 'grid_worker' AND ra.region_path = p.path
    JOIN users u ON u.id = ra.user_id AND u.disabled_at IS NULL`), 'assignments');
  const microgrids = count(await tx.execute(sql`
    INSERT INTO instruction_grids (instruction_id, region_id, region_path, district_code, workers, households)
    SELECT ${d.id}::uuid, g.id, g.code, g.district_code, coalesce(w.n, 0), coalesce(hh.n, 0)
    FROM (${grids}) g
    LEFT JOIN (SELECT region_id, count(*)::int AS n FROM instruction_assignments WHERE instruction_id = ${d.id}::uuid GROUP BY region_id) w ON w.region_id = g.id
    LEFT JOIN (SELECT region_id, count(*)::int AS n FROM instruction_households WHERE instruction_id = ${d.id}::uuid GROUP BY region_id) hh ON hh.region_id = g.id`), 'grids');
  const workers = Number((await tx.execute<{ n: number }>(sql`SELECT count(DISTINCT user_id)::int AS n FROM instruction_assignments WHERE instruction_id = ${d.id}::uuid`)).rows[0]!.n);
  const messages = await enqueueForWorkers(tx, d.id, 'instruction.sent', d.channels, { title: d.title, deadline: d.deadline.toISOString() }, sql`TRUE`);
  count({ rowCount: messages }, 'outbox');
  return { households, microgrids, assignments, workers, messages };
}

/**
 * Queues one message per worker and channel with INSERT … SELECT (the outbox's set-based twin of
 * `enqueue`), for the assignments matching `where`. Returns how many messages were queued.
 */
export async function enqueueForWorkers(tx: DbOrTx, instructionId: string, template: string, channels: readonly string[], payload: Record<string, unknown>, where: SQL): Promise<number> {
  if (channels.length === 0) return 0;
  const res = await tx.execute(sql`
    INSERT INTO outbox (id, channel, recipient_user_id, template, payload)
    SELECT ${UUIDV7_SQL}, ch, w.user_id, ${template}, ${JSON.stringify({ instructionId, ...payload })}::jsonb
    FROM (SELECT DISTINCT user_id FROM instruction_assignments a WHERE a.instruction_id = ${instructionId}::uuid AND ${where}) w
    CROSS JOIN unnest(${sql.param([...channels])}::text[]) ch`);
  return res.rowCount ?? 0;
}

/**
 * Reminds the workers under `path` who have not acknowledged: marks their assignments and queues a
 * message per worker, in two statements. Returns how many workers were reminded.
 */
export async function remindUnacked(tx: DbOrTx, instructionId: string, path: string, channels: readonly string[], title: string): Promise<number> {
  const res = await tx.execute(sql`
    UPDATE instruction_assignments SET reminded_at = now(), reminders = reminders + 1
    WHERE instruction_id = ${instructionId}::uuid AND acked_at IS NULL AND region_path LIKE ${likePrefix(path)}`);
  if (!res.rowCount) return 0;
  const unacked = sql`a.acked_at IS NULL AND a.region_path LIKE ${likePrefix(path)}`;
  await enqueueForWorkers(tx, instructionId, 'instruction.reminder', channels.length ? channels : ['sms'], { title }, unacked);
  const n = await tx.execute<{ n: number }>(sql`SELECT count(DISTINCT user_id)::int AS n FROM instruction_assignments a WHERE a.instruction_id = ${instructionId}::uuid AND ${unacked}`);
  return n.rows[0]!.n;
}

/** Why part of a target cannot be reached. */
export type UncoveredReason = 'no_worker' | 'no_households' | 'no_microgrid';

/** One part of an instruction's target that nobody would reach, and why. */
export interface UncoveredPart { regionId: string; path: string; name: string; level: string; households: number; reason: UncoveredReason }

/**
 * The parts of an instruction's dispatch that cannot be reached, read from its written fan-out (so a
 * dry run inside a rolled-back transaction sees exactly what sending would do): micro-grids (or
 * other places holding households) with no worker, micro-grids with no households, and grids under
 * `path` with no micro-grid at all. Ordered by path; at most `limit` rows.
 */
export async function uncoveredParts(tx: DbOrTx, instructionId: string, path: string, limit = 500): Promise<UncoveredPart[]> {
  const res = await tx.execute<{ region_id: string; path: string; name: string; level: string; households: number; reason: UncoveredReason }>(sql`
    SELECT * FROM (
      SELECT g.region_id, g.region_path AS path, r.name, r.level, g.households,
             CASE WHEN g.workers = 0 AND g.households > 0 THEN 'no_worker' WHEN g.households = 0 THEN 'no_households' ELSE 'no_worker' END AS reason
      FROM instruction_grids g JOIN regions r ON r.id = g.region_id
      WHERE g.instruction_id = ${instructionId}::uuid AND g.region_path LIKE ${likePrefix(path)} AND (g.workers = 0 OR g.households = 0)
      UNION ALL
      SELECT r.id, r.code, r.name, r.level, 0, 'no_microgrid'
      FROM regions r
      WHERE r.code LIKE ${likePrefix(path)} AND r.level = 'grid' AND r.retired_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM regions m WHERE m.code LIKE r.code || '%' AND m.level = 'microgrid' AND m.retired_at IS NULL)
    ) u ORDER BY path LIMIT ${limit}`);
  return res.rows.map((r) => ({ regionId: r.region_id, path: r.path, name: r.name, level: r.level, households: Number(r.households), reason: r.reason }));
}
