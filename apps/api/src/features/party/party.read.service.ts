import type { z } from 'zod';
import type { PartyMe, PartyNeedView, PartyPointEntryView, PartyPointsPage, PartyProgress, PartyRankingView, PartyReportView } from '@gongzhi/contracts';
import { chinaDay, roleAllows } from '@gongzhi/core';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { found } from '../../platform/errors/app-error.ts';
import { DEFAULT_YEARLY_TARGET, isPartyMember, onTrack } from './party.policy.ts';
import {
  claimsOfNeeds, confirmedMembers, doneCounts, findNeed, findReport, listEntries, listNeeds, listReports, memberBalances, publishedRankings, rankingLines,
  reportOf, type EntryRow, type RankingRow, type ReportRow,
} from './party.repository.ts';
import { communityFor, communityNames, districtSettings } from './party.community.ts';
import { presentEntry, presentNeed, presentRanking, presentReport } from './party.presenter.ts';
import { pointsYear } from './party.points.service.ts';

/** The services a member did in a year (China calendar days), by report. */
const servicesIn = (db: Db, reportIds: string[], year: number) => doneCounts(db, reportIds, `${year}-01-01`, `${year + 1}-01-01`);

/** A member's own page: their report and card, this year's 1112 progress and points. */
export async function myParty(db: Db, actor: Actor, now: Date, year = pointsYear(now)): Promise<z.infer<typeof PartyMe>> {
  const report = actor.residentId && isPartyMember(actor) ? await reportOf(db, actor.residentId) : undefined;
  if (!report) return { year, report: null, progress: { done: 0, target: DEFAULT_YEARLY_TARGET }, points: 0, entries: [] };
  const [names, done, balances, entries, settings] = await Promise.all([
    communityNames(db, [report.regionPath]), servicesIn(db, [report.id], year), memberBalances(db, [report.id], year),
    listEntries(db, { kind: 'within', paths: [report.regionPath], organisations: [] }, { year, reportId: report.id }), districtSettings(db, report.districtCode),
  ]);
  return {
    year, report: presentReport(report, names.get(report.regionPath) ?? ''),
    progress: { done: done.get(report.id) ?? 0, target: settings.yearlyTarget },
    points: Number(balances.get(report.id) ?? 0n),
    entries: entries.map((e) => presentEntry(e.entry, e.name)),
  };
}

/** Reports in the staff member's scope (or one community), pending first. */
export async function reportList(db: Db, actor: Actor, state: ReportRow['state'] | undefined): Promise<PartyReportView[]> {
  const rows = await listReports(db, scopeFor(actor, 'party.read'), state);
  const names = await communityNames(db, rows.map((r) => r.regionPath));
  return rows.map((r) => presentReport(r, names.get(r.regionPath) ?? ''));
}

/**
 * Needs: a member sees their community's (the one they reported to; none before confirmation);
 * staff see those of their scope, or of the community they name, with who claimed each.
 */
export async function needList(db: Db, actor: Actor, regionId: string | undefined): Promise<PartyNeedView[]> {
  const staff = actor.grants.some((g) => roleAllows(g.role, 'party.read'));
  let report: ReportRow | undefined;
  let rows;
  if (staff) {
    const c = await communityFor(db, actor, 'party.read', regionId);
    rows = await listNeeds(db, scopeFor(actor, 'party.read'), c?.code);
  } else {
    report = actor.residentId ? await reportOf(db, actor.residentId) : undefined;
    if (!report || report.state !== 'confirmed') return [];
    rows = await listNeeds(db, { kind: 'within', paths: [report.regionPath], organisations: [] }, report.regionPath);
  }
  const [claims, names] = await Promise.all([claimsOfNeeds(db, rows.map((n) => n.id)), communityNames(db, rows.map((n) => n.regionPath))]);
  return rows.map((n) => presentNeed(n, names.get(n.regionPath) ?? '', claims.filter((c) => c.claim.needId === n.id), { staff, reportId: report?.id ?? null }));
}

/**
 * 1112 progress of a year: each confirmed member's services done (done/target) and points, and per
 * branch (the member's own party organisation) how many are on track and how many behind.
 */
