import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { uuidArray } from './funds.repository.ts';
import type { PendingKind } from './funds.table.ts';

/** What a pending operation carries: an expense's fields, and for a reversal the entry it undoes. */
export interface PendingInput {
  kind: PendingKind;
  amount: bigint;
  category: string;
  project: string;
  payee: string;
  reason: string;
  attachmentIds: string[];
  budgetLineId?: string | null;
  reversesId?: string | null;
  /** The reservation an expense pays from (funds.reserve.service.ts). */
  reservationId?: string | null;
}

/**
 * Writes a pending operation (an expense, a dividend or a reversal) prepared by `actor`, with its
 * audit row, in the caller's transaction. Nothing is paid until a different person approves it
 * (decideExpense in funds.expense.service.ts, the one two-person decision for all three).
 */
export async function createPending(tx: Tx, actor: Actor, fund: { id: string; regionPath: string }, p: PendingInput): Promise<string> {
  const id = newId();
  await tx.execute(sql`INSERT INTO fund_expenses (id, kind, reverses_id, fund_id, region_path, district_code, amount, category, project, payee, reason,
      attachment_ids, budget_line_id, reservation_id, state, prepared_by, prepared_by_name)
    SELECT ${id}, ${p.kind}, ${p.reversesId ?? null}::uuid, ${fund.id}, region_path, district_code, ${p.amount.toString()}::bigint, ${p.category}, ${p.project}, ${p.payee},
      ${p.reason}, ${p.attachmentIds.length ? uuidArray(p.attachmentIds) : sql`'{}'::uuid[]`}, ${p.budgetLineId ?? null}, ${p.reservationId ?? null}::uuid, 'pending', ${actor.userId}, ${actor.name}
    FROM funds WHERE id = ${fund.id}`);
  await audit(tx, actor, {
    action: 'fund.expense.submit', subjectType: 'fund_expense', subjectId: id, regionPath: fund.regionPath,
    after: { kind: p.kind, amountFen: p.amount.toString(), category: p.category, project: p.project, payee: p.payee, reason: p.reason,
      attachmentIds: p.attachmentIds, budgetLineId: p.budgetLineId ?? null, reversesId: p.reversesId ?? null, reservationId: p.reservationId ?? null },
  });
  return id;
}
