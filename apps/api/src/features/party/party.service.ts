import type { z } from 'zod';
import type { PartyNeedBody, PartyReportBody } from '@gongzhi/contracts';
import { chinaDay } from '@gongzhi/core';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { ownRegisterEntry, requireNotErased } from '../org/people.service.ts';
import { cardNumber, communityOf, isPartyMember, SERVICE_DONE_RULE } from './party.policy.ts';
import {
  findClaim, findClaimOf, findNeed, findReport, insertClaim, insertNeed, insertReport, markClaimDone, nextCardSeq, reportOf, updateReport,
  type ClaimRow, type NeedRow, type ReportRow,
} from './party.repository.ts';
import { districtSettings, oneCommunity } from './party.community.ts';
import { postPoints } from './party.points.service.ts';

/** The unique index that keeps a member to one community at a time. */
const ONE_COMMUNITY = 'party_reports_one_community_uq';
const isUniqueViolation = (e: unknown, index: string) => {
  const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const c = err.cause ?? err;
  return c.code === '23505' && c.constraint === index;
};

/**
 * A party member reports to the community where they live (双报到): the slip takes their name from
 * their person record and the community from their residence. One pending or confirmed report at a
 * time (PARTY_ALREADY_REPORTED), also when two arrive at once (the partial unique index decides).
 */
export async function submitReport(db: Db, actor: Actor, body: z.infer<typeof PartyReportBody>): Promise<ReportRow> {
  if (!isPartyMember(actor) || !actor.residentId) throw new AppError('PARTY_NOT_MEMBER');
  const residentId = actor.residentId;
  await requireNotErased(db, residentId);
  const { resident } = await ownRegisterEntry(db, residentId);
  const community = communityOf(found(resident, 'RESIDENT_NOT_FOUND').regionPath);
  if (!community) throw new AppError('PARTY_NOT_COMMUNITY');
  try {
    return await db.transaction(async (tx) => {
      const open = await reportOf(tx, residentId);
      if (open && open.state !== 'returned') throw new AppError('PARTY_ALREADY_REPORTED');
      const r = await insertReport(tx, {
        residentId, userId: actor.userId, regionPath: community, districtCode: resident!.districtCode, name: resident!.name, ...body,
      });
      await audit(tx, actor, { action: 'party.report', subjectType: 'party_report', subjectId: r.id, regionPath: community, after: r });
      return r;
    });
  } catch (e) {
    if (isUniqueViolation(e, ONE_COMMUNITY)) throw new AppError('PARTY_ALREADY_REPORTED');
    throw e;
  }
}

/** Loads a pending report in the actor's scope under lock, or refuses. */
async function pendingReport(tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, id: string) {
  const r = found(await findReport(tx, scopeFor(actor, 'party.manage'), id, { lock: true }), 'PARTY_REPORT_NOT_FOUND');
  if (r.state !== 'submitted') throw new AppError('PARTY_REPORT_NOT_PENDING');
  return r;
}

/** The community confirms a report: the member gets a service card with a number; they are told in their inbox. */
export async function confirmReport(db: Db, actor: Actor, id: string, now: Date): Promise<ReportRow> {
  return db.transaction(async (tx) => {
    const r = await pendingReport(tx, actor, id);
    const year = Number(chinaDay(now).slice(0, 4));
    const cardNo = cardNumber(r.regionPath, year, await nextCardSeq(tx, r.regionPath, year));
    const after = await updateReport(tx, id, { state: 'confirmed', cardNo, handledBy: actor.userId, handledAt: now });
    if (r.userId) await enqueue(tx, { channel: 'inbox', template: 'party.report_confirmed', recipientUserId: r.userId, payload: { reportId: id, cardNo, title: `党员报到已确认，服务证号 ${cardNo}` } });
    await audit(tx, actor, { action: 'party.report_confirm', subjectType: 'party_report', subjectId: id, regionPath: r.regionPath, before: r, after, details: { cardNo } });
    return after;
  });
}

