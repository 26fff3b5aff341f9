import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { draftProblem, type InstructionOutcome } from '@gongzhi/core';
import type { CreateInstructionBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { newId } from '../../platform/db/columns.ts';
import { claimUpload } from '../../platform/uploads/uploads.ts';
import { instructions } from './instructions.table.ts';
import { dispatchRows, remindUnacked, uncoveredParts, type DispatchCounts, type UncoveredPart } from './dispatch.repository.ts';
import { findInstruction, instructionsByIds, listInstructions, type InstructionRow } from './instructions.repository.ts';
import { mayClose, mayFollow, mayIssueAt, nodeFor } from './instructions.policy.ts';
import { acknowledge, isAssigned, recordFacts, recordOutcome, type Writer } from './work.repository.ts';
import { regionInScope } from '../org/region.service.ts';

/** An instruction the actor may follow, or INSTRUCTION_NOT_FOUND. */
export async function loadVisible(db: Db, actor: Actor, id: string): Promise<InstructionRow> {
  return found(await findInstruction(db, scopeFor(actor, 'instruction.read'), id), 'INSTRUCTION_NOT_FOUND');
}

/** An instruction and the node of it the actor asked for (default: their view); else 404. */
export async function loadNode(db: Db, actor: Actor, id: string, asked: string | undefined): Promise<{ instr: InstructionRow; path: string }> {
  const instr = await loadVisible(db, actor, id);
  const path = nodeFor(actor, instr, asked);
  if (path === null) throw new AppError('REGION_NOT_FOUND');
  return { instr, path };
}

/** A page of the instructions the actor may follow, newest first. */
export function instructionPage(db: Db, actor: Actor, limit: number, offset: number) {
  return listInstructions(db, scopeFor(actor, 'instruction.read'), limit, offset);
}

/**
 * An attachment of an instruction, for those following it and the workers it was sent to (anyone
 * else: INSTRUCTION_NOT_FOUND, as if it did not exist).
 */
export async function readAttachment(db: Db, actor: Actor, id: string, n: number) {
  const instr = (mayFollow(actor) ? await findInstruction(db, scopeFor(actor, 'instruction.read'), id) : undefined)
    ?? (await isAssigned(db, id, actor.userId) ? (await instructionsByIds(db, [id])).get(id) : undefined);
  return found(found(instr, 'INSTRUCTION_NOT_FOUND').attachments[n], 'NOT_FOUND');
}

/** The purpose an instruction's attachments are uploaded for (platform/uploads records it). */
export const ATTACHMENT_PURPOSE = 'instruction.attachment';

/**
 * The attachments of a draft as stored: each key must be an upload this actor made for an
 * instruction (else a coded 4xx), and its type and size are the recorded ones, not the caller's.
 */
async function ownAttachments(db: Db, actor: Actor, asked: CreateInstructionBody['attachments']): Promise<CreateInstructionBody['attachments']> {
  const out: CreateInstructionBody['attachments'] = [];
  for (const a of asked) {
    const u = await claimUpload(db, a.key, actor.userId, ATTACHMENT_PURPOSE);
    out.push({ key: u.key, name: a.name, size: u.size, mime: u.mime });
  }
  return out;
}

/** A draft checked for sending: its deadline and text, and the region the actor may issue at. */
async function checkDraft(db: Db, actor: Actor, body: CreateInstructionBody, now: Date) {
  const deadline = new Date(body.deadline);
  const problem = draftProblem({ ...body, deadline }, now);
  if (problem === 'deadline_past') throw new AppError('INSTRUCTION_DEADLINE_PAST');
  if (problem === 'question_missing') throw new AppError('INSTRUCTION_QUESTION_MISSING');
  if (problem === 'text_missing') throw new AppError('VALIDATION_FAILED');
  const region = found(await regionInScope(db, scopeFor(actor, 'instruction.issue'), body.regionId, { active: true }), 'REGION_NOT_FOUND');
  if (!mayIssueAt(actor, region.code)) throw new AppError('FORBIDDEN');
  return { deadline, region, tags: [...new Set(body.tags)], channels: [...new Set(body.channels)] };
}

/** What a send would reach, with the parts it would not. */
export interface InstructionPreviewResult { microgrids: number; households: number; workers: number; uncoveredHouseholds: number; uncovered: UncoveredPart[] }

const summarise = (counts: DispatchCounts, uncovered: UncoveredPart[]): InstructionPreviewResult => ({
  microgrids: counts.microgrids, households: counts.households, workers: counts.workers, uncovered,
  uncoveredHouseholds: uncovered.filter((u) => u.reason === 'no_worker').reduce((n, u) => n + u.households, 0),
});

/** Carries a dry run's answer out of the transaction it rolls back. */
class DryRun extends Error {
  constructor(readonly result: InstructionPreviewResult) { super('dry run'); }
}

/**
 * A dry run of sending a draft, for the confirmation dialog: the same fan-out `issueInstruction`
 * would write, inside a transaction that is always rolled back, so the counts and the unreachable
 * parts are exactly what sending would do and nothing is written (no outbox message, no audit).
 */
export async function previewInstruction(db: Db, actor: Actor, body: CreateInstructionBody, now: Date): Promise<InstructionPreviewResult> {
  const d = await checkDraft(db, actor, body, now);
  try {
    await db.transaction(async (tx) => {
      const id = newId();
      await tx.insert(instructions).values({
        id, regionId: d.region.id, regionPath: d.region.code, districtCode: d.region.districtCode, issuerId: actor.userId, issuerName: actor.name,
        title: body.title, body: body.body, task: body.task, question: null, tags: d.tags, channels: d.channels, attachments: [], deadline: d.deadline,
      });
      const counts = await dispatchRows(tx, { id, path: d.region.code, tags: d.tags, channels: d.channels, title: body.title, deadline: d.deadline });
      throw new DryRun(summarise(counts, counts.households ? await uncoveredParts(tx, id, d.region.code) : []));
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
  throw new Error('unreachable: a dry run always rolls back');
}

/**
 * Sends an instruction: validates the draft, then writes the instruction and its whole fan-out
 * (households, micro-grid × worker assignments, counters, outbox messages) set-based in one
 * transaction. An empty target or a target nobody covers rolls everything back with a coded error;
 * so does a target with parts nobody would reach, unless the sender acknowledged them
 * (`acknowledgeUncovered`) — the refusal lists those parts in its details.
 */
export async function issueInstruction(db: Db, actor: Actor, body: CreateInstructionBody, now: Date): Promise<{ id: string; counts: DispatchCounts }> {
  const { deadline, region, tags, channels } = await checkDraft(db, actor, body, now);
  const attachments = await ownAttachments(db, actor, body.attachments);
  const id = newId();
  return db.transaction(async (tx) => {
    await tx.insert(instructions).values({
      id, regionId: region.id, regionPath: region.code, districtCode: region.districtCode, issuerId: actor.userId, issuerName: actor.name,
      title: body.title, body: body.body, task: body.task, question: body.task === 'collect' ? body.question ?? null : null,
      tags, channels, attachments, deadline,
    });
    const counts = await dispatchRows(tx, { id, path: region.code, tags, channels, title: body.title, deadline });
    if (counts.households === 0) throw new AppError('INSTRUCTION_TARGET_EMPTY');
    if (counts.workers === 0) throw new AppError('INSTRUCTION_NO_WORKERS', {}, { households: counts.households, microgrids: counts.microgrids });
    const uncovered = await uncoveredParts(tx, id, region.code);
    if (uncovered.length && !body.acknowledgeUncovered) {
      throw new AppError('INSTRUCTION_UNCOVERED', { count: uncovered.length }, summarise(counts, uncovered));
    }
    await tx.update(instructions).set({ microgrids: counts.microgrids, workers: counts.workers, households: counts.households }).where(eq(instructions.id, id));
    await audit(tx, actor, {
      action: 'instruction.issue', subjectType: 'instruction', subjectId: id, regionPath: region.code, after: { ...body, ...counts },
      details: { ...counts, uncovered: uncovered.length, acknowledgedUncovered: uncovered.length > 0 },
    });
    return { id, counts };
  });
}

/** Closes an instruction: no more records; the report stays. */
export async function closeInstruction(db: Db, actor: Actor, id: string) {
  const instr = await loadVisible(db, actor, id);
  if (!mayClose(actor, instr)) throw new AppError('FORBIDDEN');
  if (instr.closedAt) throw new AppError('INSTRUCTION_CLOSED');
  await db.transaction(async (tx) => {
    await tx.update(instructions).set({ closedAt: sql`now()` }).where(eq(instructions.id, id));
    await audit(tx, actor, { action: 'instruction.close', subjectType: 'instruction', subjectId: id, regionPath: instr.regionPath });
    await tx.execute(sql`SELECT pg_notify('gz_instruction', ${id})`);
  });
}

/**
 * One-click reminder to the workers under `path` (default: the actor's view) who have not
 * acknowledged: the node must be in the actor's view (else 404) and they must issue there (else 403).
 */
export async function remind(db: Db, actor: Actor, id: string, path: string | undefined): Promise<number> {
  const { instr, path: at } = await loadNode(db, actor, id, path);
  if (!mayIssueAt(actor, at)) throw new AppError('FORBIDDEN');
  if (instr.closedAt) throw new AppError('INSTRUCTION_CLOSED');
  return db.transaction(async (tx) => {
    const n = await remindUnacked(tx, id, at, instr.channels, instr.title);
    await audit(tx, actor, { action: 'instruction.remind', subjectType: 'instruction', subjectId: id, regionPath: at, details: { workers: n } });
    return n;
  });
}

const writerOf = (actor: Actor): Writer & { userId: string } => ({ userId: actor.userId, name: actor.name, ip: actor.ip ?? null });

/** A worker acknowledges; repeating it is harmless. Not assigned → INSTRUCTION_NOT_ASSIGNED. */
export async function ack(db: Db, actor: Actor, id: string): Promise<number> {
  const n = await acknowledge(db, id, writerOf(actor));
  if (n > 0) return n;
  const again = await db.execute(sql`SELECT 1 FROM instruction_assignments WHERE instruction_id = ${id}::uuid AND user_id = ${actor.userId}::uuid LIMIT 1`);
  if (!again.rows.length) throw new AppError('INSTRUCTION_NOT_ASSIGNED');
  return 0;
}

/** A worker records a household of their micro-grid; anything else gets a coded error saying why. */
export async function record(db: Db, actor: Actor, id: string, householdId: string, outcome: InstructionOutcome, answer: string | undefined) {
  const ok = await recordOutcome(db, { instructionId: id, householdId, outcome, answer: answer || null, via: 'worker', writer: writerOf(actor) });
  if (ok) return;
  const facts = await recordFacts(db, id, householdId, actor.userId);
  if (!facts || !facts.assigned) throw new AppError('INSTRUCTION_NOT_ASSIGNED');
  if (facts.closed) throw new AppError('INSTRUCTION_CLOSED');
  if (!facts.mine) throw new AppError('INSTRUCTION_HOUSEHOLD_OUTSIDE');
  if (facts.confirmed) throw new AppError('INSTRUCTION_HOUSEHOLD_CONFIRMED');
  throw new AppError('INSTRUCTION_ANSWER_MISSING');
}

/** Link keys are derived from the platform secret, apart from every other use of it. */
export interface LinkSigner { sign(instructionId: string, householdId: string): string; verify(token: string): { instructionId: string; householdId: string } | null }

/**
 * Personal links: `<instruction id hex><household id hex>.<HMAC-SHA-256>` in base64url, so a
 * household can confirm without signing in and a link cannot be forged or moved to another household.
 */
export function linkSigner(secret: string): LinkSigner {
  const mac = (payload: Buffer) => createHmac('sha256', `gongzhi/instruction-link/${secret}`).update(payload).digest().subarray(0, 16);
  const pack = (i: string, h: string) => Buffer.from(i.replace(/-/g, '') + h.replace(/-/g, ''), 'hex');
  const uuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return {
    sign: (i, h) => { const p = pack(i, h); return `${p.toString('base64url')}.${mac(p).toString('base64url')}`; },
    verify(token) {
      const [a, b] = token.split('.');
      if (!a || !b) return null;
      const p = Buffer.from(a, 'base64url');
      const sig = Buffer.from(b, 'base64url');
      if (p.length !== 32 || sig.length !== 16 || !timingSafeEqual(sig, mac(p))) return null;
      const hex = p.toString('hex');
      return { instructionId: uuid(hex.slice(0, 32)), householdId: uuid(hex.slice(32)) };
    },
  };
}

/** A household confirms through its personal link (reached, with its answer when one is asked). */
export async function confirmByLink(db: Db, ids: { instructionId: string; householdId: string }, answer: string | undefined) {
  const ok = await recordOutcome(db, { ...ids, outcome: 'reached', answer: answer || null, via: 'link', writer: { userId: null, name: '住户（个人链接）', ip: null } });
  if (ok) return;
  const res = await db.execute<{ closed: boolean }>(sql`SELECT i.closed_at IS NOT NULL AS closed FROM instructions i WHERE i.id = ${ids.instructionId}::uuid`);
  const row = res.rows[0];
  if (!row) throw new AppError('INSTRUCTION_LINK_INVALID');
  if (row.closed) throw new AppError('INSTRUCTION_CLOSED');
  throw new AppError('INSTRUCTION_ANSWER_MISSING');
}
