import type { z } from 'zod';
import type { PublicProjectDetail, ProjectDetail, ProjectListQuery, ProjectOptions, ProjectSummary, PublicProjectPage, RoundSummary, RoundView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { signUpCommunities } from '../org/people.service.ts';
import {
  ballotCount, commentsOf, findHearing, findProject, findRound, hasCosigned, hasVoted, listProjects, listRounds, projectsOfRound, publicProjects, requestsOf,
} from './projects.repository.ts';
import { homeCommunities, projectAbilities, proposingOrganisation, roundAbilities } from './projects.policy.ts';
import { presentDetail, presentOptions, presentPublic, presentRound, presentSummary } from './projects.presenter.ts';
import { projectsForRequest, rulesFor } from './projects.service.ts';
import { publicTrail } from './trail.service.ts';
import { requestFor } from '../requests/requests.service.ts';

/** A project's page for the viewer: scoped (out of scope = not found). */
export async function projectDetail(db: Db, actor: Actor, id: string): Promise<z.infer<typeof ProjectDetail>> {
  const row = found(await findProject(db, scopeFor(actor, 'project.read'), id), 'PROJECT_NOT_FOUND');
  const [requests, hearing, comments, signed] = await Promise.all([requestsOf(db, id), findHearing(db, id), commentsOf(db, id), hasCosigned(db, id, actor.userId)]);
  return presentDetail(row, { requests, hearing, comments, viewerId: actor.userId, signed, abilities: projectAbilities(actor, row.p, signed, hearing !== undefined) });
}

/** Projects the viewer may see (staff: their area; residents: their community; organisations: their own). */
export async function projectList(db: Db, actor: Actor, q: z.infer<typeof ProjectListQuery>): Promise<{ items: z.infer<typeof ProjectSummary>[]; total: number }> {
  const { items, total } = await listProjects(db, scopeFor(actor, 'project.read'), q);
  return { items: items.map(presentSummary), total };
}

/** A round's page: the list, what was left out, the vote and what the viewer may do. */
export async function roundDetail(db: Db, actor: Actor, id: string): Promise<z.infer<typeof RoundView>> {
  const { r, communityName } = found(await findRound(db, scopeFor(actor, 'project.read'), id), 'PROJECT_ROUND_NOT_FOUND');
  const [rows, ballots, voted] = await Promise.all([projectsOfRound(db, id), ballotCount(db, id), hasVoted(db, id, actor.userId)]);
  return presentRound(r, communityName, rows, ballots, voted, roundAbilities(actor, r, voted));
}

/** Rounds the viewer may see, newest year first. */
export async function roundList(db: Db, actor: Actor, communityId: string | undefined): Promise<z.infer<typeof RoundSummary>[]> {
  const rows = await listRounds(db, scopeFor(actor, 'project.read'), communityId);
  return rows.map(({ r, communityName }) => ({
    id: r.id, communityId: r.communityId, communityName, year: r.year, budgetFen: r.budgetFen.toString(), rule: r.rule, status: r.status, ballots: r.ballotCount, createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * The proposal form's choices: a resident's own community, or every community for an organisation;
 * staff (who run rounds) get the communities of their area. The rules are those of the first one's district.
 */
export async function projectOptions(db: Db, actor: Actor): Promise<z.infer<typeof ProjectOptions>> {
  const all = await signUpCommunities(db);
  const homes = homeCommunities(actor, 'project.propose');
  const scope = scopeFor(actor, 'project.manage');
  const mine = proposingOrganisation(actor) !== null || scope.kind === 'all' ? all
    : all.filter((c) => homes.includes(c.code) || (scope.kind === 'within' && scope.paths.some((p) => c.code.startsWith(p) || p.startsWith(c.code))));
  const rules = await rulesFor(db, mine[0]?.code.slice(0, 6) ?? '');
  return presentOptions(mine.map((c) => ({ id: c.id, name: c.name })), rules);
}

/** The public page of projects (no sign-in, no personal data), keyset-paged newest first. */
export async function publicProjectPage(db: Db, q: { districtCode?: string; communityId?: string; cursor?: string; limit: number }): Promise<z.infer<typeof PublicProjectPage>> {
  const after = q.cursor ? { at: new Date(q.cursor.slice(0, q.cursor.indexOf('Z_') + 1)), id: q.cursor.slice(q.cursor.indexOf('Z_') + 2) } : undefined;
  // The shape is checked by the schema; an impossible instant ("2026-13-45T…") is a bad cursor too.
  if (after && (Number.isNaN(after.at.getTime()) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(after.id))) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/cursor', message: 'not a cursor of this list' }]);
  const rows = await publicProjects(db, { districtCode: q.districtCode, communityId: q.communityId, after, limit: q.limit });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map(presentPublic), nextCursor: rows.length > q.limit && last ? `${last.p.createdAt.toISOString()}_${last.p.id}` : null };
}

/** A project's public page (no sign-in): the summary, what it is for, and its whole trail. */
export async function publicProjectDetail(db: Db, id: string): Promise<z.infer<typeof PublicProjectDetail>> {
  const row = found(await findProject(db, EVERYWHERE, id), 'PROJECT_NOT_FOUND');
  const trail = (await publicTrail(db, id))!;
  const { id: _i, title: _t, status: _s, costFen: _c, ...rest } = trail;
  void _i; void _t; void _s; void _c;
  return { ...presentPublic(row), summary: row.p.summary, beneficiaries: row.p.beneficiaries, trail: rest };
}

/** The projects answering a request the viewer may read (their own, or in their area): 404 otherwise. */
export async function projectsOfReadableRequest(db: Db, actor: Actor, requestId: string) {
  await requestFor(db, actor, requestId);
  return projectsForRequest(db, requestId);
}
