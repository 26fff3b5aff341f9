import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { noticeWindowEnd } from '@gongzhi/core';
import type { Tx } from '../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../platform/authz/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import { schedule } from '../platform/jobs/scheduler.ts';
import { users } from '../platform/auth/auth.table.ts';
import { roleAssignments } from '../platform/authz/authz.table.ts';
import { organisations, regions, residents } from '../features/org/org.table.ts';
import {
  councilAgendaItems, councilAttendance, councilMeetingAgenda, councilMeetings, councilMinutes, councilMotions, councilResolutions,
  councils, councilSeats, councilVotes, type SeatKind,
} from '../features/councils/councils.table.ts';
import { RESOLUTION_NOTICE } from '../features/councils/notice.service.ts';
import { NOTICE_WINDOW_TIMER } from '../features/notices/notices.service.ts';
import { notices } from '../features/notices/notices.table.ts';

const DAY = 86_400_000;
const TERM = { termStart: '2025-01-01', termEnd: '2027-12-31' };
const RULES = { quorum: 'more_than_half', majority: 'simple', noticeHours: 72, publicNoticeDays: 5 } as const;

/**
 * The demo city's councils: 锦绣花园 grid council (where the demo residents live; the demo party
 * member holds a seat), its community's council and one building council, with agenda items and
 * a meeting held last week whose resolution is on the public notice board now.
 */
