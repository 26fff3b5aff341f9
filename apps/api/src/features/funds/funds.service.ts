import { sql } from 'drizzle-orm';
import { fenToYuan, levyOnTurnover, reportWindowStart, reportedMonthRefusal, reversePostings, chinaDay } from '@gongzhi/core';
import type { DonationBody, IncomeBody, ReverseBody, TurnoverBody, CreateFundBody } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { LedgerConfig } from '../../config.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { BANK, accountSegment, postEntry, withLockedFund, type FundRow } from './funds.ledger.ts';
import { fenFrom, fundFor, placeOnFund, postGuarded, requireKind } from './funds.access.ts';
import { findTransaction, postingsOf, type TxRow } from './funds.repository.ts';
import { createPending } from './funds.pending.ts';
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

/**
 * The posting date of an entry the staff dated themselves (today when they did not): a date other than
 * today loads the fund (in scope, or missing) to check it against the fund's closed months.
 */
async function placeEntryOf(db: Db, actor: Actor, fundId: string, occurredOn: string | undefined, now: Date, cfg: LedgerConfig) {
  const today = chinaDay(now);
  if (occurredOn === undefined || occurredOn === today) return { postedOn: today, originalOn: null };
  return placeOnFund(await fundFor(db, actor, fundId, 'fund.manage'), occurredOn, now, cfg.backdateDays);
}

/** Records a donation (named or anonymous) with a receipt number; returns the transaction id. */
export async function recordDonation(db: Db, actor: Actor, fundId: string, body: z.infer<typeof DonationBody>, now: Date, cfg: LedgerConfig) {
  const amount = fenFrom(body.amountFen);
  const { postedOn: day, originalOn } = await placeEntryOf(db, actor, fundId, body.occurredOn, now, cfg);
  // An anonymous donor's name is not stored at all, so no page or export can ever show it.
  const donor = body.anonymous ? null : body.donor?.trim() || null;
  return postGuarded(db, actor, fundId, 'fund.manage', ['charity', 'development'], {
    kind: 'donation', memo: body.purpose, project: body.project ?? null, counterparty: donor, anonymous: body.anonymous,
    receiptNo: sql`'JZ' || ${day.slice(0, 4)} || lpad(nextval('fund_receipt_seq')::text, 6, '0')`,
    occurredOn: day, originalOn, lines: [{ account: BANK, amount }, { account: 'income:donations', amount: -amount }],
  });
}

/**
 * An operator's monthly turnover in a service complex: the 3% levy is computed once (rounded half
 * up to the fen) and posted to the development fund; a second report for the same month is refused,
 * and so is a month that has not ended or starts before the ledger's backdate window.
 */
export async function reportTurnover(db: Db, actor: Actor, fundId: string, body: z.infer<typeof TurnoverBody>, now: Date, cfg: LedgerConfig) {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  requireKind(fund, ['development']);
  // Only a month that has ended, and lies inside the ledger's backdate window (core reportedMonthRefusal).
  const cal = { today: chinaDay(now), maxBackdateDays: cfg.backdateDays };
  const refusal = reportedMonthRefusal(body.month, cal);
  if (refusal) throw new AppError(refusal, { month: body.month, today: cal.today, earliest: reportWindowStart(cal) });
  const turnover = fenFrom(body.turnoverFen);
  const levy = levyOnTurnover(turnover);
  // The turnover is valid; it is the levy that rounds to nothing, and there is no entry of ¥0.00 to post.
  if (levy === 0n) throw new AppError('FUND_LEVY_ZERO', { turnover: fenToYuan(turnover) });
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
export async function recordIncome(db: Db, actor: Actor, fundId: string, body: z.infer<typeof IncomeBody>, now: Date, cfg: LedgerConfig) {
  const rule = INCOME[body.kind];
  const amount = fenFrom(body.amountFen);
  const { postedOn, originalOn } = await placeEntryOf(db, actor, fundId, body.occurredOn, now, cfg);
  // Common revenue is kept by source (lift ads, parking) so owners see what each earned.
  const account = body.kind === 'common_revenue' && body.category ? `${rule.account}:${accountSegment(body.category)}` : rule.account;
  return postGuarded(db, actor, fundId, 'fund.manage', rule.kinds, {
    kind: body.kind, memo: body.purpose, counterparty: body.source, project: body.category ?? null,
    occurredOn: postedOn, originalOn,
    lines: [{ account: BANK, amount }, { account, amount: -amount }],
  });
}

/**
 * Prepares the reversal of a posted transaction: like an expense it waits for a second person, and
 * approving it ({@link postReversal}) posts a new transaction of opposite postings pointing to the
 * original. A transaction is reversed at most once (also guarded by a unique index), a reversal is
 * never reversed, and one reversal of an entry may be pending at a time.
 */
export async function proposeReversal(db: Db, actor: Actor, fundId: string, txId: string, body: z.infer<typeof ReverseBody>) {
  // The fund first (in scope, or missing), then the entry inside it: an entry is never read by id alone.
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  const original = await findTransaction(db, fund.id, txId);
  if (!original) throw new AppError('FUND_ENTRY_NOT_FOUND');
  if (!mayReverse(original)) throw new AppError('FUND_REVERSAL_OF_REVERSAL');
  if (original.reversedById) throw new AppError('FUND_ALREADY_REVERSED');
  return withLockedFund(db, fund.id, async (tx) => {
    // Checked under the fund lock, so two proposals for one entry cannot both pass.
    const [pending] = (await tx.execute(sql`SELECT id FROM fund_expenses WHERE fund_id = ${fund.id} AND kind = 'reversal'
      AND reverses_id = ${txId} AND state = 'pending'`)).rows;
    if (pending) throw new AppError('FUND_PENDING_EXISTS');
    return createPending(tx, actor, fund, {
      kind: 'reversal', amount: original.amount, category: '冲销', project: original.project ?? '冲销', payee: original.counterparty ?? '',
      reason: body.reason, attachmentIds: [], reversesId: txId,
    });
  });
}

/**
 * Posts an approved reversal, inside the approval's transaction (the fund locked): refused when the
 * entry was reversed meanwhile.
 */
export async function postReversal(tx: Tx, approver: Actor, locked: FundRow, p: { txId: string; reason: string; preparedBy: { id: string; name: string }; day: string }) {
  const original: TxRow | undefined = await findTransaction(tx, locked.id, p.txId);
  if (!original) throw new AppError('FUND_ENTRY_NOT_FOUND');
  if (original.reversedById) throw new AppError('FUND_ALREADY_REVERSED');
  const lines = reversePostings((await postingsOf(tx, [p.txId])).map((x) => ({ account: x.account, amount: x.amount })));
  return postEntry(tx, approver, locked, {
    kind: 'reversal', memo: `冲销：${original.memo}（${p.reason}）`, project: original.project,
    counterparty: original.counterparty, anonymous: original.anonymous, occurredOn: p.day, reversesId: p.txId,
    preparedBy: p.preparedBy, approvedBy: { id: approver.userId, name: approver.name },
    details: { reason: p.reason, originalKind: original.kind }, lines,
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
