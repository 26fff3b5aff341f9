import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateRoundBody, SortRoundBody } from '@gongzhi/contracts';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { addPartyItemIn, resolutionOf } from '../councils/agenda.service.ts';
import { projectRounds, projects } from './projects.table.ts';
import { ballotsOf, findRound, insertBallot, projectsOfRound, proposedIn, roundForBallot, withHearing, type RoundRow } from './projects.repository.ts';
import { fenOf, livesInCommunity } from './projects.policy.ts';
import { communityById, setRoundProjects } from './projects.service.ts';
import { countRound } from './projects.count.ts';
import { RESOLUTION_NOTICE } from '../councils/notice.service.ts';
import { noticeFor } from '../notices/notices.service.ts';
import { COMMITTEE_LABEL, recordProjectEvent } from './trail.service.ts';

/** Who sorts and who resolves, as the trail names them. */
const PARTY_LABEL = '社区党组织';
const COUNCIL_LABEL = '社区议事会';

const roundOf = async (tx: DbOrTx, actor: Actor, id: string, action: 'project.manage' | 'project.sort' | 'project.read' = 'project.manage') =>
  found(await findRound(tx, scopeFor(actor, action), id, true), 'PROJECT_ROUND_NOT_FOUND').r;

const requireStatus = (r: RoundRow, ...ok: RoundRow['status'][]) => {
  if (!ok.includes(r.status)) throw new AppError('PROJECT_ROUND_STATE', { state: r.status });
};

/** Opens a community's round for a year: the budget envelope and how a residents' vote is counted. */
export async function createRound(db: Db, actor: Actor, body: z.infer<typeof CreateRoundBody>): Promise<RoundRow> {
  const community = await communityById(db, body.communityId);
  authorize(actor, 'project.sort', { regionPath: community.code });
  const budget = fenOf(body.budgetFen);
  if (budget === null) throw new AppError('PROJECT_COST_INVALID');
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(projectRounds).values({
      communityId: community.id, regionPath: community.code, districtCode: community.districtCode, year: body.year, budgetFen: budget,
      rule: body.rule, status: 'draft', createdBy: actor.userId,
    }).onConflictDoNothing().returning();
    if (!row) throw new AppError('PROJECT_ROUND_EXISTS', { year: body.year });
    await audit(tx, actor, { action: 'project.round_create', subjectType: 'project_round', subjectId: row.id, regionPath: community.code, details: { year: body.year, budgetFen: budget.toString(), rule: body.rule } });
    return row;
  });
}

/**
 * The party organisation sorts proposals onto the draft list (党组织组织提议): each one put on the list
 * or left out with a recorded reason. A hardware proposal goes on only after its hearing.
 */
export async function sortRound(db: Db, actor: Actor, id: string, body: z.infer<typeof SortRoundBody>, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await roundOf(tx, actor, id, 'project.sort');
    authorize(actor, 'project.sort', { regionPath: r.regionPath });
    requireStatus(r, 'draft');
    const ids = [...new Set(body.decisions.map((d) => d.projectId))];
    const rows = await proposedIn(tx, r.communityId, ids, true);
    // Another community's proposal, or one already sorted into another round, is not this round's to sort.
    if (rows.length !== ids.length || rows.some((p) => p.roundId !== null && p.roundId !== r.id)) throw new AppError('PROJECT_NOT_FOUND');
    if (body.decisions.some((d) => !d.include && !d.reason)) throw new AppError('PROJECT_SORT_INCOMPLETE');
    const heard = await withHearing(tx, ids);
    const byId = new Map(rows.map((p) => [p.id, p]));
    if (body.decisions.some((d) => d.include && byId.get(d.projectId)!.class === 'hardware' && !heard.has(d.projectId))) throw new AppError('PROJECT_HEARING_REQUIRED');
    for (const d of body.decisions) {
      await tx.update(projects).set(d.include ? { status: 'listed', roundId: r.id, leftOutReason: null } : { status: 'left_out', roundId: r.id, leftOutReason: d.reason! })
        .where(eq(projects.id, d.projectId));
      await recordProjectEvent(tx, byId.get(d.projectId)!, d.include ? { kind: 'listed', by: PARTY_LABEL } : { kind: 'left_out', by: PARTY_LABEL, text: d.reason! }, now);
    }
    await audit(tx, actor, {
      action: 'project.round_sort', subjectType: 'project_round', subjectId: r.id, regionPath: r.regionPath,
      details: { listed: body.decisions.filter((d) => d.include).length, leftOut: body.decisions.filter((d) => !d.include).length },
    });
  });
}

