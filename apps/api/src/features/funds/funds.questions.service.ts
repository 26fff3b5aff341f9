import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { findTransaction, fundIdByCode } from './funds.repository.ts';
import { fundFor } from './funds.access.ts';

/**
 * A signed-in resident asks about a public ledger entry. Every entry is public, so anyone signed in
 * may ask about any of them; the public page names the asker only when they chose to be named
 * (`showName`), and otherwise reads 居民.
 */
export async function askQuestion(db: Db, actor: Actor, fundCode: string, txId: string, question: string, showName = false) {
  authorize(actor, 'fund.ask');
  const fundId = await fundIdByCode(db, fundCode);
  const t = fundId ? await findTransaction(db, fundId, txId) : undefined;
  if (!t) throw new AppError('FUND_ENTRY_NOT_FOUND');
  const id = newId();
  await db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO fund_questions (id, transaction_id, fund_id, asked_by, asker_name, asker_named, question)
      VALUES (${id}, ${txId}, ${t.fundId}, ${actor.userId}, ${actor.name}, ${showName}, ${question})`);
    await audit(tx, actor, { action: 'fund.question', subjectType: 'fund_question', subjectId: id, regionPath: t.regionPath });
  });
  return id;
}

/** Staff of the fund's region answer a question (or correct their answer). */
export async function answerQuestion(db: Db, actor: Actor, fundId: string, questionId: string, answer: string, now: Date) {
  const fund = await fundFor(db, actor, fundId, 'fund.answer');
  await db.transaction(async (tx) => {
    const res = await tx.execute(sql`UPDATE fund_questions SET answer = ${answer}, answered_by = ${actor.userId}, answered_by_name = ${actor.name},
      answered_at = ${now.toISOString()}::timestamptz WHERE id = ${questionId} AND fund_id = ${fund.id}`);
    if (res.rowCount === 0) throw new AppError('NOT_FOUND');
    await audit(tx, actor, { action: 'fund.answer', subjectType: 'fund_question', subjectId: questionId, regionPath: fund.regionPath });
  });
}
