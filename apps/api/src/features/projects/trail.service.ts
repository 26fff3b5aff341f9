import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProjectEvent, RequestProjectLink } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { reporterAccountsOf } from '../requests/requests.service.ts';
import { projectEvents, projectRequests, projects, type ProjectEventKind } from './projects.table.ts';
import { presentTrail } from './trail.presenter.ts';

/** Who did a step, as the public sees it. */
export const COMMITTEE_LABEL = '社区居委会';

/** A step of a project's trail, as the step's service records it. */
export interface NewProjectEvent {
  kind: ProjectEventKind;
  /** 居民, 社区居委会 or an organisation's name: never a person's. */
  by: string;
  text?: string | null;
  amountFen?: bigint | null;
  figure?: number | null;
  link?: { kind: 'notice' | 'ledger' | 'council' | 'activity'; id: string; code?: string | null } | null;
}

/** Steps the resident who asked hears about (a received bid or each single rating would be noise). */
const TOLD: ReadonlySet<ProjectEventKind> = new Set<ProjectEventKind>([
  'resolved', 'published', 'call_opened', 'awarded', 'award_effective', 'residents_implement', 'progress', 'activity',
  'acceptance_passed', 'acceptance_failed', 'paid', 'rating_opened', 'closed',
]);

/**
 * Records a step on the project's trail in the caller's transaction and tells the residents whose
 * requests it answers, and a resident proposer, through the outbox (template `project.<kind>`; the
 * acceptance asks them to rate). The caller has checked the step and writes its own audit row.
 */
export async function recordProjectEvent(tx: DbOrTx, project: { id: string; title: string; proposerUserId?: string | null }, e: NewProjectEvent, now: Date): Promise<void> {
  await tx.insert(projectEvents).values({
    projectId: project.id, kind: e.kind, at: now, by: e.by, text: e.text ?? null, amountFen: e.amountFen ?? null, figure: e.figure ?? null,
    link: e.link ? { kind: e.link.kind, id: e.link.id, code: e.link.code ?? null } : null,
  });
  if (!TOLD.has(e.kind)) return;
  const linked = await tx.select({ id: projectRequests.requestId }).from(projectRequests).where(eq(projectRequests.projectId, project.id));
  const people = new Set(await reporterAccountsOf(tx, linked.map((r) => r.id)));
  if (project.proposerUserId) people.add(project.proposerUserId);
  for (const userId of people) {
    await enqueue(tx, { channel: 'inbox', template: `project.${e.kind}`, recipientUserId: userId, payload: { projectId: project.id, title: project.title, kind: e.kind } });
  }
}

/** The steps of these projects, oldest first, grouped by project. */
export async function eventsOf(db: DbOrTx, projectIds: string[]): Promise<Map<string, z.infer<typeof ProjectEvent>[]>> {
  const byProject = new Map<string, z.infer<typeof ProjectEvent>[]>(projectIds.map((id) => [id, []]));
  if (!projectIds.length) return byProject;
  const rows = await db.select().from(projectEvents).where(inArray(projectEvents.projectId, projectIds)).orderBy(asc(projectEvents.at), asc(projectEvents.id));
  for (const r of rows) {
    byProject.get(r.projectId)!.push({
      kind: r.kind, at: r.at.toISOString(), by: r.by, text: r.text, amountFen: r.amountFen?.toString() ?? null, figure: r.figure, link: r.link,
    });
  }
  return byProject;
}

/** The trail of every project answering a request (unscoped: the caller has read the request). */
export async function trailsOfRequest(db: DbOrTx, requestId: string): Promise<z.infer<typeof RequestProjectLink>[]> {
  const rows = await db.select({ p: projects }).from(projectRequests).innerJoin(projects, eq(projects.id, projectRequests.projectId))
    .where(eq(projectRequests.requestId, requestId)).orderBy(asc(projects.createdAt));
  const events = await eventsOf(db, rows.map((r) => r.p.id));
  return rows.map(({ p }) => presentTrail(p, events.get(p.id)!));
}

/** One project's trail for its public page (no personal data in it). */
export async function publicTrail(db: DbOrTx, projectId: string): Promise<z.infer<typeof RequestProjectLink> | undefined> {
  const [row] = await db.select().from(projects).where(and(eq(projects.id, projectId)));
  if (!row) return undefined;
  return presentTrail(row, (await eventsOf(db, [projectId])).get(projectId)!);
}