/** Sends the draft list to the community's council as the party organisation's agenda item. */
export async function sendToCouncil(db: Db, actor: Actor, id: string, councilId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await roundOf(tx, actor, id);
    authorize(actor, 'project.manage', { regionPath: r.regionPath });
    requireStatus(r, 'draft');
    const listed = (await projectsOfRound(tx, r.id)).filter((x) => x.p.status === 'listed');
    if (!listed.length) throw new AppError('PROJECT_ROUND_EMPTY');
    const item = await addPartyItemIn(tx, actor, councilId, {
      title: `${r.year}年社区项目清单`,
      description: listed.map((x, i) => `${i + 1}. ${x.p.title}（${x.p.costFen / 100n}元）`).join('\n'),
    });
    // The community's own council, or one of a part of it; never a neighbour's.
    if (!item.regionPath.startsWith(r.regionPath)) throw new AppError('PROJECT_COUNCIL_MISMATCH');
    await tx.update(projectRounds).set({ status: 'at_council', councilId, agendaItemId: item.id }).where(eq(projectRounds.id, r.id));
    await audit(tx, actor, { action: 'project.round_to_council', subjectType: 'project_round', subjectId: r.id, regionPath: r.regionPath, details: { councilId, agendaItemId: item.id } });
  });
}

/** The council puts the shortlist to the residents' vote (staff open it). */
export async function openVote(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await roundOf(tx, actor, id);
    authorize(actor, 'project.manage', { regionPath: r.regionPath });
    requireStatus(r, 'at_council');
    await tx.update(projectRounds).set({ status: 'voting' }).where(eq(projectRounds.id, r.id));
    await audit(tx, actor, { action: 'project.vote_open', subjectType: 'project_round', subjectId: r.id, regionPath: r.regionPath });
  });
}

/**
 * One ballot per resident of the community: approval of any number of the listed projects. Two
 * submits racing leave one ballot (the primary key decides; the loser is told PROJECT_ALREADY_VOTED).
 */
export async function castBallot(db: Db, actor: Actor, id: string, projectIds: string[], now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    // The round is no secret (the public page lists its projects), so someone of another community
    // hears why they may not vote rather than "not found". The key-share lock lets ballots run side by
    // side while closing the vote (FOR UPDATE) waits for them, so no ballot lands after the count.
    const r = found(await roundForBallot(tx, id), 'PROJECT_ROUND_NOT_FOUND');
    if (!livesInCommunity(actor, r.regionPath)) throw new AppError('PROJECT_VOTE_OUTSIDE_COMMUNITY');
    requireStatus(r, 'voting');
    const choice = [...new Set(projectIds)];
    if (choice.length) {
      const listed = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.roundId, r.id), eq(projects.status, 'listed'), inArray(projects.id, choice)));
      if (listed.length !== choice.length) throw new AppError('PROJECT_VOTE_CHOICE');
    }
    if (!(await insertBallot(tx, r.id, actor.userId, choice, now))) throw new AppError('PROJECT_ALREADY_VOTED');
    // Who voted for what is secret: the audit row records that a ballot was cast, not its content.
    await audit(tx, actor, { action: 'project.ballot', subjectType: 'project_round', subjectId: r.id, regionPath: r.regionPath });
  });
}

