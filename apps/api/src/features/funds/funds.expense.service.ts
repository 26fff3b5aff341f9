import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { NEGATIVE_REASON_LABELS, fenToYuan, negativeListReason, chinaDay } from '@gongzhi/core';
import type { ExpenseBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
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
import { fundAttachments } from './funds.table.ts';

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
  const ext = kind === 'pdf' ? 'pdf' : 'jpg';
  const key = await storage.put(stored, ext);
  const id = newId();
  const name = filename.replace(/[\\/\r\n]/g, '_').slice(0, 120) || `receipt.${ext}`;
  await db.transaction(async (tx) => {
    await tx.insert(fundAttachments).values({ id, fundId: fund.id, storageKey: key, filename: name, mime: kind === 'pdf' ? 'application/pdf' : 'image/jpeg', size: stored.length, uploadedBy: actor.userId });
    await audit(tx, actor, { action: 'fund.attachment', subjectType: 'fund_attachment', subjectId: id, regionPath: fund.regionPath, details: { fund: fund.code, size: stored.length } });
  });
  return { id, filename: name, mime: kind === 'pdf' ? 'application/pdf' : 'image/jpeg', size: stored.length };
}

/**
 * Prepares a grant or expense: a reason and at least one receipt or invoice are required, the
 * special protection fund refuses its negative list, and nothing is paid until a second person
 * approves it. The balance is checked now (to fail early) and again, under lock, on approval.
 */
export async function submitExpense(db: Db, actor: Actor, fundId: string, body: z.infer<typeof ExpenseBody>) {
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
  if (amount > fund.bankBalance) throw new AppError('FUND_INSUFFICIENT_BALANCE', { balance: fenToYuan(fund.bankBalance), amount: fenToYuan(amount) });
  if (body.budgetLineId) {
    const [line] = (await db.execute(sql`SELECT l.id FROM fund_budget_lines l JOIN fund_budgets b ON b.id = l.budget_id
      WHERE l.id = ${body.budgetLineId} AND b.fund_id = ${fund.id}`)).rows;
    if (!line) throw new AppError('NOT_FOUND');
  }
  const id = newId();
  await db.transaction(async (tx) => {
    // One receipt backs one payment: a file already attached to an expense that was not refused
    // cannot justify another. The fund row is locked so two submissions cannot both use it.
    await tx.execute(sql`SELECT id FROM funds WHERE id = ${fund.id} FOR UPDATE`);
    const [used] = (await tx.execute(sql`SELECT id FROM fund_expenses
      WHERE fund_id = ${fund.id} AND state <> 'rejected' AND attachment_ids && ${uuidArray(body.attachmentIds)} LIMIT 1`)).rows;
    if (used) throw new AppError('FUND_ATTACHMENT_USED');
    await tx.execute(sql`INSERT INTO fund_expenses (id, fund_id, region_path, district_code, amount, category, project, payee, reason,
        attachment_ids, budget_line_id, state, prepared_by, prepared_by_name)
      SELECT ${id}, ${fund.id}, region_path, district_code, ${amount.toString()}::bigint, ${body.category}, ${body.project}, ${body.payee},
        ${body.reason}, ${uuidArray(body.attachmentIds)}, ${body.budgetLineId ?? null}, 'pending', ${actor.userId}, ${actor.name}
      FROM funds WHERE id = ${fund.id}`);
    await audit(tx, actor, { action: 'fund.expense.submit', subjectType: 'fund_expense', subjectId: id, regionPath: fund.regionPath, after: { ...body, amountFen: amount.toString() } });
  });
  return id;
}

/** The expense account of a budget line, or by category and project. */
async function expenseAccount(db: DbOrTx, e: { budget_line_id: string | null; category: string; project: string }): Promise<string> {
  if (e.budget_line_id) {
    const [row] = (await db.execute<{ name: string }>(sql`SELECT a.name FROM fund_budget_lines l JOIN fund_accounts a ON a.id = l.account_id WHERE l.id = ${e.budget_line_id}`)).rows;
    if (row) return row.name;
  }
  return `expenses:${accountSegment(e.category)}:${accountSegment(e.project)}`;
}

/**
 * Approves (posting the payment) or refuses a pending expense. The preparer can never decide
 * their own; the fund row is locked first, so concurrent approvals cannot overdraw it.
 */
export async function decideExpense(db: Db, actor: Actor, fundId: string, expenseId: string, approve: boolean, now: Date) {
  const fund = await fundFor(db, actor, fundId, 'fund.approve');
  return db.transaction(async (tx) => {
    const locked = await lockFund(tx, fund.id);
    const [e] = (await tx.execute<{ id: string; amount: string; category: string; project: string; payee: string; reason: string; state: string;
      prepared_by: string; prepared_by_name: string; attachment_ids: string[]; budget_line_id: string | null }>(sql`
      SELECT id, amount, category, project, payee, reason, state, prepared_by, prepared_by_name, attachment_ids, budget_line_id
      FROM fund_expenses WHERE id = ${expenseId} AND fund_id = ${fund.id} FOR UPDATE`)).rows;
    if (!e) throw new AppError('NOT_FOUND');
    if (!mayDecideExpense(actor, e)) throw new AppError('FUND_SELF_APPROVAL');
    if (e.state !== 'pending') throw new AppError('FUND_EXPENSE_NOT_PENDING');
    let transactionId: string | null = null;
    if (approve) {
      const amount = BigInt(e.amount);
      const account = await expenseAccount(tx, e);
      const posted = await postEntry(tx, actor, locked, {
        preparedBy: { id: e.prepared_by, name: e.prepared_by_name },
        kind: 'expense', memo: e.reason, project: e.project, counterparty: e.payee, occurredOn: chinaDay(now),
        approvedBy: { id: actor.userId, name: actor.name },
        details: { expenseId: e.id, category: e.category, attachmentIds: e.attachment_ids },
        lines: [{ account, amount }, { account: BANK, amount: -amount }],
      });
      transactionId = posted.id;
    }
    await tx.execute(sql`UPDATE fund_expenses SET state = ${approve ? 'approved' : 'rejected'}, decided_by = ${actor.userId},
      decided_at = ${now.toISOString()}::timestamptz, transaction_id = ${transactionId}, updated_at = now() WHERE id = ${e.id}`);
    await audit(tx, actor, { action: approve ? 'fund.expense.approve' : 'fund.expense.reject', subjectType: 'fund_expense', subjectId: e.id, regionPath: fund.regionPath, details: { transactionId } });
    return { transactionId };
  });
}
