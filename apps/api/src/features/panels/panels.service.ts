import type { z } from 'zod';
import { panelScore } from '@gongzhi/core';
import type { CreatePanelBody, PanelScoreBody } from '@gongzhi/contracts';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { regionInScope } from '../org/region.service.ts';
import {
  closePanelRow, findPanel, hasScored, insertPanel, insertScores, lockMember, markAbsent, panelParts,
  type CandidateRow, type CriterionRow, type MemberRow, type PanelRow, type ScoreRow,
} from './panels.repository.ts';
import { conflicted, mayManage, mayScoreFor, toTenths, weightedTenths, weightsValid } from './panels.policy.ts';

export type { PanelRow } from './panels.repository.ts';

export interface NewPanel {
  subjectKind: string; subjectId: string; title: string;
  regionPath: string; districtCode: string; regionId?: string | null;
  members: { userId?: string | null; name: string; capacity: string; organisationIds?: string[] }[];
  criteria: { name: string; weight: number }[];
  candidates: { label: string; refId?: string | null; organisationId?: string | null }[];
}

/**
 * Sets up a scoring panel for a subject in the caller's transaction: at least three different members
 * (a person sits once), criteria with whole weights adding up to 100, at least one candidate, none
 * listed twice. The caller has decided the actor may set it up (staff running the subject).
 */
export async function createPanel(tx: Tx, actor: Actor, p: NewPanel, now: Date): Promise<PanelRow> {
  if (!weightsValid(p.criteria.map((c) => c.weight))) throw new AppError('PANEL_WEIGHTS');
  const userIds = p.members.flatMap((m) => (m.userId ? [m.userId] : []));
  if (p.members.length < 3 || new Set(userIds).size !== userIds.length) throw new AppError('PANEL_MEMBERS');
  const refs = p.candidates.flatMap((c) => (c.refId ? [c.refId] : []));
  if (!p.candidates.length || new Set(refs).size !== refs.length) throw new AppError('PANEL_CANDIDATES');
  const row = await insertPanel(tx, {
    subjectKind: p.subjectKind, subjectId: p.subjectId, title: p.title, regionPath: p.regionPath, districtCode: p.districtCode,
    regionId: p.regionId ?? null, state: 'open', createdBy: actor.userId, createdAt: now,
  }, {
    members: p.members.map((m) => ({ userId: m.userId ?? null, name: m.name, capacity: m.capacity, organisationIds: [...new Set(m.organisationIds ?? [])] })),
    criteria: p.criteria.map((c) => ({ name: c.name, weight: c.weight })),
    candidates: p.candidates.map((c) => ({ label: c.label, refId: c.refId ?? null, organisationId: c.organisationId ?? null })),
  });
  await audit(tx, actor, { action: 'panel.create', subjectType: 'panel', subjectId: row.id, regionPath: p.regionPath, details: { subjectKind: p.subjectKind, subjectId: p.subjectId, members: p.members.length, candidates: p.candidates.length } });
  return row;
}

/** A panel set up from the staff page, in a region the actor runs (out of scope: not found). */
export async function createPanelFromBody(db: Db, actor: Actor, body: z.infer<typeof CreatePanelBody>, now: Date): Promise<PanelRow> {
  return db.transaction(async (tx) => {
    const region = await regionInScope(tx, scopeFor(actor, 'panel.manage'), body.regionId, { active: true });
    if (!region) throw new AppError('REGION_NOT_FOUND');
    return createPanel(tx, actor, { ...body, regionPath: region.code, districtCode: region.districtCode, regionId: region.id }, now);
  });
}

