import { eq, inArray } from 'drizzle-orm';
import { eraseFromText } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { fundQuestions } from './funds.table.ts';

// What funds forget when a person is erased (PIPL art. 47), called by privacy in its transaction.
// Entries, amounts and links stay so the ledger balances; `<x>_by_name` columns beside a `<x>_by`
// id are renamed by privacy's schema-wide pass. A question's asker is named `asker_name` beside
// `asked_by`, which that pass cannot pair, so it is done here, with the words of the question.

/** Renames the asker of every question the accounts asked, and takes their name and numbers out of its text. */
export async function forgetFundAsker(tx: DbOrTx, who: { userIds: string[]; names: string[] }, erasedName: string): Promise<void> {
  if (!who.userIds.length) return;
  const rows = await tx.select({ id: fundQuestions.id, question: fundQuestions.question }).from(fundQuestions).where(inArray(fundQuestions.askedBy, who.userIds));
  for (const r of rows) {
    await tx.update(fundQuestions).set({ askerName: erasedName, question: eraseFromText(r.question, who.names, erasedName) }).where(eq(fundQuestions.id, r.id));
  }
}
