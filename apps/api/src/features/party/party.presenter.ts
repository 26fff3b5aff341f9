import type { z } from 'zod';
import type { PartyNeedView, PartyPointEntryView, PartyRankingView, PartyReportView } from '@gongzhi/contracts';
import type { ClaimRow, EntryRow, NeedRow, RankingRow, ReportRow } from './party.repository.ts';

/** A report slip as its member and the community's staff see it (their own data; no one else's). */
export function presentReport(r: ReportRow, communityName: string): PartyReportView {
  return {
    id: r.id, name: r.name, communityCode: r.regionPath, communityName,
    employer: r.employer, employerPartyOrg: r.employerPartyOrg, employerPartyContact: r.employerPartyContact, skills: r.skills,
    state: r.state, returnReason: r.returnReason, cardNo: r.cardNo,
    submittedAt: r.createdAt.toISOString(), confirmedAt: r.state === 'confirmed' && r.handledAt ? r.handledAt.toISOString() : null,
  };
}

type Claim = { claim: ClaimRow; name: string };
const claimView = (c: Claim) => ({ id: c.claim.id, name: c.name, state: c.claim.state, doneOn: c.claim.doneOn });

/**
 * A need with its places. Staff see who claimed it; a member sees only their own claim, since the
 * other claimants are their neighbours.
 */
export function presentNeed(n: NeedRow, communityName: string, claims: Claim[], viewer: { staff: boolean; reportId: string | null }): PartyNeedView {
  const mine = viewer.reportId ? claims.find((c) => c.claim.reportId === viewer.reportId) : undefined;
  return {
    id: n.id, communityName, kind: n.kind, category: n.category as PartyNeedView['category'], title: n.title, description: n.description,
    when: n.whenText, places: n.places, claimed: n.claimed, mine: mine ? claimView(mine) : null,
    claims: viewer.staff ? claims.map(claimView) : [], createdAt: n.createdAt.toISOString(),
  };
}

/** A points entry; points leave as a number (whole points, far inside the safe range). */
export function presentEntry(e: EntryRow, name: string): z.infer<typeof PartyPointEntryView> {
  return {
    id: e.id, name, rule: e.rule, ruleLabel: e.ruleLabel, points: Number(e.points), reason: e.reason, year: e.year,
    reversesId: e.reversesId, createdAt: e.createdAt.toISOString(), recordedBy: e.createdByName,
  };
}

/** A published ranking with its frozen, masked lines. */
export function presentRanking(h: RankingRow, lines: { board: 'red' | 'black'; rank: number; maskedName: string; points: bigint }[]): z.infer<typeof PartyRankingView> {
  const line = (l: (typeof lines)[number]) => ({ board: l.board, rank: l.rank, name: l.maskedName, points: Number(l.points) });
  return {
    id: h.id, communityName: h.communityName, year: h.year, half: h.half, publishedAt: h.publishedAt.toISOString(),
    red: lines.filter((l) => l.board === 'red').map(line), black: lines.filter((l) => l.board === 'black').map(line),
  };
}
