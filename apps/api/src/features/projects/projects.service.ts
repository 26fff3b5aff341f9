import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { NEGATIVE_REASON_LABELS, fenToYuan, negativeListReason } from '@gongzhi/core';
import type { CreateProjectBody, ProjectHearingBody, ProjectRulesBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { regionById } from '../org/region.service.ts';
import { residentRegionPath } from '../org/people.service.ts';
import { requestFor } from '../requests/requests.service.ts';
import { projectComments, projectHearings, projectRequests, projects } from './projects.table.ts';
import { findHearing, findProject, findRules, insertCosign, saveRules, type ProjectRow } from './projects.repository.ts';
import { organisationNames } from '../org/organisation.service.ts';
import { RESIDENT_LABEL } from './projects.presenter.ts';
import { recordProjectEvent, trailsOfRequest } from './trail.service.ts';
import {
  DEFAULT_RULES, communityOf, fenOf, hearingCounts, hearingSuffices, livesInCommunity, mayProposeIn, proposingOrganisation, type DistrictRules,
} from './projects.policy.ts';

/** A district's rules for projects: its own row, or the defaults. */
export async function rulesFor(db: DbOrTx, districtCode: string): Promise<DistrictRules> {
  const row = await findRules(db, districtCode);
  if (!row) return DEFAULT_RULES;
  return {
    priorityAreas: row.priorityAreas, hearingRepresentatives: row.hearingRepresentatives, hearingAffected: row.hearingAffected,
    capsFen: { hardware: row.capHardwareFen, service: row.capServiceFen, residents: row.capResidentsFen },
    tenderMinDays: row.tenderMinDays, acceptancePassMark: row.acceptancePassMark, ratingDays: row.ratingDays, instalmentPercents: row.instalmentPercents,
  };
}

/** Sets a district's priority areas, per-class caps and hearing minimums (district officers). */
export async function setRules(db: Db, actor: Actor, body: z.infer<typeof ProjectRulesBody>): Promise<DistrictRules> {
  authorize(actor, 'project.configure', { regionPath: body.districtCode });
  const caps = { hardware: fenOf(body.capsFen.hardware), service: fenOf(body.capsFen.service), residents: fenOf(body.capsFen.residents) };
  if (caps.hardware === null || caps.service === null || caps.residents === null) throw new AppError('PROJECT_COST_INVALID');
  const areas = [...new Set(body.priorityAreas)];
  await db.transaction(async (tx) => {
    await saveRules(tx, {
      districtCode: body.districtCode, priorityAreas: areas, capHardwareFen: caps.hardware!, capServiceFen: caps.service!, capResidentsFen: caps.residents!,
      hearingRepresentatives: body.hearingRepresentatives, hearingAffected: body.hearingAffected,
      tenderMinDays: body.tenderMinDays, acceptancePassMark: body.acceptancePassMark, ratingDays: body.ratingDays, instalmentPercents: body.instalmentPercents,
    });
    await audit(tx, actor, { action: 'project.rules', subjectType: 'project_district_rules', subjectId: null, regionPath: body.districtCode, details: { areas: areas.length } });
  });
  return rulesFor(db, body.districtCode);
}

/** The community a proposal or round names, checked to be one: its id, code and district. */
export async function communityById(db: DbOrTx, id: string) {
  const region = await regionById(db, id);
  if (!region || region.level !== 'community' || region.retiredAt !== null) throw new AppError('PROJECT_COMMUNITY_UNKNOWN');
  return region;
}

/**
 * A proposal (民意征集). Residents propose only where they live, social organisations anywhere. Refused,
 * with nothing written: an unknown priority area, a cost that is not whole fen, one over the district's
 * cap for its class, anything on the protection fund's negative list (the same rule, read from core),
 * and links to requests the proposer cannot read or of another community.
 */
export async function propose(db: Db, actor: Actor, body: z.infer<typeof CreateProjectBody>): Promise<ProjectRow> {
  authorize(actor, 'project.propose');
  const community = await communityById(db, body.communityId);
  if (!mayProposeIn(actor, community.code)) throw new AppError('PROJECT_OUTSIDE_COMMUNITY');
  const rules = await rulesFor(db, community.districtCode);
  if (!rules.priorityAreas.includes(body.priorityArea)) throw new AppError('PROJECT_AREA_UNKNOWN', { area: body.priorityArea });
  const cost = fenOf(body.costFen);
  if (cost === null) throw new AppError('PROJECT_COST_INVALID');
  const cap = rules.capsFen[body.class];
  if (cost > cap) throw new AppError('PROJECT_OVER_CAP', { capYuan: fenToYuan(cap) });
  // The category of a project is its priority area; what is asked for is read from everything written.
  const negative = negativeListReason(body.priorityArea, body.title, body.summary, body.reason, body.beneficiaries);
  if (negative) throw new AppError('PROJECT_NEGATIVE_LIST', { reason: NEGATIVE_REASON_LABELS[negative] });
  const requestIds = [...new Set(body.requestIds)];
  const linked = await Promise.all(requestIds.map((id) => requestFor(db, actor, id)));
  if (linked.some((r) => communityOf(r.regionPath) !== community.code)) throw new AppError('PROJECT_REQUEST_OTHER_COMMUNITY');
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(projects).values({
      communityId: community.id, regionPath: community.code, districtCode: community.districtCode, title: body.title, summary: body.summary,
      reason: body.reason, class: body.class, priorityArea: body.priorityArea, costFen: cost, beneficiaries: body.beneficiaries,
      proposerUserId: actor.userId, organisationId: proposingOrganisation(actor), status: 'proposed',
    }).returning();
    if (linked.length) await tx.insert(projectRequests).values(linked.map((r) => ({ projectId: row!.id, requestId: r.id, requestNumber: r.number })));
    await audit(tx, actor, { action: 'project.propose', subjectType: 'project', subjectId: row!.id, regionPath: community.code, details: { requests: linked.length, costFen: cost.toString(), class: body.class } });
    const organisation = row!.organisationId ? (await organisationNames(tx, [row!.organisationId])).get(row!.organisationId) : undefined;
    await recordProjectEvent(tx, row!, { kind: 'proposed', by: organisation ?? RESIDENT_LABEL }, row!.createdAt);
    return row!;
  });
}