/** A panel the actor may reach: staff of its area, and its own members. */
export async function reachablePanel(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<{ panel: PanelRow; manage: boolean }> {
  const panel = await findPanel(db, scopeFor(actor, 'panel.read'), id, { memberUserId: actor.userId, lock })
    ?? await findPanel(db, scopeFor(actor, 'panel.manage'), id, { lock });
  if (!panel) throw new AppError('PANEL_NOT_FOUND');
  return { panel, manage: mayManage(actor, panel.regionPath) };
}

/**
 * Enters one member's scorecard for one candidate: every criterion once, 0–100 with at most one
 * decimal. The member themself or staff running the panel (paper sheets) enter it; a member linked to
 * the candidate's organisation may not (`PANEL_CONFLICT`); a card is entered once
 * (`PANEL_ALREADY_SCORED`): the member's row is locked, so of two concurrent entries exactly one wins.
 */
export async function scoreCandidate(db: Db, actor: Actor, panelId: string, body: z.infer<typeof PanelScoreBody>, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { manage } = await reachablePanel(tx, actor, panelId);
    const member = await lockMember(tx, panelId, body.memberId);
    if (!member) throw new AppError('PANEL_NOT_FOUND');
    if (!mayScoreFor(actor, member, manage)) throw new AppError('PANEL_NOT_MEMBER');
    // Read again after the member's lock: a close that took the lock first has committed by now.
    const panel = (await findPanel(tx, EVERYWHERE, panelId))!;
    if (panel.state !== 'open') throw new AppError('PANEL_CLOSED');
    if (member.absentAt) throw new AppError('PANEL_CLOSED');
    const { criteria, candidates } = await panelParts(tx, panelId);
    const candidate = candidates.find((c) => c.id === body.candidateId);
    if (!candidate) throw new AppError('PANEL_NOT_FOUND');
    if (conflicted(member, candidate)) throw new AppError('PANEL_CONFLICT');
    if (await hasScored(tx, member.id, candidate.id)) throw new AppError('PANEL_ALREADY_SCORED');
    const given = new Map<string, number>();
    for (const s of body.scores) {
      const tenths = toTenths(s.score);
      if (tenths === undefined || given.has(s.criterionId)) throw new AppError('PANEL_SCORE_INVALID');
      given.set(s.criterionId, tenths);
    }
    if (given.size !== criteria.length || criteria.some((c) => !given.has(c.id))) throw new AppError('PANEL_SCORE_INVALID');
    await insertScores(tx, criteria.map((c) => ({ panelId, memberId: member.id, candidateId: candidate.id, criterionId: c.id, tenths: given.get(c.id)!, enteredBy: actor.userId, scoredAt: now })));
    const total = weightedTenths(criteria.map((c) => ({ tenths: given.get(c.id)!, weight: c.weight })));
    await audit(tx, actor, { action: 'panel.score', subjectType: 'panel', subjectId: panelId, regionPath: panel.regionPath, details: { memberId: member.id, candidateId: candidate.id, total: total / 10, onBehalf: member.userId !== actor.userId } });
  });
}

/** Records that a member will not score (ill, withdrawn): closing then does not wait for them. */
export async function recordAbsence(db: Db, actor: Actor, panelId: string, memberId: string, reason: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { panel, manage } = await reachablePanel(tx, actor, panelId, true);
    if (!manage) throw new AppError('PANEL_NOT_FOUND');
    if (panel.state !== 'open') throw new AppError('PANEL_CLOSED');
    const member = await lockMember(tx, panelId, memberId);
    if (!member) throw new AppError('PANEL_NOT_FOUND');
    if (member.absentAt) return;
    await markAbsent(tx, memberId, now, reason);
    await audit(tx, actor, { action: 'panel.absence', subjectType: 'panel', subjectId: panelId, regionPath: panel.regionPath, details: { memberId, reason } });
  });
}

/**
 * Closes the panel: every member present has scored every candidate they may score, and every
 * candidate has at least three totals (else `PANEL_INCOMPLETE` / `PANEL_TOO_FEW_SCORES`). Locked, so
 * scores entered concurrently either land before it or are refused as closed.
 */
export async function closePanel(db: Db, actor: Actor, panelId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { panel, manage } = await reachablePanel(tx, actor, panelId, true);
    if (!manage) throw new AppError('PANEL_NOT_FOUND');
    if (panel.state !== 'open') throw new AppError('PANEL_CLOSED');
    const parts = await panelParts(tx, panelId);
    // Scorecards take the member's lock, not the panel's: lock every member so none lands mid-check.
    for (const m of parts.members) await lockMember(tx, panelId, m.id);
    const fresh = await panelParts(tx, panelId);
    if (missingCards(fresh).length) throw new AppError('PANEL_INCOMPLETE');
    if (computeResults(fresh).some((r) => r.score === null)) throw new AppError('PANEL_TOO_FEW_SCORES');
    await closePanelRow(tx, panelId, now, actor.userId);
    await audit(tx, actor, { action: 'panel.close', subjectType: 'panel', subjectId: panelId, regionPath: panel.regionPath, details: { results: computeResults(fresh).map((r) => ({ candidateId: r.candidateId, score: r.score })) } });
  });
}

