import { sql } from 'drizzle-orm';
import { fenToYuan, levyOnTurnover, type Role, chinaDay } from '@gongzhi/core';
import type { Tx } from '../platform/db/client.ts';
import { newId } from '../platform/db/columns.ts';
import type { Actor } from '../platform/authz/actor.ts';
import { BANK, lockFund, postEntry, type Line } from '../features/funds/funds.ledger.ts';
import { budgetInTx, dividendInTx } from '../features/funds/funds.property.service.ts';
import { Rng } from './random.ts';

/** A demo staff member as an actor, by role and region code. */
async function staff(tx: Tx, role: Role, regionCode: string): Promise<Actor | null> {
  const [u] = (await tx.execute<{ id: string; name: string }>(sql`SELECT u.id, u.name FROM users u JOIN role_assignments ra ON ra.user_id = u.id
    WHERE ra.role = ${role} AND ra.region_path = ${regionCode} LIMIT 1`)).rows;
  return u ? { userId: u.id, name: u.name, residentId: null, grants: [{ role, regionPath: regionCode, organisationId: null }], via: 'session' } : null;
}

async function openFund(tx: Tx, code: string, name: string, kind: string, region: { id: string; code: string; district_code: string }, year?: number) {
  const id = newId();
  await tx.execute(sql`INSERT INTO funds (id, code, name, kind, region_id, region_path, district_code, year)
    VALUES (${id}, ${code}, ${name}, ${kind}, ${region.id}, ${region.code}, ${region.district_code}, ${year ?? null})`);
  await tx.execute(sql`INSERT INTO fund_accounts (id, fund_id, name, type) VALUES (${newId()}, ${id}, ${BANK}, 'assets')`);
  return id;
}

const DONORS = ['王建国', '李秀英', '张伟', '刘芳', '陈明', '杨丽', '赵强', '成都蓉欣商贸有限公司', '望平街坊会', '黄晓燕'];
const OPERATORS = ['邻里食堂', '便民理发店', '社区书屋咖啡'];

/**
 * A year of demo history for the demo city's money (demo data, not real people or money): 望平社区's
 * charity, development and special protection funds, and 锦绣花园's common fund under trust-based
 * property management with its budget, monthly fees and revenue, expenses by budget line and a
 * dividend. Everything goes through the same ledger writer as the API, so balances, monthly totals
 * and the hledger export agree. Demo expenses carry no scanned receipts (there is no file store
 * during seeding); the UI shows "无附件".
 */
