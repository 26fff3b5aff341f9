import { sql } from 'drizzle-orm';
import { chinaDay, closeRefusal, monthOfDay, postingWindow, reportWindowStart, type LedgerCalendar } from '@gongzhi/core';
import type { MonthCloseView } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { LedgerConfig } from '../../config.ts';
import { fundFor } from './funds.access.ts';
import { lockFund } from './funds.ledger.ts';
import { mayDecideExpense } from './funds.policy.ts';

/**
 * Closing a fund's months, by two people: one proposes closing a month that has ended (every earlier
 * month closes with it), a different one confirms. The confirmation moves `funds.closed_through`
 * under the fund's row lock, and from then on the posting statement refuses any entry dated in it.
 */

type CloseRow = {
  id: string; month: string; state: MonthCloseView['state']; proposed_by: string; proposed_by_name: string; proposed_at: string;
  confirmed_by_name: string | null; confirmed_at: string | null;
};

const present = (r: CloseRow): MonthCloseView => ({
  id: r.id, month: r.month, state: r.state, proposedBy: r.proposed_by_name, proposedById: r.proposed_by,
  proposedAt: new Date(r.proposed_at).toISOString(), confirmedBy: r.confirmed_by_name, confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
});

async function closesOf(db: DbOrTx, fundId: string): Promise<CloseRow[]> {
  return (await db.execute<CloseRow>(sql`SELECT id, to_char(month, 'YYYY-MM') AS month, state, proposed_by, proposed_by_name, proposed_at,
      confirmed_by_name, confirmed_at FROM fund_month_closes WHERE fund_id = ${fundId} AND state <> 'withdrawn' ORDER BY month DESC, created_at DESC LIMIT 120`)).rows;
}

/**
 * The first month the fund's ledger may hold entries of: the earliest of its creation month (China
 * time), the month of its earliest posting, and the month the backdate window opens (an entry may be
 * dated that far back, even before the fund was set up in the system). A close before it would sign
 * off a period the ledger never had.
 */
async function ledgerFirstMonth(tx: DbOrTx, fund: { id: string; createdAt: Date }, today: string, cfg: LedgerConfig): Promise<string> {
  const [first] = (await tx.execute<{ day: string | null }>(sql`SELECT to_char(min(occurred_on), 'YYYY-MM-DD') AS day FROM ledger_transactions WHERE fund_id = ${fund.id}`)).rows;
  const days = [chinaDay(fund.createdAt), reportWindowStart({ today, maxBackdateDays: cfg.backdateDays }), ...(first?.day ? [first.day] : [])];
  return monthOfDay(days.sort()[0]!);
}

/** The fund's closes (pending first by month), the month it is closed through and the earliest day an entry may now carry. */
export async function monthCloses(db: Db, actor: Actor, fundId: string, now: Date, cfg: LedgerConfig) {
  const fund = await fundFor(db, actor, fundId, 'fund.read');
  const cal: LedgerCalendar = { today: chinaDay(now), closedThrough: fund.closedThrough, maxBackdateDays: cfg.backdateDays };
  return { closedThrough: fund.closedThrough, earliestDay: postingWindow(cal).earliest, items: (await closesOf(db, fund.id)).map(present) };
}

/** Proposes closing `month` (and every month before it): it must have ended, come after the last closed one and not before the ledger begins. */
export async function proposeClose(db: Db, actor: Actor, fundId: string, month: string, now: Date, cfg: LedgerConfig) {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  return db.transaction(async (tx) => {
    const locked = await lockFund(tx, fund.id);
    const closedThrough = locked.closedThrough?.slice(0, 7) ?? null;
    const firstMonth = await ledgerFirstMonth(tx, locked, chinaDay(now), cfg);
    const refusal = closeRefusal(month, { today: chinaDay(now), closedThrough, firstMonth });
    if (refusal) throw new AppError(refusal, { month: month, closedThrough: closedThrough ?? '', firstMonth });
    const [pending] = (await tx.execute<{ month: string }>(sql`SELECT to_char(month, 'YYYY-MM') AS month FROM fund_month_closes
      WHERE fund_id = ${fund.id} AND state = 'proposed'`)).rows;
    if (pending) throw new AppError('LEDGER_CLOSE_PENDING', { month: pending.month });
    const id = newId();
    await tx.execute(sql`INSERT INTO fund_month_closes (id, fund_id, month, state, proposed_by, proposed_by_name, proposed_at)
      VALUES (${id}, ${fund.id}, ${`${month}-01`}::date, 'proposed', ${actor.userId}, ${actor.name}, ${now.toISOString()}::timestamptz)`);
    await audit(tx, actor, { action: 'fund.month.propose', subjectType: 'fund_month_close', subjectId: id, regionPath: fund.regionPath, details: { fund: fund.code, month } });
    return { id };
  });
}

/**
 * Confirms (closing the month) or withdraws the pending close. Confirming is for a different person
 * with the approval right; the proposer may withdraw their own. The month must still be closable.
 */
export async function decideClose(db: Db, actor: Actor, fundId: string, confirm: boolean, now: Date, cfg: LedgerConfig) {
  const fund = await fundFor(db, actor, fundId, confirm ? 'fund.approve' : 'fund.manage');
  return db.transaction(async (tx) => {
    const locked = await lockFund(tx, fund.id);
    const [c] = (await tx.execute<{ id: string; month: string; prepared_by: string }>(sql`SELECT id, to_char(month, 'YYYY-MM') AS month, proposed_by AS prepared_by
      FROM fund_month_closes WHERE fund_id = ${fund.id} AND state = 'proposed' FOR UPDATE`)).rows;
    if (!c) throw new AppError('LEDGER_CLOSE_NOT_FOUND');
    if (confirm) {
      // The same rule as expenses: the one who proposed never confirms.
      if (!mayDecideExpense(actor, c)) throw new AppError('FUND_SELF_DECISION', { what: { 'zh-CN': `${c.month} 的结账`, en: `month close of ${c.month}` } }, { kind: 'month_close', month: c.month });
      const closedThrough = locked.closedThrough?.slice(0, 7) ?? null;
      const firstMonth = await ledgerFirstMonth(tx, locked, chinaDay(now), cfg);
      const refusal = closeRefusal(c.month, { today: chinaDay(now), closedThrough, firstMonth });
      if (refusal) throw new AppError(refusal, { month: c.month, closedThrough: closedThrough ?? '', firstMonth });
      await tx.execute(sql`UPDATE funds SET closed_through = ${`${c.month}-01`}::date, updated_at = now() WHERE id = ${fund.id}`);
    } else if (c.prepared_by !== actor.userId) {
      throw new AppError('FORBIDDEN');
    }
    await tx.execute(sql`UPDATE fund_month_closes SET state = ${confirm ? 'closed' : 'withdrawn'}, confirmed_by = ${confirm ? actor.userId : null},
      confirmed_by_name = ${confirm ? actor.name : null}, confirmed_at = ${confirm ? now.toISOString() : null}::timestamptz WHERE id = ${c.id}`);
    await audit(tx, actor, { action: confirm ? 'fund.month.close' : 'fund.month.withdraw', subjectType: 'fund_month_close', subjectId: c.id, regionPath: fund.regionPath,
      details: { fund: fund.code, month: c.month } });
    return { month: c.month, state: confirm ? 'closed' as const : 'withdrawn' as const };
  });
}
