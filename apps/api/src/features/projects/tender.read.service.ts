import type { z } from 'zod';
import type { OpenCallSummary, ProjectTenderView, TenderCallView } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { found } from '../../platform/errors/app-error.ts';
import { panelResult } from '../panels/panels.service.ts';
import { fundList } from '../funds/funds.read.service.ts';
import { findProject } from './projects.repository.ts';
import { rulesFor } from './projects.service.ts';
import { bidsOf, callsOfProject, findCall, openCallRows, projectHead, type CallRow } from './tender.repository.ts';
import { PAYING_FUND_KINDS, biddingOrganisation, callAbilities, mayRestart, windowOver } from './tender.policy.ts';
import { presentBid, presentCall, presentOpenCall } from './tender.presenter.ts';

type Head = { title: string; summary: string; communityName: string; costFen: bigint; fundId: string | null };

/**
 * One call as the viewer sees it: staff running the project see every bid once the window has closed
 * (not while bidders could still learn from each other), a bidder sees their own, others the count.
 */
async function callView(db: DbOrTx, actor: Actor, c: CallRow, head: Head, now: Date): Promise<z.infer<typeof TenderCallView>> {
  const manage = can(actor, 'project.manage', { regionPath: c.regionPath });
  const org = biddingOrganisation(actor);
  const [bids, result] = await Promise.all([bidsOf(db, [c.id]), c.panelId ? panelResult(db, c.panelId) : undefined]);
  const scores = new Map((result?.results ?? []).map((r) => [r.refId, r]));
  const staffSee = manage && (windowOver(c, now) || c.state !== 'open');
  const shown = bids.filter((b) => staffSee || b.organisationId === org).map((b) => presentBid(b, scores.get(b.id), b.organisationId === org));
  const panelClosed = result?.panel.state === 'closed';
  const abilities = callAbilities(c, { manage, bidder: org !== null, mine: bids.some((b) => b.organisationId === org), bids: bids.length, panelClosed }, now);
  return presentCall(c, head, { bids: shown, bidCount: bids.length, panelClosed, award: bids.find((b) => b.id === c.awardBidId), fundId: head.fundId, abilities }, now);
}

/** The project's calls for bids (latest first), the funds that may pay, and what staff may do: scoped. */
export async function projectTender(db: Db, actor: Actor, projectId: string, now: Date): Promise<z.infer<typeof ProjectTenderView>> {
  const { p, communityName } = found(await findProject(db, scopeFor(actor, 'project.read'), projectId), 'PROJECT_NOT_FOUND');
  const manage = can(actor, 'project.manage', { regionPath: p.regionPath });
  const [calls, rules] = await Promise.all([callsOfProject(db, projectId), rulesFor(db, p.districtCode)]);
  const head = { title: p.title, summary: p.summary, communityName, costFen: p.costFen, fundId: p.fundId };
  const views = await Promise.all(calls.map((c) => callView(db, actor, c, head, now)));
  const restart = manage && mayRestart(p.status, calls[0], views[0]?.bidCount ?? 0, now);
  const funds = manage ? (await fundList(db)).filter((f) => PAYING_FUND_KINDS.includes(f.kind) && p.regionPath.startsWith(f.region.code)) : [];
  return {
    projectId, status: p.status, tenderMinDays: rules.tenderMinDays, calls: views,
    funds: funds.map((f) => ({ id: f.id, name: f.name, kind: f.kind, balanceFen: f.balanceFen })),
    abilities: restart ? ['open', 'residents'] : [],
  };
}

/** One call's page (for the bid form): calls are public to whoever may read projects. */
export async function callDetail(db: Db, actor: Actor, callId: string, now: Date): Promise<z.infer<typeof TenderCallView>> {
  const c = found(await findCall(db, EVERYWHERE, callId), 'TENDER_CALL_NOT_FOUND');
  const { p, communityName } = (await projectHead(db, c.projectId))!;
  return callView(db, actor, c, { title: p.title, summary: p.summary, communityName, costFen: p.costFen, fundId: p.fundId }, now);
}

/** Calls taking bids now or soon, soonest closing first, marked where the viewer's organisation has bid. */
export async function openCalls(db: Db, actor: Actor, now: Date): Promise<z.infer<typeof OpenCallSummary>[]> {
  return (await openCallRows(db, now, biddingOrganisation(actor))).map((r) => presentOpenCall(r, now));
}
