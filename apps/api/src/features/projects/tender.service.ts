import type { z } from 'zod';
import { addDays, chinaDay, chinaIso, endOfChinaDay, fenToYuan } from '@gongzhi/core';
import type { AwardBody, BidBody, OpenCallBody, TenderPanelBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { organisationById } from '../org/organisation.service.ts';
import { createPanel, panelResult } from '../panels/panels.service.ts';
import { publishNotice, registerNoticeKind, type NoticeObjectionRow, type NoticeRow } from '../notices/notices.service.ts';
import { fundList } from '../funds/funds.read.service.ts';
import { findProject } from './projects.repository.ts';
import type { ProjectStatus } from './projects.table.ts';
import { fenOf } from './projects.policy.ts';
import { rulesFor } from './projects.service.ts';
import { COMMITTEE_LABEL, recordProjectEvent } from './trail.service.ts';
import { bidsOf, callsOfProject, findCall, insertBid, insertCall, moveProject, organisationsOfUsers, projectById, updateCall, type CallRow } from './tender.repository.ts';
import { lockProjectFund, releaseProjectMoney, reserveProjectMoney } from './money.service.ts';
import { AWARD_NOTICE_DAYS, BIDDER_KINDS, PAYING_FUND_KINDS, biddingOrganisation, mayRestart, pickWinner, weightsValid, windowOver } from './tender.policy.ts';

/** The notice-board kind of an award (中标结果公示); registered in timers.ts. */
export const AWARD_NOTICE_KIND = 'project_award';
/** Who carries out a project done by residents, as the public sees it. */
export const RESIDENTS_LABEL = '居民实施';

const when = (at: Date) => chinaIso(at).slice(0, 16).replace('T', ' ');

/** Voids the project's latest call when it may be restarted (republished, or given to residents); refuses otherwise. */
async function clearForRestart(tx: Tx, p: { id: string; status: ProjectStatus }, reason: string, now: Date): Promise<void> {
  const [latest] = await callsOfProject(tx, p.id);
  const bids = latest ? (await bidsOf(tx, [latest.id])).length : 0;
  if (!mayRestart(p.status, latest, bids, now)) {
    if (p.status !== 'tendering' || !latest) throw new AppError('PROJECT_STATE', { state: p.status });
    throw new AppError(bids > 0 ? 'TENDER_HAS_BIDS' : 'TENDER_CALL_LIVE');
  }
  if (latest && latest.state !== 'void') await updateCall(tx, latest.id, { state: 'void', voidReason: reason });
}

/**
 * Opens a call for bids on a published project (or republishes one whose last call drew no bid or
 * whose award was withdrawn): at least the district's least days, criteria weighing 100 in all.
 */
export async function openCall(db: Db, actor: Actor, projectId: string, body: z.infer<typeof OpenCallBody>, now: Date): Promise<CallRow> {
  const { p } = found(await findProject(db, scopeFor(actor, 'project.manage'), projectId), 'PROJECT_NOT_FOUND');
  authorize(actor, 'project.manage', { regionPath: p.regionPath });
  const rules = await rulesFor(db, p.districtCode);
  if (body.days < rules.tenderMinDays) throw new AppError('TENDER_DAYS_TOO_SHORT', { days: rules.tenderMinDays });
  if (!weightsValid(body.criteria.map((c) => c.weight))) throw new AppError('TENDER_WEIGHTS');
  const opensAt = body.opensAt ? new Date(body.opensAt) : now;
  // A minute's grace for the client's clock; earlier than that is a mistake, not a late click.
  if (opensAt.getTime() < now.getTime() - 60_000) throw new AppError('TENDER_OPENS_IN_PAST');
  const closesAt = endOfChinaDay(addDays(chinaDay(opensAt), body.days));
  return db.transaction(async (tx) => {
    const locked = found(await findProject(tx, scopeFor(actor, 'project.manage'), projectId, true), 'PROJECT_NOT_FOUND').p;
    await clearForRestart(tx, locked, '无人投标，重新招标', now);
    const call = await insertCall(tx, {
      projectId, regionPath: locked.regionPath, districtCode: locked.districtCode, state: 'open', opensAt, closesAt,
      criteria: body.criteria.map((c) => ({ name: c.name, weight: c.weight })), createdBy: actor.userId, createdAt: now,
    });
    if (!(await moveProject(tx, projectId, [locked.status], 'tendering'))) throw new AppError('PROJECT_STATE', { state: locked.status });
    await recordProjectEvent(tx, locked, { kind: 'call_opened', by: COMMITTEE_LABEL, text: `投标时间 ${when(opensAt)} 至 ${when(closesAt)}` }, now);
    await audit(tx, actor, { action: 'project.tender_call', subjectType: 'tender_call', subjectId: call.id, regionPath: locked.regionPath, details: { projectId, days: body.days, closesAt: closesAt.toISOString() } });
    return call;
  });
}

/**
 * A registered organisation bids once on a call while its window runs: budget lines in whole fen that
 * add up to the total, the total within the project's cost. One bid per organisation (no
 * replacement: what the panel scores is what arrived in the window).
 */
export async function submitBid(db: Db, actor: Actor, callId: string, body: z.infer<typeof BidBody>, now: Date) {
  const orgId = biddingOrganisation(actor);
  const org = orgId ? await organisationById(db, orgId) : undefined;
  if (!org || !BIDDER_KINDS.includes(org.kind)) throw new AppError('TENDER_NOT_BIDDER');
  const total = fenOf(body.totalFen);
  const lines = body.lines.map((l) => ({ item: l.item, fen: fenOf(l.amountFen) }));
  if (total === null || lines.some((l) => l.fen === null)) throw new AppError('TENDER_AMOUNT_INVALID');
  if (lines.reduce((a, l) => a + l.fen!, 0n) !== total) throw new AppError('TENDER_BUDGET_MISMATCH');
  return db.transaction(async (tx) => {
    // Calls are public: a bidder reads them wherever they are.
    const call = found(await findCall(tx, EVERYWHERE, callId, 'share'), 'TENDER_CALL_NOT_FOUND');
    if (call.state !== 'open' || now >= call.closesAt) throw new AppError('TENDER_WINDOW_CLOSED');
    if (now < call.opensAt) throw new AppError('TENDER_NOT_OPEN_YET');
    const project = (await projectById(tx, call.projectId))!;
    if (total > project.costFen) throw new AppError('TENDER_OVER_COST', { costYuan: fenToYuan(project.costFen) });
    const bid = await insertBid(tx, {
      callId, projectId: call.projectId, organisationId: org.id, plan: body.plan, team: body.team,
      lines: lines.map((l) => ({ item: l.item, amountFen: l.fen!.toString() })), totalFen: total, submittedBy: actor.userId, submittedAt: now,
    });
    if (!bid) throw new AppError('TENDER_ALREADY_BID');
    await recordProjectEvent(tx, project, { kind: 'bid_received', by: org.name }, now);
    await audit(tx, actor, { action: 'project.tender_bid', subjectType: 'tender_bid', subjectId: bid.id, regionPath: call.regionPath, details: { callId, organisationId: org.id, totalFen: total.toString() } });
    return bid;
  });
}

/**
 * Sets up the review panel once the window has closed: the call's criteria, every bid a candidate.
 * A member who belongs to a bidding organisation is refused (回避), so no bidder's own sits on it.
 */
export async function setUpPanel(db: Db, actor: Actor, callId: string, body: z.infer<typeof TenderPanelBody>, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const call = found(await findCall(tx, scopeFor(actor, 'project.manage'), callId, 'update'), 'TENDER_CALL_NOT_FOUND');
    authorize(actor, 'project.manage', { regionPath: call.regionPath });
    if (call.state !== 'open') throw new AppError('PROJECT_STATE', { state: call.state });
    if (!windowOver(call, now)) throw new AppError('TENDER_WINDOW_OPEN');
    if (call.panelId) throw new AppError('TENDER_PANEL_EXISTS');
    const bids = await bidsOf(tx, [callId]);
    if (!bids.length) throw new AppError('TENDER_NO_BIDS');
    const bidders = new Set(bids.map((b) => b.organisationId));
    // A member with an account is linked to the organisations that account acts for, whatever the form said.
    const acting = await organisationsOfUsers(tx, body.members.flatMap((m) => (m.userId ? [m.userId] : [])));
    const members = body.members.map((m) => ({ ...m, organisationIds: [...new Set([...(m.organisationIds ?? []), ...(m.userId ? acting.get(m.userId) ?? [] : [])])] }));
    const conflicted = members.find((m) => m.organisationIds.some((o) => bidders.has(o)));
    if (conflicted) throw new AppError('TENDER_PANEL_CONFLICT', { name: conflicted.name });
    const project = (await projectById(tx, call.projectId))!;
    const panel = await createPanel(tx, actor, {
      subjectKind: 'tender', subjectId: call.id, title: `${project.title}：投标评审`, regionPath: call.regionPath, districtCode: call.districtCode, regionId: project.communityId,
      members, criteria: call.criteria, candidates: bids.map((b) => ({ label: b.organisation, refId: b.id, organisationId: b.organisationId })),
    }, now);
    await updateCall(tx, callId, { panelId: panel.id });
    await audit(tx, actor, { action: 'project.tender_panel', subjectType: 'tender_call', subjectId: callId, regionPath: call.regionPath, details: { panelId: panel.id, members: body.members.length, bids: bids.length } });
    return panel.id;
  });
}

