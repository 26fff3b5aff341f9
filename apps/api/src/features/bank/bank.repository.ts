import { and, asc, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { BankExpiry, BankTier } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { qualified } from '../../platform/db/columns.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import {
  bankAccounts, bankEarnings, bankItems, bankOffices, bankOrders, bankPriorityList, bankRankings, bankRates, bankRules, bankTransactions,
} from './bank.table.ts';
import type { AccountRow, OfficeRow } from './bank.ledger.ts';

export type ItemRow = typeof bankItems.$inferSelect;
export type OrderRow = typeof bankOrders.$inferSelect;

/** A district's rules as the services use them. */
export interface BankRules { balanceCap: bigint; unlockMinutes: number; expiry: BankExpiry }

/** The defaults of issue 17: a cap of 1,500 points, redemption after 100 hours, points roll over. */
export const DEFAULT_RULES: BankRules = { balanceCap: 1500n, unlockMinutes: 100 * 60, expiry: 'rollover' };

/** The tier of an office at a region code of this length (district 6, street 9, community 12 digits). */
export const tierOf = (code: string): BankTier | undefined => ({ 6: 'head', 9: 'branch', 12: 'savings' } as Record<number, BankTier>)[code.length];

/** Creates the office of a region if it has none (concurrent callers both end with the one row). */
export async function upsertOffice(tx: DbOrTx, r: { id: string; code: string; name: string; districtCode: string; tier: BankTier }): Promise<OfficeRow> {
  await tx.insert(bankOffices).values({ regionId: r.id, regionPath: r.code, districtCode: r.districtCode, tier: r.tier, name: r.name }).onConflictDoNothing();
  const [row] = await tx.select().from(bankOffices).where(eq(bankOffices.regionPath, r.code));
  return row!;
}

/** The office at exactly this region path, if any. */
export async function officeAt(db: DbOrTx, regionPath: string): Promise<OfficeRow | undefined> {
  const [row] = await db.select().from(bankOffices).where(eq(bankOffices.regionPath, regionPath));
  return row;
}

