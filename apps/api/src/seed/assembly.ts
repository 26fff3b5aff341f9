import { asc, eq } from 'drizzle-orm';
import { matterMajority, type AssemblyMatterKind } from '@gongzhi/core';
import { ASSEMBLY_RESULTS_DAYS } from '@gongzhi/contracts';
import type { Tx } from '../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../platform/authz/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import { schedule } from '../platform/jobs/scheduler.ts';
import { regions } from '../features/org/org.table.ts';
import { assemblies, assemblyMatters } from '../features/assembly/assembly.table.ts';
import { ASSEMBLY_CLOSE_TIMER, writeRoll } from '../features/assembly/assembly.service.ts';

const DAY = 86_400_000;

/**
 * The demo city's owners' assembly: the first compound (锦绣花园, where the demo owner lives),
 * noticed 20 days ago, voting for three days and for twelve more, with no ballots cast yet. Its
 * roll is frozen from the generated registry exactly as opening it by hand would.
 */
export async function seedAssembly(tx: Tx, now = new Date()): Promise<void> {
  const [grid] = await tx.select().from(regions).where(eq(regions.level, 'grid')).orderBy(asc(regions.code)).limit(1);
  if (!grid) return;
  const opensAt = new Date(now.getTime() - 3 * DAY);
  const closesAt = new Date(now.getTime() + 12 * DAY);
  const [a] = await tx.insert(assemblies).values({
    regionId: grid.id, regionPath: grid.code, districtCode: grid.districtCode, state: 'noticed',
    title: `${grid.name.replace(/网格$/, '')}2026年第一次业主大会`,
    description: '依据《民法典》第二百七十八条召开。线上投票请在手机上登录后进入“业主大会”；纸质选票请交物业服务中心，由社区工作人员录入并附扫描件。',
    noticedAt: new Date(now.getTime() - 20 * DAY), opensAt, closesAt,
    resultsDueAt: new Date(closesAt.getTime() + ASSEMBLY_RESULTS_DAYS * DAY), createdByUserId: SYSTEM_ACTOR.userId,
  }).returning();
  const matters: [AssemblyMatterKind, string, string][] = [
    ['property_manager', '续聘现物业服务企业三年', '合同期满，拟按原服务标准和收费标准续聘。'],
    ['use_maintenance_fund', '使用专项维修资金更换 2 栋电梯', '预算 48.6 万元，按 2 栋各户专有面积分摊。'],
    ['change_common_use', '利用小区入口共有场地设置快递柜并收取场地费', '场地费收入进入共有资金账户，每年公布收支。'],
  ];
  await tx.insert(assemblyMatters).values(matters.map(([kind, title, description], i) => ({
    assemblyId: a!.id, position: i + 1, kind, majority: matterMajority(kind), title, description,
  })));
  // The owners were told when it opened, before the demo began: no notices are queued now.
  const roll = await writeRoll(tx, a!, { notify: false });
  await tx.update(assemblies).set({ state: 'voting', openedAt: opensAt, eligibleOwners: roll.owners, eligibleAreaCentiM2: roll.area })
    .where(eq(assemblies.id, a!.id));
  await schedule(tx, { kind: ASSEMBLY_CLOSE_TIMER, subjectId: a!.id, dueAt: closesAt });
  await audit(tx, SYSTEM_ACTOR, { action: 'seed.assembly', subjectType: 'assembly', subjectId: a!.id, regionPath: grid.code });
}