/**
 * The award (定标): after the window, once the panel has scored and closed. Two or more bids: the best
 * score wins; one bid: only with the panel's necessity-and-feasibility finding. The paying fund is a
 * protection or community fund of the project's community or above. The project moves to awarded
 * under a conditional update (of two racing awards one wins) and the award goes on the notice board.
 */
export async function awardCall(db: Db, actor: Actor, callId: string, body: z.infer<typeof AwardBody>, now: Date): Promise<void> {
  const fund = (await fundList(db)).find((f) => f.id === body.fundId);
  await db.transaction(async (tx) => {
    const call = found(await findCall(tx, scopeFor(actor, 'project.manage'), callId, 'update'), 'TENDER_CALL_NOT_FOUND');
    authorize(actor, 'project.manage', { regionPath: call.regionPath });
    if (call.state !== 'open') throw new AppError('PROJECT_STATE', { state: call.state });
    if (!windowOver(call, now)) throw new AppError('TENDER_WINDOW_OPEN');
    // The paying fund's lock before the project's: the order the funds' approvals take them in.
    if (fund) await lockProjectFund(tx, call.projectId, fund.id);
    const bids = await bidsOf(tx, [callId]);
    if (!bids.length) throw new AppError('TENDER_NO_BIDS');
    if (!call.panelId) throw new AppError('TENDER_PANEL_MISSING');
    const result = (await panelResult(tx, call.panelId))!;
    if (result.panel.state !== 'closed') throw new AppError('TENDER_PANEL_OPEN');
    const finding = body.finding?.trim() || null;
    if (bids.length === 1 && !finding) throw new AppError('TENDER_FINDING_REQUIRED');
    if (!fund || !PAYING_FUND_KINDS.includes(fund.kind) || !call.regionPath.startsWith(fund.region.code)) throw new AppError('TENDER_FUND_INVALID');
    const score = new Map(result.results.map((r) => [r.refId, r.score]));
    const winner = found(pickWinner(bids.map((b) => ({ bid: b, score: score.get(b.id) ?? null }))), 'TENDER_PANEL_OPEN');
    const project = await moveProject(tx, call.projectId, ['tendering'], 'awarded', {
      implementerOrganisationId: winner.organisationId, implementerLabel: winner.organisation, awardedFen: winner.totalFen, fundId: fund.id,
    });
    if (!project) throw new AppError('PROJECT_STATE', { state: 'awarded' });
    const notice = await publishNotice(tx, actor, {
      kind: AWARD_NOTICE_KIND, subjectId: call.id, regionPath: call.regionPath, districtCode: call.districtCode, regionId: project.communityId,
      title: `${project.title}：中标结果公示`,
      body: `中标单位：${winner.organisation}；中标金额：${fenToYuan(winner.totalFen)} 元；评审得分：${score.get(winner.id)}；付款资金：${fund.name}。${finding ? `必要性和可行性论证：${finding}` : ''}`,
      workingDays: body.noticeDays ?? AWARD_NOTICE_DAYS,
    }, now);
    await updateCall(tx, callId, { state: 'awarded', awardBidId: winner.id, awardNoticeId: notice.id, finding });
    await recordProjectEvent(tx, project, {
      kind: 'awarded', by: COMMITTEE_LABEL, text: `中标单位：${winner.organisation}（评审得分 ${score.get(winner.id)}）`, amountFen: winner.totalFen, link: { kind: 'notice', id: notice.id },
    }, now);
    // The award reserves the amount in the fund, so the same money cannot be promised twice (refused
    // whole, nothing written, when it is more than the fund's free balance).
    await reserveProjectMoney(tx, actor, project, now);
    await audit(tx, actor, { action: 'project.tender_award', subjectType: 'tender_call', subjectId: callId, regionPath: call.regionPath, details: { projectId: project.id, bidId: winner.id, amountFen: winner.totalFen.toString(), fundId: fund.id, noticeId: notice.id } });
  });
}

