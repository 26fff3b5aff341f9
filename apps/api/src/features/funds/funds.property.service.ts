import { sql } from 'drizzle-orm';
import { allocateProRata, dividendStatementLine, ratePerSquareMetre, chinaDay, CHINA_TIME_ZONE } from '@gongzhi/core';
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

/**
 * Records a compound's annual open budget (信托制物业) as approved by the owners' assembly. When the
 * assembly was held on the platform the budget links the passed matter (and takes its reference and
 * date from it); otherwise the resolution is kept as a reference and its text. Each line becomes an
 * expense account of the common fund.
 */
export async function createBudget(db: Db, actor: Actor, fundId: string, body: z.infer<typeof BudgetBody>) {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  requireKind(fund, ['common']);
  const lines = body.lines.map((l) => ({ label: accountSegment(l.label), amount: fenFrom(l.amountFen) }));
  return db.transaction((tx) => budgetInTx(tx, actor, fund, { ...body, lines }));
}

/** An assembly matter as a budget's resolution: title, position and the day the vote closed. */
export interface PassedMatter { assemblyId: string; title: string; matterId: string; matterTitle: string; position: number; closedOn: string }

/**
 * Matters that can approve a budget of the compound at `fundPath`: of an assembly of exactly that
 * compound (the same region, so the same owners whose units the fund's dividends are paid to — not
 * one building of it, nor the whole community), closed with results published, and passed. Newest
 * first; only `matterId` when given.
 */
async function passedMatters(db: DbOrTx, fundPath: string, matterId?: string): Promise<PassedMatter[]> {
  const rows = (await db.execute<{ assembly_id: string; title: string; matter_id: string; matter_title: string; position: number; closed_on: string }>(sql`
    SELECT a.id AS assembly_id, a.title, m.id AS matter_id, m.title AS matter_title, m.position,
      to_char(a.closed_at AT TIME ZONE ${CHINA_TIME_ZONE}::text, 'YYYY-MM-DD') AS closed_on
    FROM assembly_matters m JOIN assemblies a ON a.id = m.assembly_id
    WHERE a.state = 'closed' AND a.results_published_at IS NOT NULL AND (m.result->>'passed')::boolean
      AND a.region_path = ${fundPath}
      ${matterId ? sql`AND m.id = ${matterId}` : sql``}
    ORDER BY a.closed_at DESC, m.position LIMIT 200`)).rows;
  return rows.map((m) => ({ assemblyId: m.assembly_id, title: m.title, matterId: m.matter_id, matterTitle: m.matter_title, position: m.position, closedOn: m.closed_on }));
}

/** The passed assembly matters a compound's budget can rest on, for the budget form (none for other kinds of fund). */
export async function budgetResolutions(db: Db, actor: Actor, fundId: string): Promise<PassedMatter[]> {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  return fund.kind === 'common' ? passedMatters(db, fund.regionPath) : [];
}

