import { and, asc, eq, ne } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.ts';
import { SYSTEM_ACTOR, type Actor } from '../platform/authz/actor.ts';
import { users } from '../platform/auth/auth.table.ts';
import { roleAssignments } from '../platform/authz/authz.table.ts';
import { regions } from '../features/org/org.table.ts';
import { activitySignups } from '../features/activities/activities.table.ts';
import { insertCategories } from '../features/activities/activities.repository.ts';
import { createActivityFor } from '../features/activities/activities.service.ts';

const DAY = 86_400_000;

/**
 * The shared service-category menu: five groups and their items, after the pattern of Wuhan's
 * volunteer service menu (5 groups / 34 items), shortened to what a demo needs. Districts add their own.
 */
export const CATEGORY_MENU: { code: string; zh: string; en: string; items: [string, string, string][] }[] = [
  { code: 'care', zh: '关爱帮扶', en: 'Care and support', items: [['care.elderly', '关爱老人', 'Elderly care'], ['care.children', '儿童关爱', 'Children'], ['care.disabled', '助残服务', 'Help for the disabled']] },
  { code: 'culture', zh: '文体活动', en: 'Culture and sport', items: [['culture.arts', '文艺演出', 'Performances'], ['culture.sport', '体育健身', 'Sport and fitness'], ['culture.reading', '读书分享', 'Reading']] },
  { code: 'environment', zh: '环境治理', en: 'Environment', items: [['environment.sorting', '垃圾分类', 'Waste sorting'], ['environment.green', '绿化美化', 'Greening'], ['environment.clean', '清洁家园', 'Clean-up']] },
  { code: 'safety', zh: '平安建设', en: 'Safety', items: [['safety.patrol', '治安巡逻', 'Patrols'], ['safety.fire', '消防宣传', 'Fire safety'], ['safety.fraud', '反诈宣传', 'Anti-fraud']] },
  { code: 'convenience', zh: '便民服务', en: 'Everyday services', items: [['convenience.clinic', '义诊咨询', 'Free clinic'], ['convenience.repair', '家电维修', 'Repairs'], ['convenience.haircut', '爱心理发', 'Haircuts']] },
];

/**
 * The category menu, and a few activities in the demo residents' community organised by the demo
 * community worker (and one in a neighbouring community): a clinic in three days (the demo resident has a place), a clean-up next week and
 * a reading afternoon that took place last week with its attendance.
 */
export async function seedActivities(tx: Tx, now = new Date()): Promise<void> {
  let sort = 0;
  await insertCategories(tx, CATEGORY_MENU.flatMap((g) => [
    { code: g.code, nameZh: g.zh, nameEn: g.en, parentCode: null, sort: sort++ },
    ...g.items.map(([code, zh, en]) => ({ code, nameZh: zh, nameEn: en, parentCode: g.code, sort: sort++ })),
  ]));
  const [worker] = await tx.select({ id: users.id, name: users.name, regionId: roleAssignments.regionId, regionPath: roleAssignments.regionPath })
    .from(users).innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'community_worker')).limit(1);
  const [resident] = await tx.select({ id: users.id, name: users.name, residentId: users.residentId }).from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(and(eq(roleAssignments.role, 'resident'))).limit(1);
  if (!worker?.regionId || !worker.regionPath) return;
  const [community] = await tx.select().from(regions).where(eq(regions.id, worker.regionId));
  if (!community) return;
  const [neighbour] = await tx.select().from(regions).where(and(eq(regions.level, 'community'), ne(regions.id, community.id))).orderBy(asc(regions.code)).limit(1);
  const actor: Actor = { ...SYSTEM_ACTOR, userId: worker.id, name: worker.name, grants: [{ role: 'community_worker', regionPath: worker.regionPath, organisationId: null }] };
  const at = (days: number, hour: number) => {
    const d = new Date(now.getTime() + days * DAY);
    // Hours in China time (UTC+8), on the hour.
    d.setUTCHours(hour - 8, 0, 0, 0);
    return d;
  };
  const base = { regionId: community.id, organiserKind: 'community' as const, organiserName: `${community.name}社区居委会`, audience: 'residents' as const,
    creditsHours: true, maxCreditedMinutes: 120, cancelUntilMinutes: 120, reminderHours: 24, organiserId: null, spaceId: null };
  if (neighbour) {
    // A neighbouring community's activity: not in the demo residents' lists, on its own community's calendar.
    await createActivityFor(tx, SYSTEM_ACTOR, { ...base, regionId: neighbour.id, organiserName: `${neighbour.name}社区居委会`, title: '防诈骗知识讲座',
      description: '民警讲解常见电信诈骗手法。', address: `${neighbour.name}党群服务中心`, startsAt: at(4, 19).toISOString(), endsAt: at(4, 20).toISOString(),
      capacity: 60, categoryCode: 'safety.fraud' }, now);
  }
  const clinic = await createActivityFor(tx, actor, { ...base, title: '社区义诊：量血压、测血糖', description: '社区卫生服务中心医生坐诊，请带上医保卡和近期病历。',
    address: `${community.name}党群服务中心一楼`, startsAt: at(3, 9).toISOString(), endsAt: at(3, 11).toISOString(), capacity: 40, categoryCode: 'convenience.clinic' }, now);
  await createActivityFor(tx, actor, { ...base, title: '清洁家园志愿活动', description: '清理楼道堆物和绿化带垃圾，工具由社区提供。', audience: 'anyone',
    address: `${community.name}小区南门集合`, startsAt: at(6, 15).toISOString(), endsAt: at(6, 17).toISOString(), capacity: 20, categoryCode: 'environment.clean' }, now);
  const reading = await createActivityFor(tx, actor, { ...base, title: '亲子读书会', description: '绘本共读与手工，适合 4-10 岁儿童和家长。', creditsHours: false,
    address: `${community.name}社区图书室`, startsAt: at(-7, 14).toISOString(), endsAt: at(-7, 16).toISOString(), capacity: 15, categoryCode: 'culture.reading' }, now);
  if (!resident?.residentId) return;
  const person = { personId: resident.residentId, userId: resident.id, name: resident.name, regionPath: community.code, districtCode: community.districtCode };
  await tx.insert(activitySignups).values([
    { ...person, activityId: clinic.id, status: 'confirmed', queuedAt: new Date(now.getTime() - DAY) },
    { ...person, activityId: reading.id, status: 'confirmed', queuedAt: at(-9, 10), checkedInAt: at(-7, 14), checkedOutAt: at(-7, 16) },
  ]);
}
