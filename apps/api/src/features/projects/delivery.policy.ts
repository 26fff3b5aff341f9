import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import type { ProjectRow } from './projects.repository.ts';
import { livesInCommunity } from './projects.policy.ts';

/** Statuses in which the work goes on: progress, activities, inspections (rectifying is work again). */
export const WORKING: readonly ProjectRow['status'][] = ['in_progress', 'rectifying'];
export const isWorking = (p: Pick<ProjectRow, 'status'>): boolean => WORKING.includes(p.status);

/** Who supervises as the public sees it (监委会): a body, never a person. */
export const SUPERVISORS_LABEL = '居务监督委员会';

/** The criteria an acceptance panel scores against when staff give none; whole weights summing to 100. */
export const DEFAULT_ACCEPTANCE_CRITERIA = [
  { name: '完成质量', weight: 40 },
  { name: '进度与合同履约', weight: 20 },
  { name: '资金使用规范', weight: 20 },
  { name: '居民满意度', weight: 20 },
];

/** Community staff running projects where this one is. */
export const isStaff = (actor: Actor, p: Pick<ProjectRow, 'regionPath'>): boolean => can(actor, 'project.manage', { regionPath: p.regionPath });

/** The actor acts for the organisation carrying the project out. */
export const actsForImplementer = (actor: Actor, p: Pick<ProjectRow, 'implementerOrganisationId'>): boolean =>
  p.implementerOrganisationId !== null && actor.grants.some((g) => g.organisationId === p.implementerOrganisationId);

/**
 * The implementer: a user of the implementing organisation, or — when residents carry it out
 * themselves (居民实施, no organisation) — community staff posting for them.
 */
export const isImplementer = (actor: Actor, p: Pick<ProjectRow, 'implementerOrganisationId' | 'regionPath'>): boolean =>
  p.implementerOrganisationId === null ? isStaff(actor, p) : actsForImplementer(actor, p);

/** A supervisor (监委会) whose region covers the project, or community staff. */
export const isSupervisor = (actor: Actor, p: Pick<ProjectRow, 'regionPath'>): boolean =>
  isStaff(actor, p) || actor.grants.some((g) => g.role === 'supervisor' && g.regionPath !== null && p.regionPath.startsWith(g.regionPath));

/** Milestone weights are whole numbers summing to exactly 100. */
export const weightsSumTo100 = (weights: readonly number[]): boolean =>
  weights.every((w) => Number.isInteger(w) && w > 0) && weights.reduce((a, b) => a + b, 0) === 100;

/** The project's progress: Σ weight × done / 100 over the milestones, in whole percent rounded down. */
export const progressOf = (milestones: readonly { weight: number; donePercent: number }[]): number =>
  Math.floor(milestones.reduce((sum, m) => sum + m.weight * m.donePercent, 0) / 100);

/** What the viewer may do with the project's delivery now. */
export function deliveryAbilities(actor: Actor, p: ProjectRow, f: {
  hasMilestones: boolean; hasUpdates: boolean; openConcerns: number; openAcceptance: boolean; ratingOpen: boolean; rated: boolean;
}): string[] {
  const staff = isStaff(actor, p);
  const working = isWorking(p);
  return [
    ...(staff && working && !f.hasUpdates ? ['milestones'] : []),
    ...(isImplementer(actor, p) && working && f.hasMilestones ? ['progress'] : []),
    ...(staff && working && can(actor, 'activity.manage', { regionPath: p.regionPath }) ? ['activity'] : []),
    ...(isSupervisor(actor, p) && working ? ['inspect'] : []),
    ...(f.openConcerns > 0 && (isImplementer(actor, p) || staff) ? ['answer'] : []),
    ...(staff && working && f.openConcerns === 0 ? ['open_acceptance'] : []),
    ...(staff && p.status === 'accepting' && f.openAcceptance ? ['record_outcome'] : []),
    ...(staff && p.status === 'accepted' ? ['close'] : []),
    ...(p.status === 'accepted' && f.ratingOpen && !f.rated && livesInCommunity(actor, p.regionPath) ? ['rate'] : []),
  ];
}