/** Gives a published project (or one whose call drew no bid or lost its award) to the residents (居民实施). */
export async function markResidentsImplement(db: Db, actor: Actor, projectId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { p } = found(await findProject(tx, scopeFor(actor, 'project.manage'), projectId, true), 'PROJECT_NOT_FOUND');
    authorize(actor, 'project.manage', { regionPath: p.regionPath });
    await clearForRestart(tx, p, '改为居民实施', now);
    const moved = await moveProject(tx, projectId, [p.status], 'in_progress', { implementerOrganisationId: null, implementerLabel: RESIDENTS_LABEL });
    if (!moved) throw new AppError('PROJECT_STATE', { state: p.status });
    await recordProjectEvent(tx, moved, { kind: 'residents_implement', by: COMMITTEE_LABEL }, now);
    await audit(tx, actor, { action: 'project.residents_implement', subjectType: 'project', subjectId: projectId, regionPath: p.regionPath, details: { from: p.status } });
  });
}

/** The award's notice closed with every objection answered and none upheld: the contract takes effect. */
async function onAwardClosed(tx: Tx, actor: Actor, notice: NoticeRow, closedAt: Date): Promise<void> {
  const call = (await findCall(tx, EVERYWHERE, notice.subjectId, 'update'))!;
  const project = await moveProject(tx, call.projectId, ['awarded'], 'in_progress');
  if (!project) return;
  await recordProjectEvent(tx, project, { kind: 'award_effective', by: COMMITTEE_LABEL, text: `实施单位：${project.implementerLabel ?? ''}`, link: { kind: 'notice', id: notice.id } }, closedAt);
  await audit(tx, actor, { action: 'project.tender_effective', subjectType: 'tender_call', subjectId: call.id, regionPath: call.regionPath, details: { projectId: project.id, noticeId: notice.id } });
}