/** A resident of the community co-signs a proposal (联署): once each, even when two taps race. */
export async function cosignProject(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { p } = found(await findProject(tx, scopeFor(actor, 'project.read'), id, true), 'PROJECT_NOT_FOUND');
    if (!livesInCommunity(actor, p.regionPath)) throw new AppError('PROJECT_OUTSIDE_COMMUNITY');
    if (p.status !== 'proposed' && p.status !== 'listed') throw new AppError('PROJECT_STATE', { state: p.status });
    if (!(await insertCosign(tx, id, actor.userId))) throw new AppError('PROJECT_ALREADY_SIGNED');
    await tx.update(projects).set({ cosignCount: sql`${projects.cosignCount} + 1` }).where(eq(projects.id, id));
    await audit(tx, actor, { action: 'project.cosign', subjectType: 'project', subjectId: id, regionPath: p.regionPath });
  });
}

/** A resident of the community comments on a proposal. */
export async function commentOn(db: Db, actor: Actor, id: string, body: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { p } = found(await findProject(tx, scopeFor(actor, 'project.read'), id), 'PROJECT_NOT_FOUND');
    if (!livesInCommunity(actor, p.regionPath)) throw new AppError('PROJECT_OUTSIDE_COMMUNITY');
    const [row] = await tx.insert(projectComments).values({ projectId: id, userId: actor.userId, body }).returning({ id: projectComments.id });
    await audit(tx, actor, { action: 'project.comment', subjectType: 'project_comment', subjectId: row!.id, regionPath: p.regionPath });
  });
}

/**
 * Records the hearing (听证会) of a hardware proposal: the register entries of the residents'
 * representatives and of the affected residents, each a resident of the community, each person
 * counted once, at least the district's minimum of each. One hearing per project.
 */
export async function recordHearing(db: Db, actor: Actor, id: string, body: z.infer<typeof ProjectHearingBody>): Promise<void> {
  const { p } = found(await findProject(db, scopeFor(actor, 'project.manage'), id), 'PROJECT_NOT_FOUND');
  authorize(actor, 'project.manage', { regionPath: p.regionPath });
  if (p.class !== 'hardware') throw new AppError('PROJECT_HEARING_NOT_HARDWARE');
  const rules = await rulesFor(db, p.districtCode);
  const counts = hearingCounts(body.representativeIds, body.affectedIds);
  const tooFew = () => new AppError('PROJECT_HEARING_TOO_FEW', { reps: rules.hearingRepresentatives, affected: rules.hearingAffected });
  if (!hearingSuffices(counts, rules)) throw tooFew();
  const people = [...new Set([...body.representativeIds, ...body.affectedIds])];
  const paths = await Promise.all(people.map((r) => residentRegionPath(db, r)));
  // Someone who is not on the community's register does not count: the same answer as too few.
  if (paths.some((path) => !path || !path.startsWith(p.regionPath))) throw tooFew();
  await db.transaction(async (tx) => {
    const locked = found(await findProject(tx, scopeFor(actor, 'project.manage'), id, true), 'PROJECT_NOT_FOUND').p;
    if (locked.status !== 'proposed') throw new AppError('PROJECT_STATE', { state: locked.status });
    if (await findHearing(tx, id)) throw new AppError('PROJECT_STATE', { state: 'heard' });
    await tx.insert(projectHearings).values({
      projectId: id, heldOn: body.heldOn, representativeIds: [...new Set(body.representativeIds)], affectedIds: [...new Set(body.affectedIds)], notes: body.notes, recordedBy: actor.userId,
    }).onConflictDoNothing();
    await audit(tx, actor, { action: 'project.hearing', subjectType: 'project', subjectId: id, regionPath: p.regionPath, details: { representatives: counts.representatives, affected: counts.affected } });
  });
}

/**
 * The projects that answer a request, with their status: the first links of the closed loop a
 * resident sees on their request's page. The caller has read the request (its own scope check).
 */
/** The projects answering a request, each with its whole trail (unscoped: the caller has read the request). */
export const projectsForRequest = trailsOfRequest;

/** Moves the listed projects of a round to `to` (used by the round's steps). */
export async function setRoundProjects(tx: DbOrTx, roundId: string, from: ProjectRow['status'], to: ProjectRow['status']): Promise<void> {
  await tx.update(projects).set({ status: to }).where(and(eq(projects.roundId, roundId), eq(projects.status, from)));
}
