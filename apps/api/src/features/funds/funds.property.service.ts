import { sql } from 'drizzle-orm';
import { BUDGET_MATTER_KINDS, allocateProRata, budgetResolutionRefusal, chinaDay, dividendRate, dividendStatementLine, fenToYuan, paperResolutionRefusal } from '@gongzhi/core';
import type { BudgetBody, DividendBody, DividendView } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { BANK, accountSegment, postEntry, withLockedFund, type FundRow } from './funds.ledger.ts';
import { fenFrom, fundFor, requireKind } from './funds.access.ts';
import { createPending } from './funds.pending.ts';
import { matterById, passedMattersOf, type CitedMatter } from '../assembly/matters.service.ts';

/**
 * Records a compound's annual open budget (信托制物业) as approved by the owners' assembly. When the
 * assembly was held on the platform the budget links the passed matter (and takes its reference and
 * date from it); otherwise the resolution is kept as a reference and its text. Each line becomes an
 * expense account of the common fund.
 */
export async function createBudget(db: Db, actor: Actor, fundId: string, body: z.infer<typeof BudgetBody>, now: Date) {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  requireKind(fund, ['common']);
  const lines = body.lines.map((l) => ({ label: accountSegment(l.label), amount: fenFrom(l.amountFen) }));
  return db.transaction((tx) => budgetInTx(tx, actor, fund, { ...body, lines }, chinaDay(now)));
}

/** An assembly matter as a budget's resolution: title, position and the day the vote closed. */
export interface PassedMatter { assemblyId: string; title: string; matterId: string; matterTitle: string; position: number; closedOn: string }

const asResolution = (m: CitedMatter): PassedMatter => ({
  assemblyId: m.assemblyId, title: m.title, matterId: m.matterId, matterTitle: m.matterTitle, position: m.position, closedOn: m.closedOn ?? '',
});

/**
 * The passed assembly matters a compound's budget can rest on, for the budget form: of exactly the
 * compound, closed and published, of a kind that can approve a budget, and not yet backing a budget
 * (none for other kinds of fund). Which year each approves is checked when the budget is recorded.
 */
export async function budgetResolutions(db: Db, actor: Actor, fundId: string): Promise<PassedMatter[]> {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  if (fund.kind !== 'common') return [];
  const used = new Set((await db.execute<{ id: string }>(sql`SELECT assembly_matter_id AS id FROM fund_budgets WHERE assembly_matter_id IS NOT NULL`)).rows.map((r) => r.id));
  return (await passedMattersOf(db, fund.regionPath, BUDGET_MATTER_KINDS)).filter((m) => !used.has(m.matterId)).map(asResolution);
}

/**
 * The matter a budget of `year` rests on, judged by the pure rule (core budgetResolution): the matter
 * is locked for the rest of the transaction so two budgets cannot both take it.
 */
async function resolutionFor(tx: Tx, fund: { regionPath: string }, matterId: string, year: number): Promise<PassedMatter> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`fund-budget-matter:${matterId}`}, 0))`);
  const m = await matterById(tx, matterId);
  const [used] = (await tx.execute<{ id: string }>(sql`SELECT id FROM fund_budgets WHERE assembly_matter_id = ${matterId} LIMIT 1`)).rows;
  const refusal = budgetResolutionRefusal(m && m.closedOn ? { ...m, title: m.matterTitle, closedOn: m.closedOn, usedBy: used?.id ?? null } : null,
    { fundPath: fund.regionPath, year });
  if (refusal) throw new AppError(refusal, { year });
  return asResolution(m!);
}

/**
 * Checks a paper resolution (no platform matter) by the pure rule (core paperResolutionRefusal): its
 * reference backs no other budget of the fund, and its date is no later than the budget's year and
 * today. The fund's budgets are locked against concurrent writes of the same reference for the rest
 * of the transaction (an advisory lock per fund).
 */
async function checkPaperResolution(tx: Tx, fundId: string, paper: { year: number; resolutionRef: string | null; approvedOn: string | null }, today: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`fund-budget-ref:${fundId}`}, 0))`);
  const usedRefs = (await tx.execute<{ ref: string }>(sql`SELECT resolution_ref AS ref FROM fund_budgets
    WHERE fund_id = ${fundId} AND resolution_ref IS NOT NULL AND assembly_matter_id IS NULL`)).rows.map((r) => r.ref);
  const refusal = paperResolutionRefusal(paper, { year: paper.year, today, usedRefs });
  if (refusal) throw new AppError(refusal, { year: paper.year, today, ref: paper.resolutionRef ?? '' });
}

