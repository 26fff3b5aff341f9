import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { likePrefix } from '../../platform/db/like.ts';

/**
 * A UUIDv7 made by PostgreSQL (millisecond time in the first 48 bits, version 7), so set-based
 * inserts keep the time-ordered ids the application makes with `newId()`.
 */
export const UUIDV7_TEXT = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
export const UUIDV7_SQL = sql.raw(UUIDV7_TEXT);

/** What a dispatch wrote. */
export interface DispatchCounts { households: number; microgrids: number; assignments: number; workers: number; messages: number }

/**
 * The target households counted per region: every household living under `path` now, or only those
 * with a resident tagged one of `tags`. Nothing is written per household — `inTarget` names the same
 * set later, as of the instruction's `target_at`.
 */
function targetCounts(path: string, tags: readonly string[]): SQL {
  const tagged = tags.length
    ? sql`AND EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id AND r.moved_out_at IS NULL AND r.tags && ${sql.param([...tags])}::text[])`
    : sql``;
  return sql`SELECT h.region_id, count(*)::int AS n FROM households h WHERE h.region_path LIKE ${likePrefix(path)} AND h.moved_out_at IS NULL ${tagged} GROUP BY h.region_id`;
}

/**
 * True when household `h` is one of instruction `i`'s targets: it lived there when the instruction
 * was sent (`target_at`: created by then, not moved out by then) and, with tags, had a resident so
 * tagged. With a join of `h` to the instruction's grid rows (its region was sent the instruction),
 * this is the set dispatch counted, read back from the households themselves.
 */
export function inTarget(i: SQL, h: SQL): SQL {
  return sql`${h}.created_at <= ${i}.target_at AND (${h}.moved_out_at IS NULL OR ${h}.moved_out_at > ${i}.target_at)
    AND (cardinality(${i}.tags) = 0 OR EXISTS (SELECT 1 FROM residents tr WHERE tr.household_id = ${h}.id
      AND (tr.moved_out_at IS NULL OR tr.moved_out_at > ${i}.target_at) AND tr.tags && ${i}.tags))`;
}

/**
 * Writes the fan-out of an instruction in the caller's transaction with a few set-based statements,
 * nothing per household and nothing row by row through Node: the target households are counted
 * per region (into a temporary table), then one statement writes from those counts the
 * (micro-grid × worker) assignments, the per-micro-grid counters and the outbox messages (one per
 * worker and channel, from the assignments it has just written: no second read of them). A
 * household gets its row only when someone records it (recordOutcome). Workers are users with a grid-worker grant on the micro-grid or any
 * region above it (the grant's path is one of the micro-grid path's prefixes, matched by equality
 * so a hash join does it). An empty target writes nothing. Takes a transaction: the count's
 * temporary table lives until its commit.
 */
export async function dispatchRows(tx: Tx, d: { id: string; path: string; tags: readonly string[]; channels: readonly string[]; title: string; deadline: Date },
  onStep?: (step: string, ms: number) => void): Promise<DispatchCounts> {
  let t = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    onStep?.(name, now - t);
    t = now;
  };
  // The count is a statement of its own, into a temporary table dropped at commit: a query that
  // writes never runs in parallel, and this scan of every target household is most of the work.
  await tx.execute(sql`CREATE TEMP TABLE gz_dispatch_hh ON COMMIT DROP AS ${targetCounts(d.path, d.tags)}`);
  step('households');
  // Without a filter every micro-grid receives the instruction (and relays it); with one, only those with target households.
  const grids = d.tags.length
    ? sql`SELECT r.id, r.code, r.district_code, hh.n FROM gz_dispatch_hh hh JOIN regions r ON r.id = hh.region_id`
    : sql`SELECT r.id, r.code, r.district_code, coalesce(hh.n, 0) AS n FROM regions r LEFT JOIN gz_dispatch_hh hh ON hh.region_id = r.id
          WHERE r.code LIKE ${likePrefix(d.path)} AND r.retired_at IS NULL AND (r.level = 'microgrid' OR hh.n IS NOT NULL)`;
  // Rows go in key order (one new instruction id, then user or path), so each index takes them at one end.
  const res = await tx.execute<{ households: number; microgrids: number; assignments: number; workers: number; messages: number }>(sql`
    WITH total AS (SELECT coalesce(sum(n), 0)::int AS n FROM gz_dispatch_hh),
    g AS (${grids}),
    a AS (
      INSERT INTO instruction_assignments (instruction_id, user_id, region_id, region_path, district_code)
      SELECT ${d.id}::uuid, x.user_id, x.id, x.code, x.district_code FROM (
        SELECT DISTINCT ra.user_id, g.id, g.code, g.district_code
        FROM g
        CROSS JOIN LATERAL (VALUES (left(g.code, 6)), (left(g.code, 9)), (left(g.code, 12)), (left(g.code, 15)), (g.code)) p(path)
        JOIN role_assignments ra ON ra.role = 'grid_worker' AND ra.region_path = p.path
        JOIN users u ON u.id = ra.user_id AND u.disabled_at IS NULL
        WHERE (SELECT n FROM total) > 0
      ) x ORDER BY x.user_id, x.id
      RETURNING region_id, user_id
    ),
    w AS (SELECT region_id, count(*)::int AS n FROM a GROUP BY region_id),
    ins AS (
      INSERT INTO instruction_grids (instruction_id, region_id, region_path, district_code, workers, households)
      SELECT ${d.id}::uuid, g.id, g.code, g.district_code, coalesce(w.n, 0), g.n
      FROM g LEFT JOIN w ON w.region_id = g.id
      WHERE (SELECT n FROM total) > 0
      ORDER BY g.code
      RETURNING 1
    ),
    o AS (
      INSERT INTO outbox (id, channel, recipient_user_id, template, payload)
      SELECT ${UUIDV7_SQL}, ch, x.user_id, 'instruction.sent', ${JSON.stringify({ instructionId: d.id, title: d.title, deadline: d.deadline.toISOString() })}::jsonb
      FROM (SELECT DISTINCT user_id FROM a) x CROSS JOIN unnest(${sql.param([...d.channels])}::text[]) ch
      ORDER BY x.user_id
      RETURNING 1
    )
    SELECT (SELECT n FROM total) AS households, (SELECT count(*) FROM ins)::int AS microgrids, (SELECT count(*) FROM a)::int AS assignments,
      (SELECT count(DISTINCT user_id) FROM a)::int AS workers, (SELECT count(*) FROM o)::int AS messages`);
  await tx.execute(sql`DROP TABLE pg_temp.gz_dispatch_hh`);
  step('grids');
  const c = res.rows[0]!;
  return { households: Number(c.households), microgrids: Number(c.microgrids), assignments: Number(c.assignments), workers: Number(c.workers), messages: Number(c.messages) };
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
    CROSS JOIN unnest(${sql.param([...channels])}::text[]) ch
    ORDER BY w.user_id`);
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
