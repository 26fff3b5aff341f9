import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { fenToYuan } from '@gongzhi/core';
import type { InstalmentBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { lockFundFirst, releaseReservation, reserveFunds, type ReservedExpenseApproved } from '../funds/funds.reserve.service.ts';
import { submitExpense } from '../funds/funds.expense.service.ts';
import { projects } from './projects.table.ts';
import { projectInstalments } from './money.table.ts';
import { findProject, type ProjectRow } from './projects.repository.ts';
import { rulesFor } from './projects.service.ts';
import { COMMITTEE_LABEL, recordProjectEvent } from './trail.service.ts';
import { EXPENSE_CATEGORY, PAYING_FUND_KINDS, instalmentPlan, instalmentRefusal } from './money.policy.ts';

/**
 * Reserves the awarded amount in the project's fund (called by the award, in its transaction), so the
 * same money cannot be promised to anything else: refused, with nothing written, when the fund is not a
 * paying fund of the project's community (or above) or its free balance is short
 * (FUND_RESERVATION_EXCEEDS). Stores the reservation on the project and records the step `reserved`.
 */
/**
 * Locks the fund a project's money is in (named by the project's row, or by `fundId` before it is
 * stored), before the caller locks the project: the funds' approvals take the fund and then the project,
 * and every path that holds both must take them in that order. No fund: nothing to lock.
 */
export async function lockProjectFund(tx: Tx, projectId: string, fundId?: string | null): Promise<void> {
  const id = fundId ?? (await tx.select({ f: projects.fundId }).from(projects).where(eq(projects.id, projectId)))[0]?.f;
  if (id) await lockFundFirst(tx, id);
}

export async function reserveProjectMoney(tx: Tx, actor: Actor, project: ProjectRow, now: Date): Promise<string> {
  if (project.awardedFen === null || project.fundId === null) throw new AppError('PROJECT_MONEY_NO_AWARD');
  if (project.reservationId) throw new AppError('PROJECT_MONEY_ALREADY_RESERVED');
  const [fund] = (await tx.execute<{ kind: string; region_path: string; name: string }>(sql`SELECT kind, region_path, name FROM funds WHERE id = ${project.fundId}`)).rows;
  if (!fund || !PAYING_FUND_KINDS.includes(fund.kind) || !project.regionPath.startsWith(fund.region_path)) throw new AppError('PROJECT_MONEY_FUND_INVALID');
  const r = await reserveFunds(tx, actor, project.fundId, project.awardedFen, `社区项目：${project.title}`, { type: 'project', id: project.id });
  // Conditional on no reservation yet: of two racing awards' reservations one is stored, the other rolls back.
  const set = await tx.update(projects).set({ reservationId: r.id, updatedAt: now })
    .where(and(eq(projects.id, project.id), isNull(projects.reservationId))).returning({ id: projects.id });
  if (!set.length) throw new AppError('PROJECT_MONEY_ALREADY_RESERVED');
  await recordProjectEvent(tx, project, { kind: 'reserved', by: COMMITTEE_LABEL, amountFen: project.awardedFen, text: fund.name }, now);
  await audit(tx, actor, { action: 'project.money_reserve', subjectType: 'project', subjectId: project.id, regionPath: project.regionPath,
    details: { reservationId: r.id, fundId: project.fundId, amountFen: project.awardedFen.toString() } });
  return r.id;
}

/**
 * Releases what is left of the project's reservation back to the fund (called at close, in its
 * transaction) and records the step `released` with the amount. Returns the amount released, or null
 * when the project never had money reserved (nothing to release). Refused while an instalment is
 * pending approval (FUND_RESERVATION_PENDING): decide it first.
 */
export async function releaseProjectMoney(tx: Tx, actor: Actor, project: ProjectRow, now: Date): Promise<bigint | null> {
  if (!project.reservationId) return null;
  const rest = await releaseReservation(tx, actor, project.reservationId, now);
  await recordProjectEvent(tx, project, { kind: 'released', by: COMMITTEE_LABEL, amountFen: rest }, now);
  await audit(tx, actor, { action: 'project.money_release', subjectType: 'project', subjectId: project.id, regionPath: project.regionPath,
    details: { reservationId: project.reservationId, releasedFen: rest.toString() } });
  return rest;
}

/** The project's money as stored, with what its instalment requests still pending ask for. */
async function pendingOf(tx: Tx, projectId: string): Promise<bigint> {
  const [r] = (await tx.execute<{ s: string }>(sql`SELECT COALESCE(sum(i.amount), 0)::text AS s FROM project_instalments i
    JOIN fund_expenses e ON e.id = i.expense_id WHERE i.project_id = ${projectId} AND e.state = 'pending'`)).rows;
  return BigInt(r!.s);
}

/**
 * Staff ask for instalment `k` of the plan: the amount comes from the plan (never from the request),
 * paid to the implementer from the reservation through the funds' two-person expense flow with the
 * receipts they uploaded to the fund. Refused, nothing written: no reservation, an instalment not in
 * the plan or not yet due (see instalmentRefusal), one already asked or paid, or anything that would
 * take the payments past the award. The checks are repeated inside the expense's transaction with the
 * fund and then the project locked (the order an approval takes them), so two requests cannot both pass.
 */
export async function requestInstalment(db: Db, actor: Actor, id: string, body: z.infer<typeof InstalmentBody>, now: Date): Promise<void> {
  const { p } = found(await findProject(db, scopeFor(actor, 'project.manage'), id), 'PROJECT_NOT_FOUND');
  authorize(actor, 'project.manage', { regionPath: p.regionPath });
  if (!p.reservationId || !p.fundId || p.awardedFen === null || !p.implementerLabel) throw new AppError('PROJECT_MONEY_NOT_RESERVED');
  const { instalmentPercents } = await rulesFor(db, p.districtCode);
  const plan = instalmentPlan(p.awardedFen, instalmentPercents);
  const { k } = body;
  const amount = plan[k - 1];
  if (amount === undefined) throw new AppError('PROJECT_INSTALMENT_UNKNOWN', { k });
  const check = (row: ProjectRow) => {
    if (row.reservationId !== p.reservationId) throw new AppError('PROJECT_MONEY_NOT_RESERVED');
    const refusal = instalmentRefusal(k, plan.length, row);
    if (refusal) throw new AppError('PROJECT_INSTALMENT_NOT_YET', { k, when: refusal['zh-CN'], whenEn: refusal.en });
  };
  check(p);
  const reason = body.reason ?? `社区项目“${p.title}”第 ${k} 期款（共 ${plan.length} 期，${instalmentPercents[k - 1]}%）`;
  await submitExpense(db, actor, p.fundId, {
    amountFen: amount.toString(), category: EXPENSE_CATEGORY[p.class], project: p.title.slice(0, 60), payee: p.implementerLabel.slice(0, 80),
    reason, attachmentIds: body.attachmentIds,
  }, {
    reservationId: p.reservationId,
    async inTx(tx, expenseId) {
      const [row] = await tx.select().from(projects).where(eq(projects.id, p.id)).for('update');
      check(row!);
      const [taken] = (await tx.execute(sql`SELECT 1 FROM project_instalments i JOIN fund_expenses e ON e.id = i.expense_id
        WHERE i.project_id = ${p.id} AND i.k = ${k} AND e.state <> 'rejected' LIMIT 1`)).rows;
      if (taken) throw new AppError('PROJECT_INSTALMENT_TAKEN', { k });
      const pending = await pendingOf(tx, p.id);
      if (row!.paidFen + pending + amount > p.awardedFen!) throw new AppError('PROJECT_PAID_OVER_AWARD', { awarded: fenToYuan(p.awardedFen!), paid: fenToYuan(row!.paidFen) });
      await tx.insert(projectInstalments).values({ projectId: p.id, k, amount, expenseId, requestedBy: actor.userId });
      await recordProjectEvent(tx, row!, { kind: 'instalment_requested', by: COMMITTEE_LABEL, amountFen: amount, text: `第 ${k} 期` }, now);
      await audit(tx, actor, { action: 'project.instalment_request', subjectType: 'project', subjectId: p.id, regionPath: p.regionPath,
        details: { k, amountFen: amount.toString(), expenseId } });
    },
  });
}

/**
 * The funds' listener for approved expenses against a reservation (registered in timers.ts): a
 * project's instalment adds to its paidFen — never past the award (refused, so nothing is posted) —
 * and the step `paid` links to the ledger entry. Runs in the approval's transaction.
 */
export async function recordInstalmentPaid(tx: Tx, actor: Actor, e: ReservedExpenseApproved, now: Date): Promise<void> {
  if (e.subject.type !== 'project') return;
  const [p] = await tx.select().from(projects).where(eq(projects.id, e.subject.id)).for('update');
  if (!p) throw new AppError('PROJECT_NOT_FOUND');
  if (p.awardedFen === null || p.paidFen + e.amount > p.awardedFen) {
    throw new AppError('PROJECT_PAID_OVER_AWARD', { awarded: fenToYuan(p.awardedFen ?? 0n), paid: fenToYuan(p.paidFen) });
  }
  const [inst] = await tx.select({ k: projectInstalments.k }).from(projectInstalments).where(eq(projectInstalments.expenseId, e.expenseId));
  await tx.update(projects).set({ paidFen: sql`${projects.paidFen} + ${e.amount.toString()}::bigint`, updatedAt: now }).where(eq(projects.id, p.id));
  await recordProjectEvent(tx, p, {
    kind: 'paid', by: COMMITTEE_LABEL, amountFen: e.amount, text: inst ? `第 ${inst.k} 期` : null, link: { kind: 'ledger', id: e.transactionId, code: e.fundCode },
  }, now);
  await audit(tx, actor, { action: 'project.instalment_paid', subjectType: 'project', subjectId: p.id, regionPath: p.regionPath,
    details: { expenseId: e.expenseId, transactionId: e.transactionId, amountFen: e.amount.toString(), k: inst?.k ?? null } });
}
