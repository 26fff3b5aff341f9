import { and, eq, sql } from 'drizzle-orm';
import type { InstructionOutcome } from '@gongzhi/core';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { auditRow } from '../../platform/audit/audit.ts';
import { executePrepared } from '../../platform/db/prepared.ts';
import { inTarget, UUIDV7_SQL, UUIDV7_TEXT } from './dispatch.repository.ts';
import { instructionAssignments } from './instructions.table.ts';

/** The NOTIFY channel progress streams listen on; the payload is the instruction id. */
export const PROGRESS_CHANNEL = 'gz_instruction';

/** Who is writing, for the audit row folded into the same statement. */
export interface Writer { userId: string | null; name: string; ip: string | null }

/**
 * Acknowledges an instruction for every micro-grid the worker holds in it, in ONE statement: the
 * assignments, the micro-grid counters and the audit row commit together, with no round trip in
 * between (the ingestion path at city scale). The progress notification is sent after it, coalesced
 * (see ProgressHub.changed): a NOTIFY inside every ack would serialise all their commits on
 * PostgreSQL's notification-queue lock. Returns how many assignments were acknowledged now (0 when
 * already acknowledged or not assigned).
 */
export async function acknowledge(db: Db, instructionId: string, w: Writer & { userId: string }): Promise<number> {
  // The audit row's fixed values come from the one audit writer's row builder; the region and the
  // micro-grid count are only known inside the statement.
  const a = auditRow(w, { action: 'instruction.ack', subjectType: 'instruction', subjectId: instructionId });
  const rows = await executePrepared<{ n: number }>(db, {
    name: 'gz_instruction_ack', text: ACK_SQL, values: [instructionId, w.userId, a.actorName, a.ip, a.action, a.subjectType],
  });
  return rows[0]!.n;
}

// A named statement: PostgreSQL parses and plans it once per connection, and Node builds no query
// text per call — on the hottest write path of the feature, that is most of the cost.
const ACK_SQL = `
  WITH a AS (
    UPDATE instruction_assignments SET acked_at = now()
    WHERE instruction_id = $1::uuid AND user_id = $2::uuid AND acked_at IS NULL
    RETURNING region_id, region_path
  ), g AS (
    UPDATE instruction_grids g SET acked = g.acked + 1 FROM a
    WHERE g.instruction_id = $1::uuid AND g.region_id = a.region_id
    RETURNING 1
  ), au AS (
    INSERT INTO audit_log (id, actor_id, actor_name, action, subject_type, subject_id, region_path, details, ip)
    SELECT ${UUIDV7_TEXT}, $2::uuid, $3::text, $5::text, $6::text, $1::text, min(a.region_path), jsonb_build_object('microgrids', count(*)), $4::text
    FROM a HAVING count(*) > 0
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM g)::int AS n, (SELECT count(*) FROM au)::int AS audited`;

/**
 * Records a household's outcome, only if the household is one of the instruction's targets in one
 * of the recording worker's micro-grids (or, with `via: 'link'`, for the household itself), the
 * instruction is open, and a collect-an-answer "reached" carries the answer. Sending wrote no row
 * per household, so the first record makes the household's row (a `pending` one, if it is a target
 * and the record may be made) and then records on it as every later record does, in one
 * transaction: the micro-grid counters move by the difference between the old and new outcome, so
 * they stay exact under retries and concurrent records (the row is locked). Returns false when
 * nothing matched; the caller then says why.
 */
