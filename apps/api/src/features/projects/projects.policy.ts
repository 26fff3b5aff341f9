import { CODE_LENGTH, STAFF_ROLES, roleAllows, type Action } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import type { ProjectClass, ProjectStatus, RoundStatus } from './projects.table.ts';

/** A district's settings for projects, as the rules read them. */
export interface DistrictRules {
  priorityAreas: string[];
  capsFen: Record<ProjectClass, bigint>;
  hearingRepresentatives: number;
  hearingAffected: number;
  /** Steps 4–8: the least days a call for bids stays open, the acceptance pass mark (0–100), the rating window, the instalments (percentages summing to 100). */
  tenderMinDays: number;
  acceptancePassMark: number;
  ratingDays: number;
  instalmentPercents: number[];
}

/**
 * The defaults where a district has set nothing: Chengdu's priority areas for community projects, and
 * caps of ¥500,000 for services and residents' own projects and ¥1,000,000 for works.
 */
export const DEFAULT_RULES: DistrictRules = {
  priorityAreas: ['党组织服务群众', '居民素质提升', '志愿服务', '生态环境整治', '社区总体营造'],
  capsFen: { service: 50_000_000n, hardware: 100_000_000n, residents: 50_000_000n },
  hearingRepresentatives: 10,
  hearingAffected: 20,
  tenderMinDays: 7,
  acceptancePassMark: 60,
  ratingDays: 14,
  instalmentPercents: [30, 40, 30],
};

/** The community (12-digit code) a region path lies in, or null above the community level. */
export const communityOf = (path: string): string | null => (path.length >= CODE_LENGTH.community ? path.slice(0, CODE_LENGTH.community) : null);

/** The communities where the actor lives, for `action` (resident-like grants only, never staff roles). */
export function homeCommunities(actor: Actor, action: Action): string[] {
  return [...new Set(actor.grants.flatMap((g) => (!STAFF_ROLES.includes(g.role) && g.organisationId === null && g.regionPath !== null && roleAllows(g.role, action)
    ? [communityOf(g.regionPath)].filter((c): c is string => c !== null) : [])))];
}

/** Does the actor live in the community `communityPath` (as a resident, owner or party member)? */
export const livesInCommunity = (actor: Actor, communityPath: string, action: Action = 'project.vote'): boolean =>
  homeCommunities(actor, action).includes(communityPath);

/**
 * May the actor propose in this community? Residents only where they live; a social organisation
 * (an organisation-bound grant) anywhere; staff never propose (they are not a source of 民意).
 */
export function mayProposeIn(actor: Actor, communityPath: string): boolean {
  if (actor.grants.some((g) => g.organisationId !== null && roleAllows(g.role, 'project.propose'))) return true;
  return livesInCommunity(actor, communityPath, 'project.propose');
}

/** The organisation a proposal is made for: the actor's social organisation, if they act for one. */
export const proposingOrganisation = (actor: Actor): string | null =>
  actor.grants.find((g) => g.organisationId !== null && roleAllows(g.role, 'project.propose'))?.organisationId ?? null;

/** The hearing's head-count: distinct persons per role, and no one counted in both. */
export function hearingCounts(representativeIds: readonly string[], affectedIds: readonly string[]): { representatives: number; affected: number; overlap: number } {
  const reps = new Set(representativeIds);
  const affected = new Set(affectedIds);
  const overlap = [...reps].filter((id) => affected.has(id)).length;
  return { representatives: reps.size, affected: affected.size, overlap };
}

/** Is the hearing enough: the district's minimum of each, with no one on both lists? */
export function hearingSuffices(c: { representatives: number; affected: number; overlap: number }, rules: DistrictRules): boolean {
  return c.overlap === 0 && c.representatives >= rules.hearingRepresentatives && c.affected >= rules.hearingAffected;
}

/** What the viewer may do on a project's page. */
export function projectAbilities(actor: Actor, p: { regionPath: string; status: ProjectStatus; class: ProjectClass }, signed: boolean, hasHearing: boolean): string[] {
  const resident = livesInCommunity(actor, p.regionPath);
  const open = p.status === 'proposed' || p.status === 'listed';
  return [
    ...(resident && open && !signed ? ['cosign'] : []),
    ...(resident ? ['comment'] : []),
    ...(p.class === 'hardware' && !hasHearing && p.status === 'proposed' && can(actor, 'project.manage', { regionPath: p.regionPath }) ? ['hearing'] : []),
  ];
}

/** What the viewer may do with a round, given its status. */
export function roundAbilities(actor: Actor, r: { regionPath: string; status: RoundStatus }, voted: boolean): string[] {
  const manage = can(actor, 'project.manage', { regionPath: r.regionPath });
  const sort = can(actor, 'project.sort', { regionPath: r.regionPath });
  return [
    ...(sort && r.status === 'draft' ? ['sort'] : []),
    ...(manage && r.status === 'draft' ? ['send'] : []),
    ...(manage && r.status === 'at_council' ? ['open_vote', 'resolve'] : []),
    ...(manage && r.status === 'voting' ? ['close_vote'] : []),
    ...(manage && r.status === 'counted' ? ['resolve'] : []),
    ...(r.status === 'voting' && !voted && livesInCommunity(actor, r.regionPath) ? ['vote'] : []),
  ];
}

/** An amount in fen from the wire: a positive safe integer or a string of up to 15 digits; null otherwise. */
export function fenOf(input: string | number): bigint | null {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input > 0 ? BigInt(input) : null;
  const t = input.trim();
  if (!/^\d{1,15}$/.test(t)) return null;
  const v = BigInt(t);
  return v > 0n ? v : null;
}