export async function seedFunds(tx: Tx, now = new Date()): Promise<void> {
  const regions = (await tx.execute<{ id: string; code: string; name: string; district_code: string }>(sql`
    SELECT id, code, name, district_code FROM regions WHERE code IN ('510108001001', '510108001001001')`)).rows;
  const community = regions.find((r) => r.code === '510108001001');
  const grid = regions.find((r) => r.code === '510108001001001');
  const worker = await staff(tx, 'community_worker', '510108001001');
  const secretary = await staff(tx, 'community_secretary', '510108001001');
  if (!community || !grid || !worker || !secretary) return;
  const rng = new Rng(2026);
  const year = now.getUTCFullYear();
  const charity = await openFund(tx, 'WP-CHARITY', `${community.name}慈善基金`, 'charity', community);
  const development = await openFund(tx, 'WP-DEV', `${community.name}发展基金`, 'development', community);
  const protection = await openFund(tx, `WP-PROT-${year}`, `${community.name} ${year} 年保障资金`, 'protection', community, year);
  const common = await openFund(tx, 'JXHY-COMMON', `${grid.name}共有资金（信托制物业）`, 'common', grid);

  const post = async (fundId: string, day: string, entry: { kind: Parameters<typeof postEntry>[3]['kind']; memo: string; lines: Line[]; project?: string; counterparty?: string | null; anonymous?: boolean; receiptNo?: string; approved?: boolean; reversesId?: string }) => {
    const fund = await lockFund(tx, fundId);
    return postEntry(tx, worker, fund, { ...entry, occurredOn: day, approvedBy: entry.approved ? { id: secretary.userId, name: secretary.name } : null });
  };
  const income = (account: string, fen: number): Line[] => [{ account: BANK, amount: BigInt(fen) }, { account, amount: -BigInt(fen) }];
  const spend = (account: string, fen: number): Line[] => [{ account, amount: BigInt(fen) }, { account: BANK, amount: -BigInt(fen) }];

  const months: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const day = (m: string, d: number) => `${m}-${String(d).padStart(2, '0')}`;
  const today = chinaDay(now);
  /** Day `d` of month `m`, or today if that is still to come. */
  const upTo = (m: string, d: number) => (day(m, d) > today ? today : day(m, d));
  let receipt = 0;

  await budgetInTx(tx, worker, { id: common, regionPath: grid.code }, {
    year, resolutionRef: `${grid.name}业主大会 ${year}-1 号决议`, resolutionText: `业主大会表决通过 ${year} 年度物业服务预算（公开预算，按月公示收支）。`, approvedOn: upTo(`${year}-01`, 10),
    lines: [{ label: '保洁', amount: 7_200_000n }, { label: '秩序维护', amount: 9_600_000n }, { label: '绿化', amount: 2_400_000n }, { label: '共用部位维修', amount: 3_600_000n }, { label: '物业服务酬金', amount: 3_000_000n }],
  }, today);

  // Entries are gathered first and booked in date order, as a bookkeeper would have booked them,
  // and none after today: the history ends now.
  const queue: { day: string; seq: number; run: () => Promise<unknown> }[] = [];
  const at = (d: string, run: () => Promise<unknown>) => { queue.push({ day: d, seq: queue.length, run }); };
  at(day(months[0]!, 8), () => post(protection, day(months[0]!, 8), { kind: 'allocation', memo: `${year} 年度社区保障资金拨付`, counterparty: '成华区财政局', lines: income('income:allocations', 20_000_000) }));
  at(day(months[0]!, 10), () => post(development, day(months[0]!, 10), { kind: 'allocation', memo: '社区发展基金种子资金', counterparty: '猛追湾街道办事处', lines: income('income:allocations', 5_000_000) }));
  for (const [i, m] of months.entries()) {
    for (let k = 0; k < rng.int(2, 5); k++) {
      const anonymous = rng.chance(0.25);
      const fen = rng.pick([5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 1_000_000]);
      // Before the 25th, when the month's charity expense is paid from them.
      const d = day(m, rng.int(1, 24));
      const entry = {
        kind: 'donation', memo: rng.pick(['重阳敬老', '助学帮困', '困难家庭帮扶', '社区活动', '不限用途']), counterparty: anonymous ? null : rng.pick(DONORS),
        anonymous, lines: income('income:donations', fen),
      } as const;
      // Receipt numbers follow the order the donations are booked in.
      at(d, () => post(charity, d, { ...entry, receiptNo: `JZ${m.slice(0, 4)}D${String(++receipt).padStart(5, '0')}` }));
    }
    for (const op of OPERATORS) {
      const turnover = BigInt(rng.int(3_000_000, 9_000_000));
      const levy = levyOnTurnover(turnover);
      at(day(m, 5), async () => {
        const posted = await post(development, day(m, 5), { kind: 'levy', memo: `${m} 营业额 ¥${fenToYuan(turnover)} 的 3% 提留`, counterparty: op, lines: [{ account: BANK, amount: levy }, { account: 'income:levies', amount: -levy }] });
        await tx.execute(sql`INSERT INTO fund_turnover_reports (id, fund_id, operator, month, turnover, levy, transaction_id)
          VALUES (${newId()}, ${development}, ${op}, ${`${m}-01`}, ${turnover.toString()}::bigint, ${levy.toString()}::bigint, ${posted.id})`);
      });
    }
    if (i % 3 === 2) at(day(m, 20), () => post(development, day(m, 20), { kind: 'enterprise_profit', memo: '社区社会企业季度税后利润', counterparty: '望平社区生活服务社会企业', lines: income('income:enterprise-profits', rng.int(2_000_000, 4_000_000)) }));
    if (i % 2 === 1) at(day(m, 25), () => post(charity, day(m, 25), { kind: 'expense', memo: rng.pick(['重阳节慰问高龄老人', '困难学生助学金', '邻里节活动物资']), project: rng.pick(['敬老', '助学', '邻里节']), counterparty: '望平社区居委会', approved: true, lines: spend(`expenses:${rng.pick(['助老', '助学', '活动'])}:社区项目`, rng.int(50_000, 300_000)) }));
    at(day(m, 15), () => post(protection, day(m, 15), { kind: 'expense', memo: rng.pick(['楼道照明改造', '院落微更新', '老年助餐补贴', '社区花园维护']), project: rng.pick(['楼道照明', '院落微更新', '助餐', '社区花园']), counterparty: rng.pick(['成都安居照明工程有限公司', '望平社区老年协会', '绿荫园艺']), approved: true, lines: spend(`expenses:${rng.pick(['设施', '环境', '服务'])}:保障项目`, rng.int(300_000, 1_200_000)) }));
    if (i % 4 === 3) at(day(m, 18), () => post(development, day(m, 18), { kind: 'expense', memo: '社区营造项目资助', project: '社区营造', counterparty: '成华区益民社会工作服务中心', approved: true, lines: spend('expenses:服务:社区营造', rng.int(500_000, 1_500_000)) }));

    at(day(m, 3), () => post(common, day(m, 3), { kind: 'property_fee', memo: `${m} 物业费`, counterparty: '全体业主', lines: income('income:property-fees', rng.int(2_300_000, 2_500_000)) }));
    at(day(m, 6), () => post(common, day(m, 6), { kind: 'common_revenue', memo: `${m} 电梯广告收益`, counterparty: '蓉城电梯传媒', project: '电梯广告', lines: income('income:common-revenue:电梯广告', 360_000) }));
    at(day(m, 7), () => post(common, day(m, 7), { kind: 'common_revenue', memo: `${m} 停车收益`, counterparty: '小区停车场', project: '停车', lines: income('income:common-revenue:停车', rng.int(250_000, 320_000)) }));
    for (const [line, fen] of [['保洁', 600_000], ['秩序维护', 800_000], ['绿化', rng.int(150_000, 250_000)], ['物业服务酬金', 250_000]] as const) {
      at(day(m, 26), () => post(common, day(m, 26), { kind: 'expense', memo: `${m} ${line}`, project: line, counterparty: '蓉信物业服务有限公司', approved: true, lines: spend(`expenses:${line}`, fen) }));
    }
    if (rng.chance(0.3)) at(day(m, 20), () => post(common, day(m, 20), { kind: 'expense', memo: '单元门禁维修', project: '共用部位维修', counterparty: '蓉信物业服务有限公司', approved: true, lines: spend('expenses:共用部位维修', rng.int(80_000, 400_000)) }));
  }
  // A mistaken entry and its reversal, as it happens in real books, and the dividend.
  const last = months[months.length - 1]!;
  let wrongId = '';
  at(upTo(last, 2), async () => {
    wrongId = (await post(charity, upTo(last, 2), { kind: 'donation', memo: '重复录入', counterparty: '王建国', receiptNo: `JZ${last.slice(0, 4)}D${String(++receipt).padStart(5, '0')}`, lines: income('income:donations', 10_000) })).id;
  });
  at(upTo(last, 3), () => post(charity, upTo(last, 3), { kind: 'reversal', memo: '冲销：重复录入（同一笔捐赠录了两次）', counterparty: '王建国', reversesId: wrongId,
    lines: [{ account: BANK, amount: -10_000n }, { account: 'income:donations', amount: 10_000n }] }));
  at(upTo(last, 10), async () => {
    const fund = await lockFund(tx, common);
    await dividendInTx(tx, worker, fund, 1_200_000n, `${months[5]} 至 ${last} 公共收益分红（电梯广告、停车）`, upTo(last, 10));
  });
  queue.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.seq - b.seq));
  for (const q of queue) if (q.day <= today) await q.run();
}