/** A person's account, optionally locked for the rest of the transaction. */
export async function personAccount(db: DbOrTx, personId: string, lock = false): Promise<AccountRow | undefined> {
  const q = db.select().from(bankAccounts).where(eq(bankAccounts.personId, personId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Opens a person's account at their savings office (idempotent). */
export async function insertPersonAccount(tx: DbOrTx, personId: string, office: OfficeRow, regionPath: string): Promise<void> {
  await tx.insert(bankAccounts).values({ kind: 'person', personId, officeId: office.id, regionPath, districtCode: office.districtCode })
    .onConflictDoNothing({ target: bankAccounts.personId, where: sql`person_id IS NOT NULL` });
}

/** The district's rules, or the defaults. */
export async function rulesFor(db: DbOrTx, districtCode: string): Promise<BankRules> {
  const [row] = await db.select().from(bankRules).where(eq(bankRules.districtCode, districtCode));
  return row ? { balanceCap: row.balanceCap, unlockMinutes: row.unlockMinutes, expiry: row.expiry } : DEFAULT_RULES;
}

/** Sets a district's rules. */
export async function saveRules(db: DbOrTx, districtCode: string, r: BankRules): Promise<void> {
  await db.insert(bankRules).values({ districtCode, ...r }).onConflictDoUpdate({ target: bankRules.districtCode, set: { ...r, updatedAt: new Date() } });
}

/** Minutes per point for a category in a district: its rate, else 60. */
export async function minutesPerPoint(db: DbOrTx, districtCode: string, categoryCode: string): Promise<number> {
  const [row] = await db.select({ m: bankRates.minutesPerPoint }).from(bankRates)
    .where(and(eq(bankRates.districtCode, districtCode), eq(bankRates.categoryCode, categoryCode)));
  return row?.m ?? 60;
}

/** Claims a service record for the bank, once: false when it was offered before. */
export async function claimEarning(tx: DbOrTx, row: typeof bankEarnings.$inferInsert): Promise<boolean> {
  const res = await tx.insert(bankEarnings).values(row).onConflictDoNothing().returning({ s: bankEarnings.sourceId });
  return res.length === 1;
}

/** Adds minutes of service to a person's account without points (a fraction of a point, or refused over the cap). */
export async function addEarnedMinutes(tx: DbOrTx, accountId: string, minutes: number): Promise<void> {
  await tx.update(bankAccounts).set({ earnedMinutes: sql`${bankAccounts.earnedMinutes} + ${minutes}` }).where(eq(bankAccounts.id, accountId));
}

/** A person's last transactions with their own change. */
export async function historyOf(db: DbOrTx, accountId: string, limit = 50) {
  return db.select({ id: bankTransactions.id, kind: bankTransactions.kind, memo: bankTransactions.memo, points: bankTransactions.points,
    createdAt: bankTransactions.createdAt, change: sql<string>`(SELECT sum(p.amount) FROM bank_postings p WHERE p.transaction_id = ${qualified(bankTransactions.id)} AND p.account_id = ${accountId})` })
    .from(bankTransactions)
    .where(sql`${bankTransactions.id} IN (SELECT p.transaction_id FROM bank_postings p WHERE p.account_id = ${accountId})`)
    .orderBy(desc(bankTransactions.id)).limit(limit);
}

/** Items the resident living at `path` may order: their community's, street's and district's. */
export async function itemsFor(db: DbOrTx, path: string) {
  return db.select({ item: bankItems, office: bankOffices.name }).from(bankItems).innerJoin(bankOffices, eq(bankOffices.id, bankItems.officeId))
    .where(and(eq(bankItems.active, true), sql`${path} LIKE ${bankItems.regionPath} || '%'`)).orderBy(asc(bankItems.price));
}

/** Items of the offices in scope under `prefix` (staff). */
export async function itemsUnder(db: DbOrTx, scope: Scope, prefix: string) {
  return db.select({ item: bankItems, office: bankOffices.name }).from(bankItems).innerJoin(bankOffices, eq(bankOffices.id, bankItems.officeId))
    .where(and(sql`${bankItems.regionPath} LIKE ${likePrefix(prefix)}`, inScope(scope, { region: bankItems.regionPath }))).orderBy(desc(bankItems.createdAt));
}

/** One item, scoped (out of scope = undefined); locked when asked. */
export async function findItem(db: DbOrTx, scope: Scope, id: string, lock = false): Promise<ItemRow | undefined> {
  const q = db.select().from(bankItems).where(and(eq(bankItems.id, id), inScope(scope, { region: bankItems.regionPath })));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertItem(db: DbOrTx, row: typeof bankItems.$inferInsert): Promise<ItemRow> {
  const [r] = await db.insert(bankItems).values(row).returning();
  return r!;
}

export async function updateItem(db: DbOrTx, id: string, set: Partial<Pick<ItemRow, 'stock' | 'active'>>): Promise<void> {
  await db.update(bankItems).set(set).where(eq(bankItems.id, id));
}

/**
 * Takes one from the item's stock if any is left: a single conditional UPDATE, so of two concurrent
 * orders for the last one exactly one gets a row back.
 */
export async function takeStock(tx: DbOrTx, itemId: string): Promise<boolean> {
  const res = await tx.update(bankItems).set({ stock: sql`${bankItems.stock} - 1` }).where(and(eq(bankItems.id, itemId), gte(bankItems.stock, 1))).returning({ id: bankItems.id });
  return res.length === 1;
}

export async function restock(tx: DbOrTx, itemId: string): Promise<void> {
  await tx.update(bankItems).set({ stock: sql`${bankItems.stock} + 1` }).where(eq(bankItems.id, itemId));
}

/** How many live (not cancelled) orders a person holds for an item. */
export async function liveOrders(tx: DbOrTx, itemId: string, personId: string): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(bankOrders)
    .where(and(eq(bankOrders.itemId, itemId), eq(bankOrders.personId, personId), ne(bankOrders.state, 'cancelled')));
  return r?.n ?? 0;
}

export async function insertOrder(tx: DbOrTx, row: typeof bankOrders.$inferInsert): Promise<OrderRow> {
  const [r] = await tx.insert(bankOrders).values(row).returning();
  return r!;
}

/** An order, scoped for staff or limited to its person; locked when asked. */
export async function findOrder(db: DbOrTx, who: { scope: Scope } | { personId: string }, id: string, lock = false): Promise<OrderRow | undefined> {
  const where = 'scope' in who ? inScope(who.scope, { region: bankOrders.regionPath }) : eq(bankOrders.personId, who.personId);
  const q = db.select().from(bankOrders).where(and(eq(bankOrders.id, id), where));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function setOrderState(tx: DbOrTx, id: string, state: OrderRow['state']): Promise<void> {
  await tx.update(bankOrders).set({ state }).where(eq(bankOrders.id, id));
}

const orderColumns = { order: bankOrders, title: bankItems.title, provider: bankItems.provider };

/** A person's orders, newest first. */
export async function ordersOf(db: DbOrTx, personId: string) {
  return db.select(orderColumns).from(bankOrders).innerJoin(bankItems, eq(bankItems.id, bankOrders.itemId))
    .where(eq(bankOrders.personId, personId)).orderBy(desc(bankOrders.createdAt)).limit(100);
}

/** Orders of the offices in scope under `prefix`, open ones first. */
export async function ordersUnder(db: DbOrTx, scope: Scope, prefix: string, personName: (id: typeof bankOrders.personId) => ReturnType<typeof sql<string | null>>) {
  return db.select({ ...orderColumns, person: personName(bankOrders.personId) }).from(bankOrders).innerJoin(bankItems, eq(bankItems.id, bankOrders.itemId))
    .where(and(sql`${bankOrders.regionPath} LIKE ${likePrefix(prefix)}`, inScope(scope, { region: bankOrders.regionPath })))
    .orderBy(sql`CASE ${bankOrders.state} WHEN 'ordered' THEN 0 WHEN 'fulfilled' THEN 1 ELSE 2 END`, desc(bankOrders.createdAt)).limit(200);
}

/** The priority list of an office, in order, with what each has received from the pool. */
export async function priorityList(db: DbOrTx, officeId: string, personName: (id: typeof bankPriorityList.personId) => ReturnType<typeof sql<string | null>>) {
  return db.select({ row: bankPriorityList, name: personName(bankPriorityList.personId),
    received: sql<string>`coalesce((SELECT sum(t.points) FROM bank_transactions t WHERE t.kind = 'distribute' AND t.person_id = ${qualified(bankPriorityList.personId)} AND t.office_id = ${officeId}), 0)` })
    .from(bankPriorityList).where(eq(bankPriorityList.officeId, officeId)).orderBy(asc(bankPriorityList.position));
}

export async function addToPriority(db: DbOrTx, office: OfficeRow, personId: string, regionPath: string, reason: string): Promise<void> {
  await db.insert(bankPriorityList).values({ officeId: office.id, personId, regionPath, districtCode: office.districtCode, reason,
    position: sql`coalesce((SELECT max(position) FROM bank_priority_list WHERE office_id = ${office.id}), 0) + 1` }).onConflictDoNothing();
}

/** The first of an office's list, locked; and moves them to the end (distribution goes round in order). */
export async function nextOnList(tx: DbOrTx, officeId: string) {
  const [first] = await tx.select().from(bankPriorityList).where(eq(bankPriorityList.officeId, officeId)).orderBy(asc(bankPriorityList.position)).limit(1).for('update');
  if (!first) return undefined;
  await tx.update(bankPriorityList).set({ position: sql`(SELECT max(position) FROM bank_priority_list WHERE office_id = ${officeId}) + 1` }).where(eq(bankPriorityList.id, first.id));
  return first;
}

/** An office's system accounts and the points its people hold (outstanding), over its subtree. */
export async function officeBalances(db: DbOrTx, prefix: string) {
  return db.select({ kind: bankAccounts.kind, balance: sql<string>`sum(${bankAccounts.balance})` }).from(bankAccounts)
    .where(sql`${bankAccounts.regionPath} LIKE ${likePrefix(prefix)}`).groupBy(bankAccounts.kind).orderBy(bankAccounts.kind);
}

/** Points issued, redeemed and expired per month over a subtree. */
export async function monthReport(db: DbOrTx, prefix: string) {
  return db.select({
    month: sql<string>`to_char(${bankTransactions.occurredOn}, 'YYYY-MM')`,
    issued: sql<string>`coalesce(sum(${bankTransactions.points}) FILTER (WHERE ${bankTransactions.kind} = 'earn'), 0)`,
    redeemed: sql<string>`coalesce(sum(${bankTransactions.points}) FILTER (WHERE ${bankTransactions.kind} = 'redeem'), 0)`,
    expired: sql<string>`coalesce(sum(${bankTransactions.points}) FILTER (WHERE ${bankTransactions.kind} = 'expire'), 0)`,
  }).from(bankTransactions).where(sql`${bankTransactions.regionPath} LIKE ${likePrefix(prefix)}`)
    .groupBy(sql`1`).orderBy(sql`1 DESC`).limit(24);
}

/** The last transactions over a subtree. */
export async function transactionsUnder(db: DbOrTx, prefix: string, limit = 50) {
  return db.select().from(bankTransactions).where(sql`${bankTransactions.regionPath} LIKE ${likePrefix(prefix)}`).orderBy(desc(bankTransactions.id)).limit(limit);
}

/** Top earners of a month (China-time days `from` ≤ day < `to`) among people whose accounts lie under `prefix`. */
export async function topEarners(db: DbOrTx, prefix: string, from: string, to: string, personName: (id: typeof bankTransactions.personId) => ReturnType<typeof sql<string | null>>, limit = 10) {
  return db.select({ personId: bankTransactions.personId, name: personName(bankTransactions.personId), points: sql<string>`sum(${bankTransactions.points})` })
    .from(bankTransactions).innerJoin(bankAccounts, eq(bankAccounts.personId, bankTransactions.personId))
    .where(and(eq(bankTransactions.kind, 'earn'), sql`${bankAccounts.regionPath} LIKE ${likePrefix(prefix)}`, gte(bankTransactions.occurredOn, from), lt(bankTransactions.occurredOn, to)))
    .groupBy(bankTransactions.personId).orderBy(sql`sum(${bankTransactions.points}) DESC`, bankTransactions.personId).limit(limit);
}

/** Whether a month's roll is already published for a region. */
export async function isPublished(db: DbOrTx, regionPath: string, month: string): Promise<boolean> {
  const [r] = await db.select({ id: bankRankings.id }).from(bankRankings).where(and(eq(bankRankings.regionPath, regionPath), eq(bankRankings.month, month))).limit(1);
  return !!r;
}

export async function insertRanking(db: DbOrTx, rows: (typeof bankRankings.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(bankRankings).values(rows).onConflictDoNothing();
}

/** Published rolls, newest month first. */
export async function publishedRankings(db: DbOrTx) {
  return db.select().from(bankRankings).orderBy(desc(bankRankings.month), asc(bankRankings.regionPath), asc(bankRankings.rank)).limit(500);
}

/** Person accounts with points, in districts whose points expire at year end (for the year-end job). */
export async function expiringAccounts(db: DbOrTx) {
  return db.select().from(bankAccounts).where(and(eq(bankAccounts.kind, 'person'), sql`${bankAccounts.balance} > 0`,
    sql`coalesce((SELECT r.expiry FROM bank_rules r WHERE r.district_code = ${bankAccounts.districtCode}), 'rollover') = 'expire_end_of_year'`));
}

/** Whether a transaction with this source exists. */
export async function sourceUsed(db: DbOrTx, sourceId: string): Promise<boolean> {
  const [r] = await db.select({ id: bankTransactions.id }).from(bankTransactions).where(eq(bankTransactions.sourceId, sourceId));
  return !!r;
}

/** The office by id. */
export async function officeById(db: DbOrTx, id: string): Promise<OfficeRow | undefined> {
  const [r] = await db.select().from(bankOffices).where(eq(bankOffices.id, id));
  return r;
}
