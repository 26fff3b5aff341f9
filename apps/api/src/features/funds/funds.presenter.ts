import type { ExpenseView, FundDetail, FundSummary, TransactionView } from '@gongzhi/contracts';
import type { ExpenseRow, FundListRow, QuestionRow, TxRow } from './funds.repository.ts';
import { balanceAfterApproval, eraseFromText, maskFreeText } from '@gongzhi/core';
import { BANK } from './funds.ledger.ts';

/**
 * A fund entry's free text (donor, purpose, payee, reason) as the public reads it: phones, ID
 * numbers, bank cards, e-mails and WeChat ids masked, amounts left readable — it is money text.
 * Staff reading the fund in full see it as written.
 */
export const publicMoneyText = (text: string): string => maskFreeText(text, { keepAmounts: true });

/** A stored receipt or invoice as the pages list it. */
export interface FileRow { id: string; filename: string; mime: string; size: number }

/** A fund as lists show it: balances as fen strings (bigint never goes through a float). */
export function presentFund(f: FundListRow): FundSummary {
  return {
    id: f.id, code: f.code, name: f.name, kind: f.kind as FundSummary['kind'], year: f.year,
    region: { id: f.regionId, name: f.regionName, code: f.regionPath },
    balanceFen: f.bankBalance.toString(), inflowFen: f.inflow.toString(), outflowFen: f.outflow.toString(),
  };
}

/** A fund's public page head: balance, months and accounts, and what the viewer may do on it (from the policy). */
export function presentFundDetail(f: FundListRow, abilities: FundDetail['abilities']): FundDetail {
  return {
    ...presentFund(f),
    months: f.months.map((m) => ({ month: m.month, inflowFen: m.debit, outflowFen: m.credit, count: m.count })),
    accounts: f.accounts.map((a) => ({ name: a.name, balanceFen: a.balance })),
    abilities,
    reservedFen: f.reserved.toString(),
  };
}

/** The attachment ids an entry cites (an expense's receipts). */
export const citedFiles = (r: TxRow): string[] => (Array.isArray(r.details?.attachmentIds) ? (r.details!.attachmentIds as string[]) : []);

const fileView = (f: FileRow) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size });

/**
 * A question and its answer as the public reads them: contact and identity numbers masked
 * (core maskFreeText), and an asker who chose not to be named is 居民 — in the name field and
 * wherever their name appears in the question or in the staff's answer.
 */
export function publicQuestion({ askerNamed, ...q }: QuestionRow): Omit<QuestionRow, 'askerNamed'> {
  const clean = (text: string) => (askerNamed ? maskFreeText(text) : eraseFromText(text, [q.askerName], '居民'));
  return { ...q, askerName: askerNamed ? q.askerName : '居民', question: clean(q.question), answer: q.answer === null ? null : clean(q.answer) };
}

/** A question as the fund's own staff read it: the text in full, the asker named only as they chose. */
const staffQuestion = ({ askerNamed, ...q }: QuestionRow): Omit<QuestionRow, 'askerNamed'> => ({ ...q, askerName: askerNamed ? q.askerName : '居民' });

/**
 * Transactions with their postings, receipts (`files`: those the rows cite) and questions. Anonymous
 * donors' names were never stored; the preparer and approver are staff acting in office and shown by name.
 * Questions and the entry's own free text (memo, counterparty) are shown as the public reads them
 * ({@link publicQuestion}, {@link publicMoneyText}) unless `inFull` (the viewer is staff reading the
 * fund in full) says otherwise.
 */
export function presentTransactions(rows: TxRow[], files: FileRow[], inFull: (r: TxRow) => boolean = () => false): TransactionView[] {
  return rows.map((r) => {
    const bank = r.postings.filter((p) => p.account === BANK).reduce((a, p) => a + p.amount, 0n);
    const own = citedFiles(r);
    const text = inFull(r) ? (t: string) => t : publicMoneyText;
    return {
      id: r.id, kind: r.kind, memo: text(r.memo), project: r.project, counterparty: r.anonymous || r.counterparty === null ? null : text(r.counterparty), anonymous: r.anonymous,
      receiptNo: r.receiptNo, occurredOn: r.occurredOn, originalOn: r.originalOn, amountFen: r.amount.toString(), direction: bank >= 0n ? 'in' : 'out',
      reversesId: r.reversesId, reversedById: r.reversedById, preparedBy: r.createdByName, approvedBy: r.approvedByName,
      createdAt: r.createdAt.toISOString(),
      postings: r.postings.map((p) => ({ account: p.account, amountFen: p.amount.toString() })),
      attachments: files.filter((f) => own.includes(f.id)).map(fileView),
      // A resident asking is shown as 居民 unless they chose to be named.
      questions: r.questions.map(inFull(r) ? staffQuestion : publicQuestion),
    };
  });
}

/** What the approver reads beside a pending operation: the fund's balance, the originals' bank postings, who may approve. */
export interface PendingContext {
  balance: bigint;
  /** The sum of bank postings of each entry a pending reversal undoes, by entry id. */
  originalBank: Map<string, bigint>;
  approvers: { id: string; name: string }[];
}

/**
 * Expenses of a fund for the staff who prepare and approve them, with their receipts; a pending one
 * also with the balance after approval (integer fen, core balanceAfterApproval) and the people who
 * may approve it (never its preparer).
 */
export function presentExpenses(rows: ExpenseRow[], files: FileRow[], ctx: PendingContext): ExpenseView[] {
  return rows.map((r) => {
    const pending = r.state === 'pending';
    const original = r.reverses_id ? ctx.originalBank.get(r.reverses_id) : undefined;
    const after = pending && (r.kind !== 'reversal' || original !== undefined) ? balanceAfterApproval(ctx.balance, r.kind, BigInt(r.amount), original) : null;
    return {
      ...expenseView(r, files),
      balanceFen: pending ? ctx.balance.toString() : null, balanceAfterFen: after === null ? null : after.toString(),
      approvers: pending ? ctx.approvers.filter((a) => a.id !== r.prepared_by) : [],
    };
  });
}

function expenseView(r: ExpenseRow, files: FileRow[]) {
  return ({
    id: r.id, kind: r.kind, reversesId: r.reverses_id, amountFen: r.amount, category: r.category, project: r.project, payee: r.payee, reason: r.reason, state: r.state,
    preparedBy: r.prepared_by_name, preparedById: r.prepared_by, transactionId: r.transaction_id, createdAt: new Date(r.created_at).toISOString(),
    attachments: files.filter((f) => r.attachment_ids.includes(f.id)).map(fileView),
  });
}