/** Writes a budget and its lines (each an expense account) in the caller's transaction. */
export async function budgetInTx(tx: Tx, actor: Actor, fund: { id: string; regionPath: string },
  body: Omit<z.infer<typeof BudgetBody>, 'lines'> & { lines: { label: string; amount: bigint }[] }): Promise<string> {
  const id = newId();
  const resolution = body.assemblyMatterId ? (await passedMatters(tx, fund.regionPath, body.assemblyMatterId))[0] : undefined;
  if (body.assemblyMatterId && !resolution) throw new AppError('FUND_BUDGET_RESOLUTION_INVALID');
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
    assembly_id: string | null; assembly_title: string | null; matter_id: string | null; matter_title: string | null; position: number | null }>(sql`
    SELECT b.id, b.year, b.resolution_ref, b.resolution_text, to_char(b.approved_on, 'YYYY-MM-DD') AS approved_on,
      a.id AS assembly_id, a.title AS assembly_title, m.id AS matter_id, m.title AS matter_title, m.position
    FROM fund_budgets b LEFT JOIN assembly_matters m ON m.id = b.assembly_matter_id LEFT JOIN assemblies a ON a.id = m.assembly_id
    WHERE b.fund_id = ${fundId} AND b.year = ${year}`)).rows;
  if (!b) return null;
  const lines = (await db.execute<{ id: string; label: string; account: string; amount: string; account_id: string }>(sql`
    SELECT l.id, l.label, a.name AS account, l.amount, l.account_id FROM fund_budget_lines l JOIN fund_accounts a ON a.id = l.account_id
    WHERE l.budget_id = ${b.id} ORDER BY l.label`)).rows;
  const actual = (await db.execute<{ account_id: string; month: string; net: string }>(sql`
    SELECT account_id, to_char(month, 'YYYY-MM') AS month, sum(debit - credit) AS net FROM fund_month_totals
    WHERE fund_id = ${fundId} AND month >= ${`${year}-01-01`}::date AND month < ${`${year + 1}-01-01`}::date GROUP BY account_id, month ORDER BY month`)).rows;
  return {
    id: b.id, year: b.year, resolutionRef: b.resolution_ref, resolutionText: b.resolution_text, approvedOn: b.approved_on,
    assembly: b.assembly_id ? { id: b.assembly_id, title: b.assembly_title!, matterId: b.matter_id!, matterTitle: b.matter_title!, position: b.position! } : null,
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
export async function dividendInTx(tx: Tx, actor: Actor, fund: FundRow, total: bigint, purpose: string, day: string) {
  const units = (await tx.execute<{ id: string; label: string; area: string | null }>(sql`
    SELECT u.id, b.name || ' ' || u.number AS label, u.area_centi_m2 AS area FROM units u JOIN buildings b ON b.id = u.building_id
    WHERE u.region_path LIKE ${likePrefix(fund.regionPath)} ORDER BY b.name, u.number, u.id`)).rows;
  if (units.length === 0) throw new AppError('FUND_NO_UNITS');
  const missing = units.filter((u) => u.area === null || BigInt(u.area) <= 0n);
  if (missing.length > 0) throw new AppError('FUND_UNITS_MISSING_AREA', { count: missing.length, example: missing[0]!.label });
  const areas = units.map((u) => BigInt(u.area!));
  const parts = allocateProRata(total, areas);
  const totalArea = areas.reduce((a, b) => a + b, 0n);
  const rate = ratePerSquareMetre(total, totalArea);
  const posted = await postEntry(tx, actor, fund, {
    kind: 'dividend', memo: purpose, project: '业主分红', occurredOn: day,
    details: { units: units.length, totalAreaCentiM2: totalArea.toString(), rateFenPerM2: rate.toString() },
    lines: [{ account: 'expenses:业主分红', amount: total }, { account: BANK, amount: -total }],
  });
  const rows = units.map((u, i) => sql`(${newId()}::uuid, ${posted.id}::uuid, ${u.id}::uuid, ${u.label}, ${areas[i]!.toString()}::bigint, ${parts[i]!.toString()}::bigint, ${rate.toString()}::bigint)`);
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.execute(sql`INSERT INTO fund_dividend_lines (id, transaction_id, unit_id, unit_label, area_centi_m2, amount, rate_fen_per_m2)
      VALUES ${sql.join(rows.slice(i, i + 1000), sql`, `)}`);
  }
  return posted;
}

/** Pays a dividend of common revenue to the owners of a compound pro rata by registered floor area (Civil Code art. 283). */
export async function payDividend(db: Db, actor: Actor, fundId: string, body: z.infer<typeof DividendBody>, now: Date) {
  const fund = await fundFor(db, actor, fundId, 'fund.manage');
  requireKind(fund, ['common']);
  const total = fenFrom(body.amountFen);
  return withLockedFund(db, fund.id, (tx, locked) => dividendInTx(tx, actor, locked, total, body.purpose, chinaDay(now)));
}

/** A dividend with every owner's statement line. */
export async function dividendView(db: DbOrTx, transactionId: string): Promise<z.infer<typeof DividendView> | null> {
  const rows = (await db.execute<{ unit_label: string; area_centi_m2: string; amount: string; rate_fen_per_m2: string }>(sql`
    SELECT unit_label, area_centi_m2, amount, rate_fen_per_m2 FROM fund_dividend_lines WHERE transaction_id = ${transactionId} ORDER BY unit_label`)).rows;
  if (rows.length === 0) return null;
  const total = rows.reduce((a, r) => a + BigInt(r.amount), 0n);
  const area = rows.reduce((a, r) => a + BigInt(r.area_centi_m2), 0n);
  return {
    transactionId, totalFen: total.toString(), totalAreaCentiM2: area.toString(), rateFenPerM2: rows[0]!.rate_fen_per_m2,
    lines: rows.map((r) => ({
      unit: r.unit_label, areaCentiM2: r.area_centi_m2, amountFen: r.amount,
      statement: dividendStatementLine(BigInt(r.area_centi_m2), total, area, BigInt(r.amount)),
    })),
  };
}
