import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { NEGATIVE_REASON_LABELS, negativeListReason, chinaDay } from '@gongzhi/core';
import type { ExpenseBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { requireUploadType, type UploadType } from '../../platform/uploads/uploads.ts';
import { BANK, accountSegment, lockFund, postEntry } from './funds.ledger.ts';
import { fenFrom, fundFor } from './funds.access.ts';
import { attachmentsById, uuidArray } from './funds.repository.ts';
import { mayDecideExpense } from './funds.policy.ts';
import { fundAttachments, type PendingKind } from './funds.table.ts';
import { createPending } from './funds.pending.ts';
import { postReversal } from './funds.service.ts';
import { dividendInTx } from './funds.property.service.ts';
import { refuseOverspend, spendReservation } from './funds.reserve.service.ts';

/** What a receipt or invoice may be, read from its content (never from its name). */
const RECEIPT_TYPES = ['pdf', 'jpg', 'png', 'webp'] as const satisfies readonly UploadType[];

/**
 * Stores a receipt or invoice for a fund (PDF or photo). Photos are re-encoded, which drops their
 * EXIF data; the file is public once an expense that cites it is approved.
 */
export async function uploadAttachment(db: Db, storage: Storage, actor: Actor, fundId: string, filename: string, data: Buffer) {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  const { type } = await requireUploadType(data, RECEIPT_TYPES, () => new AppError('FILE_UNREADABLE', { reason: 'PDF、JPEG、PNG、WebP' }));
  const kind = type === 'pdf' ? 'pdf' : 'image';
  let stored = data;
  if (kind === 'image') {
    stored = await sharp(data, { limitInputPixels: 50_000_000 }).rotate().jpeg({ quality: 85 }).toBuffer()
      .catch(() => { throw new AppError('FILE_UNREADABLE', { reason: 'image' }); });
  }
  // The content's hash, taken before re-encoding: the same invoice uploaded again has the same one.
  const sha256 = createHash('sha256').update(data).digest('hex');
  const ext = kind === 'pdf' ? 'pdf' : 'jpg';
  const key = await storage.put(stored, ext);
  const id = newId();
  const name = filename.replace(/[\\/\r\n]/g, '_').slice(0, 120) || `receipt.${ext}`;
  await db.transaction(async (tx) => {
    await tx.insert(fundAttachments).values({ id, fundId: fund.id, storageKey: key, filename: name, mime: kind === 'pdf' ? 'application/pdf' : 'image/jpeg', size: stored.length, sha256, uploadedBy: actor.userId });
    await audit(tx, actor, { action: 'fund.attachment', subjectType: 'fund_attachment', subjectId: id, regionPath: fund.regionPath, details: { fund: fund.code, size: stored.length } });
  });
  return { id, filename: name, mime: kind === 'pdf' ? 'application/pdf' : 'image/jpeg', size: stored.length };
}

/**
 * Prepares a grant or expense: a reason and at least one receipt or invoice are required, the
 * special protection fund refuses its negative list, and nothing is paid until a second person
 * approves it. The balance is checked now (to fail early) and again, under lock, on approval: an
 * ordinary expense against the fund's free balance (money reserved for projects is not free), one
 * paying from a reservation (`reservationId`, a project's instalment) against what is left of it.
 */
export async function submitExpense(db: Db, actor: Actor, fundId: string, body: z.infer<typeof ExpenseBody>, against?: ReservedSubmission) {
  const reservationId = against?.reservationId ?? null;
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  const amount = fenFrom(body.amountFen);
  if (fund.kind === 'protection') {
    // The category, and what the preparer wrote about it: "代缴物业服务费" under 其他 is still a private cost.
    const reason = negativeListReason(body.category, body.project ?? '', body.reason, body.payee ?? '');
    if (reason) throw new AppError('FUND_NEGATIVE_LIST', { reason: NEGATIVE_REASON_LABELS[reason] }, { reason });
  }
  if (body.attachmentIds.length === 0) throw new AppError('FUND_ATTACHMENT_REQUIRED');
  const files = await attachmentsById(db, body.attachmentIds);
  if (files.length !== new Set(body.attachmentIds).size || files.some((f) => f.fundId !== fund.id)) throw new AppError('FUND_ATTACHMENT_REQUIRED');
  // A receipt is bound to the one who uploaded it: an expense cites only its preparer's own files, so
  // nobody can pass a colleague's receipt off as theirs and have that colleague approve it.
  if (files.some((f) => f.uploadedBy !== actor.userId)) throw new AppError('UPLOAD_NOT_YOURS');
  await refuseOverspend(db, fund, amount, reservationId);
  if (body.budgetLineId) {
    const [line] = (await db.execute(sql`SELECT l.id FROM fund_budget_lines l JOIN fund_budgets b ON b.id = l.budget_id
      WHERE l.id = ${body.budgetLineId} AND b.fund_id = ${fund.id}`)).rows;
    if (!line) throw new AppError('NOT_FOUND');
  }
  return db.transaction(async (tx) => {
    // One receipt backs one payment: a file already attached to an expense that was not refused
    // cannot justify another. The fund row is locked so two submissions cannot both use it.
    await refuseOverspend(tx, await lockFund(tx, fund.id), amount, reservationId);
    const [used] = (await tx.execute(sql`SELECT id FROM fund_expenses
      WHERE fund_id = ${fund.id} AND state <> 'rejected' AND attachment_ids && ${uuidArray(body.attachmentIds)} LIMIT 1`)).rows;
    if (used) throw new AppError('FUND_ATTACHMENT_USED');
    await refuseDuplicateInvoices(tx, files.map((f) => f.sha256).filter((h): h is string => !!h));
    const id = await createPending(tx, actor, fund, {
      kind: 'expense', amount, category: body.category, project: body.project, payee: body.payee, reason: body.reason,
      attachmentIds: body.attachmentIds, budgetLineId: body.budgetLineId ?? null, reservationId,
    });
    if (against) await against.inTx(tx, id);
    return id;
  });
}

/**
 * An expense paying from a reservation: its id, and what the reserving feature does in the
 * submission's transaction once the expense is written (the fund row is locked by then), e.g. record
 * the project's instalment; throwing there refuses the whole submission.
 */
export interface ReservedSubmission { reservationId: string; inTx(tx: Tx, expenseId: string): Promise<void> }

/**
 * Refuses invoices whose content (SHA-256) already backs another expense, in any fund, that was not
 * refused and whose payment was not reversed — the same file uploaded twice has two ids but one hash.
 * Each hash is locked for the rest of the transaction (an advisory lock), so two funds cannot both
 * take the same invoice at once.
 */
async function refuseDuplicateInvoices(tx: DbOrTx, hashes: string[]) {
  const unique = [...new Set(hashes)].sort();
  if (unique.length === 0) return;
  for (const h of unique) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`fund-invoice:${h}`}, 0))`);
  const [dup] = (await tx.execute<{ id: string; reason: string; code: string }>(sql`
    SELECT e.id, e.reason, f.code FROM fund_expenses e JOIN funds f ON f.id = e.fund_id
    WHERE e.kind = 'expense' AND e.state <> 'rejected'
      AND EXISTS (SELECT 1 FROM fund_attachments a WHERE a.id = ANY(e.attachment_ids) AND a.sha256 = ANY(${sql`ARRAY[${sql.join(unique.map((h) => sql`${h}`), sql`, `)}]::text[]`}))
      AND NOT EXISTS (SELECT 1 FROM ledger_transactions r WHERE e.transaction_id IS NOT NULL AND r.reverses_id = e.transaction_id)
    ORDER BY e.created_at LIMIT 1`)).rows;
  if (dup) throw new AppError('FUND_INVOICE_DUPLICATE', { expense: dup.reason.slice(0, 40), expenseId: dup.id, fund: dup.code }, { expenseId: dup.id, fund: dup.code });
}

/** What a pending operation other than an expense is called in the self-decision message. */
const PENDING_NAMES: Record<Exclude<PendingKind, 'expense'>, { 'zh-CN': string; en: string }> = {
  dividend: { 'zh-CN': '分红申请', en: 'dividend' },
  reversal: { 'zh-CN': '冲销申请', en: 'reversal' },
};

/** The expense account of a budget line, or by category and project. */
async function expenseAccount(db: DbOrTx, e: { budget_line_id: string | null; category: string; project: string }): Promise<string> {
  if (e.budget_line_id) {
    const [row] = (await db.execute<{ name: string }>(sql`SELECT a.name FROM fund_budget_lines l JOIN fund_accounts a ON a.id = l.account_id WHERE l.id = ${e.budget_line_id}`)).rows;
    if (row) return row.name;
  }
  return `expenses:${accountSegment(e.category)}:${accountSegment(e.project)}`;
}

/**
 * Approves (posting the payment) or refuses a pending operation — an expense, a dividend or a
 * reversal: the one two-person decision of the funds. The preparer can never decide their own; the
 * fund row is locked first and the pending row read FOR UPDATE, so of two concurrent approvals one
 * posts and the other finds it decided (FUND_EXPENSE_NOT_PENDING), and none can overdraw the fund.
 */
export async function decideExpense(db: Db, actor: Actor, fundId: string, expenseId: string, approve: boolean, now: Date) {
  const fund = await fundFor(db, actor, fundId, 'fund.approve');
  return db.transaction(async (tx) => {
    const locked = await lockFund(tx, fund.id);
    const [e] = (await tx.execute<{ id: string; kind: PendingKind; reverses_id: string | null; amount: string; category: string; project: string; payee: string; reason: string; state: string;
      prepared_by: string; prepared_by_name: string; attachment_ids: string[]; budget_line_id: string | null; reservation_id: string | null }>(sql`
      SELECT id, kind, reverses_id, amount, category, project, payee, reason, state, prepared_by, prepared_by_name, attachment_ids, budget_line_id, reservation_id
      FROM fund_expenses WHERE id = ${expenseId} AND fund_id = ${fund.id} FOR UPDATE`)).rows;
    if (!e) throw new AppError('NOT_FOUND');
    if (!mayDecideExpense(actor, e)) {
      // An expense keeps its own message; a dividend or a reversal is named for what it is.
      if (e.kind === 'expense') throw new AppError('FUND_SELF_APPROVAL');
      throw new AppError('FUND_SELF_DECISION', { what: PENDING_NAMES[e.kind] }, { kind: e.kind });
    }
    if (e.state !== 'pending') throw new AppError('FUND_EXPENSE_NOT_PENDING');
    let transactionId: string | null = null;
    const preparedBy = { id: e.prepared_by, name: e.prepared_by_name };
    if (approve && e.kind === 'dividend') {
      transactionId = (await dividendInTx(tx, actor, locked, BigInt(e.amount), e.reason, chinaDay(now), { preparedBy, approvedBy: { id: actor.userId, name: actor.name } })).id;
    } else if (approve && e.kind === 'reversal') {
      transactionId = (await postReversal(tx, actor, locked, { txId: e.reverses_id!, reason: e.reason, preparedBy, day: chinaDay(now) })).id;
    } else if (approve) {
      const amount = BigInt(e.amount);
      // Again under the fund lock: a reserved expense within its reservation, an ordinary one within the free balance.
      await refuseOverspend(tx, locked, amount, e.reservation_id, e.id);
      const account = await expenseAccount(tx, e);
      const posted = await postEntry(tx, actor, locked, {
        preparedBy,
        kind: 'expense', memo: e.reason, project: e.project, counterparty: e.payee, occurredOn: chinaDay(now),
        approvedBy: { id: actor.userId, name: actor.name },
        details: { expenseId: e.id, category: e.category, attachmentIds: e.attachment_ids },
        lines: [{ account, amount }, { account: BANK, amount: -amount }],
      });
      transactionId = posted.id;
      if (e.reservation_id) await spendReservation(tx, actor, locked.code, e.reservation_id, e.id, amount, posted.id, now);
    }
    await tx.execute(sql`UPDATE fund_expenses SET state = ${approve ? 'approved' : 'rejected'}, decided_by = ${actor.userId},
      decided_at = ${now.toISOString()}::timestamptz, transaction_id = ${transactionId}, updated_at = now() WHERE id = ${e.id}`);
    await audit(tx, actor, { action: approve ? 'fund.expense.approve' : 'fund.expense.reject', subjectType: 'fund_expense', subjectId: e.id, regionPath: fund.regionPath, details: { transactionId, kind: e.kind } });
    return { transactionId };
  });
}
