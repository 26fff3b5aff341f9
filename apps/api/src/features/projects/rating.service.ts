import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProjectRatingBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { cancelTimers, type TimerRow } from '../../platform/jobs/scheduler.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { projects } from './projects.table.ts';
import type { ProjectRow } from './projects.repository.ts';
import { acceptancesOf, findDeliveryProject, insertRating, projectForRating } from './delivery.repository.ts';
import { isStaff } from './delivery.policy.ts';
import { livesInCommunity } from './projects.policy.ts';
import { RESIDENT_LABEL } from './projects.presenter.ts';
import { COMMITTEE_LABEL, recordProjectEvent } from './trail.service.ts';
import { lockProjectFund, releaseProjectMoney } from './money.service.ts';
import { PROJECT_RATING_CLOSE_TIMER } from './acceptance.service.ts';

/** When the rating window of an accepted project ends: set by the passed acceptance. */
export async function ratingClosesAt(tx: Tx | Db, projectId: string): Promise<Date | null> {
  return (await acceptancesOf(tx, projectId)).findLast((a) => a.state === 'passed')?.ratingClosesAt ?? null;
}

/**
 * A resident of the community rates the accepted project (评议完善): 1–5 and a comment, once each (the
 * primary key decides, so of two racing ratings one wins), only while the window is open. The
 * project is public, so it is read wherever it is and someone of another community is told 403.
 * The counts change in the same transaction; the trail shows the rating without a name.
 */
export async function rateProject(db: Db, actor: Actor, id: string, body: z.infer<typeof ProjectRatingBody>, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    // A share lock: a close waits until this rating is in, or this rating sees the project closed.
    const p = found(await projectForRating(tx, id), 'PROJECT_NOT_FOUND');
    if (!livesInCommunity(actor, p.regionPath)) throw new AppError('PROJECT_OUTSIDE_COMMUNITY');
    const closes = await ratingClosesAt(tx, id);
    if (p.status !== 'accepted' || !closes || now >= closes) throw new AppError('PROJECT_RATING_CLOSED');
    if (!(await insertRating(tx, { projectId: id, userId: actor.userId, stars: body.stars, comment: body.comment, createdAt: now }))) throw new AppError('PROJECT_ALREADY_RATED');
    await tx.update(projects).set({ ratingCount: sql`${projects.ratingCount} + 1`, ratingSum: sql`${projects.ratingSum} + ${body.stars}` }).where(eq(projects.id, id));
    await audit(tx, actor, { action: 'project.rate', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { stars: body.stars } });
    await recordProjectEvent(tx, p, { kind: 'rated', by: RESIDENT_LABEL, figure: body.stars, text: body.comment || null }, now);
  });
}

/** Closes an accepted project in the caller's transaction (the one place `accepted → closed` happens); false if it was not accepted. */
async function closeAccepted(tx: Tx, actor: Actor, p: ProjectRow, now: Date): Promise<boolean> {
  const [moved] = await tx.update(projects).set({ status: 'closed', updatedAt: now }).where(and(eq(projects.id, p.id), eq(projects.status, 'accepted'))).returning({ id: projects.id });
  if (!moved) return false;
  // What is left of the reserved money goes back to the fund in the same transaction (refused while an instalment awaits approval).
  await releaseProjectMoney(tx, actor, p, now);
  await audit(tx, actor, { action: 'project.close', subjectType: 'project', subjectId: p.id, regionPath: p.regionPath, details: { ratings: p.ratingCount, ratingSum: p.ratingSum } });
  await recordProjectEvent(tx, p, { kind: 'closed', by: COMMITTEE_LABEL }, now);
  return true;
}

/** Staff close an accepted project before its rating window ends (the timer then has nothing to do). */
export async function closeProject(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProjectFund(tx, id);
    const p = found(await findDeliveryProject(tx, actor, id, true), 'PROJECT_NOT_FOUND');
    if (!isStaff(actor, p)) throw new AppError('FORBIDDEN');
    if (!(await closeAccepted(tx, actor, p, now))) throw new AppError('PROJECT_STATE', { state: p.status });
    await cancelTimers(tx, PROJECT_RATING_CLOSE_TIMER, id);
  });
}

/** The rating window's end: the project closes, unless staff closed it already. */
export async function fireRatingClose(tx: Tx, timer: TimerRow): Promise<void> {
  await lockProjectFund(tx, timer.subjectId);
  const [p] = await tx.select().from(projects).where(eq(projects.id, timer.subjectId)).for('update');
  if (p) await closeAccepted(tx, SYSTEM_ACTOR, p, timer.dueAt);
}
