import {
  bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { FundKind, LedgerKind } from '@gongzhi/contracts';
import { createdAt, id, scopeColumns, updatedAt } from '../../platform/db/columns.ts';

/**
 * The owners' assembly's matters, named only as the target of a foreign key: the assembly feature owns
 * the table (assembly/assembly.table.ts), and funds reach it only through its services. Drizzle knows a
 * foreign key by the target's table and column names, so this stand-in yields the same constraint
 * (fund_budgets_assembly_matter_id_assembly_matters_id_fk). Not exported: it is no table of ours.
 */
const assemblyMattersKey = pgTable('assembly_matters', { id: uuid('id').primaryKey() });

/**
 * A fund: a community charity or development fund, a special protection fund (保障资金, one per
 * community and year), or a compound's common fund under trust-based property management.
 * `bank_balance` is the running balance of its bank account, kept in the same transaction as every
 * posting; the row is locked (SELECT … FOR UPDATE) while an expense checks it, so two expenses can
 * never overdraw it together.
 */
export const funds = pgTable('funds', {
  id: id(),
  /** Short public code, e.g. WP-CHARITY; used in URLs and `export-ledger --fund`. */
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<FundKind>().notNull(),
  regionId: uuid('region_id').notNull(),
  ...scopeColumns(),
  /** The allocation year of a special protection fund. */
  year: integer('year'),
  bankBalance: bigint('bank_balance', { mode: 'bigint' }).notNull().default(sql`0`),
  postingCount: bigint('posting_count', { mode: 'number' }).notNull().default(0),
  /**
   * The first day of the last month closed (every month up to it is closed too), or null. Kept on the
   * fund's row because every posting updates that row: the posting statement's condition on it is
   * re-checked after waiting for a concurrent close, so no entry can slip into a month being closed.
   */
  closedThrough: date('closed_through', { mode: 'string' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('funds_code_uq').on(t.code),
  index('funds_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
]);

/** The chart of accounts of a fund; `name` is the full hledger-style name ("expenses:活动:敬老"). */
export const fundAccounts = pgTable('fund_accounts', {
  id: id(),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  name: text('name').notNull(),
  type: text('type').$type<'assets' | 'income' | 'expenses'>().notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('fund_accounts_name_uq').on(t.fundId, t.name)]);

/**
 * A ledger transaction: a group of postings summing to zero, written once with its audit row and
 * never updated or deleted (a trigger refuses both); a correction is a new transaction whose
 * `reverses_id` points to the original, and the unique index allows one reversal per original.
 */
export const ledgerTransactions = pgTable('ledger_transactions', {
  id: id(),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  ...scopeColumns(),
  kind: text('kind').$type<LedgerKind>().notNull(),
  /** The purpose, shown publicly. */
  memo: text('memo').notNull(),
  /** Project or category label for the public per-project view. */
  project: text('project'),
  /** Who paid or was paid (donor, operator, enterprise, payee); null for anonymous donors. */
  counterparty: text('counterparty'),
  anonymous: boolean('anonymous').notNull().default(false),
  receiptNo: text('receipt_no'),
  /** The posting (ledger) date: the month totals, the journal and the closed months go by it. */
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  /**
   * A late entry's own date, when it fell in a month already closed: the entry is posted in the open
   * period and this date is shown beside the posting date (hledger's secondary date). Null otherwise.
   */
  originalOn: date('original_on', { mode: 'string' }),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
  reversesId: uuid('reverses_id'),
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name').notNull(),
  approvedBy: uuid('approved_by'),
  approvedByName: text('approved_by_name'),
  details: jsonb('details').$type<Record<string, unknown>>(),
  createdAt: createdAt(),
}, (t) => [
  index('ledger_tx_fund_idx').on(t.fundId, t.id),
  uniqueIndex('ledger_tx_reverses_uq').on(t.reversesId),
  // The few reversals of a fund, which the public figures net against their originals (issue 15 item 8).
  index('ledger_tx_reversals_idx').on(t.fundId).where(sql`reverses_id IS NOT NULL`),
  uniqueIndex('ledger_tx_receipt_uq').on(t.receiptNo),
]);

/** One line of a transaction, in fen: positive debits (money into the bank, spending), negative credits. */
export const postings = pgTable('postings', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  transactionId: uuid('transaction_id').notNull().references(() => ledgerTransactions.id),
  fundId: uuid('fund_id').notNull(),
  accountId: uuid('account_id').notNull().references(() => fundAccounts.id),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
}, (t) => [index('postings_tx_idx').on(t.transactionId)]);

/**
 * Per fund, account and month: the sums the public page, the budget-against-actual view and the
 * balances read, kept in the same transaction as the postings, so a fund with a million postings
 * answers from a few hundred rows.
 */
export const fundMonthTotals = pgTable('fund_month_totals', {
  fundId: uuid('fund_id').notNull(),
  accountId: uuid('account_id').notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  debit: bigint('debit', { mode: 'bigint' }).notNull(),
  credit: bigint('credit', { mode: 'bigint' }).notNull(),
  count: integer('count').notNull(),
}, (t) => [uniqueIndex('fund_month_totals_pk').on(t.fundId, t.accountId, t.month)]);

/** A receipt or invoice uploaded for an expense, shown on the public page. */
export const fundAttachments = pgTable('fund_attachments', {
  id: id(),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  storageKey: text('storage_key').notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  /**
   * SHA-256 (hex) of the uploaded content, before any re-encoding: the same invoice uploaded twice has
   * the same hash, whatever its id or name, so it can back only one payment. Null for files uploaded
   * before hashes were kept.
   */
  sha256: text('sha256'),
  uploadedBy: uuid('uploaded_by'),
  createdAt: createdAt(),
}, (t) => [index('fund_attachments_sha256_idx').on(t.sha256)]);

/** What a pending operation pays or undoes when approved: each goes through the same two-person flow. */
export type PendingKind = 'expense' | 'dividend' | 'reversal';

/**
 * A grant or expense, a dividend or a reversal waiting for a second person's approval; approving it
 * posts the transaction. One table and one decision (funds.expense.service.ts) for all three, so the
 * two-person rule cannot differ between them.
 */
export const fundExpenses = pgTable('fund_expenses', {
  id: id(),
  kind: text('kind').$type<PendingKind>().notNull().default('expense'),
  /** The entry a pending reversal undoes. */
  reversesId: uuid('reverses_id'),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  ...scopeColumns(),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
  category: text('category').notNull(),
  project: text('project').notNull(),
  payee: text('payee').notNull(),
  reason: text('reason').notNull(),
  attachmentIds: uuid('attachment_ids').array().notNull(),
  /** Optional link to a budget line (common funds). */
  budgetLineId: uuid('budget_line_id'),
  /** The reservation (funds.reserve.table.ts) an expense pays from, e.g. a project's instalment; null for ordinary spending. */
  reservationId: uuid('reservation_id'),
  state: text('state').$type<'pending' | 'approved' | 'rejected'>().notNull(),
  preparedBy: uuid('prepared_by').notNull(),
  preparedByName: text('prepared_by_name').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  transactionId: uuid('transaction_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('fund_expenses_fund_idx').on(t.fundId, t.state)]);

/** An operator's monthly turnover report: unique per fund, operator and month, so the levy is taken once. */
export const turnoverReports = pgTable('fund_turnover_reports', {
  id: id(),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  operator: text('operator').notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  turnover: bigint('turnover', { mode: 'bigint' }).notNull(),
  levy: bigint('levy', { mode: 'bigint' }).notNull(),
  transactionId: uuid('transaction_id').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('fund_turnover_uq').on(t.fundId, t.operator, t.month)]);

/** A compound's annual open budget, approved by the owners' assembly (resolution by reference). */
export const fundBudgets = pgTable('fund_budgets', {
  id: id(),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  year: integer('year').notNull(),
  resolutionRef: text('resolution_ref'),
  resolutionText: text('resolution_text'),
  /** The matter of an owners' assembly held on the platform that approved this budget, if it was. */
  assemblyMatterId: uuid('assembly_matter_id').references(() => assemblyMattersKey.id),
  approvedOn: date('approved_on', { mode: 'string' }),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('fund_budgets_year_uq').on(t.fundId, t.year),
  // A matter approves one budget: the second budget resting on it is refused (FUND_BUDGET_RESOLUTION_USED).
  uniqueIndex('fund_budgets_matter_uq').on(t.assemblyMatterId),
]);

/** A budget line: an expense account of the common fund and the amount budgeted for the year. */
export const fundBudgetLines = pgTable('fund_budget_lines', {
  id: id(),
  budgetId: uuid('budget_id').notNull().references(() => fundBudgets.id),
  accountId: uuid('account_id').notNull().references(() => fundAccounts.id),
  label: text('label').notNull(),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
});

/** A dividend of common revenue to owners by floor area, with one line per unit. */
export const fundDividendLines = pgTable('fund_dividend_lines', {
  id: id(),
  transactionId: uuid('transaction_id').notNull().references(() => ledgerTransactions.id),
  unitId: uuid('unit_id').notNull(),
  unitLabel: text('unit_label').notNull(),
  areaCentiM2: bigint('area_centi_m2', { mode: 'bigint' }).notNull(),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
  /**
   * The dividend's rate in 0.0001 yuan (0.01 fen) per m², from core dividendRate — the one rate shown
   * and printed. The column's name is historical (it once held a rate rounded to the fen).
   */
  rateTenThousandthsYuanPerM2: bigint('rate_fen_per_m2', { mode: 'bigint' }).notNull(),
}, (t) => [index('fund_dividend_lines_tx_idx').on(t.transactionId)]);

/** A signed-in resident's question on a ledger entry, and a staff member's answer. */
export const fundQuestions = pgTable('fund_questions', {
  id: id(),
  transactionId: uuid('transaction_id').notNull().references(() => ledgerTransactions.id),
  fundId: uuid('fund_id').notNull(),
  askedBy: uuid('asked_by').notNull(),
  askerName: text('asker_name').notNull(),
  /** Whether the asker chose to be named on the public page; otherwise it shows "居民". */
  askerNamed: boolean('asker_named').notNull().default(false),
  question: text('question').notNull(),
  answer: text('answer'),
  answeredBy: uuid('answered_by'),
  answeredByName: text('answered_by_name'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('fund_questions_tx_idx').on(t.transactionId)]);

/**
 * A month of a fund closed by two people: one proposes (`proposed`), a different one confirms
 * (`closed`). Closing a month closes every earlier one too ("closed through"); a closed month never
 * changes — the posting statement refuses any entry dated in it, and a late entry goes into the open
 * period with its own date beside. One pending proposal per fund at a time.
 */
export const fundMonthCloses = pgTable('fund_month_closes', {
  id: id(),
  fundId: uuid('fund_id').notNull().references(() => funds.id),
  /** The first day of the month closed. */
  month: date('month', { mode: 'string' }).notNull(),
  state: text('state').$type<'proposed' | 'closed' | 'withdrawn'>().notNull(),
  proposedBy: uuid('proposed_by').notNull(),
  proposedByName: text('proposed_by_name').notNull(),
  proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
  confirmedBy: uuid('confirmed_by'),
  confirmedByName: text('confirmed_by_name'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('fund_month_closes_fund_idx').on(t.fundId, t.month),
  uniqueIndex('fund_month_closes_pending_uq').on(t.fundId).where(sql`state = 'proposed'`),
]);