/** Staff close the vote; the list is counted within the envelope by the round's rule. */
export async function closeVote(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await roundOf(tx, actor, id);
    authorize(actor, 'project.manage', { regionPath: r.regionPath });
    requireStatus(r, 'voting');
    const listed = (await projectsOfRound(tx, r.id)).filter((x) => x.p.status === 'listed');
    const ballots = (await ballotsOf(tx, r.id)).map((b) => b.projectIds);
    // Votes are counted once, here, from the ballots: no running tally to contend on while residents vote.
    const votes = new Map<string, number>();
    for (const b of ballots) for (const pid of b) votes.set(pid, (votes.get(pid) ?? 0) + 1);
    const result = countRound(r.rule, listed.map((x) => ({ id: x.p.id, costFen: x.p.costFen, votes: votes.get(x.p.id) ?? 0, submittedAt: x.p.createdAt })), ballots, r.budgetFen);
    const chosen = new Set(result.selected);
    for (const x of listed) {
      await tx.update(projects).set({ status: chosen.has(x.p.id) ? 'selected' : 'not_selected', voteCount: votes.get(x.p.id) ?? 0 }).where(eq(projects.id, x.p.id));
    }
    await tx.update(projectRounds).set({ status: 'counted', selectedIds: result.selected, spentFen: result.spentFen, leftFen: result.leftFen, ballotCount: ballots.length })
      .where(eq(projectRounds.id, r.id));
    await audit(tx, actor, { action: 'project.vote_close', subjectType: 'project_round', subjectId: r.id, regionPath: r.regionPath, details: { selected: result.selected.length, spentFen: result.spentFen.toString() } });
  });
}

/**
 * Records the council's resolution on the round (the resolution of its agenda item): the list, or
 * the vote's selection, becomes resolved. Publishing after the notice window is {@link publishRound}.
 */
export async function recordResolution(db: Db, actor: Actor, id: string, resolutionId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await roundOf(tx, actor, id);
    authorize(actor, 'project.manage', { regionPath: r.regionPath });
    requireStatus(r, 'at_council', 'counted');
    const resolution = await resolutionOf(tx, resolutionId);
    if (!resolution || resolution.agendaItemId !== r.agendaItemId || resolution.state === 'returned') throw new AppError('PROJECT_RESOLUTION_MISMATCH');
    await setRoundProjects(tx, r.id, r.status === 'counted' ? 'selected' : 'listed', 'resolved');
    await tx.update(projectRounds).set({ status: 'resolved', resolutionId }).where(eq(projectRounds.id, r.id));
    await audit(tx, actor, { action: 'project.round_resolve', subjectType: 'project_round', subjectId: r.id, regionPath: r.regionPath, details: { resolutionId } });
    // The proposers and the residents whose requests a resolved project answers hear of it (the trail tells them).
    const resolved = await tx.select().from(projects).where(and(eq(projects.roundId, r.id), eq(projects.status, 'resolved')));
    for (const p of resolved) await recordProjectEvent(tx, p, { kind: 'resolved', by: COUNCIL_LABEL, link: { kind: 'council', id: resolutionId, code: r.councilId } }, now);
  });
}

/**
 * The seam for the notices feature: once the resolution's notice window has closed without a
 * standing objection, the round and its resolved projects become published. Idempotent; `actor` is
 * the notices job's (SYSTEM_ACTOR) or a person's. Returns false when the round was not resolved.
 */
export async function publishRound(tx: DbOrTx, actor: Actor, roundId: string, now: Date): Promise<boolean> {
  const [r] = await tx.update(projectRounds).set({ status: 'published' }).where(and(eq(projectRounds.id, roundId), eq(projectRounds.status, 'resolved'))).returning();
  if (!r) return false;
  const published = await tx.update(projects).set({ status: 'published' }).where(and(eq(projects.roundId, r.id), eq(projects.status, 'resolved'))).returning();
  const notice = r.resolutionId ? await noticeFor(tx, RESOLUTION_NOTICE, r.resolutionId) : undefined;
  for (const p of published) {
    await recordProjectEvent(tx, p, { kind: 'published', by: COMMITTEE_LABEL, link: notice ? { kind: 'notice', id: notice.notice.id } : null }, now);
  }
  await audit(tx, actor, { action: 'project.round_publish', subjectType: 'project_round', subjectId: r.id, regionPath: r.regionPath });
  return true;
}

/**
 * A council resolution took effect (its notice closed with no objection upheld): the rounds it resolved
 * are published. Registered with councils' `onResolutionEffective` by the composition root.
 */
export async function publishRoundsOfResolution(tx: Tx, actor: Actor, resolution: { id: string }, at: Date): Promise<void> {
  const rounds = await tx.select({ id: projectRounds.id }).from(projectRounds).where(and(eq(projectRounds.resolutionId, resolution.id), eq(projectRounds.status, 'resolved')));
  for (const r of rounds) await publishRound(tx, actor, r.id, at);
}