type Parts = { members: MemberRow[]; criteria: CriterionRow[]; candidates: CandidateRow[]; scores: ScoreRow[] };

/** Scorecards still owed: a present member × a candidate they may score, not yet scored. */
export function missingCards(p: Parts): { memberId: string; candidateId: string }[] {
  const done = new Set(p.scores.map((s) => `${s.memberId}:${s.candidateId}`));
  return p.members.filter((m) => !m.absentAt).flatMap((m) => p.candidates
    .filter((c) => !conflicted(m, c) && !done.has(`${m.id}:${c.id}`)).map((c) => ({ memberId: m.id, candidateId: c.id })));
}

/** Each member's weighted total (tenths) per candidate they scored. */
export function sheetsOf(p: Parts): { memberId: string; candidateId: string; cells: Map<string, number>; totalTenths: number }[] {
  const weight = new Map(p.criteria.map((c) => [c.id, c.weight]));
  const byCard = new Map<string, { memberId: string; candidateId: string; cells: Map<string, number> }>();
  for (const s of p.scores) {
    const key = `${s.memberId}:${s.candidateId}`;
    const card = byCard.get(key) ?? { memberId: s.memberId, candidateId: s.candidateId, cells: new Map<string, number>() };
    card.cells.set(s.criterionId, s.tenths);
    byCard.set(key, card);
  }
  return [...byCard.values()].map((c) => ({ ...c, totalTenths: weightedTenths([...c.cells].map(([id, tenths]) => ({ tenths, weight: weight.get(id) ?? 0 }))) }));
}

/**
 * Per candidate (in the panel's order): the members' totals (in member order) and `panelScore` of
 * them — one highest and one lowest dropped with five or more — or null with fewer than three; ranked
 * by score, ties sharing a rank.
 */
export function computeResults(p: Parts): { candidateId: string; memberTotals: number[]; score: number | null; rank: number | null; droppedHighLow: boolean }[] {
  const sheets = sheetsOf(p);
  const order = new Map(p.members.map((m, i) => [m.id, i]));
  const rows = p.candidates.map((c) => {
    const totals = sheets.filter((s) => s.candidateId === c.id).sort((a, b) => order.get(a.memberId)! - order.get(b.memberId)!).map((s) => s.totalTenths / 10);
    return { candidateId: c.id, memberTotals: totals, score: totals.length >= 3 ? panelScore(totals) : null, droppedHighLow: totals.length >= 5 };
  });
  return rows.map((r) => ({ ...r, rank: r.score === null ? null : 1 + rows.filter((o) => o.score !== null && o.score > r.score!).length }));
}

/**
 * A panel's results for the feature that owns its subject (an award takes the best score; an
 * acceptance compares it with its pass mark): the candidates with their score, or null while fewer
 * than three members have scored them.
 */
export async function panelResult(db: DbOrTx, panelId: string): Promise<{ panel: PanelRow; results: (ReturnType<typeof computeResults>[number] & { refId: string | null; organisationId: string | null; label: string })[] } | undefined> {
  // The caller owns the subject and has checked its reader; the panel is read wherever it is.
  const panel = await findPanel(db, EVERYWHERE, panelId);
  if (!panel) return undefined;
  const parts = await panelParts(db, panelId);
  const byId = new Map(parts.candidates.map((c) => [c.id, c]));
  return { panel, results: computeResults(parts).map((r) => ({ ...r, refId: byId.get(r.candidateId)!.refId, organisationId: byId.get(r.candidateId)!.organisationId, label: byId.get(r.candidateId)!.label })) };
}

/** Everything on a panel's page, for the read service. */
export const partsOf = panelParts;