export async function progressOf(db: Db, actor: Actor, q: { regionId?: string; year?: number }, now: Date): Promise<z.infer<typeof PartyProgress>> {
  const year = q.year ?? pointsYear(now);
  const c = await communityFor(db, actor, 'party.read', q.regionId);
  const members = await confirmedMembers(db, scopeFor(actor, 'party.read'), c?.code);
  const ids = members.map((m) => m.id);
  const [done, balances] = await Promise.all([servicesIn(db, ids, year), memberBalances(db, ids, year)]);
  const targets = new Map<string, number>();
  for (const d of new Set(members.map((m) => m.districtCode))) targets.set(d, (await districtSettings(db, d)).yearlyTarget);
  const today = chinaDay(now);
  const rows = members.map((m) => {
    const target = targets.get(m.districtCode) ?? DEFAULT_YEARLY_TARGET;
    const n = done.get(m.id) ?? 0;
    return { reportId: m.id, name: m.name, branch: m.employerPartyOrg, done: n, target, onTrack: onTrack(n, target, year, today), points: Number(balances.get(m.id) ?? 0n) };
  });
  const branches = new Map<string, { branch: string; members: number; onTrack: number; behind: number }>();
  for (const r of rows) {
    const b = branches.get(r.branch) ?? { branch: r.branch, members: 0, onTrack: 0, behind: 0 };
    b.members++;
    if (r.onTrack) b.onTrack++; else b.behind++;
    branches.set(r.branch, b);
  }
  const target = c ? (await districtSettings(db, c.districtCode)).yearlyTarget : (targets.values().next().value ?? DEFAULT_YEARLY_TARGET);
  return { year, target, members: rows, branches: [...branches.values()] };
}

/** Points entries of a year in scope (or one community), with the catalogue that applies there. */
export async function pointsPage(db: Db, actor: Actor, q: { regionId?: string; year?: number }, now: Date): Promise<z.infer<typeof PartyPointsPage>> {
  const year = q.year ?? pointsYear(now);
  const c = await communityFor(db, actor, 'party.read', q.regionId);
  const entries = await listEntries(db, scopeFor(actor, 'party.read'), { year, communityCode: c?.code });
  const district = c?.districtCode ?? entries[0]?.entry.districtCode;
  const catalogue = district ? (await districtSettings(db, district)).catalogue : [];
  return { year, catalogue, entries: entries.map((e) => presentEntry(e.entry, e.name)) };
}

/** The published red and black lists, newest first (public; names were masked when frozen). */
export async function publicRankings(db: Db): Promise<z.infer<typeof PartyRankingView>[]> {
  return (await publishedRankings(db, 20)).map((r) => presentRanking(r.head, r.lines));
}

/** One report as its reader sees it (the caller has loaded it through scope). */
export async function reportView(db: Db, r: ReportRow): Promise<PartyReportView> {
  return presentReport(r, (await communityNames(db, [r.regionPath])).get(r.regionPath) ?? '');
}

/** One need as the actor sees it, after a write the actor was allowed to make on it. */
export async function needView(db: Db, actor: Actor, needId: string): Promise<PartyNeedView> {
  const staff = actor.grants.some((g) => roleAllows(g.role, 'party.read'));
  const need = found(await findNeed(db, EVERYWHERE, needId), 'PARTY_NEED_NOT_FOUND');
  const report = !staff && actor.residentId ? await reportOf(db, actor.residentId) : undefined;
  const [claims, names] = await Promise.all([claimsOfNeeds(db, [needId]), communityNames(db, [need.regionPath])]);
  return presentNeed(need, names.get(need.regionPath) ?? '', claims, { staff, reportId: report?.id ?? null });
}

/** One points entry with its member's name. */
export async function entryView(db: Db, e: EntryRow): Promise<z.infer<typeof PartyPointEntryView>> {
  const r = await findReport(db, EVERYWHERE, e.reportId);
  return presentEntry(e, r?.name ?? '');
}

/** A just-published ranking with its lines. */
export async function rankingView(db: Db, h: RankingRow): Promise<z.infer<typeof PartyRankingView>> {
  return presentRanking(h, await rankingLines(db, h.id));
}
