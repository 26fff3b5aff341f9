import type { ExpenseView, FundDetail, FundSummary, PurposeRow, TransactionView } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { fundFor } from './funds.access.ts';
import { fundAbilities, isPublicFile, mayReadExpense, readingOrganisations, readsFundInFull } from './funds.policy.ts';
import { organisationNames } from '../org/organisation.service.ts';
import {
  approversOf, attachmentsById, expensesOf, findTransaction, fundIdByCode, isCitedByEntry, postingsOf, purposesOf, selectFunds, transactionPage, type FundListRow,
} from './funds.repository.ts';
import { BANK } from './funds.ledger.ts';
import { citedFiles, presentExpenses, presentFund, presentFundDetail, presentTransactions } from './funds.presenter.ts';
import { dividendView } from './funds.property.service.ts';

// What the fund pages read. The public side needs no sign-in; each use case loads (one query per
// list), asks the policy, and hands plain rows to the presenter.

/** A fund by its public code, or FUND_NOT_FOUND. */
export async function fundByCode(db: DbOrTx, code: string): Promise<FundListRow> {
  const [f] = await selectFunds(db, { code });
  if (!f) throw new AppError('FUND_NOT_FOUND');
  return f;
}

/** Every fund with its balance. */
export async function fundList(db: DbOrTx): Promise<FundSummary[]> {
  return (await selectFunds(db)).map(presentFund);
}

/** A fund's page head, with what the viewer (if signed in) may do on it. */
export async function fundDetail(db: DbOrTx, code: string, viewer: Actor | null): Promise<FundDetail> {
  const f = await fundByCode(db, code);
  return presentFundDetail(f, fundAbilities(viewer, f));
}

/** Whether the viewer reads an entry's questions in full: staff reading its fund in full (anyone else reads them masked). */
const staffOf = (viewer: Actor | null) => (t: { regionPath: string }): boolean => viewer !== null && readsFundInFull(viewer, t);

/** Entries newest first, by keyset, with the receipts they cite (one query for the page's files). */
export async function transactionList(db: DbOrTx, code: string, q: { before?: string; limit: number; month?: string; project?: string; side?: 'in' | 'out' }, viewer: Actor | null = null) {
  const fundId = await fundIdByCode(db, code);
  if (!fundId) throw new AppError('FUND_NOT_FOUND');
  const page = await transactionPage(db, fundId, q);
  return { items: presentTransactions(page.rows, await attachmentsById(db, page.rows.flatMap(citedFiles)), staffOf(viewer)), nextCursor: page.nextCursor };
}

/** One entry of a fund (another fund's entry is missing), with its dividend lines when it is one. */
export async function transactionDetail(db: DbOrTx, code: string, txId: string, viewer: Actor | null = null): Promise<TransactionView & { dividend: Awaited<ReturnType<typeof dividendView>> }> {
  const f = await fundByCode(db, code);
  const t = await findTransaction(db, f.id, txId);
  if (!t) throw new AppError('FUND_ENTRY_NOT_FOUND');
  const [view] = presentTransactions([t], await attachmentsById(db, citedFiles(t)), staffOf(viewer));
  return { ...view!, dividend: t.kind === 'dividend' ? await dividendView(db, t.id) : null };
}

/** A receipt or invoice of a fund that a posted entry cites; anything else is NOT_FOUND. */
export async function publicAttachment(db: DbOrTx, code: string, attachmentId: string) {
  const f = await fundByCode(db, code);
  const [file] = await attachmentsById(db, [attachmentId]);
  if (!file || !isPublicFile(file, f.id, file.fundId === f.id && await isCitedByEntry(db, f.id, file.id))) throw new AppError('NOT_FOUND');
  return file;
}

/**
 * Expenses of a fund in the actor's scope, pending first, with their receipts. A reader through an
 * organisation (a department handler) sees the public ones, and those their department is party to.
 */
export async function expenseList(db: DbOrTx, actor: Actor, fundId: string): Promise<ExpenseView[]> {
  const fund = await fundFor(db, actor, fundId, 'fund.read');
  const full = readsFundInFull(actor, fund);
  const party = full ? [] : [...(await organisationNames(db, readingOrganisations(actor))).values()];
  const rows = (await expensesOf(db, fund.id)).filter((e) => mayReadExpense(actor, fund, e, party));
  const pending = rows.filter((r) => r.state === 'pending');
  // A pending reversal's balance after approval depends on what its original did to the bank.
  const originals = await postingsOf(db, pending.flatMap((r) => (r.kind === 'reversal' && r.reverses_id ? [r.reverses_id] : [])));
  const originalBank = new Map<string, bigint>();
  for (const p of originals) if (p.account === BANK) originalBank.set(p.transactionId, (originalBank.get(p.transactionId) ?? 0n) + p.amount);
  return presentExpenses(rows, await attachmentsById(db, rows.flatMap((r) => r.attachment_ids)), {
    balance: fund.bankBalance, originalBank, approvers: pending.length > 0 ? await approversOf(db, fund.regionPath) : [],
  });
}

/**
 * A receipt or invoice of the fund for its staff, pending expenses' too, so the approver can read it
 * before approving. A reader through an organisation gets only the public ones (cited by a posted entry).
 */
export async function staffAttachment(db: DbOrTx, actor: Actor, fundId: string, attachmentId: string) {
  const fund = await fundFor(db, actor, fundId, 'fund.read');
  const [file] = await attachmentsById(db, [attachmentId]);
  if (!file || file.fundId !== fund.id) throw new AppError('NOT_FOUND');
  if (!readsFundInFull(actor, fund) && !await isCitedByEntry(db, fund.id, file.id)) throw new AppError('NOT_FOUND');
  return file;
}

/** Money in and out by project or purpose, with reversals netted away (the public 按用途 view). */
export async function purposeList(db: DbOrTx, code: string): Promise<PurposeRow[]> {
  const f = await fundByCode(db, code);
  return (await purposesOf(db, f.id)).map((r) => ({ project: r.project, inflowFen: r.inflow, outflowFen: r.outflow, count: r.count }));
}