/** Writes a budget and its lines (each an expense account) in the caller's transaction; `today` is the China day. */
export async function budgetInTx(tx: Tx, actor: Actor, fund: { id: string; regionPath: string },
  body: Omit<z.infer<typeof BudgetBody>, 'lines'> & { lines: { label: string; amount: bigint }[] }, today: string): Promise<string> {
  const id = newId();
  const resolution = body.assemblyMatterId ? await resolutionFor(tx, fund, body.assemblyMatterId, body.year) : undefined;
  if (!resolution) await checkPaperResolution(tx, fund.id, { year: body.year, resolutionRef: body.resolutionRef ?? null, approvedOn: body.approvedOn ?? null }, today);
  // A linked matter is the record: its reference and date, not whatever else the form carried.
  const ref = resolution ? `${resolution.title} 第 ${resolution.position} 项：${resolution.matterTitle}` : body.resolutionRef ?? null;
  const approvedOn = resolution ? resolution.closedOn : body.approvedOn ?? null;
  const res = await tx.execute(sql`INSERT INTO fund_budgets (id, fund_id, year, resolution_ref, resolution_text, assembly_matter_id, approved_on, created_by)
    VALUES (${id}, ${fund.id}, ${body.year}, ${ref}, ${body.resolutionText ?? null}, ${body.assemblyMatterId ?? null}, ${approvedOn}, ${actor.via === 'system' ? null : actor.userId})
    ON CONFLICT (fund_id, year) DO NOTHING`);
  if (res.rowCount === 0) throw new AppError('FUND_BUDGET_EXISTS', { year: body.year });
  for (const l of body.lines) {
    const name = `expenses:${accountSegment(l.label)}`;
    const [acc] = (await tx.execute<{ id: string }>(sql`
      WITH ins AS (INSERT INTO fund_accounts (id, fund_id, name, type) VALUES (${newId()}, ${fund.id}, ${name}, 'expenses')
        ON CONFLICT (fund_id, name) DO NOTHING RETURNING id)
      SELECT id FROM ins UNION ALL SELECT id FROM fund_accounts WHERE fund_id = ${fund.id} AND name = ${name}`)).rows;
    await tx.execute(sql`INSERT INTO fund_budget_lines (id, budget_id, account_id, label, amount)
      VALUES (${newId()}, ${id}, ${acc!.id}, ${accountSegment(l.label)}, ${l.amount.toString()}::bigint)`);
  }
  await audit(tx, actor, { action: 'fund.budget', subjectType: 'fund_budget', subjectId: id, regionPath: fund.regionPath,
    after: { ...body, lines: body.lines.map((l) => ({ label: l.label, amountFen: l.amount.toString() })) } });
  return id;
}

/** A year's budget with the actual spending of each line, in total and by month. */
export async function budgetView(db: DbOrTx, fundId: string, year: number) {
  const [b] = (await db.execute<{ id: string; year: number; resolution_ref: string | null; resolution_text: string | null; approved_on: string | null;
    matter_id: string | null }>(sql`
    SELECT b.id, b.year, b.resolution_ref, b.resolution_text, to_char(b.approved_on, 'YYYY-MM-DD') AS approved_on, b.assembly_matter_id AS matter_id
    FROM fund_budgets b WHERE b.fund_id = ${fundId} AND b.year = ${year}`)).rows;
  if (!b) return null;
  const m = b.matter_id ? await matterById(db, b.matter_id) : undefined;
  const lines = (await db.execute<{ id: string; label: string; account: string; amount: string; account_id: string }>(sql`
    SELECT l.id, l.label, a.name AS account, l.amount, l.account_id FROM fund_budget_lines l JOIN fund_accounts a ON a.id = l.account_id
    WHERE l.budget_id = ${b.id} ORDER BY l.label`)).rows;
  const actual = (await db.execute<{ account_id: string; month: string; net: string }>(sql`
    SELECT account_id, to_char(month, 'YYYY-MM') AS month, sum(debit - credit) AS net FROM fund_month_totals
    WHERE fund_id = ${fundId} AND month >= ${`${year}-01-01`}::date AND month < ${`${year + 1}-01-01`}::date GROUP BY account_id, month ORDER BY month`)).rows;
  return {
    id: b.id, year: b.year, resolutionRef: b.resolution_ref, resolutionText: b.resolution_text, approvedOn: b.approved_on,
    assembly: m ? { id: m.assemblyId, title: m.title, matterId: m.matterId, matterTitle: m.matterTitle, position: m.position } : null,
    lines: lines.map((l) => {
      const months = actual.filter((a) => a.account_id === l.account_id).map((a) => ({ month: a.month, actualFen: a.net }));
      return { id: l.id, label: l.label, account: l.account, budgetFen: l.amount, actualFen: months.reduce((s, m) => s + BigInt(m.actualFen), 0n).toString(), months };
    }),
  };
}

