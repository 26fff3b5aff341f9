import { z } from 'zod';

/** Kinds of fund: community charity and development funds, the special protection fund, a compound's common fund. */
export const FUND_KINDS = ['charity', 'development', 'protection', 'common'] as const;
export type FundKind = (typeof FUND_KINDS)[number];
/** Kinds of ledger transaction; each has its operation and page. */
export const LEDGER_KINDS = [
  'donation', 'levy', 'enterprise_profit', 'allocation', 'property_fee', 'common_revenue', 'expense', 'dividend', 'reversal',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * An amount in fen: a JSON integer or a string of digits. Anything else (negative, fractional,
 * zero, exponent) passes the schema and is refused by the service with FUND_AMOUNT_INVALID, so
 * the caller learns which rule it broke.
 */
export const Fen = z.union([z.string().max(30), z.number()]);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CreateFundBody = z.object({
  code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/), name: Text(80), kind: z.enum(FUND_KINDS),
  regionId: z.uuid(), year: z.number().int().min(2000).max(2100).optional(),
});
export const DonationBody = z.object({
  amountFen: Fen, donor: z.string().trim().max(80).optional(), anonymous: z.boolean().default(false),
  purpose: Text(300), project: z.string().trim().max(60).optional(), occurredOn: Day.optional(),
});
export const TurnoverBody = z.object({ operator: Text(80), month: Month, turnoverFen: Fen });
export const IncomeBody = z.object({
  kind: z.enum(['enterprise_profit', 'allocation', 'property_fee', 'common_revenue']),
  amountFen: Fen, source: Text(80), purpose: Text(300), category: z.string().trim().max(40).optional(), occurredOn: Day.optional(),
});
export const ExpenseBody = z.object({
  amountFen: Fen, category: Text(40), project: Text(60), payee: Text(80), reason: Text(1000),
  attachmentIds: z.array(z.uuid()).max(10), budgetLineId: z.uuid().optional(),
});
export const DecideExpenseBody = z.object({ approve: z.boolean() });
export const ReverseBody = z.object({ reason: Text(300) });
export const DividendBody = z.object({ amountFen: Fen, purpose: Text(300) });
export const BudgetBody = z.object({
  year: z.number().int().min(2000).max(2100), resolutionRef: z.string().trim().max(120).optional(),
  resolutionText: z.string().trim().max(4000).optional(), approvedOn: Day.optional(),
  /** A passed matter of this compound's owners' assembly, when it was held on the platform. */
  assemblyMatterId: z.uuid().optional(),
  lines: z.array(z.object({ label: Text(40), amountFen: Fen })).min(1).max(50),
});
export const QuestionBody = z.object({
  question: Text(1000),
  /** Show the asker's name on the public page; by default it reads "居民". */
  showName: z.boolean().default(false),
});
/** A dividend or reversal waiting for a second person's approval (decided like an expense). */
export const PendingCreated = z.object({ id: z.uuid(), state: z.literal('pending') });
/** A month of a fund closed (or proposed for closing) by two people. */
export const MonthCloseView = z.object({
  id: z.uuid(), month: z.string(), state: z.enum(['proposed', 'closed', 'withdrawn']),
  proposedBy: z.string(), proposedById: z.uuid(), proposedAt: z.string(),
  confirmedBy: z.string().nullable(), confirmedAt: z.string().nullable(),
});
export type MonthCloseView = z.infer<typeof MonthCloseView>;
export const MonthCloseBody = z.object({ month: Month });
export const MonthClosesView = z.object({ closedThrough: z.string().nullable(), earliestDay: z.string(), items: z.array(MonthCloseView) });
export const AnswerBody = z.object({ answer: Text(2000) });

export const FundSummary = z.object({
  id: z.uuid(), code: z.string(), name: z.string(), kind: z.enum(FUND_KINDS), year: z.number().nullable(),
  region: z.object({ id: z.uuid(), name: z.string(), code: z.string() }),
  balanceFen: z.string(), inflowFen: z.string(), outflowFen: z.string(),
});
export type FundSummary = z.infer<typeof FundSummary>;

