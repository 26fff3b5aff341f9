import type { z } from 'zod';
import type { ProjectDetail, ProjectOptions, ProjectSummary, PublicProject, RoundView } from '@gongzhi/contracts';
import type { DistrictRules } from './projects.policy.ts';
import type { HearingRow, ProjectWithNames, RoundRow } from './projects.repository.ts';

/** A resident proposer is never named: the public and neighbours see 居民, an organisation its name. */
export const RESIDENT_LABEL = '居民';

/** A project as lists show it. */
export function presentSummary({ p, communityName, organisationName }: ProjectWithNames): z.infer<typeof ProjectSummary> {
  return {
    id: p.id, title: p.title, class: p.class, priorityArea: p.priorityArea, costFen: p.costFen.toString(), status: p.status,
    communityId: p.communityId, communityName, proposer: organisationName ?? RESIDENT_LABEL, cosignCount: p.cosignCount, voteCount: p.voteCount,
    roundId: p.roundId, createdAt: p.createdAt.toISOString(),
  };
}

/** A project on the public page: the summary without its round. */
export function presentPublic(row: ProjectWithNames): z.infer<typeof PublicProject> {
  const { roundId: _omit, ...rest } = presentSummary(row);
  void _omit;
  return rest;
}

/** A project's page: comments signed 居民 (or 我 for the viewer's own), the hearing as counts only. */
export function presentDetail(row: ProjectWithNames, d: {
  requests: { id: string; number: string }[]; hearing: HearingRow | undefined; comments: { id: string; userId: string; body: string; createdAt: Date }[];
  viewerId: string; signed: boolean; abilities: string[];
}): z.infer<typeof ProjectDetail> {
  const { p } = row;
  return {
    ...presentSummary(row), summary: p.summary, reason: p.reason, beneficiaries: p.beneficiaries, leftOutReason: p.leftOutReason, requests: d.requests,
    hearing: d.hearing ? { heldOn: d.hearing.heldOn, representatives: d.hearing.representativeIds.length, affected: d.hearing.affectedIds.length, notes: d.hearing.notes } : null,
    comments: d.comments.map((c) => ({ id: c.id, author: RESIDENT_LABEL, body: c.body, createdAt: c.createdAt.toISOString(), mine: c.userId === d.viewerId })),
    signed: d.signed, abilities: d.abilities,
  };
}

/** A round: the list in ranking order, what was left out and why, the count once closed. */
export function presentRound(r: RoundRow, communityName: string, rows: ProjectWithNames[], ballots: number, voted: boolean, abilities: string[]): z.infer<typeof RoundView> {
  const onList = rows.filter((x) => x.p.status !== 'left_out');
  const order = r.selectedIds ?? [];
  const rank = (id: string) => { const i = order.indexOf(id); return i < 0 ? order.length : i; };
  onList.sort((a, b) => rank(a.p.id) - rank(b.p.id));
  return {
    id: r.id, communityId: r.communityId, communityName, year: r.year, budgetFen: r.budgetFen.toString(), rule: r.rule, status: r.status,
    councilId: r.councilId, agendaItemId: r.agendaItemId, resolutionId: r.resolutionId, ballots,
    spentFen: r.spentFen?.toString() ?? null, leftFen: r.leftFen?.toString() ?? null,
    items: onList.map((x) => ({ project: presentSummary(x), selected: order.includes(x.p.id) || x.p.status === 'resolved' || x.p.status === 'published' })),
    leftOut: rows.filter((x) => x.p.status === 'left_out').map((x) => ({ id: x.p.id, title: x.p.title, reason: x.p.leftOutReason ?? '' })),
    voted, abilities, createdAt: r.createdAt.toISOString(),
  };
}

/** The proposal form's choices. */
export function presentOptions(communities: { id: string; name: string }[], rules: DistrictRules): z.infer<typeof ProjectOptions> {
  return {
    communities, priorityAreas: rules.priorityAreas, hearingRepresentatives: rules.hearingRepresentatives, hearingAffected: rules.hearingAffected,
    tenderMinDays: rules.tenderMinDays, acceptancePassMark: rules.acceptancePassMark, ratingDays: rules.ratingDays, instalmentPercents: rules.instalmentPercents,
    capsFen: { hardware: rules.capsFen.hardware.toString(), service: rules.capsFen.service.toString(), residents: rules.capsFen.residents.toString() },
  };
}
