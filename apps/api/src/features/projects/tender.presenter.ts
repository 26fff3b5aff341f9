import type { z } from 'zod';
import type { OpenCallSummary, TenderBidView, TenderCallView } from '@gongzhi/contracts';
import type { BidWithName, CallRow } from './tender.repository.ts';
import { windowOpen } from './tender.policy.ts';

type Score = { score: number | null; rank: number | null };

/** A bid as staff (after the window) or its own bidder see it, with the panel's score once there is one. */
export const presentBid = (b: BidWithName, s: Score | undefined, mine: boolean): z.infer<typeof TenderBidView> => ({
  id: b.id, organisationId: b.organisationId, organisation: b.organisation, plan: b.plan, team: b.team, lines: b.lines,
  totalFen: b.totalFen.toString(), submittedAt: b.submittedAt.toISOString(), score: s?.score ?? null, rank: s?.rank ?? null, mine,
});

/** A call with what the viewer may see of its bids. */
export function presentCall(c: CallRow, head: { title: string; summary: string; communityName: string; costFen: bigint }, v: {
  bids: z.infer<typeof TenderBidView>[]; bidCount: number; panelClosed: boolean; award: BidWithName | undefined; fundId: string | null; abilities: string[];
}, now: Date): z.infer<typeof TenderCallView> {
  return {
    id: c.id, projectId: c.projectId, projectTitle: head.title, projectSummary: head.summary, communityName: head.communityName, costFen: head.costFen.toString(),
    state: c.state, opensAt: c.opensAt.toISOString(), closesAt: c.closesAt.toISOString(), windowOpen: windowOpen(c, now), criteria: c.criteria,
    bidCount: v.bidCount, bids: v.bids, panelId: c.panelId, panelClosed: v.panelClosed, finding: c.finding,
    // A withdrawn award (the call void) is told by voidReason, not shown as an award.
    award: v.award && c.state === 'awarded' && v.fundId ? { bidId: v.award.id, organisation: v.award.organisation, amountFen: v.award.totalFen.toString(), fundId: v.fundId, noticeId: c.awardNoticeId } : null,
    voidReason: c.voidReason, abilities: v.abilities,
  };
}

/** A row of the open calls list. */
export const presentOpenCall = (r: { c: CallRow; title: string; costFen: bigint; communityName: string; bidCount: number; mine: boolean }, now: Date): z.infer<typeof OpenCallSummary> => ({
  id: r.c.id, projectId: r.c.projectId, projectTitle: r.title, communityName: r.communityName, costFen: r.costFen.toString(),
  opensAt: r.c.opensAt.toISOString(), closesAt: r.c.closesAt.toISOString(), windowOpen: windowOpen(r.c, now), bidCount: r.bidCount, bid: r.mine,
});