/**
 * Writes a dividend inside a transaction that holds the fund's lock: the units of the compound,
 * their shares by area (largest remainder, to the fen), the posting and one line per unit.
 * Refused when any unit has no registered area: nobody's share can be right until every area is.
 */
export async function dividendInTx(tx: Tx, actor: Actor, fund: FundRow, total: bigint, purpose: string, day: string,
  people: { preparedBy?: { id: string; name: string }; approvedBy?: { id: string; name: string } } = {}) {
  const units = (await tx.execute<{ id: string; label: string; area: string | null }>(sql`
    SELECT u.id, b.name || ' ' || u.number AS label, u.area_centi_m2 AS area FROM units u JOIN buildings b ON b.id = u.building_id
    WHERE u.region_path LIKE ${likePrefix(fund.regionPath)} ORDER BY b.name, u.number, u.id`)).rows;
  if (units.length === 0) throw new AppError('FUND_NO_UNITS');
  const missing = units.filter((u) => u.area === null || BigInt(u.area) <= 0n);
  if (missing.length > 0) throw new AppError('FUND_UNITS_MISSING_AREA', { count: missing.length, example: missing[0]!.label });
  const areas = units.map((u) => BigInt(u.area!));
  const parts = allocateProRata(total, areas);
  const totalArea = areas.reduce((a, b) => a + b, 0n);
  // The one rate (core dividendRate), stored in 0.0001 yuan per m² and shown and printed the same.
  const rate = dividendRate(total, totalArea).tenThousandthsYuan;
  const posted = await postEntry(tx, actor, fund, {
    kind: 'dividend', memo: purpose, project: '业主分红', occurredOn: day, preparedBy: people.preparedBy, approvedBy: people.approvedBy,
    details: { units: units.length, totalAreaCentiM2: totalArea.toString(), rateYuanPerM2: dividendRate(total, totalArea).text },
    lines: [{ account: 'expenses:业主分红', amount: total }, { account: BANK, amount: -total }],
  });
  const rows = units.map((u, i) => sql`(${newId()}::uuid, ${posted.id}::uuid, ${u.id}::uuid, ${u.label}, ${areas[i]!.toString()}::bigint, ${parts[i]!.toString()}::bigint, ${rate.toString()}::bigint)`);
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.execute(sql`INSERT INTO fund_dividend_lines (id, transaction_id, unit_id, unit_label, area_centi_m2, amount, rate_fen_per_m2)
      VALUES ${sql.join(rows.slice(i, i + 1000), sql`, `)}`);
  }
  return posted;
}

/**
 * Prepares a dividend of common revenue to the owners of a compound pro rata by registered floor area
 * (Civil Code art. 283). Like an expense it waits for a second person: approving it (decideExpense)
 * divides and posts it. The balance is checked now to fail early, and again on approval.
 */
export async function proposeDividend(db: Db, actor: Actor, fundId: string, body: z.infer<typeof DividendBody>) {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  requireKind(fund, ['common']);
  const total = fenFrom(body.amountFen);
  if (total > fund.bankBalance) throw new AppError('FUND_INSUFFICIENT_BALANCE', { balance: fenToYuan(fund.bankBalance), amount: fenToYuan(total) });
  return withLockedFund(db, fund.id, (tx) => createPending(tx, actor, fund, {
    kind: 'dividend', amount: total, category: '业主分红', project: '业主分红', payee: '全体业主', reason: body.purpose, attachmentIds: [],
  }));
}

/** A dividend with every owner's statement line. */
export async function dividendView(db: DbOrTx, transactionId: string): Promise<z.infer<typeof DividendView> | null> {
  const rows = (await db.execute<{ unit_label: string; area_centi_m2: string; amount: string }>(sql`
    SELECT unit_label, area_centi_m2, amount FROM fund_dividend_lines WHERE transaction_id = ${transactionId} ORDER BY unit_label`)).rows;
  if (rows.length === 0) return null;
  const total = rows.reduce((a, r) => a + BigInt(r.amount), 0n);
  const area = rows.reduce((a, r) => a + BigInt(r.area_centi_m2), 0n);
  return {
    transactionId, totalFen: total.toString(), totalAreaCentiM2: area.toString(), rateYuanPerM2: dividendRate(total, area).text,
    lines: rows.map((r) => ({
      unit: r.unit_label, areaCentiM2: r.area_centi_m2, amountFen: r.amount,
      statement: dividendStatementLine(BigInt(r.area_centi_m2), total, area, BigInt(r.amount)),
    })),
  };
}
