import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { fenToYuan } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { FundListRow } from './funds.repository.ts';
import { budgetView } from './funds.property.service.ts';
import { publicMoneyText } from './funds.presenter.ts';

const KIND_ZH: Record<string, string> = {
  donation: '捐赠', levy: '营业额提留', enterprise_profit: '社会企业利润', allocation: '政府拨款', property_fee: '物业费',
  common_revenue: '公共收益', expense: '支出', dividend: '业主分红', reversal: '冲销',
};

/**
 * A fund's monthly statement as a workbook: every transaction of the month with its bank movement
 * (amounts as exact decimal text, so no spreadsheet float ever rounds a fen), and for common funds
 * the year's budget against actual spending up to that month.
 */
export async function monthlyStatement(db: DbOrTx, fund: FundListRow, month: string): Promise<Buffer> {
  const from = `${month}-01`;
  const rows = (await db.execute<{ id: string; day: string; kind: string; memo: string; counterparty: string | null; anonymous: boolean;
    approved_by_name: string | null; created_by_name: string; bank: string }>(sql`
    SELECT t.id, to_char(t.occurred_on, 'YYYY-MM-DD') AS day, t.kind, t.memo, t.counterparty, t.anonymous, t.approved_by_name, t.created_by_name,
      (SELECT COALESCE(sum(p.amount), 0) FROM postings p JOIN fund_accounts a ON a.id = p.account_id WHERE p.transaction_id = t.id AND a.type = 'assets') AS bank
    FROM ledger_transactions t WHERE t.fund_id = ${fund.id} AND t.occurred_on >= ${from}::date AND t.occurred_on < (${from}::date + interval '1 month')
    ORDER BY t.occurred_on, t.id`)).rows;
  const [opening] = (await db.execute<{ v: string }>(sql`
    SELECT COALESCE(sum(m.debit - m.credit), 0) AS v FROM fund_month_totals m JOIN fund_accounts a ON a.id = m.account_id
    WHERE m.fund_id = ${fund.id} AND a.type = 'assets' AND m.month < ${from}::date`)).rows;

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${month} 收支`);
  ws.addRow([`${fund.name}（${fund.code}）${month} 月度收支明细`]).font = { bold: true };
  ws.addRow(['期初余额（元）', fenToYuan(BigInt(opening!.v))]);
  const head = ws.addRow(['日期', '类型', '摘要', '对方', '收入（元）', '支出（元）', '余额（元）', '经办', '审批', '流水号']);
  head.font = { bold: true };
  let balance = BigInt(opening!.v);
  for (const r of rows) {
    const bank = BigInt(r.bank);
    balance += bank;
    // A public download: donor and purpose with personal numbers masked, amounts kept.
    ws.addRow([r.day, KIND_ZH[r.kind] ?? r.kind, publicMoneyText(r.memo), r.anonymous ? '匿名' : publicMoneyText(r.counterparty ?? ''), bank > 0n ? fenToYuan(bank) : '',
      bank < 0n ? fenToYuan(-bank) : '', fenToYuan(balance), r.created_by_name, r.approved_by_name ?? '', r.id]);
  }
  ws.addRow(['期末余额（元）', fenToYuan(balance)]).font = { bold: true };
  ws.columns.forEach((c, i) => { c.width = [12, 12, 40, 20, 14, 14, 14, 10, 10, 38][i] ?? 12; });

  if (fund.kind === 'common') {
    const budget = await budgetView(db, fund.id, Number(month.slice(0, 4)));
    if (budget) {
      const bs = wb.addWorksheet('预算执行');
      bs.addRow([`${budget.year} 年度预算执行（截至 ${month}）`, budget.resolutionRef ?? '']).font = { bold: true };
      bs.addRow(['预算项目', '年度预算（元）', '本月实际（元）', '累计实际（元）', '执行率']).font = { bold: true };
      for (const l of budget.lines) {
        const thisMonth = BigInt(l.months.find((m) => m.month === month)?.actualFen ?? '0');
        const toDate = l.months.filter((m) => m.month <= month).reduce((a, m) => a + BigInt(m.actualFen), 0n);
        const pct = BigInt(l.budgetFen) > 0n ? `${fenToYuan((toDate * 10_000n) / BigInt(l.budgetFen))}%` : '';
        bs.addRow([l.label, fenToYuan(BigInt(l.budgetFen)), fenToYuan(thisMonth), fenToYuan(toDate), pct]);
      }
      bs.columns.forEach((c, i) => { c.width = [20, 16, 16, 16, 10][i] ?? 12; });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
