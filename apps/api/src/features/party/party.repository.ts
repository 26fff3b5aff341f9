import { and, asc, desc, eq, gte, inArray, isNull, like, lt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { users } from '../../platform/auth/auth.table.ts';
import {
  partyClaims, partyFlags, partyNeeds, partyPointAccounts, partyPointEntries, partyPointPostings, partyRankingRows, partyRankings,
  partyReports, partySettings,
} from './party.table.ts';

export type ReportRow = typeof partyReports.$inferSelect;
export type NeedRow = typeof partyNeeds.$inferSelect;
export type ClaimRow = typeof partyClaims.$inferSelect;
export type EntryRow = typeof partyPointEntries.$inferSelect;
export type SettingsRow = typeof partySettings.$inferSelect;
export type RankingRow = typeof partyRankings.$inferSelect;

const inScopeOf = (scope: Scope, column: typeof partyReports.regionPath) => inScope(scope, { region: column });

/** One report in scope (missing and out of scope look the same), optionally locked. */
export async function findReport(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<ReportRow | undefined> {
  const q = db.select().from(partyReports).where(and(eq(partyReports.id, id), inScopeOf(scope, partyReports.regionPath)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** A resident's pending or confirmed report, else their latest returned one. */
export async function reportOf(db: DbOrTx, residentId: string): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(partyReports).where(eq(partyReports.residentId, residentId))
    .orderBy(sql`CASE WHEN ${partyReports.state} = 'returned' THEN 1 ELSE 0 END`, desc(partyReports.createdAt)).limit(1);
  return row;
}

export async function insertReport(tx: DbOrTx, row: typeof partyReports.$inferInsert): Promise<ReportRow> {
  const [r] = await tx.insert(partyReports).values(row).returning();
  return r!;
}

export async function updateReport(tx: DbOrTx, id: string, set: Partial<typeof partyReports.$inferInsert>): Promise<ReportRow> {
  const [r] = await tx.update(partyReports).set(set).where(eq(partyReports.id, id)).returning();
  return r!;
}

/** Reports in scope, pending first, newest first. */
export async function listReports(db: DbOrTx, scope: Scope, state: ReportRow['state'] | undefined): Promise<ReportRow[]> {
  return db.select().from(partyReports)
    .where(and(inScopeOf(scope, partyReports.regionPath), state ? eq(partyReports.state, state) : undefined))
    .orderBy(sql`CASE ${partyReports.state} WHEN 'submitted' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END`, desc(partyReports.createdAt)).limit(500);
}

/**
 * The next card sequence of a community's year. The transaction-level advisory lock makes two
 * confirmations in one community take turns, so each draws its own number.
 */
export async function nextCardSeq(tx: Tx, communityCode: string, year: number): Promise<number> {
  await advisoryLock(tx, `party-card:${communityCode}`);
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(partyReports)
    .where(and(eq(partyReports.regionPath, communityCode), like(partyReports.cardNo, `${communityCode}-${year}-%`)));
  return (r?.n ?? 0) + 1;
}

/** Confirmed members of a community (or every community in scope). */
export async function confirmedMembers(db: DbOrTx, scope: Scope, communityCode: string | undefined): Promise<ReportRow[]> {
  return db.select().from(partyReports).where(and(
    eq(partyReports.state, 'confirmed'), inScopeOf(scope, partyReports.regionPath),
    communityCode ? eq(partyReports.regionPath, communityCode) : undefined,
  )).orderBy(asc(partyReports.employerPartyOrg), asc(partyReports.name));
}

export async function insertNeed(tx: DbOrTx, row: typeof partyNeeds.$inferInsert): Promise<NeedRow> {
  const [r] = await tx.insert(partyNeeds).values(row).returning();
  return r!;
}

/** One need in scope, optionally locked (claims take its lock so the last place has one winner). */
export async function findNeed(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<NeedRow | undefined> {
  const q = db.select().from(partyNeeds).where(and(eq(partyNeeds.id, id), inScope(scope, { region: partyNeeds.regionPath })));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** Needs in scope (or of one community), newest first. */
export async function listNeeds(db: DbOrTx, scope: Scope, communityCode: string | undefined): Promise<NeedRow[]> {
  return db.select().from(partyNeeds)
    .where(and(inScope(scope, { region: partyNeeds.regionPath }), communityCode ? eq(partyNeeds.regionPath, communityCode) : undefined))
    .orderBy(desc(partyNeeds.createdAt)).limit(200);
}

/** Claims of some needs, with the claimant's name. */
export async function claimsOfNeeds(db: DbOrTx, needIds: string[]) {
  if (!needIds.length) return [];
  return db.select({ claim: partyClaims, name: partyReports.name }).from(partyClaims)
    .innerJoin(partyReports, eq(partyReports.id, partyClaims.reportId))
    .where(inArray(partyClaims.needId, needIds)).orderBy(asc(partyClaims.createdAt));
}

export async function findClaimOf(db: DbOrTx, needId: string, reportId: string): Promise<ClaimRow | undefined> {
  const [r] = await db.select().from(partyClaims).where(and(eq(partyClaims.needId, needId), eq(partyClaims.reportId, reportId)));
  return r;
}

/** Adds a claim and takes a place of its need (the caller holds the need's lock). */
export async function insertClaim(tx: DbOrTx, row: typeof partyClaims.$inferInsert): Promise<ClaimRow> {
  const [r] = await tx.insert(partyClaims).values(row).returning();
  await tx.update(partyNeeds).set({ claimed: sql`${partyNeeds.claimed} + 1` }).where(eq(partyNeeds.id, row.needId));
  return r!;
}

/** One claim in scope, optionally locked. */
export async function findClaim(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<ClaimRow | undefined> {
  const q = db.select().from(partyClaims).where(and(eq(partyClaims.id, id), inScope(scope, { region: partyClaims.regionPath })));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function markClaimDone(tx: DbOrTx, id: string, doneOn: string, doneBy: string): Promise<ClaimRow> {
  const [r] = await tx.update(partyClaims).set({ state: 'done', doneOn, doneBy }).where(eq(partyClaims.id, id)).returning();
  return r!;
}

/** Services done per report between two China days [from, to). */
export async function doneCounts(db: DbOrTx, reportIds: string[], from: string, to: string): Promise<Map<string, number>> {
  if (!reportIds.length) return new Map();
  const rows = await db.select({ reportId: partyClaims.reportId, n: sql<number>`count(*)::int` }).from(partyClaims)
    .where(and(inArray(partyClaims.reportId, reportIds), eq(partyClaims.state, 'done'), gte(partyClaims.doneOn, from), lt(partyClaims.doneOn, to)))
    .groupBy(partyClaims.reportId);
  return new Map(rows.map((r) => [r.reportId, r.n]));
}

export async function settingsOf(db: DbOrTx, districtCode: string): Promise<SettingsRow | undefined> {
  const [r] = await db.select().from(partySettings).where(eq(partySettings.districtCode, districtCode));
  return r;
}

export async function saveSettings(tx: DbOrTx, row: typeof partySettings.$inferInsert): Promise<SettingsRow> {
  const [r] = await tx.insert(partySettings).values(row)
    .onConflictDoUpdate({ target: partySettings.districtCode, set: { yearlyTarget: row.yearlyTarget, flagOn: row.flagOn, catalogue: row.catalogue, updatedAt: sql`now()` } }).returning();
  return r!;
}

/** Creates the account if it is new, then locks it: a posting's balance check cannot race. */
export async function lockAccount(tx: Tx, row: typeof partyPointAccounts.$inferInsert) {
  await tx.insert(partyPointAccounts).values(row).onConflictDoNothing({ target: partyPointAccounts.key });
  const [a] = await tx.select().from(partyPointAccounts).where(eq(partyPointAccounts.key, row.key)).for('update');
  return a!;
}

/** Locks accounts by id, in id order (the order every multi-account lock takes). */
export async function lockAccountsById(tx: Tx, ids: string[]): Promise<void> {
  await tx.select({ id: partyPointAccounts.id }).from(partyPointAccounts).where(inArray(partyPointAccounts.id, ids)).orderBy(asc(partyPointAccounts.id)).for('update');
}

/** A transaction-level advisory lock on a name: holders of the same name take turns until commit. */
export async function advisoryLock(tx: Tx, name: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`);
}

/** The entry reversing `entryId`, if any. */
export async function reversalOf(db: DbOrTx, entryId: string): Promise<EntryRow | undefined> {
  const [r] = await db.select().from(partyPointEntries).where(eq(partyPointEntries.reversesId, entryId));
  return r;
}

/** Writes an entry and its postings, and moves the (locked) accounts' balances by them. */
export async function insertEntry(tx: Tx, row: typeof partyPointEntries.$inferInsert, lines: { accountId: string; amount: bigint }[]): Promise<EntryRow> {
  const [e] = await tx.insert(partyPointEntries).values(row).returning();
  await tx.insert(partyPointPostings).values(lines.map((l) => ({ entryId: e!.id, accountId: l.accountId, amount: l.amount })));
  for (const l of lines) {
    await tx.update(partyPointAccounts).set({ balance: sql`${partyPointAccounts.balance} + ${l.amount}` }).where(eq(partyPointAccounts.id, l.accountId));
  }
  return e!;
}

/** One entry in scope, optionally locked (a reversal locks its original). */
export async function findEntry(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}): Promise<EntryRow | undefined> {
  const q = db.select().from(partyPointEntries).where(and(eq(partyPointEntries.id, id), inScope(scope, { region: partyPointEntries.regionPath })));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function postingsOf(db: DbOrTx, entryId: string) {
  return db.select().from(partyPointPostings).where(eq(partyPointPostings.entryId, entryId));
}

/** Entries of a year in scope (or of one report), newest first, with the member's name. */
export async function listEntries(db: DbOrTx, scope: Scope, q: { year: number; communityCode?: string; reportId?: string }) {
  return db.select({ entry: partyPointEntries, name: partyReports.name }).from(partyPointEntries)
    .innerJoin(partyReports, eq(partyReports.id, partyPointEntries.reportId))
    .where(and(
      eq(partyPointEntries.year, q.year), inScope(scope, { region: partyPointEntries.regionPath }),
      q.communityCode ? eq(partyPointEntries.regionPath, q.communityCode) : undefined,
      q.reportId ? eq(partyPointEntries.reportId, q.reportId) : undefined,
    )).orderBy(desc(partyPointEntries.createdAt)).limit(500);
}

/** Each report's points from entries made in [from, to). */
export async function pointsBetween(db: DbOrTx, reportIds: string[], from: Date, to: Date): Promise<Map<string, bigint>> {
  if (!reportIds.length) return new Map();
  const rows = await db.select({ reportId: partyPointEntries.reportId, n: sql<string>`sum(${partyPointEntries.points})::text` }).from(partyPointEntries)
    .where(and(inArray(partyPointEntries.reportId, reportIds), gte(partyPointEntries.createdAt, from), lt(partyPointEntries.createdAt, to)))
    .groupBy(partyPointEntries.reportId);
  return new Map(rows.map((r) => [r.reportId, BigInt(r.n)]));
}

/** Members' balances of a year, by report. */
export async function memberBalances(db: DbOrTx, reportIds: string[], year: number): Promise<Map<string, bigint>> {
  if (!reportIds.length) return new Map();
  const rows = await db.select({ reportId: partyPointAccounts.reportId, balance: partyPointAccounts.balance }).from(partyPointAccounts)
    .where(and(eq(partyPointAccounts.kind, 'member'), eq(partyPointAccounts.year, year), inArray(partyPointAccounts.reportId, reportIds)));
  const out = new Map<string, bigint>();
  for (const r of rows) if (r.reportId) out.set(r.reportId, (out.get(r.reportId) ?? 0n) + r.balance);
  return out;
}

export async function findRanking(db: DbOrTx, communityCode: string, year: number, half: number): Promise<RankingRow | undefined> {
  const [r] = await db.select().from(partyRankings).where(and(eq(partyRankings.regionPath, communityCode), eq(partyRankings.year, year), eq(partyRankings.half, half)));
  return r;
}

/** Freezes a ranking and its lines; the unique index refuses a second publication of the same half. */
export async function insertRanking(tx: DbOrTx, row: typeof partyRankings.$inferInsert, lines: { board: 'red' | 'black'; rank: number; maskedName: string; points: bigint }[]): Promise<RankingRow> {
  const [r] = await tx.insert(partyRankings).values(row).returning();
  if (lines.length) await tx.insert(partyRankingRows).values(lines.map((l) => ({ rankingId: r!.id, ...l })));
  return r!;
}

/** Published rankings, newest first (public: no scope), with their lines. */
export async function publishedRankings(db: DbOrTx, limit: number) {
  const heads = await db.select().from(partyRankings).orderBy(desc(partyRankings.publishedAt)).limit(limit);
  const lines = heads.length
    ? await db.select().from(partyRankingRows).where(inArray(partyRankingRows.rankingId, heads.map((h) => h.id))).orderBy(asc(partyRankingRows.board), asc(partyRankingRows.rank))
    : [];
  return heads.map((h) => ({ head: h, lines: lines.filter((l) => l.rankingId === h.id) }));
}

/** The frozen lines of one ranking. */
export async function rankingLines(db: DbOrTx, rankingId: string) {
  return db.select().from(partyRankingRows).where(eq(partyRankingRows.rankingId, rankingId)).orderBy(asc(partyRankingRows.board), asc(partyRankingRows.rank));
}

/**
 * Members holding the party-member grant under a district who have no pending or confirmed report,
 * by community: the people the yearly flag lists. Only grants where members live (not the whole district).
 */
export async function unreportedMembers(db: DbOrTx, districtCode: string) {
  return db.select({ userId: users.id, name: users.name, residentId: users.residentId, regionPath: roleAssignments.regionPath }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(
      eq(roleAssignments.role, 'party_member'), like(roleAssignments.regionPath, likePrefix(districtCode)), isNull(users.disabledAt),
      sql`length(${roleAssignments.regionPath}) >= 12`,
      sql`NOT EXISTS (SELECT 1 FROM ${partyReports} WHERE ${partyReports.userId} = ${users.id} AND ${partyReports.state} IN ('submitted', 'confirmed'))`,
    )).orderBy(asc(roleAssignments.regionPath), asc(users.name));
}

/** The users holding a role bound exactly to a region (a community's secretaries). */
export async function holdersAt(db: DbOrTx, role: 'community_secretary', regionPath: string): Promise<string[]> {
  const rows = await db.select({ userId: roleAssignments.userId }).from(roleAssignments)
    .where(and(eq(roleAssignments.role, role), eq(roleAssignments.regionPath, regionPath)));
  return [...new Set(rows.map((r) => r.userId))];
}

/** Records the year's flag of a community; false when it was already recorded (the job ran before). */
export async function recordFlag(tx: DbOrTx, row: typeof partyFlags.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(partyFlags).values(row).onConflictDoNothing().returning({ id: partyFlags.id });
  return rows.length > 0;
}


/**
 * Every confirmed member of a community with the services they did in [from, to) (China days); a
 * member with none still appears once, with null day and title, so the letter lists them too.
 */
export async function quarterServices(db: DbOrTx, communityCode: string, from: string, to: string) {
  return db.select({
    reportId: partyReports.id, name: partyReports.name, cardNo: partyReports.cardNo, employer: partyReports.employer,
    branch: partyReports.employerPartyOrg, contact: partyReports.employerPartyContact, day: partyClaims.doneOn, title: partyNeeds.title,
  }).from(partyReports)
    .leftJoin(partyClaims, and(eq(partyClaims.reportId, partyReports.id), eq(partyClaims.state, 'done'), gte(partyClaims.doneOn, from), lt(partyClaims.doneOn, to)))
    .leftJoin(partyNeeds, eq(partyNeeds.id, partyClaims.needId))
    .where(and(eq(partyReports.regionPath, communityCode), eq(partyReports.state, 'confirmed')))
    .orderBy(asc(partyReports.employerPartyOrg), asc(partyReports.name), asc(partyClaims.doneOn));
}