export const PostingView = z.object({ account: z.string(), amountFen: z.string() });
export const AttachmentView = z.object({ id: z.uuid(), filename: z.string(), mime: z.string(), size: z.number() });
export const QuestionView = z.object({
  id: z.uuid(), askerName: z.string(), question: z.string(), answer: z.string().nullable(),
  answeredByName: z.string().nullable(), createdAt: z.string(), answeredAt: z.string().nullable(),
});
export const TransactionView = z.object({
  id: z.uuid(), kind: z.enum(LEDGER_KINDS), memo: z.string(), project: z.string().nullable(),
  counterparty: z.string().nullable(), anonymous: z.boolean(), receiptNo: z.string().nullable(),
  occurredOn: z.string(),
  /** A late entry's own date (it fell in a closed month and was posted on `occurredOn`). */
  originalOn: z.string().nullable(),
  amountFen: z.string(), direction: z.enum(['in', 'out']),
  reversesId: z.uuid().nullable(), reversedById: z.uuid().nullable(),
  preparedBy: z.string(), approvedBy: z.string().nullable(), createdAt: z.string(),
  postings: z.array(PostingView), attachments: z.array(AttachmentView), questions: z.array(QuestionView),
});
export type TransactionView = z.infer<typeof TransactionView>;
export const TransactionPage = z.object({ items: z.array(TransactionView), nextCursor: z.string().nullable() });

export const MonthRow = z.object({ month: z.string(), inflowFen: z.string(), outflowFen: z.string(), count: z.number() });
export const AccountRow = z.object({ name: z.string(), balanceFen: z.string() });
export const FundDetail = FundSummary.extend({
  months: z.array(MonthRow), accounts: z.array(AccountRow), abilities: z.array(z.string()),
  /** What open reservations still keep for projects (fen): in the balance, but not free to spend. */
  reservedFen: z.string(),
});
export type FundDetail = z.infer<typeof FundDetail>;

/** What a pending operation does when approved: each goes through the same two-person flow. */
export const PENDING_KINDS = ['expense', 'dividend', 'reversal'] as const;
export const ExpenseView = z.object({
  id: z.uuid(), kind: z.enum(PENDING_KINDS), reversesId: z.uuid().nullable(), amountFen: z.string(), category: z.string(), project: z.string(), payee: z.string(), reason: z.string(),
  state: z.enum(['pending', 'approved', 'rejected']), preparedBy: z.string(), preparedById: z.uuid(),
  attachments: z.array(AttachmentView), transactionId: z.uuid().nullable(), createdAt: z.string(),
  /**
   * While pending: the fund's bank balance (fen) now and after approval, computed by the server in
   * integer fen (core balanceAfterApproval) for the approver to read before confirming. Null once decided.
   */
  balanceFen: z.string().nullable(), balanceAfterFen: z.string().nullable(),
  /** While pending: the people who may approve it (a second person with the approval right over the fund), closest first. */
  approvers: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type ExpenseView = z.infer<typeof ExpenseView>;

export const BudgetView = z.object({
  id: z.uuid(), year: z.number(), resolutionRef: z.string().nullable(), resolutionText: z.string().nullable(), approvedOn: z.string().nullable(),
  /** The assembly matter that approved it, linked to the assembly's public results. */
  assembly: z.object({ id: z.uuid(), title: z.string(), matterId: z.uuid(), matterTitle: z.string(), position: z.number() }).nullable(),
  lines: z.array(z.object({
    id: z.uuid(), label: z.string(), account: z.string(), budgetFen: z.string(), actualFen: z.string(),
    months: z.array(z.object({ month: z.string(), actualFen: z.string() })),
  })),
});
export type BudgetView = z.infer<typeof BudgetView>;

/** A passed owners' assembly matter that a compound's budget can rest on. */
export const BudgetResolution = z.object({
  assemblyId: z.uuid(), title: z.string(), matterId: z.uuid(), matterTitle: z.string(), position: z.number(), closedOn: z.string(),
});
export type BudgetResolution = z.infer<typeof BudgetResolution>;

export const DividendView = z.object({
  transactionId: z.uuid(), totalFen: z.string(), totalAreaCentiM2: z.string(), /** Yuan per m², from core dividendRate: the same rate the statement lines print. */
  rateYuanPerM2: z.string(),
  lines: z.array(z.object({ unit: z.string(), areaCentiM2: z.string(), amountFen: z.string(), statement: z.string() })),
});
export type DividendView = z.infer<typeof DividendView>;

/**
 * The public "by purpose" view: money in and out by project or purpose, as people read it. A reversed
 * entry and its reversal cancel out and appear nowhere; no account names.
 */
export const PurposeRow = z.object({ project: z.string().nullable(), inflowFen: z.string(), outflowFen: z.string(), count: z.number() });
export type PurposeRow = z.infer<typeof PurposeRow>;
/** Which entries a public list shows: money in, money out (reversals and what they undo appear on the accounting view only). */
export const ENTRY_SIDES = ['in', 'out'] as const;
