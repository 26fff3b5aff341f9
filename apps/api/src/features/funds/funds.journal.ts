import { sql, type SQL } from 'drizzle-orm';
import { fenToYuan } from '@gongzhi/core';
import { publicMoneyText } from './funds.presenter.ts';
import type { Db } from '../../platform/db/client.ts';
import { poolOf } from '../../platform/db/prepared.ts';

/** How each kind of transaction is described in the journal. */
const KIND_LABEL: Record<string, string> = {
  donation: '捐赠', levy: '营业额提留', enterprise_profit: '社会企业利润', allocation: '政府拨款', property_fee: '物业费',
  common_revenue: '公共收益', expense: '支出', dividend: '业主分红', reversal: '冲销',
};

/** Text safe on one journal line: no newlines, and no ';' or '|' which hledger reads as comment and payee marks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/;/g, '；').replace(/\|/g, '｜').replace(/\s{2,}/g, ' ').trim();
}

/** The journal name of a fund's account: its type, then the fund's code, then the rest ("assets:WP-CHARITY:bank"). */
export function journalAccount(fundCode: string, name: string): string {
  const [type, ...rest] = name.split(':');
  return [type, fundCode, ...rest].join(':');
}

/**
 * The ledger of one fund (by code) or of all funds as an hledger journal, produced in pieces so a
 * fund with millions of postings streams through a cursor instead of sitting in memory. It declares
 * the commodity and every account, writes one transaction per ledger transaction with its id as the
 * code, amounts as plain decimals in CNY, and a balance assertion after each bank posting, computed in
 * the journal's own (date, id) order, which is the order hledger checks assertions in.
 */
export async function* journal(db: Db, fundCode?: string): AsyncGenerator<string> {
  // One fund, or all of them: no condition at all.
  const fundFilter: SQL = fundCode ? sql`WHERE f.code = ${fundCode}` : sql``;
  const funds = (await db.execute<{ id: string; code: string; name: string }>(sql`SELECT f.id, f.code, f.name FROM funds f ${fundFilter} ORDER BY f.code`)).rows;
  if (fundCode && funds.length === 0) throw new Error(`no fund with code ${fundCode}`);
  yield `; 共治 Gongzhi — community funds ledger (hledger journal)\n; funds: ${funds.map((f) => `${f.code} ${oneLine(f.name)}`).join(', ') || 'none'}\n\n`;
  yield 'commodity 1000.00 CNY\n\n';
  const accounts = (await db.execute<{ code: string; name: string }>(sql`
    SELECT f.code, a.name FROM fund_accounts a JOIN funds f ON f.id = a.fund_id ${fundFilter} ORDER BY f.code, a.name`)).rows;
  for (const a of accounts) yield `account ${journalAccount(a.code, a.name)}\n`;
  yield '\n';
  if (funds.length === 0) return;

  const client = await poolOf(db).connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const ids = funds.map((f) => f.id);
    await client.query(`DECLARE journal_cursor NO SCROLL CURSOR FOR
      SELECT t.id, to_char(t.occurred_on, 'YYYY-MM-DD') AS day, to_char(t.original_on, 'YYYY-MM-DD') AS day2, t.kind, t.memo, t.counterparty, t.anonymous, t.receipt_no, t.reverses_id,
             f.code, a.name AS account, p.amount::text AS amount
      FROM ledger_transactions t JOIN funds f ON f.id = t.fund_id JOIN postings p ON p.transaction_id = t.id JOIN fund_accounts a ON a.id = p.account_id
      WHERE t.fund_id = ANY($1::uuid[]) ORDER BY t.occurred_on, t.id, p.id`, [ids]);
    const running = new Map<string, bigint>();
    let current: string | null = null;
    for (;;) {
      const { rows } = await client.query<{ id: string; day: string; day2: string | null; kind: string; memo: string; counterparty: string | null; anonymous: boolean;
        receipt_no: string | null; reverses_id: string | null; code: string; account: string; amount: string }>('FETCH 5000 FROM journal_cursor');
      if (rows.length === 0) break;
      let out = '';
      for (const r of rows) {
        if (r.id !== current) {
          if (current) out += '\n';
          current = r.id;
          // The journal is public: donor and purpose as the public reads them (numbers masked, amounts kept).
          const who = r.anonymous ? '匿名' : r.counterparty === null ? null : publicMoneyText(r.counterparty);
          // A late entry: posted on `day`, its own date as hledger's secondary date.
          out += `${r.day}${r.day2 ? `=${r.day2}` : ''} (${r.id}) ${oneLine(`${KIND_LABEL[r.kind] ?? r.kind}：${publicMoneyText(r.memo)}${who ? ` — ${who}` : ''}`)}\n`;
          if (r.receipt_no) out += `    ; receipt: ${r.receipt_no}\n`;
          if (r.reverses_id) out += `    ; reverses: ${r.reverses_id}\n`;
        }
        const account = journalAccount(r.code, r.account);
        const amount = BigInt(r.amount);
        out += `    ${account}  ${fenToYuan(amount)} CNY`;
        if (r.account.startsWith('assets:')) {
          const balance = (running.get(account) ?? 0n) + amount;
          running.set(account, balance);
          out += ` = ${fenToYuan(balance)} CNY`;
        }
        out += '\n';
      }
      yield out;
    }
    if (current) yield '\n';
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The whole journal as one string, for tests and small exports. */
export async function journalText(db: Db, fundCode?: string): Promise<string> {
  let text = '';
  for await (const piece of journal(db, fundCode)) text += piece;
  return text;
}
