import { sql } from 'drizzle-orm';
import { addDays, chinaDay, maskName } from '@gongzhi/core';
import type { Tx } from '../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../platform/authz/actor.ts';
import { creditServicePoints, officesAlong } from '../features/bank/bank.service.ts';
import { officeAccount, postPoints } from '../features/bank/bank.ledger.ts';
import { addToPriority, insertItem, insertRanking, personAccount, topEarners } from '../features/bank/bank.repository.ts';
import { residentNameOf } from '../features/org/people.service.ts';
import { scheduleYearEnd } from '../features/bank/bank.expiry.service.ts';
import { Rng } from './random.ts';

const CATEGORIES = ['elder_care', 'environment', 'patrol', 'culture'];
const ITEMS: [string, string, number, number][] = [
  ['社区便民超市', '大米 5 公斤', 30, 20],
  ['邻里食堂', '爱心午餐券（一餐）', 5, 50],
  ['便民理发店', '理发一次', 10, 30],
  ['望平社区', '社区书屋借阅卡', 3, 100],
];

/**
 * Demo data for the charity bank (demo people, not real service): half a year of approved service in
 * 望平社区 credited through `creditServicePoints` (the demo resident 13900000013 past the 100-hour
 * unlock, so they can exchange), the community's catalogue and a street branch item, a donation into
 * the pool with two elderly residents living alone on the priority list, last month's honour roll
 * published, and the year-end timer scheduled.
 */
export async function seedBank(tx: Tx, now = new Date()): Promise<void> {
  const [community] = (await tx.execute<{ id: string; code: string }>(sql`SELECT id, code FROM regions WHERE code = '510108001001'`)).rows;
  if (!community) return;
  const [office] = (await officesAlong(tx, community.code)).slice(-1);
  const branch = (await officesAlong(tx, community.code)).find((o) => o.tier === 'branch');
  const demo = (await tx.execute<{ resident_id: string }>(sql`SELECT u.resident_id FROM users u JOIN role_assignments ra ON ra.user_id = u.id
    WHERE ra.role = 'resident' AND u.resident_id IS NOT NULL LIMIT 1`)).rows[0]?.resident_id;
  const people = (await tx.execute<{ id: string; region_path: string; tags: string[] }>(sql`SELECT id, region_path, tags FROM residents
    WHERE region_path LIKE '510108001001%' AND moved_out_at IS NULL AND id NOT IN (SELECT resident_id FROM users WHERE resident_id IS NOT NULL) AND birth_date < ${addDays(chinaDay(now), -18 * 366)}::date ORDER BY id LIMIT 400`)).rows;
  const rng = new Rng(17);
  const volunteers = people.filter((p) => !p.tags.includes('elderly_alone')).slice(0, 24);
  let n = 0;
  for (let monthsAgo = 5; monthsAgo >= 0; monthsAgo--) {
    const at = new Date(now.getTime() - monthsAgo * 30 * 86_400_000 - 3 * 86_400_000);
    for (const v of volunteers) {
      if (!rng.chance(0.6)) continue;
      await creditServicePoints(tx, SYSTEM_ACTOR, { personId: v.id, regionPath: v.region_path, minutes: rng.int(2, 10) * 30, categoryCode: rng.pick(CATEGORIES), sourceId: `demo-service-${++n}` }, at);
    }
    if (demo) {
      const path = (await tx.execute<{ p: string }>(sql`SELECT region_path AS p FROM residents WHERE id = ${demo}`)).rows[0]!.p;
      await creditServicePoints(tx, SYSTEM_ACTOR, { personId: demo, regionPath: path, minutes: 1_100, categoryCode: 'elder_care', sourceId: `demo-service-resident-${monthsAgo}` }, at);
    }
  }
  for (const [provider, title, price, stock] of ITEMS) {
    await insertItem(tx, { officeId: office!.id, regionPath: office!.regionPath, districtCode: office!.districtCode, provider, title, price: BigInt(price), stock, perPersonLimit: 2, active: true });
  }
  if (branch) await insertItem(tx, { officeId: branch.id, regionPath: branch.regionPath, districtCode: branch.districtCode, provider: '街道综合文化站', title: '电影票（两张）', price: 20n, stock: 10, perPersonLimit: 1, active: true });
  // One volunteer gives part of their points to the pool; the elderly living alone are first on the list.
  const alone = people.filter((p) => p.tags.includes('elderly_alone')).slice(0, 2);
  for (const p of alone) await addToPriority(tx, office!, p.id, p.region_path, '独居老人');
  const donor = volunteers[0];
  if (donor) {
    const account = await personAccount(tx, donor.id, true);
    if (account && account.balance >= 2n) {
      await postPoints(tx, SYSTEM_ACTOR, { kind: 'donate', office: office!, memo: '捐入公益积分池', personId: donor.id, occurredOn: chinaDay(now),
        lines: [{ account, amount: -2n }, { account: await officeAccount(tx, office!, 'pool'), amount: 2n }] });
    }
  }
  // Last month's roll, published as staff would.
  const thisMonth = chinaDay(now).slice(0, 7);
  const last = addDays(`${thisMonth}-01`, -1).slice(0, 7);
  const top = await topEarners(tx, office!.regionPath, `${last}-01`, `${thisMonth}-01`, residentNameOf);
  await insertRanking(tx, top.map((t, i) => ({ regionName: office!.name, regionPath: office!.regionPath, districtCode: office!.districtCode, month: last, rank: i + 1,
    maskedName: t.name ? maskName(t.name) : '***', points: BigInt(t.points), publishedAt: now })));
  await scheduleYearEnd(tx, Number(chinaDay(now).slice(0, 4)));
}
