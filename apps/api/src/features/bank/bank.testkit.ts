import { sql } from 'drizzle-orm';
import type { TestContext } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import { creditServicePoints } from './bank.service.ts';

/** The resident id behind a demo account's phone. */
export async function residentOfPhone(ctx: TestContext, phone: string): Promise<string> {
  const [r] = (await ctx.database.db.execute<{ resident_id: string | null }>(sql`SELECT resident_id FROM users WHERE phone_hash = ${ctx.vault.hash(phone)}`)).rows;
  if (r?.resident_id) return r.resident_id;
  throw new Error(`no resident behind ${phone}`);
}

/** A resident's region path. */
export async function pathOf(ctx: TestContext, personId: string): Promise<string> {
  return (await ctx.database.db.execute<{ p: string }>(sql`SELECT region_path AS p FROM residents WHERE id = ${personId}`)).rows[0]!.p;
}

/** The id of a region by code. */
export async function regionIdOf(ctx: TestContext, code: string): Promise<string> {
  return (await ctx.database.db.execute<{ id: string }>(sql`SELECT id FROM regions WHERE code = ${code}`)).rows[0]!.id;
}

let source = 0;
/** Credits approved service through the exported service function (as volunteers' approval will). */
export async function earn(ctx: TestContext, personId: string, minutes: number, categoryCode = 'general', sourceId = `test-${process.pid}-${++source}`) {
  const regionPath = await pathOf(ctx, personId);
  return ctx.database.db.transaction((tx) => creditServicePoints(tx, SYSTEM_ACTOR, { personId, regionPath, minutes, categoryCode, sourceId }, new Date()));
}

/** Every transaction sums to zero and every account's balance is the sum of its postings; no owned balance below zero. */
export async function ledgerProblems(ctx: TestContext): Promise<unknown[]> {
  const unbalanced = (await ctx.database.db.execute(sql`SELECT transaction_id FROM bank_postings GROUP BY transaction_id HAVING sum(amount) <> 0 OR count(*) < 2`)).rows;
  const drift = (await ctx.database.db.execute(sql`
    SELECT a.id, a.balance, coalesce((SELECT sum(p.amount) FROM bank_postings p WHERE p.account_id = a.id), 0) AS postings
    FROM bank_accounts a WHERE a.balance <> coalesce((SELECT sum(p.amount) FROM bank_postings p WHERE p.account_id = a.id), 0)`)).rows;
  const negative = (await ctx.database.db.execute(sql`SELECT id FROM bank_accounts WHERE kind IN ('person', 'escrow', 'pool') AND balance < 0`)).rows;
  const orphan = (await ctx.database.db.execute(sql`SELECT t.id FROM bank_transactions t WHERE NOT EXISTS (SELECT 1 FROM bank_postings p WHERE p.transaction_id = t.id)`)).rows;
  return [...unbalanced, ...drift, ...negative, ...orphan];
}
