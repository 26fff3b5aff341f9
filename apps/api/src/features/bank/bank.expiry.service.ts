import { and, eq, isNull } from 'drizzle-orm';
import { startOfChinaDay } from '@gongzhi/core';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { schedule } from '../../platform/jobs/scheduler.ts';
import { timers } from '../../platform/jobs/jobs.table.ts';
import { officeAccount, postPoints } from './bank.ledger.ts';
import { expiringAccounts, officeById, personAccount, sourceUsed } from './bank.repository.ts';

/** The timer kind of the year-end expiry run. */
export const BANK_YEAR_END_TIMER = 'bank.year_end';

/** The instant a Chinese calendar year ends (midnight of 1 January after it, China time). */
export const yearEndsAt = (year: number): Date => startOfChinaDay(`${year + 1}-01-01`);

/**
 * Writes the year-end expiry in districts whose rule is `expire_end_of_year`: one transaction per
 * person account with points, moving the whole balance to the office's expiry account, keyed by
 * `expire:<year>:<account>` so running it again writes nothing more. Districts on `rollover` keep
 * their points. Returns how many accounts expired.
 */
export async function expireYear(tx: Tx, actor: Actor, year: number): Promise<number> {
  let n = 0;
  for (const a of await expiringAccounts(tx)) {
    const sourceId = `expire:${year}:${a.id}`;
    if (await sourceUsed(tx, sourceId)) continue;
    const account = (await personAccount(tx, a.personId!, true))!;
    if (account.balance <= 0n) continue;
    const office = (await officeById(tx, account.officeId))!;
    const expiry = await officeAccount(tx, office, 'expiry');
    await postPoints(tx, actor, { kind: 'expire', office, memo: `${year} 年度积分到期清零`, personId: account.personId, sourceId, occurredOn: `${year}-12-31`,
      lines: [{ account, amount: -account.balance }, { account: expiry, amount: account.balance }] });
    n += 1;
  }
  return n;
}

/** Schedules the year-end run for `year` unless one is pending already. */
export async function scheduleYearEnd(tx: DbOrTx, year: number): Promise<void> {
  const subjectId = String(year);
  const [pending] = await tx.select({ id: timers.id }).from(timers).where(and(eq(timers.kind, BANK_YEAR_END_TIMER), eq(timers.subjectId, subjectId), isNull(timers.firedAt)));
  if (!pending) await schedule(tx, { kind: BANK_YEAR_END_TIMER, subjectId, dueAt: yearEndsAt(year) });
}