export async function seedCouncils(tx: Tx, now = new Date()): Promise<void> {
  const [pm] = await tx.select({ residentId: users.residentId, regionId: roleAssignments.regionId }).from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'party_member')).limit(1);
  if (!pm?.regionId || !pm.residentId) return;
  const [grid] = await tx.select().from(regions).where(eq(regions.id, pm.regionId));
  const [community] = grid?.parentId ? await tx.select().from(regions).where(eq(regions.id, grid.parentId)) : [];
  const [building] = grid ? await tx.select().from(regions).where(and(eq(regions.parentId, grid.id), eq(regions.level, 'microgrid'))).orderBy(asc(regions.code)).limit(1) : [];
  if (!grid || !community || !building) return;
  const linked = (await tx.select({ id: users.residentId }).from(users)).flatMap((u) => (u.id ? [u.id] : []));
  const people = (await tx.select({ id: residents.id, name: residents.name, regionPath: residents.regionPath }).from(residents)
    .where(like(residents.regionPath, `${grid.code}%`)).orderBy(asc(residents.id)).limit(60)).filter((p) => !linked.includes(p.id));
  const [me] = await tx.select({ id: residents.id, name: residents.name }).from(residents).where(eq(residents.id, pm.residentId));
  const [company] = await tx.select().from(organisations).where(inArray(organisations.kind, ['property_company', 'resident_unit'])).limit(1);

  const make = async (kind: 'grid' | 'community' | 'building', r: typeof grid, name: string) => (await tx.insert(councils).values({
    kind, name, regionId: r.id, regionPath: r.code, districtCode: r.districtCode, cosignThreshold: kind === 'community' ? 20 : 5, ...RULES,
  }).returning())[0]!;
  const gridCouncil = await make('grid', grid, `${grid.name.replace(/网格$/, '')}小组议事会`);
  const communityCouncil = await make('community', community, `${community.name}居民议事会`);
  const buildingCouncil = await make('building', building, `${building.name.replace(/微网格$/, '')}楼栋议事会`);

  const seat = async (councilId: string, kind: SeatKind, holder: { residentId?: string; organisationId?: string; name: string }, scope: typeof grid) =>
    (await tx.insert(councilSeats).values({
      councilId, regionPath: scope.code, districtCode: scope.districtCode, kind, residentId: holder.residentId ?? null,
      organisationId: holder.organisationId ?? null, holderName: holder.name, ...TERM,
    }).returning())[0]!;
  const gridSeats = [await seat(gridCouncil.id, 'party_member', { residentId: me!.id, name: me!.name }, grid)];
  const kinds: SeatKind[] = ['resident_rep', 'resident_rep', 'owners_committee', 'resident_rep', 'resident_rep'];
  for (const [i, kind] of kinds.entries()) gridSeats.push(await seat(gridCouncil.id, kind, { residentId: people[i]!.id, name: people[i]!.name }, grid));
  if (company) gridSeats.push(await seat(gridCouncil.id, company.kind === 'property_company' ? 'property_company' : 'resident_unit', { organisationId: company.id, name: company.name }, grid));
  for (const p of people.slice(6, 11)) await seat(communityCouncil.id, 'resident_rep', { residentId: p.id, name: p.name }, community);
  for (const p of people.filter((x) => x.regionPath.startsWith(building.code)).slice(0, 5)) await seat(buildingCouncil.id, 'resident_rep', { residentId: p.id, name: p.name }, building);

  const item = async (source: 'proposal' | 'party', title: string, state: 'collecting' | 'open' | 'resolved', signatures = 0) => (await tx.insert(councilAgendaItems).values({
    councilId: gridCouncil.id, regionPath: grid.code, districtCode: grid.districtCode, source, title, state,
    cosignThreshold: source === 'proposal' ? gridCouncil.cosignThreshold : 0, cosignCount: signatures,
  }).returning())[0]!;
  const resolved = await item('proposal', '在小区北门加装非机动车集中充电棚', 'resolved', 6);
  await item('proposal', '周末晚间广场舞音量与时段约定', 'collecting', 2);
  await item('party', '党员志愿服务岗按周轮值安排', 'open');

  // Last week's meeting: five of seven members signed in, the proposal passed 4–1, minutes approved.
  const held = new Date(now.getTime() - 6 * DAY);
  const [meeting] = await tx.insert(councilMeetings).values({
    councilId: gridCouncil.id, regionPath: grid.code, districtCode: grid.districtCode, title: '11月小组议事会', location: '社区党群服务中心二楼会议室',
    noticeAt: new Date(held.getTime() - 4 * DAY), startsAt: held, state: 'closed', closedAt: new Date(held.getTime() + 2 * 3_600_000),
  }).returning();
  await tx.insert(councilMeetingAgenda).values({ meetingId: meeting!.id, agendaItemId: resolved.id, position: 0 });
  const present = gridSeats.slice(0, 5);
  await tx.insert(councilAttendance).values(present.map((s) => ({ meetingId: meeting!.id, seatId: s.id, signedAt: held })));
  const text = '同意在小区北门空地加装非机动车集中充电棚（20 个充电位），由物业公司实施，充电按度计费，收支每季度公示。';
  const [motion] = await tx.insert(councilMotions).values({
    meetingId: meeting!.id, agendaItemId: resolved.id, text, majority: 'simple', state: 'closed', result: 'passed', presentAtClose: 5, closedAt: held,
  }).returning();
  await tx.insert(councilVotes).values(present.map((s, i) => ({ motionId: motion!.id, seatId: s.id, choice: i === 4 ? 'against' as const : 'for' as const, castAt: held })));
  await tx.insert(councilMinutes).values({
    meetingId: meeting!.id, version: 1, state: 'approved', authorName: '社区工作者', approvedAt: new Date(held.getTime() + DAY),
    body: '应到 7 人，实到 5 人，达到法定人数。议题：加装非机动车充电棚。表决：同意 4 票，反对 1 票，通过。反对意见：担心占用消防通道，已请物业现场复核。',
  });
  const publishedAt = new Date(now.getTime() - DAY);
  const windowEndsAt = noticeWindowEnd(publishedAt, RULES.publicNoticeDays);
  const [resolution] = await tx.insert(councilResolutions).values({
    councilId: gridCouncil.id, meetingId: meeting!.id, motionId: motion!.id, agendaItemId: resolved.id, regionPath: grid.code, districtCode: grid.districtCode,
    title: resolved.title, text, state: 'published', noticeDays: RULES.publicNoticeDays, publishedAt, windowEndsAt,
  }).returning();
  // On the shared notice board (公示), with the window's timer, as publishing it would have done.
  const [notice] = await tx.insert(notices).values({
    kind: RESOLUTION_NOTICE, subjectId: resolution!.id, regionPath: grid.code, districtCode: grid.districtCode, regionId: grid.id,
    title: resolved.title, body: text, workingDays: RULES.publicNoticeDays, publishedAt, windowEndsAt, state: 'open',
  }).returning();
  await schedule(tx, { kind: NOTICE_WINDOW_TIMER, subjectId: notice!.id, dueAt: windowEndsAt });
  await audit(tx, SYSTEM_ACTOR, { action: 'seed.councils', subjectType: 'council', subjectId: gridCouncil.id, regionPath: grid.code, details: { councils: 3, resolutionId: resolution!.id } });
}
