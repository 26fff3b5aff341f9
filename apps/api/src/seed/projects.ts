import { eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.ts';
import { users } from '../platform/auth/auth.table.ts';
import { roleAssignments } from '../platform/authz/authz.table.ts';
import { regions } from '../features/org/org.table.ts';
import { projectCosigns, projectRounds, projects, type ProjectClass, type ProjectStatus } from '../features/projects/projects.table.ts';

const DAY = 86_400_000;

/**
 * The demo community's projects: last year's round, resolved and published (what the public page
 * shows), and this year's proposals waiting for the party organisation to sort them, co-signed by
 * the demo owner. The demo resident's own proposal links no request (the browser test makes one).
 */
export async function seedProjects(tx: Tx, now = new Date()): Promise<void> {
  const [home] = await tx.select({ userId: users.id, regionPath: roleAssignments.regionPath }).from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'resident')).limit(1);
  const [owner] = await tx.select({ userId: users.id }).from(users).innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'owner')).limit(1);
  const [secretary] = await tx.select({ userId: users.id }).from(users).innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'community_secretary')).limit(1);
  if (!home?.regionPath || !secretary) return;
  const [community] = await tx.select().from(regions).where(eq(regions.code, home.regionPath.slice(0, 12)));
  if (!community) return;
  const place = { communityId: community.id, regionPath: community.code, districtCode: community.districtCode };
  const lastYear = new Date(Date.UTC(now.getUTCFullYear() - 1, 9, 15));
  const [round] = await tx.insert(projectRounds).values({
    ...place, year: lastYear.getUTCFullYear(), budgetFen: 30_000_000n, rule: 'greedy', status: 'published', createdBy: secretary.userId,
    selectedIds: [], spentFen: 26_500_000n, leftFen: 3_500_000n, ballotCount: 412, createdAt: lastYear,
  }).returning();
  const row = (title: string, cls: ProjectClass, area: string, costFen: bigint, status: ProjectStatus, extra: Partial<typeof projects.$inferInsert>) => ({
    ...place, title, class: cls, priorityArea: area, costFen, status, summary: title, reason: '居民议事会征集的意见', beneficiaries: '本社区居民', ...extra,
  });
  const done = await tx.insert(projects).values([
    row('老旧院落雨污分流改造', 'hardware', '生态环境整治', 18_000_000n, 'published', { summary: '锦绣花园3个院落雨污管网分流', reason: '雨季污水倒灌', voteCount: 301, roundId: round!.id, createdAt: new Date(lastYear.getTime() - 40 * DAY) }),
    row('长者助餐点', 'service', '党组织服务群众', 8_500_000n, 'published', { summary: '委托社会组织运营社区食堂助餐服务', reason: '独居老人吃饭难', voteCount: 356, roundId: round!.id, createdAt: new Date(lastYear.getTime() - 39 * DAY) }),
    row('社区运动会', 'residents', '社区总体营造', 4_000_000n, 'not_selected', { voteCount: 120, roundId: round!.id, createdAt: new Date(lastYear.getTime() - 38 * DAY) }),
  ]).returning({ id: projects.id });
  await tx.update(projectRounds).set({ selectedIds: done.slice(0, 2).map((d) => d.id) }).where(eq(projectRounds.id, round!.id));
  const open = await tx.insert(projects).values([
    row('楼道声控灯更换', 'service', '社区总体营造', 1_200_000n, 'proposed', { summary: '更换3至6栋楼道声控灯', reason: '老人夜间上下楼看不清', proposerUserId: home.userId, cosignCount: owner ? 1 : 0, createdAt: new Date(now.getTime() - 6 * DAY) }),
    row('垃圾分类督导员', 'residents', '生态环境整治', 600_000n, 'proposed', { summary: '居民志愿者轮流在投放点督导', reason: '混投严重', proposerUserId: owner?.userId ?? null, createdAt: new Date(now.getTime() - 4 * DAY) }),
  ]).returning({ id: projects.id });
  if (owner) await tx.insert(projectCosigns).values({ projectId: open[0]!.id, userId: owner.userId });
}