export function recordOutcome(db: DbOrTx, r: RecordInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO instruction_households (instruction_id, household_id, region_id, region_path, district_code)
      SELECT i.id, h.id, h.region_id, h.region_path, h.district_code
      FROM instructions i
      JOIN households h ON h.id = ${r.householdId}::uuid AND ${inTarget(sql`i`, sql`h`)}
      JOIN instruction_grids g ON g.instruction_id = i.id AND g.region_id = h.region_id
      WHERE i.id = ${r.instructionId}::uuid AND i.closed_at IS NULL
        AND (i.task <> 'collect' OR ${r.outcome} <> 'reached' OR ${r.answer}::text IS NOT NULL)
        ${r.via === 'worker' ? sql`AND EXISTS (SELECT 1 FROM instruction_assignments a WHERE a.instruction_id = i.id AND a.region_id = h.region_id AND a.user_id = ${r.writer.userId}::uuid)` : sql``}
      ON CONFLICT DO NOTHING`);
    return recordOnRow(tx, r);
  });
}

/** What a record says: the household, its outcome and answer, and who records it how. */
export interface RecordInput { instructionId: string; householdId: string; outcome: InstructionOutcome; answer: string | null; via: 'worker' | 'link'; writer: Writer }

/** The record on the household's row, the counters and the audit row in ONE statement. */
async function recordOnRow(db: DbOrTx, r: RecordInput): Promise<boolean> {
  // A worker records households of their own micro-grids, and never over the household's own word:
  // a confirmation through the personal link is the household's, and stays (issue 14 · item 11a).
  const onlyMine = r.via === 'worker'
    ? sql`AND EXISTS (SELECT 1 FROM instruction_assignments a WHERE a.instruction_id = ih.instruction_id AND a.region_id = ih.region_id AND a.user_id = ${r.writer.userId}::uuid)
      AND ih.via IS DISTINCT FROM 'link'`
    : sql``;
  const a = auditRow(r.writer, { action: 'instruction.record', subjectType: 'instruction', subjectId: r.instructionId });
  const res = await db.execute<{ n: number; audited: number }>(sql`
    WITH h AS (
      SELECT ih.household_id, ih.region_id, ih.region_path, ih.status AS old FROM instruction_households ih
      JOIN instructions i ON i.id = ih.instruction_id AND i.closed_at IS NULL
        AND (i.task <> 'collect' OR ${r.outcome} <> 'reached' OR ${r.answer}::text IS NOT NULL)
      WHERE ih.instruction_id = ${r.instructionId}::uuid AND ih.household_id = ${r.householdId}::uuid ${onlyMine}
      FOR UPDATE OF ih
    ), u AS (
      UPDATE instruction_households ih SET status = ${r.outcome}, attempts = ih.attempts + 1, answer = coalesce(${r.answer}::text, ih.answer),
        recorded_by = ${r.writer.userId}::uuid, via = ${r.via}, recorded_at = now()
      FROM h WHERE ih.instruction_id = ${r.instructionId}::uuid AND ih.household_id = h.household_id
      RETURNING ih.region_id, ih.region_path, h.old
    ), g AS (
      UPDATE instruction_grids g SET
        reached = g.reached + (${r.outcome} = 'reached')::int - (u.old = 'reached')::int,
        not_home = g.not_home + (${r.outcome} = 'not_home')::int - (u.old = 'not_home')::int,
        refused = g.refused + (${r.outcome} = 'refused')::int - (u.old = 'refused')::int
      FROM u WHERE g.instruction_id = ${r.instructionId}::uuid AND g.region_id = u.region_id
      RETURNING 1
    ), au AS (
      INSERT INTO audit_log (id, actor_id, actor_name, action, subject_type, subject_id, region_path, details, ip)
      SELECT ${UUIDV7_SQL}, ${a.actorId}::uuid, ${a.actorName}, ${a.action}, ${a.subjectType}, ${a.subjectId}, u.region_path,
        jsonb_build_object('householdId', ${r.householdId}::text, 'outcome', ${r.outcome}::text, 'before', u.old, 'via', ${r.via}::text), ${a.ip}
      FROM u
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM g)::int AS n, (SELECT count(*) FROM au)::int AS audited`);
  return res.rows[0]!.n > 0;
}

/** Why a worker's record matched nothing: facts for the service to turn into an error code. */
export async function recordFacts(db: DbOrTx, instructionId: string, householdId: string, userId: string) {
  const res = await db.execute<{ task: string; closed: boolean; assigned: boolean; mine: boolean; confirmed: boolean }>(sql`
    SELECT i.task, i.closed_at IS NOT NULL AS closed,
      EXISTS (SELECT 1 FROM instruction_households ih WHERE ih.instruction_id = i.id AND ih.household_id = ${householdId}::uuid AND ih.via = 'link') AS confirmed,
      EXISTS (SELECT 1 FROM instruction_assignments a WHERE a.instruction_id = i.id AND a.user_id = ${userId}::uuid) AS assigned,
      EXISTS (SELECT 1 FROM households h JOIN instruction_assignments a ON a.instruction_id = i.id AND a.region_id = h.region_id AND a.user_id = ${userId}::uuid
              WHERE h.id = ${householdId}::uuid AND ${inTarget(sql`i`, sql`h`)}) AS mine
    FROM instructions i WHERE i.id = ${instructionId}::uuid`);
  return res.rows[0];
}

/** True when the user has at least one assignment in the instruction. */
export async function isAssigned(db: DbOrTx, instructionId: string, userId: string): Promise<boolean> {
  const [hit] = await db.select({ one: sql`1` }).from(instructionAssignments)
    .where(and(eq(instructionAssignments.instructionId, instructionId), eq(instructionAssignments.userId, userId))).limit(1);
  return hit !== undefined;
}

/** A worker's inbox (or the one instruction `only`): instructions sent to them, newest first, with their own counters. */
export async function inbox(db: DbOrTx, userId: string, limit: number, offset: number, only?: string) {
  const one = only ? sql`AND instruction_id = ${only}::uuid` : sql``;
  const res = await db.execute<{ id: string; acked_at: Date | null; households: number; reached: number; not_home: number; refused: number; total: number }>(sql`
    SELECT i.id, a.acked_at, coalesce(m.households, 0)::int AS households, coalesce(m.reached, 0)::int AS reached,
      coalesce(m.not_home, 0)::int AS not_home, coalesce(m.refused, 0)::int AS refused, count(*) OVER ()::int AS total
    FROM (SELECT instruction_id, max(acked_at) AS acked_at, array_agg(region_id) AS regions FROM instruction_assignments WHERE user_id = ${userId}::uuid ${one} GROUP BY instruction_id) a
    JOIN instructions i ON i.id = a.instruction_id
    LEFT JOIN LATERAL (SELECT sum(households) AS households, sum(reached) AS reached, sum(not_home) AS not_home, sum(refused) AS refused
      FROM instruction_grids g WHERE g.instruction_id = i.id AND g.region_id = ANY (a.regions)) m ON true
    ORDER BY i.created_at DESC LIMIT ${limit} OFFSET ${offset}`);
  return res.rows;
}

/**
 * The target households of a worker's micro-grids in an instruction, by micro-grid and address, with
 * what was recorded (no row yet: pending).
 */
export async function assignedHouseholds(db: DbOrTx, instructionId: string, userId: string) {
  const res = await db.execute<{ household_id: string; address: string; microgrid: string; status: string; attempts: number; answer: string | null; via: string | null; recorded_at: Date | null }>(sql`
    SELECT h.id AS household_id, h.address, r.name AS microgrid, coalesce(ih.status, 'pending') AS status, coalesce(ih.attempts, 0)::int AS attempts, ih.answer, ih.via, ih.recorded_at
    FROM instruction_assignments a
    JOIN instructions i ON i.id = a.instruction_id
    JOIN households h ON h.region_path = a.region_path AND h.region_id = a.region_id AND ${inTarget(sql`i`, sql`h`)}
    JOIN regions r ON r.id = a.region_id
    LEFT JOIN instruction_households ih ON ih.instruction_id = a.instruction_id AND ih.household_id = h.id
    WHERE a.instruction_id = ${instructionId}::uuid AND a.user_id = ${userId}::uuid
    ORDER BY r.code, h.address, h.id`);
  return res.rows;
}

/** The one household a personal link names, with its instruction, if the household is one of its targets. */
export async function linkTarget(db: DbOrTx, instructionId: string, householdId: string) {
  const res = await db.execute<{ title: string; body: string; task: string; question: string | null; deadline: Date; closed_at: Date | null; address: string; status: string; answer: string | null }>(sql`
    SELECT i.title, i.body, i.task, i.question, i.deadline, i.closed_at, h.address, coalesce(ih.status, 'pending') AS status, ih.answer
    FROM instructions i
    JOIN households h ON h.id = ${householdId}::uuid AND ${inTarget(sql`i`, sql`h`)}
    JOIN instruction_grids g ON g.instruction_id = i.id AND g.region_id = h.region_id
    LEFT JOIN instruction_households ih ON ih.instruction_id = i.id AND ih.household_id = h.id
    WHERE i.id = ${instructionId}::uuid`);
  return res.rows[0];
}
