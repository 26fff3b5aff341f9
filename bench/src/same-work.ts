import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import { acknowledge } from '@gongzhi/api/src/features/instructions/work.repository.ts';
import { report } from './measure.ts';

/*
 * Same-work baselines (issue 18 §2). A ratio against a bare one-row INSERT mixes the work a feature
 * must do with what the framework adds; these bare routes run the feature's own SQL — the same
 * statements, the same rows, the same transaction — with no validation, authentication, idempotency
 * or plugins around them, so `API / same work` is what the framework, validation and session cost.
 * Where the feature exports the function that sends its statement, the route calls that function, so
 * the baseline follows the feature when its SQL changes; elsewhere the bench copies the statement.
 */

/** A bare Fastify server (no plugins, no hooks) for same-work routes. Listen on it after adding routes. */
export function sameWorkServer(): FastifyInstance {
  return Fastify();
}

/** The same-work throughput line: the API's requests/s against the bare same-SQL route's, in the same run. */
export function reportSameWork(bench: string, apiRate: number, sameRate: number, extra: Record<string, unknown> = {}, unit = 'requests/s') {
  return report(`${bench}.same_work.throughput`, unit, apiRate, sameRate, { baseline_is: 'bare route running the same SQL in the same transaction', ...extra });
}

/** The index a same-work route takes from its path (`/…/:i`): which prepared subject request i acts on. */
export function indexOf(params: unknown, count: number): number {
  return Number((params as { i: string }).i) % count;
}

/** An (instruction, worker) pair the acknowledgement bench acknowledges. */
export interface AckPair { i: string; u: string }

/**
 * The acknowledgement's same work: `POST /same/ack/:i` acknowledges pair i with the feature's own
 * one statement (work.repository `acknowledge`: the assignment, the micro-grid counter and the audit
 * row), as the worker, with nothing around it. The progress push the API route sends after the
 * statement is coalesced and not part of the write, so it is not repeated here.
 *
 * Wiring (instructions.ts, beside the bare one-INSERT route): `const same = sameWorkServer();
 * ackSameWork(same, database, pairs, await workerNames(database, [...sessions.keys()]))`, listen; after
 * the bare run (and after counting `acked`), `await resetAcks(database, ids)` so the same rows are
 * acknowledged again, then time `cannon(sameUrl, amount, () => ({ path: `/same/ack/${k++}`, headers:
 * {}, body: '{}' }))` and `reportSameWork(`instructions.ack.${opts.label}`, apiRate, sameRate, ackExtra)`;
 * close `same` with the others.
 */
export function ackSameWork(app: FastifyInstance, database: Database, pairs: AckPair[], names: Map<string, string>) {
  app.post('/same/ack/:i', async (req) => {
    const p = pairs[indexOf(req.params, pairs.length)]!;
    return { acked: await acknowledge(database.db, p.i, { userId: p.u, name: names.get(p.u) ?? '', ip: '127.0.0.1' }) };
  });
}

/** The workers' names, as the API's actors carry them into the audit row. */
export async function workerNames(database: Database, userIds: string[]): Promise<Map<string, string>> {
  const { rows } = await database.pool.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY ($1::uuid[])', [userIds]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Undoes the API run's acknowledgements (assignments and micro-grid counters) so the same-work run
 * acknowledges the same rows again rather than matching none.
 */
export async function resetAcks(database: Database, instructionIds: string[]) {
  await database.pool.query('UPDATE instruction_assignments SET acked_at = NULL WHERE instruction_id = ANY ($1::uuid[]) AND acked_at IS NOT NULL', [instructionIds]);
  await database.pool.query('UPDATE instruction_grids SET acked = 0 WHERE instruction_id = ANY ($1::uuid[])', [instructionIds]);
}
