import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { chinaDay } from '@gongzhi/core';
import type { ProjectAcceptanceBody, ProjectAcceptanceOutcomeBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { schedule } from '../../platform/jobs/scheduler.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { createPanel, panelResult } from '../panels/panels.service.ts';
import { resolveRequestsByProject } from '../requests/project-link.service.ts';
import { projectRequests, projects } from './projects.table.ts';
import { projectAcceptances } from './acceptance.table.ts';
import { acceptancesOf, findDeliveryProject, openConcerns, progressSince } from './delivery.repository.ts';
import { DEFAULT_ACCEPTANCE_CRITERIA, isStaff, isWorking } from './delivery.policy.ts';
import { rulesFor } from './projects.service.ts';
import { COMMITTEE_LABEL, recordProjectEvent } from './trail.service.ts';

/** The timer that closes a project when its residents' rating window ends. */
export const PROJECT_RATING_CLOSE_TIMER = 'project.rating_close';
const DAY_MS = 86_400_000;

/**
 * Staff open an acceptance (党组织评议验收): a scoring panel (features/panels) with the project as its
 * one candidate — so a member linked to the implementing organisation cannot score it — and the
 * project goes to `accepting`. Refused while a concern is unanswered, before implementation, and
 * after a failed acceptance until new progress has been posted.
 */
export async function openAcceptance(db: Db, actor: Actor, id: string, body: z.infer<typeof ProjectAcceptanceBody>, now: Date): Promise<{ panelId: string }> {
  return db.transaction(async (tx) => {
    const p = found(await findDeliveryProject(tx, actor, id, true), 'PROJECT_NOT_FOUND');
    if (!isStaff(actor, p)) throw new AppError('FORBIDDEN');
    if (!isWorking(p)) throw new AppError('PROJECT_STATE', { state: p.status });
    const concerns = await openConcerns(tx, id);
    if (concerns > 0) throw new AppError('PROJECT_OPEN_CONCERNS', { count: concerns });
    const last = (await acceptancesOf(tx, id)).at(-1);
    if (p.status === 'rectifying' && last?.decidedAt && !(await progressSince(tx, id, last.decidedAt))) throw new AppError('PROJECT_NO_NEW_PROGRESS');
    const [moved] = await tx.update(projects).set({ status: 'accepting', updatedAt: now }).where(and(eq(projects.id, id), eq(projects.status, p.status))).returning({ id: projects.id });
    if (!moved) throw new AppError('PROJECT_STATE', { state: p.status });
    const panel = await createPanel(tx, actor, {
      subjectKind: 'project_acceptance', subjectId: p.id, title: `项目验收：${p.title}`, regionPath: p.regionPath, districtCode: p.districtCode, regionId: p.communityId,
      members: body.members, criteria: body.criteria ?? DEFAULT_ACCEPTANCE_CRITERIA,
      candidates: [{ label: p.title, refId: p.id, organisationId: p.implementerOrganisationId }],
    }, now);
    const [row] = await tx.insert(projectAcceptances).values({ projectId: id, panelId: panel.id, state: 'open', openedBy: actor.userId, createdAt: now }).returning();
    await audit(tx, actor, { action: 'project.acceptance_open', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { acceptanceId: row!.id, panelId: panel.id, members: body.members.length } });
    return { panelId: panel.id };
  });
}

/**
 * Staff record the outcome once the panel is closed: its score (hundredths) against the district's
 * pass mark. Passed → `accepted`, the linked requests count as resolved, and the residents' rating
 * window opens (a timer closes the project at its end); failed → `rectifying` with the panel's finding.
 */
export async function recordOutcome(db: Db, actor: Actor, id: string, body: z.infer<typeof ProjectAcceptanceOutcomeBody>, now: Date): Promise<{ passed: boolean; score: number }> {
  return db.transaction(async (tx) => {
    const p = found(await findDeliveryProject(tx, actor, id, true), 'PROJECT_NOT_FOUND');
    if (!isStaff(actor, p)) throw new AppError('FORBIDDEN');
    if (p.status !== 'accepting') throw new AppError('PROJECT_STATE', { state: p.status });
    const open = (await acceptancesOf(tx, id)).find((a) => a.state === 'open');
    if (!open) throw new AppError('PROJECT_STATE', { state: p.status });
    const result = await panelResult(tx, open.panelId);
    const own = result?.results.find((r) => r.refId === p.id);
    if (!result || result.panel.state !== 'closed' || !own || own.score === null) throw new AppError('PROJECT_PANEL_OPEN');
    const score = Math.round(own.score * 100);
    const rules = await rulesFor(tx, p.districtCode);
    const passed = score >= rules.acceptancePassMark * 100;
    const ratingClosesAt = passed ? new Date(now.getTime() + rules.ratingDays * DAY_MS) : null;
    const [moved] = await tx.update(projects).set({ status: passed ? 'accepted' : 'rectifying', acceptanceScore: score, updatedAt: now })
      .where(and(eq(projects.id, id), eq(projects.status, 'accepting'))).returning({ id: projects.id });
    if (!moved) throw new AppError('PROJECT_STATE', { state: p.status });
    await tx.update(projectAcceptances).set({ state: passed ? 'passed' : 'failed', score, finding: body.finding, decidedBy: actor.userId, decidedAt: now, ratingClosesAt })
      .where(eq(projectAcceptances.id, open.id));
    await audit(tx, actor, { action: 'project.acceptance_outcome', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { acceptanceId: open.id, score, passMark: rules.acceptancePassMark, passed } });
    if (!passed) {
      await recordProjectEvent(tx, p, { kind: 'acceptance_failed', by: COMMITTEE_LABEL, figure: score, text: body.finding }, now);
      return { passed, score };
    }
    await recordProjectEvent(tx, p, { kind: 'acceptance_passed', by: COMMITTEE_LABEL, figure: score, text: body.finding }, now);
    const linked = await tx.select({ id: projectRequests.requestId }).from(projectRequests).where(eq(projectRequests.projectId, id));
    await resolveRequestsByProject(tx, actor, linked.map((r) => r.id), p, now);
    await recordProjectEvent(tx, p, { kind: 'rating_opened', by: COMMITTEE_LABEL, text: `居民评价截止 ${chinaDay(ratingClosesAt!)} / rating closes` }, now);
    await schedule(tx, { kind: PROJECT_RATING_CLOSE_TIMER, subjectId: id, dueAt: ratingClosesAt! });
    return { passed, score };
  });
}
