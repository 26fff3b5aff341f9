import { bigint, bigserial, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { BankExpiry, BankOrderState, BankTier, BankTxKind } from '@gongzhi/contracts';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

/**
 * The charity bank's offices, one per region that has one: the district's head office (总行), a
 * street's branch (分行), a community's savings office (储蓄所). Created on demand; a higher tier's
 * reports are the sum of its subtree, found by the region path prefix.
 */
export const bankOffices = pgTable('bank_offices', {
  id: id(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  tier: text('tier').$type<BankTier>().notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('bank_offices_region_uq').on(t.regionPath)]);

/** Kinds of account: a person's, or one of an office's system accounts. */
export type BankAccountKind = 'person' | 'issuance' | 'escrow' | 'redeemed' | 'pool' | 'expiry';

/**
 * A points account. `balance` is the sum of its postings, kept in the same transaction as each one
 * while the row is locked (FOR UPDATE), so two spends can never overdraw it together. A person's
 * account also counts the minutes of service earned (the redemption unlock).
 */
export const bankAccounts = pgTable('bank_accounts', {
  id: id(),
  kind: text('kind').$type<BankAccountKind>().notNull(),
  officeId: uuid('office_id').notNull().references(() => bankOffices.id),
  personId: uuid('person_id'),
  ...scopeColumns(),
  balance: bigint('balance', { mode: 'bigint' }).notNull().default(sql`0`),
  earnedMinutes: bigint('earned_minutes', { mode: 'bigint' }).notNull().default(sql`0`),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('bank_accounts_person_uq').on(t.personId).where(sql`person_id IS NOT NULL`),
  uniqueIndex('bank_accounts_office_kind_uq').on(t.officeId, t.kind).where(sql`person_id IS NULL`),
  index('bank_accounts_region_idx').on(t.regionPath.op('text_pattern_ops')),
]);

/**
 * A points transaction: postings summing to zero, never updated or deleted; a correction or refund
 * is a new transaction. `source_id` makes earnings and expiries idempotent (one per source).
 */
export const bankTransactions = pgTable('bank_transactions', {
  id: id(),
  kind: text('kind').$type<BankTxKind>().notNull(),
  officeId: uuid('office_id').notNull().references(() => bankOffices.id),
  ...scopeColumns(),
  memo: text('memo').notNull(),
  points: bigint('points', { mode: 'bigint' }).notNull(),
  earnedMinutes: integer('earned_minutes').notNull().default(0),
  /** The person whose service or spending this is, for the honour rolls and histories. */
  personId: uuid('person_id'),
  sourceId: text('source_id'),
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('bank_tx_source_uq').on(t.sourceId),
  index('bank_tx_region_idx').on(t.regionPath.op('text_pattern_ops'), t.occurredOn),
  index('bank_tx_person_idx').on(t.personId, t.occurredOn),
]);

/** One line of a points transaction: positive into the account, negative out of it. */
export const bankPostings = pgTable('bank_postings', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  transactionId: uuid('transaction_id').notNull().references(() => bankTransactions.id),
  accountId: uuid('account_id').notNull().references(() => bankAccounts.id),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
}, (t) => [index('bank_postings_tx_idx').on(t.transactionId), index('bank_postings_account_idx').on(t.accountId)]);

/**
 * Each approved service record offered to the bank, once (`source_id`): what it earned, or why it was
 * not credited (over the cap). Minutes count toward the redemption unlock even when no point is credited.
 */
export const bankEarnings = pgTable('bank_earnings', {
  sourceId: text('source_id').primaryKey(),
  personId: uuid('person_id').notNull(),
  ...scopeColumns(),
  minutes: integer('minutes').notNull(),
  points: bigint('points', { mode: 'bigint' }).notNull(),
  credited: boolean('credited').notNull(),
  note: text('note'),
  transactionId: uuid('transaction_id'),
  createdAt: createdAt(),
});

/** A district's rules; a district without a row uses the defaults (see bank.policy.ts). */
export const bankRules = pgTable('bank_rules', {
  districtCode: text('district_code').primaryKey(),
  balanceCap: bigint('balance_cap', { mode: 'bigint' }).notNull(),
  unlockMinutes: integer('unlock_minutes').notNull(),
  expiry: text('expiry').$type<BankExpiry>().notNull(),
  updatedAt: updatedAt(),
});

/** Minutes of service per point for an activity category in a district (default 60). */
export const bankRates = pgTable('bank_rates', {
  id: id(),
  districtCode: text('district_code').notNull(),
  categoryCode: text('category_code').notNull(),
  minutesPerPoint: integer('minutes_per_point').notNull(),
}, (t) => [uniqueIndex('bank_rates_uq').on(t.districtCode, t.categoryCode)]);

/** An item of an office's exchange catalogue. `stock` never goes below zero (a check constraint too). */
export const bankItems = pgTable('bank_items', {
  id: id(),
  officeId: uuid('office_id').notNull().references(() => bankOffices.id),
  ...scopeColumns(),
  provider: text('provider').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  price: bigint('price', { mode: 'bigint' }).notNull(),
  stock: integer('stock').notNull(),
  perPersonLimit: integer('per_person_limit').notNull().default(1),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('bank_items_region_idx').on(t.regionPath.op('text_pattern_ops'))]);

/** A resident's order: points held in the office's escrow until they confirm receipt. */
export const bankOrders = pgTable('bank_orders', {
  id: id(),
  itemId: uuid('item_id').notNull().references(() => bankItems.id),
  officeId: uuid('office_id').notNull().references(() => bankOffices.id),
  personId: uuid('person_id').notNull(),
  ...scopeColumns(),
  price: bigint('price', { mode: 'bigint' }).notNull(),
  state: text('state').$type<BankOrderState>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('bank_orders_item_person_idx').on(t.itemId, t.personId), index('bank_orders_region_idx').on(t.regionPath.op('text_pattern_ops'))]);

/** The community's priority list for donated points (elderly living alone first), in order. */
export const bankPriorityList = pgTable('bank_priority_list', {
  id: id(),
  officeId: uuid('office_id').notNull().references(() => bankOffices.id),
  personId: uuid('person_id').notNull(),
  ...scopeColumns(),
  reason: text('reason').notNull(),
  position: integer('position').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('bank_priority_uq').on(t.officeId, t.personId)]);

/** A published honour roll (公益英雄榜) row: frozen when staff publish the month, names already masked. */
export const bankRankings = pgTable('bank_rankings', {
  id: id(),
  regionName: text('region_name').notNull(),
  ...scopeColumns(),
  month: text('month').notNull(),
  rank: integer('rank').notNull(),
  maskedName: text('masked_name').notNull(),
  points: bigint('points', { mode: 'bigint' }).notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('bank_rankings_uq').on(t.regionPath, t.month, t.rank)]);
