import { sql } from 'drizzle-orm';
import { fenToYuan, levyOnTurnover, reversePostings, chinaDay } from '@gongzhi/core';
import type { DonationBody, IncomeBody, ReverseBody, TurnoverBody, CreateFundBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { BANK, accountSegment, postEntry, withLockedFund } from './funds.ledger.ts';
import { fenFrom, fundFor, postGuarded, requireKind } from './funds.access.ts';
import { findTransaction, postingsOf } from './funds.repository.ts';
import { mayOnFund, mayReverse } from './funds.policy.ts';
import { regionInScope } from '../org/region.service.ts';

/** The income accounts each kind of fund starts with, so its chart is complete from day one. */
const STARTING_ACCOUNTS: Record<string, string[]> = {
  charity: ['income:donations', 'income:allocations'],
  development: ['income:donations', 'income:levies', 'income:enterprise-profits', 'income:allocations'],
  protection: ['income:allocations'],
  common: ['income:property-fees', 'income:common-revenue'],
};

/** Opens a fund for a region the actor manages, with its bank account and income accounts. */
export async function createFund(db: Db, actor: Actor, body: z.infer<typeof CreateFundBody>): Promise<string> {
  const region = await regionInScope(db, scopeFor(actor, 'fund.manage'), body.regionId, { active: true });
  if (!region) throw new AppError('REGION_NOT_FOUND');
  if (!mayOnFund(actor, 'fund.manage', { regionPath: region.code })) throw new AppError('FORBIDDEN');
  const id = newId();
  return db.transaction(async (tx) => {
    const res = await tx.execute(sql`
      INSERT INTO funds (id, code, name, kind, region_id, region_path, district_code, year)
      VALUES (${id}, ${body.code}, ${body.name}, ${body.kind}, ${region.id}, ${region.code}, ${region.districtCode}, ${body.year ?? null})
      ON CONFLICT (code) DO NOTHING`);
    if (res.rowCount === 0) throw new AppError('FUND_CODE_TAKEN', { code: body.code });
    const names = [BANK, ...STARTING_ACCOUNTS[body.kind]!];
    await tx.execute(sql`INSERT INTO fund_accounts (id, fund_id, name, type) VALUES ${sql.join(
      names.map((n) => sql`(${newId()}, ${id}, ${n}, ${n.split(':')[0]})`), sql`, `)}`);
    await audit(tx, actor, { action: 'fund.create', subjectType: 'fund', subjectId: id, regionPath: region.code, after: body });
    return id;
  });
}

/** Records a donation (named or anonymous) with a receipt number; returns the transaction id. */
export async function recordDonation(db: Db, actor: Actor, fundId: string, body: z.infer<typeof DonationBody>, now: Date) {
  const amount = fenFrom(body.amountFen);
  const day = body.occurredOn ?? chinaDay(now);
  // An anonymous donor's name is not stored at all, so no page or export can ever show it.
  const donor = body.anonymous ? null : body.donor?.trim() || null;
  return postGuarded(db, actor, fundId, 'fund.manage', ['charity', 'development'], {
    kind: 'donation', memo: body.purpose, project: body.project ?? null, counterparty: donor, anonymous: body.anonymous,
    receiptNo: sql`'JZ' || ${day.slice(0, 4)} || lpad(nextval('fund_receipt_seq')::text, 6, '0')`,
    occurredOn: day, lines: [{ account: BANK, amount }, { account: 'income:donations', amount: -amount }],
  });
}

/**
 * An operator's monthly turnover in a service complex: the 3% levy is computed once (rounded half
 * up to the fen) and posted to the development fund; a second report for the same month is refused.
 */
export async function reportTurnover(db: Db, actor: Actor, fundId: string, body: z.infer<typeof TurnoverBody>, now: Date) {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  requireKind(fund, ['development']);
  const turnover = fenFrom(body.turnoverFen);
  const levy = levyOnTurnover(turnover);
  if (levy === 0n) throw new AppError('FUND_AMOUNT_INVALID');
  const operator = accountSegment(body.operator);
  return withLockedFund(db, fund.id, async (tx, locked) => {
    const day = chinaDay(now);
    const posted = await postEntry(tx, actor, locked, {
      kind: 'levy', memo: `${body.month} 营业额 ¥${fenToYuan(turnover)} 的 3% 提留`, counterparty: operator, occurredOn: day,
      details: { month: body.month, turnoverFen: turnover.toString() },
      lines: [{ account: BANK, amount: levy }, { account: 'income:levies', amount: -levy }],
    });
    const res = await tx.execute(sql`
      INSERT INTO fund_turnover_reports (id, fund_id, operator, month, turnover, levy, transaction_id)
      VALUES (${newId()}, ${fund.id}, ${operator}, ${`${body.month}-01`}, ${turnover.toString()}::bigint, ${levy.toString()}::bigint, ${posted.id})
      ON CONFLICT (fund_id, operator, month) DO NOTHING`);
    if (res.rowCount === 0) throw new AppError('FUND_TURNOVER_REPORTED', { operator, month: body.month });
    return { ...posted, levyFen: levy };
  });
}

const INCOME: Record<z.infer<typeof IncomeBody>['kind'], { account: string; kinds: string[] }> = {
  enterprise_profit: { account: 'income:enterprise-profits', kinds: ['development', 'charity'] },
  allocation: { account: 'income:allocations', kinds: ['charity', 'development', 'protection'] },
  property_fee: { account: 'income:property-fees', kinds: ['common'] },
  common_revenue: { account: 'income:common-revenue', kinds: ['common'] },
};

/** A social enterprise's after-tax profit, a government allocation, property fees or common revenue. */
export async function recordIncome(db: Db, actor: Actor, fundId: string, body: z.infer<typeof IncomeBody>, now: Date) {
  const rule = INCOME[body.kind];
  const amount = fenFrom(body.amountFen);
  // Common revenue is kept by source (lift ads, parking) so owners see what each earned.
  const account = body.kind === 'common_revenue' && body.category ? `${rule.account}:${accountSegment(body.category)}` : rule.account;
  return postGuarded(db, actor, fundId, 'fund.manage', rule.kinds, {
    kind: body.kind, memo: body.purpose, counterparty: body.source, project: body.category ?? null,
    occurredOn: body.occurredOn ?? chinaDay(now),
    lines: [{ account: BANK, amount }, { account, amount: -amount }],
  });
}

/**
 * Reverses a posted transaction with a new one of opposite postings pointing to it. A transaction
 * is reversed at most once (also guarded by a unique index) and a reversal is never reversed.
 */
export async function reverseTransaction(db: Db, actor: Actor, fundId: string, txId: string, body: z.infer<typeof ReverseBody>, now: Date) {
  // The fund first (in scope, or missing), then the entry inside it: an entry is never read by id alone.
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  const original = await findTransaction(db, fund.id, txId);
  if (!original) throw new AppError('FUND_ENTRY_NOT_FOUND');
  if (!mayReverse(original)) throw new AppError('FUND_REVERSAL_OF_REVERSAL');
  return withLockedFund(db, fund.id, async (tx, locked) => {
    // Checked under the fund lock, so two reversals of one entry cannot both pass.
    const again = await findTransaction(tx, fund.id, txId);
    if (again?.reversedById) throw new AppError('FUND_ALREADY_REVERSED');
    const lines = reversePostings((await postingsOf(tx, [txId])).map((p) => ({ account: p.account, amount: p.amount })));
    return postEntry(tx, actor, locked, {
      kind: 'reversal', memo: `冲销：${original.memo}（${body.reason}）`, project: original.project,
      counterparty: original.counterparty, anonymous: original.anonymous, occurredOn: chinaDay(now), reversesId: txId,
      details: { reason: body.reason, originalKind: original.kind }, lines,
    });
  });
}

/**
 * Changing or deleting a posted entry: refused, since posted entries are corrected by reversal. An
 * entry that is not in a fund the actor manages is not found first.
 */
export async function refuseEntryEdit(db: Db, actor: Actor, fundId: string, txId: string): Promise<never> {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  const t = await findTransaction(db, fund.id, txId);
  if (!t) throw new AppError('FUND_ENTRY_NOT_FOUND');
  throw new AppError('LEDGER_ENTRY_POSTED');
}
