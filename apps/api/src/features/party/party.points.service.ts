import type { z } from 'zod';
import type { PartyPointBody, PartyRankingBody } from '@gongzhi/contracts';
import { chinaDay, LedgerError, reversePostings, validatePostings } from '@gongzhi/core';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { halfBounds, rankBoards } from './party.policy.ts';
import {
  advisoryLock, confirmedMembers, findEntry, findRanking, findReport, insertEntry, insertRanking, lockAccount, lockAccountsById, pointsBetween,
  postingsOf, reversalOf,
  type EntryRow, type RankingRow, type ReportRow,
} from './party.repository.ts';
import type { PartyPointRuleRow } from './party.table.ts';
import { districtSettings, oneCommunity } from './party.community.ts';

/** The year (China calendar) an instant's points count for: the cycle is January–December. */
export const pointsYear = (now: Date): number => Number(chinaDay(now).slice(0, 4));

/** An entry as the audit digest takes it (JSON has no bigint). */
const auditable = (e: EntryRow) => ({ ...e, points: e.points.toString() });

/** Checks the postings with the ledger's one rule (at least two, none zero, summing to zero). */
function balanced(lines: { accountId: string; amount: bigint }[]) {
  try {
    validatePostings(lines);
  } catch (e) {
    if (e instanceof LedgerError) throw new AppError('LEDGER_UNBALANCED', { sum: lines.reduce((a, l) => a + l.amount, 0n).toString() });
    throw e;
  }
}

/**
 * Posts a rule's points for a member in the caller's transaction: the member's account of the year
 * against their branch's counter-account, summing to zero. Both accounts are locked (member first,
 * then branch: one order everywhere, so posters never deadlock) before their balances move.
 */
export async function postPoints(tx: Tx, actor: Actor, report: ReportRow, rule: PartyPointRuleRow, reason: string, now: Date, extra: { claimId?: string } = {}): Promise<EntryRow> {
  const year = pointsYear(now);
  const place = { regionPath: report.regionPath, districtCode: report.districtCode, branch: report.employerPartyOrg, year };
  const member = await lockAccount(tx, { key: `member:${report.residentId}:${year}`, kind: 'member', reportId: report.id, ...place });
  const branch = await lockAccount(tx, { key: `branch:${report.regionPath}:${report.employerPartyOrg}:${year}`, kind: 'branch', ...place });
  const points = BigInt(rule.points);
  const lines = [{ accountId: member.id, amount: points }, { accountId: branch.id, amount: -points }];
  balanced(lines);
  const e = await insertEntry(tx, {
    regionPath: report.regionPath, districtCode: report.districtCode, reportId: report.id, year, rule: rule.code, ruleLabel: rule.label,
    points, reason, claimId: extra.claimId ?? null, createdBy: actor.userId, createdByName: actor.name, createdAt: now,
  }, lines);
  await audit(tx, actor, { action: 'party.points_record', subjectType: 'party_point_entry', subjectId: e.id, regionPath: report.regionPath, after: auditable(e), details: { rule: rule.code, points: rule.points } });
  return e;
}

/** The secretary records a catalogue rule (an addition or a deduction) against a confirmed member, with a reason. */
export async function recordPoints(db: Db, actor: Actor, body: z.infer<typeof PartyPointBody>, now: Date): Promise<EntryRow> {
  return db.transaction(async (tx) => {
    const report = found(await findReport(tx, scopeFor(actor, 'party.points'), body.reportId), 'PARTY_REPORT_NOT_FOUND');
    if (report.state !== 'confirmed') throw new AppError('PARTY_NOT_REPORTED');
    const rule = (await districtSettings(tx, report.districtCode)).catalogue.find((r) => r.code === body.rule);
    if (!rule) throw new AppError('PARTY_RULE_UNKNOWN', { rule: body.rule });
    return postPoints(tx, actor, report, rule, body.reason, now);
  });
}

/**
 * Reverses an entry with a new one: the same accounts (so the same year), opposite amounts. Entries
 * are never changed; an entry is reversed at most once (the unique index on reverses_id).
 */
export async function reversePoints(db: Db, actor: Actor, entryId: string, reason: string, now: Date): Promise<EntryRow> {
  return db.transaction(async (tx) => {
    const orig = found(await findEntry(tx, scopeFor(actor, 'party.points'), entryId, { lock: true }), 'PARTY_ENTRY_NOT_FOUND');
    if (orig.reversesId || await reversalOf(tx, orig.id)) throw new AppError('PARTY_ENTRY_REVERSED');
    const lines = reversePostings((await postingsOf(tx, orig.id)).map((p) => ({ accountId: p.accountId, amount: p.amount })));
    await lockAccountsById(tx, lines.map((l) => l.accountId));
    balanced(lines);
    {
      const e = await insertEntry(tx, {
        regionPath: orig.regionPath, districtCode: orig.districtCode, reportId: orig.reportId, year: orig.year, rule: orig.rule, ruleLabel: orig.ruleLabel,
        points: -orig.points, reason, reversesId: orig.id, createdBy: actor.userId, createdByName: actor.name, createdAt: now,
      }, lines);
      await audit(tx, actor, { action: 'party.points_reverse', subjectType: 'party_point_entry', subjectId: e.id, regionPath: orig.regionPath, before: auditable(orig), after: auditable(e) });
      return e;
    }
  });
}

/**
 * Publishes a community's red and black lists (红黑榜) for a half-year: the top and bottom `size`
 * members by the points their entries of that half earned, frozen into the published table with
 * masked names. Once per community and half (PARTY_RANKING_PUBLISHED).
 */
export async function publishRankings(db: Db, actor: Actor, body: z.infer<typeof PartyRankingBody>, now: Date): Promise<RankingRow> {
  const c = await oneCommunity(db, actor, 'party.points', body.regionId);
  const { from, to } = halfBounds(body.year, body.half);
  if (now < from) throw new AppError('PARTY_RANKING_EARLY');
  return db.transaction(async (tx) => {
    // Two publishers of one half take turns; the second finds the first's lists.
    await advisoryLock(tx, `party-ranking:${c.code}:${body.year}:${body.half}`);
    if (await findRanking(tx, c.code, body.year, body.half)) throw new AppError('PARTY_RANKING_PUBLISHED');
    const members = await confirmedMembers(tx, { kind: 'within', paths: [c.code], organisations: [] }, c.code);
    const points = await pointsBetween(tx, members.map((m) => m.id), from, to < now ? to : now);
    const lines = rankBoards(members.map((m) => ({ name: m.name, points: points.get(m.id) ?? 0n })), body.size);
    const r = await insertRanking(tx, {
      regionPath: c.code, districtCode: c.districtCode, communityName: c.name, year: body.year, half: body.half, size: body.size,
      publishedBy: actor.userId, publishedAt: now,
    }, lines);
    await audit(tx, actor, { action: 'party.rankings_publish', subjectType: 'party_ranking', subjectId: r.id, regionPath: c.code, after: { ...r, lines: lines.length } });
    return r;
  });
}