/** The community returns a report with its reason; the member may correct it and report again. */
export async function returnReport(db: Db, actor: Actor, id: string, reason: string, now: Date): Promise<ReportRow> {
  return db.transaction(async (tx) => {
    const r = await pendingReport(tx, actor, id);
    const after = await updateReport(tx, id, { state: 'returned', returnReason: reason, handledBy: actor.userId, handledAt: now });
    if (r.userId) await enqueue(tx, { channel: 'inbox', template: 'party.report_returned', recipientUserId: r.userId, payload: { reportId: id, reason, title: `党员报到单被退回：${reason}` } });
    await audit(tx, actor, { action: 'party.report_return', subjectType: 'party_report', subjectId: id, regionPath: r.regionPath, before: r, after });
    return after;
  });
}

/** The community publishes a need (a post or a task) with its number of places. */
export async function publishNeed(db: Db, actor: Actor, body: z.infer<typeof PartyNeedBody>): Promise<NeedRow> {
  const c = await oneCommunity(db, actor, 'party.manage', body.regionId);
  return db.transaction(async (tx) => {
    const n = await insertNeed(tx, {
      regionPath: c.code, districtCode: c.districtCode, kind: body.kind, category: body.category, title: body.title,
      description: body.description, whenText: body.when, places: body.places, createdBy: actor.userId,
    });
    await audit(tx, actor, { action: 'party.need_publish', subjectType: 'party_need', subjectId: n.id, regionPath: c.code, after: n });
    return n;
  });
}

/** The actor's confirmed report, or PARTY_NOT_REPORTED. */
export async function confirmedReportOf(db: Db, actor: Actor): Promise<ReportRow> {
  if (!isPartyMember(actor) || !actor.residentId) throw new AppError('PARTY_NOT_MEMBER');
  const r = await reportOf(db, actor.residentId);
  if (!r || r.state !== 'confirmed') throw new AppError('PARTY_NOT_REPORTED');
  return r;
}

/**
 * A confirmed member claims a need of their community. The need's row lock serialises claims, so
 * concurrent claims of the last place have exactly one winner (the others get PARTY_NEED_FULL).
 */
export async function claimNeed(db: Db, actor: Actor, needId: string): Promise<ClaimRow> {
  const report = await confirmedReportOf(db, actor);
  return db.transaction(async (tx) => {
    // A member sees only the needs of the community they reported to.
    const need = found(await findNeed(tx, { kind: 'within', paths: [report.regionPath], organisations: [] }, needId, { lock: true }), 'PARTY_NEED_NOT_FOUND');
    if (await findClaimOf(tx, needId, report.id)) throw new AppError('PARTY_NEED_CLAIMED');
    if (need.claimed >= need.places) throw new AppError('PARTY_NEED_FULL');
    const claim = await insertClaim(tx, { needId, reportId: report.id, regionPath: need.regionPath, districtCode: need.districtCode });
    await audit(tx, actor, { action: 'party.need_claim', subjectType: 'party_need', subjectId: needId, regionPath: need.regionPath, after: claim });
    return claim;
  });
}

/**
 * The community marks a claimed need done: one service for the member's 1112 count, dated the China
 * day it was marked, and the catalogue's points for a done service posted in the same transaction.
 */
export async function markServiceDone(db: Db, actor: Actor, claimId: string, now: Date): Promise<ClaimRow> {
  return db.transaction(async (tx) => {
    const claim = found(await findClaim(tx, scopeFor(actor, 'party.manage'), claimId, { lock: true }), 'PARTY_CLAIM_NOT_FOUND');
    if (claim.state === 'done') throw new AppError('PARTY_CLAIM_DONE');
    const after = await markClaimDone(tx, claimId, chinaDay(now), actor.userId);
    const report = found(await findReport(tx, EVERYWHERE, claim.reportId), 'PARTY_REPORT_NOT_FOUND');
    const need = found(await findNeed(tx, EVERYWHERE, claim.needId), 'PARTY_NEED_NOT_FOUND');
    const rule = (await districtSettings(tx, report.districtCode)).catalogue.find((r) => r.code === SERVICE_DONE_RULE);
    if (rule && rule.points !== 0) await postPoints(tx, actor, report, rule, need.title, now, { claimId });
    await audit(tx, actor, { action: 'party.service_done', subjectType: 'party_claim', subjectId: claimId, regionPath: claim.regionPath, before: claim, after });
    return after;
  });
}