/** An objection to the award was upheld: the award is withdrawn and the project goes back to tendering. */
async function onAwardUpheld(tx: Tx, actor: Actor, notice: NoticeRow, objection: NoticeObjectionRow, now: Date): Promise<void> {
  const call = (await findCall(tx, EVERYWHERE, notice.subjectId, 'update'))!;
  const reason = `公示期异议成立，中标结果撤销：${objection.answer ?? ''}`;
  // A withdrawn award gives its reserved money back to the fund before the project forgets which fund it was.
  const before = await projectById(tx, call.projectId);
  if (before?.status === 'awarded') {
    await lockProjectFund(tx, before.id, before.fundId);
    await releaseProjectMoney(tx, actor, before, now);
  }
  const project = await moveProject(tx, call.projectId, ['awarded'], 'tendering', { implementerOrganisationId: null, implementerLabel: null, awardedFen: null, fundId: null, reservationId: null });
  await updateCall(tx, call.id, { state: 'void', voidReason: reason });
  if (!project) return;
  // The trail has no kind of its own for a withdrawal yet: it is an award step whose text says why.
  await recordProjectEvent(tx, project, { kind: 'awarded', by: COMMITTEE_LABEL, text: reason, link: { kind: 'notice', id: notice.id } }, now);
  await audit(tx, actor, { action: 'project.tender_withdrawn', subjectType: 'tender_call', subjectId: call.id, regionPath: call.regionPath, details: { projectId: project.id, objectionId: objection.id } });
}

/** Registers what an award's notice does when it settles (called from timers.ts registerNoticeKinds). */
export function registerTenderNotices(): void {
  registerNoticeKind(AWARD_NOTICE_KIND, { onClosed: onAwardClosed, onUpheld: onAwardUpheld });
}
