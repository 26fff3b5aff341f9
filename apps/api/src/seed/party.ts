import { and, asc, eq, like } from 'drizzle-orm';
import { chinaDay } from '@gongzhi/core';
import type { Tx } from '../platform/db/client.ts';
import { users } from '../platform/auth/auth.table.ts';
import { roleAssignments } from '../platform/authz/authz.table.ts';
import { regions, residents } from '../features/org/org.table.ts';
import { partyClaims, partyNeeds, partyRankingRows, partyRankings, partyReports } from '../features/party/party.table.ts';
import { insertEntry, lockAccount } from '../features/party/party.repository.ts';
import { cardNumber, DEFAULT_CATALOGUE, DEFAULT_FLAG_ON, rankBoards } from '../features/party/party.policy.ts';
import { flagDue, scheduleFlag } from '../features/party/party.flag.service.ts';

const DAY = 86_400_000;

/**
 * The demo's party members' service in 望平社区: four members of the grid (not the demo accounts, so
 * the demo party member can still report) confirmed with cards, needs with claims and services done
 * earlier this year, their points, last half-year's published red and black lists, and the yearly
 * flag timer of the district.
 */
export async function seedParty(tx: Tx, now = new Date()): Promise<void> {
  const [pm] = await tx.select({ regionId: roleAssignments.regionId }).from(roleAssignments).where(eq(roleAssignments.role, 'party_member')).limit(1);
  const [grid] = pm?.regionId ? await tx.select().from(regions).where(eq(regions.id, pm.regionId)) : [];
  const [community] = grid?.parentId ? await tx.select().from(regions).where(eq(regions.id, grid.parentId)) : [];
  const [secretary] = await tx.select({ id: users.id, name: users.name }).from(users).innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(eq(roleAssignments.role, 'community_secretary'))).limit(1);
  if (!grid || !community || !secretary) return;
  const linked = new Set((await tx.select({ id: users.residentId }).from(users)).flatMap((u) => (u.id ? [u.id] : [])));
  const people = (await tx.select({ id: residents.id, name: residents.name }).from(residents).where(like(residents.regionPath, `${grid.code}%`))
    .orderBy(asc(residents.name)).limit(40)).filter((p) => !linked.has(p.id)).slice(-4);
  const year = Number(chinaDay(now).slice(0, 4));
  const place = { regionPath: community.code, districtCode: community.districtCode };
  const branches = [
    { employer: '成都市第三人民医院', org: '市三医院门诊党支部', contact: '刘老师 028-61318000' },
    { employer: '武侯区税务局', org: '区税务局第二党支部', contact: '陈老师 028-85550123' },
  ];
  const skills = ['健康咨询、量血压', '政策宣讲、帮办事', '书法、写春联', '电脑维修'];
  const reports: (typeof partyReports.$inferSelect)[] = [];
  for (const [i, p] of people.entries()) {
    const b = branches[i % 2]!;
    const [r] = await tx.insert(partyReports).values({
      residentId: p.id, userId: null, ...place, name: p.name, employer: b.employer, employerPartyOrg: b.org, employerPartyContact: b.contact, skills: skills[i]!,
      state: 'confirmed', cardNo: cardNumber(community.code, year, i + 1), handledBy: secretary.id, handledAt: new Date(now.getTime() - (200 - i) * DAY),
      createdAt: new Date(now.getTime() - (201 - i) * DAY),
    }).returning();
    reports.push(r!);
  }
  const needs = [
    { kind: 'post', category: 'elderly', title: '独居老人周末探访', description: '每周六上午陪独居老人聊天、检查水电气', whenText: '每周六 9:00–11:00', places: 4 },
    { kind: 'task', category: 'environment', title: '小区楼道清理', description: '清理 3 栋、5 栋楼道堆放物', whenText: '本月第二个周日上午', places: 6 },
    { kind: 'task', category: 'culture', title: '新春写春联送福', description: '为居民写春联', whenText: '腊月廿三 14:00', places: 3 },
  ] as const;
  const made = [];
  for (const [i, n] of needs.entries()) {
    const [row] = await tx.insert(partyNeeds).values({ ...place, ...n, createdBy: secretary.id, createdAt: new Date(now.getTime() - (150 - i * 40) * DAY) }).returning();
    made.push(row!);
  }
  const actor = { userId: secretary.id, name: secretary.name };
  const totals = new Map<string, bigint>();
  const post = async (r: (typeof reports)[number], rule: { code: string; label: string; points: number }, reason: string, at: Date, claimId?: string) => {
    await postEntry(tx, actor, r, rule, reason, at, claimId);
    totals.set(r.id, (totals.get(r.id) ?? 0n) + BigInt(rule.points));
  };
  const serviceRule = DEFAULT_CATALOGUE[0]!;
  // Earlier this year (China time) and in the first half, so these entries count for the year and the published list.
  const doneAt = (k: number) => new Date(Math.max(new Date(`${year}-01-05T02:00:00Z`).getTime(), Math.min(now.getTime() - 30 * DAY, new Date(`${year}-06-20T02:00:00Z`).getTime()) - k * 9 * DAY));
  for (const [i, r] of reports.entries()) {
    for (let k = 0; k < 3 - (i % 3); k++) {
      const need = made[k % 2]!;
      const at = doneAt(k + i);
      const [claim] = await tx.insert(partyClaims).values({ needId: need.id, reportId: r.id, ...place, state: 'done', doneOn: chinaDay(at), doneBy: secretary.id, createdAt: at })
        .onConflictDoNothing().returning();
      if (!claim) continue;
      await tx.update(partyNeeds).set({ claimed: need.claimed + 1 }).where(eq(partyNeeds.id, need.id));
      need.claimed += 1;
      await post(r, serviceRule, need.title, at, claim.id);
    }
  }
  await post(reports[3]!, DEFAULT_CATALOGUE[1]!, '主题党日未请假缺席', doneAt(1));
  // The first half's lists, published, so the public page shows what they look like; the entries
  // above all fall in that half. Before July there is no finished half of this year to publish.
  if (Number(chinaDay(now).slice(5, 7)) > 6 && reports.length) {
    const [ranking] = await tx.insert(partyRankings).values({
      ...place, communityName: community.name, year, half: 1, size: 2, publishedBy: secretary.id, publishedAt: new Date(`${year}-07-03T02:00:00Z`),
    }).returning();
    const lines = rankBoards(reports.map((r) => ({ name: r.name, points: totals.get(r.id) ?? 0n })), 2);
    await tx.insert(partyRankingRows).values(lines.map((l) => ({ rankingId: ranking!.id, ...l })));
  }
  // The next flag date ahead (a past one would fire at once in every test that runs due timers).
  await scheduleFlag(tx, community.districtCode, flagDue(year, DEFAULT_FLAG_ON) > now ? year : year + 1);
}

/** One points entry, member against branch, as the service posts it. */
async function postEntry(tx: Tx, actor: { userId: string; name: string }, r: typeof partyReports.$inferSelect, rule: { code: string; label: string; points: number }, reason: string, at: Date, claimId?: string) {
  const year = Number(chinaDay(at).slice(0, 4));
  const place = { regionPath: r.regionPath, districtCode: r.districtCode, branch: r.employerPartyOrg, year };
  const member = await lockAccount(tx, { key: `member:${r.residentId}:${year}`, kind: 'member', reportId: r.id, ...place });
  const branch = await lockAccount(tx, { key: `branch:${r.regionPath}:${r.employerPartyOrg}:${year}`, kind: 'branch', ...place });
  const points = BigInt(rule.points);
  await insertEntry(tx, {
    regionPath: r.regionPath, districtCode: r.districtCode, reportId: r.id, year, rule: rule.code, ruleLabel: rule.label, points, reason,
    claimId: claimId ?? null, createdBy: actor.userId, createdByName: actor.name, createdAt: at,
  }, [{ accountId: member.id, amount: points }, { accountId: branch.id, amount: -points }]);
}
