import { sql } from 'drizzle-orm';
import { checkVisitRule, type VisitRuleConfig } from '@gongzhi/core';
import type { DecideChangeBody, RecordVisitBody, VisitRuleBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { intake } from '../requests/intake.service.ts';
import {
  applyChange, findChange, findVisit, householdInScope, insertChange, insertVisit, membersBelong, setChangeStatus,
  snapshotOf, upsertRule, type VisitRow,
} from './visits.repository.ts';
import { isOpenChange, isSameVisit, mayApprove, mayVisit, takesRule } from './visits.policy.ts';
import { regionInScope } from '../org/region.service.ts';

/** How far back a phone may date a visit it kept offline. */
const MAX_OFFLINE_DAYS = 30;
/** Phones' clocks drift: a visit dated up to this far ahead of the server is accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The outcome of a sync: the stored visit and whether this call created it. */
export interface Recorded { visit: VisitRow; created: boolean }

/**
 * Records a visit sent by a worker's phone. The id comes from the phone, so a visit sent twice (a
 * retry, a second sync after going back online) is stored once: the second call answers with the
 * first record. The household must be in the worker's own grid. A proposed change to the household
 * record is stored for review; when the phone's copy of the record is older than the current one (it
 * was edited while the phone was offline), the proposal is stored as a conflict and never applied by
 * itself. A request filed on the spot goes through the requests feature's intake.
 */
export async function recordVisit(db: Db, vault: Vault, actor: Actor, body: RecordVisitBody, now: Date): Promise<Recorded> {
  // Concurrent syncs of one visit queue on its id; the loser finds the winner's row.
  const existing = await findVisit(db, body.id);
  if (existing) return { visit: await sameVisit(db, existing, actor, body), created: false };
  const visitedAt = new Date(body.visitedAt);
  if (visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS || visitedAt.getTime() < now.getTime() - MAX_OFFLINE_DAYS * 86_400_000) throw new AppError('VISIT_TIME_INVALID');
  const household = await householdInScope(db, scopeFor(actor, 'visit.record'), body.householdId);
  if (!household || !mayVisit(actor, household)) throw new AppError('VISIT_HOUSEHOLD_OUTSIDE');
  if (body.change) {
    const { baseVersion: _b, ...fields } = body.change;
    if (!Object.values(fields).some((v) => v !== undefined && v !== false)) throw new AppError('VISIT_CHANGE_EMPTY');
    if (!(await membersBelong(db, household.id, (fields.members ?? []).map((m) => m.residentId)))) throw new AppError('VISIT_CHANGE_MEMBER_UNKNOWN');
  }

  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${body.id}))`);
    const again = await findVisit(tx, body.id);
    if (again) return { visit: await sameVisit(tx, again, actor, body), created: false };
    let requestId: string | null = null;
    if (body.request) {
      // Filed before the visit row so the visit can point at it; under the lock a retry cannot file it twice.
      // Intake commits on its own: should the visit insert below fail, the request still stands on its own.
      const taken = await intake(db, vault, actor, {
        description: body.request.description, categoryCode: body.request.categoryCode, regionId: household.region_id,
        channel: 'grid_worker', anonymous: false, address: household.address,
      }, { now });
      requestId = taken.row.id;
    }
    const row = {
      id: body.id, householdId: household.id, regionId: household.region_id, regionPath: household.region_path, districtCode: household.district_code,
      workerUserId: actor.userId, visitedAt, outcome: body.outcome, notes: body.notes, requestId,
    };
    await insertVisit(tx, row);
    let changeStatus: string | null = null;
    if (body.change) {
      const { baseVersion, ...fields } = body.change;
      const stale = baseVersion !== household.version;
      changeStatus = stale ? 'conflict' : 'pending';
      await insertChange(tx, {
        visitId: body.id, householdId: household.id, regionPath: household.region_path, districtCode: household.district_code,
        proposedBy: actor.userId, changes: fields, baseVersion, base: null, status: stale ? 'conflict' : 'pending',
      });
    }
    await audit(tx, actor, {
      action: 'visit.record', subjectType: 'household', subjectId: household.id, regionPath: household.region_path,
      details: { visitId: body.id, outcome: body.outcome, change: changeStatus, requestId },
    });
    return { visit: { ...row, notes: body.notes, createdAt: now }, created: true };
  });
}

/**
 * A second sync must be the same visit: the same worker and household (else the id is reused), and
 * the same content too — what was found, when, whether a request was filed and a change proposed. A
 * visit edited after it was first sent is refused rather than dropped or written over, so the worker
 * sees which one was kept.
 */
async function sameVisit(db: DbOrTx, v: VisitRow, actor: Actor, body: RecordVisitBody): Promise<VisitRow> {
  if (!isSameVisit(actor, v, body.householdId)) throw new AppError('VISIT_ID_REUSED');
  const proposed = (await db.execute(sql`SELECT 1 FROM household_changes WHERE visit_id = ${v.id} LIMIT 1`)).rows.length > 0;
  if (v.outcome !== body.outcome || v.notes !== body.notes || v.visitedAt.getTime() !== new Date(body.visitedAt).getTime()
    || Boolean(v.requestId) !== Boolean(body.request) || proposed !== Boolean(body.change)) {
    throw new AppError('VISIT_RECORDED_DIFFERENTLY', {}, { kept: { outcome: v.outcome, notes: v.notes, visitedAt: v.visitedAt.toISOString() } });
  }
  return v;
}

/**
 * Approves or rejects a proposed change. Approval writes the change to the household record in the
 * same transaction; when the record has changed since the proposal was made, approval needs
 * `override` (the reviewer has compared both), otherwise VISIT_CHANGE_CONFLICT and nothing is written.
 */
export async function decideChange(db: Db, actor: Actor, id: string, body: z.infer<typeof DecideChangeBody>, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const change = found(await findChange(tx, scopeFor(actor, 'visit.review'), id, { lock: true }), 'VISIT_CHANGE_NOT_FOUND');
    if (!isOpenChange(change)) throw new AppError('VISIT_CHANGE_DECIDED');
    // The change was found in the reviewer's scope; its household is read wherever it sits now.
    const household = found(await householdInScope(tx, EVERYWHERE, change.householdId, { lock: true }), 'HOUSEHOLD_NOT_FOUND');
    const before = await snapshotOf(tx, household);
    if (body.decision === 'approve') {
      if (!mayApprove(change, household, body.override)) throw new AppError('VISIT_CHANGE_CONFLICT');
      await applyChange(tx, household.id, change.changes);
    }
    await setChangeStatus(tx, id, body.decision === 'approve' ? 'approved' : 'rejected', actor.userId, body.note ?? null, now);
    await audit(tx, actor, {
      action: `visit.change.${body.decision}`, subjectType: 'household', subjectId: household.id, regionPath: household.region_path,
      before, after: body.decision === 'approve' ? await snapshotOf(tx, (await householdInScope(tx, EVERYWHERE, household.id))!) : before,
      details: { changeId: id, override: body.override, wasConflict: change.status === 'conflict' },
    });
  });
}

/** Sets a community's coverage rule (size, intervals, special tags); null fields fall back to the defaults. */
export async function setVisitRule(db: Db, actor: Actor, regionId: string, body: z.infer<typeof VisitRuleBody>, now: Date): Promise<void> {
  const community = found(await regionInScope(db, scopeFor(actor, 'visit.configure'), regionId, { active: true }), 'REGION_NOT_FOUND');
  if (!takesRule(community)) throw new AppError('VISIT_RULE_NOT_COMMUNITY');
  const config: VisitRuleConfig = {
    size: body.size, largeDays: body.largeDays ?? undefined, smallDays: body.smallDays ?? undefined,
    specialDays: body.specialDays ?? undefined, specialTags: body.specialTags ?? undefined,
  };
  const problem = checkVisitRule(config)[0];
  if (problem) throw new AppError('VISIT_RULE_INVALID', { field: problem.field, reason: problem.reason });
  await db.transaction(async (tx) => {
    await upsertRule(tx, {
      regionId, regionPath: community.code, districtCode: community.districtCode, size: body.size, largeDays: body.largeDays,
      smallDays: body.smallDays, specialDays: body.specialDays, specialTags: body.specialTags, updatedBy: actor.userId, updatedAt: now,
    });
    await audit(tx, actor, { action: 'visit.rule.set', subjectType: 'region', subjectId: regionId, regionPath: community.code, after: body });
  });
}
