import type { PanelDetail, PanelSummary } from '@gongzhi/contracts';
import type { CandidateRow, CriterionRow, MemberRow, PanelRow, ScoreRow } from './panels.repository.ts';
import { conflicted } from './panels.policy.ts';
import type { computeResults, sheetsOf } from './panels.service.ts';

export const presentPanelSummary = (p: PanelRow): PanelSummary => ({
  id: p.id, subjectKind: p.subjectKind, subjectId: p.subjectId, title: p.title, state: p.state,
  createdAt: p.createdAt.toISOString(), closedAt: p.closedAt ? p.closedAt.toISOString() : null,
});

/**
 * A panel's page. Staff running it, and everyone once it is closed, see every scorecard and the
 * results; while it is open a member sees only their own cards, so nobody scores to the others' tune.
 */
export function presentPanel(
  p: PanelRow,
  parts: { members: MemberRow[]; criteria: CriterionRow[]; candidates: CandidateRow[]; scores: ScoreRow[] },
  sheets: ReturnType<typeof sheetsOf>, results: ReturnType<typeof computeResults>,
  viewer: { userId: string; manage: boolean; abilities: string[] },
): PanelDetail {
  const seeAll = viewer.manage || p.state === 'closed';
  const mine = new Set(parts.members.filter((m) => m.userId !== null && m.userId === viewer.userId).map((m) => m.id));
  return {
    ...presentPanelSummary(p),
    members: parts.members.map((m) => ({
      id: m.id, name: m.name, capacity: m.capacity, hasAccount: m.userId !== null, organisationIds: m.organisationIds,
      absent: m.absentAt !== null, absentReason: m.absentReason, mine: mine.has(m.id),
      scored: [...new Set(parts.scores.filter((s) => s.memberId === m.id).map((s) => s.candidateId))],
      conflicts: parts.candidates.filter((c) => conflicted(m, c)).map((c) => c.id),
    })),
    criteria: parts.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
    candidates: parts.candidates.map((c) => ({ id: c.id, label: c.label, refId: c.refId, organisationId: c.organisationId })),
    sheets: sheets.filter((s) => seeAll || mine.has(s.memberId)).map((s) => ({
      memberId: s.memberId, candidateId: s.candidateId,
      scores: parts.criteria.map((c) => ({ criterionId: c.id, score: (s.cells.get(c.id) ?? 0) / 10 })),
      total: s.totalTenths / 10,
    })),
    results: seeAll ? results : null,
    abilities: viewer.abilities,
  };
}
