import { addDays, startOfChinaDay } from '@gongzhi/core';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { cancelTimers, schedule } from '../../platform/jobs/scheduler.ts';
import { communityOf } from './party.policy.ts';
import { holdersAt, recordFlag, unreportedMembers } from './party.repository.ts';
import { communityNames, districtSettings } from './party.community.ts';

/** The timer that flags, once a year per district, the members who had not reported by the flag date. */
export const PARTY_FLAG_TIMER = 'party.flag_unreported';

/** When a district's flag fires in `year`: the end of its flag day (China time). */
export const flagDue = (year: number, flagOn: string): Date => startOfChinaDay(addDays(`${year}-${flagOn}`, 1));

/** (Re)schedules a district's flag for `year` at its flag date, replacing a pending one. */
export async function scheduleFlag(tx: DbOrTx, districtCode: string, year: number): Promise<void> {
  const subjectId = `${districtCode}:${year}`;
  await cancelTimers(tx, PARTY_FLAG_TIMER, subjectId);
  await schedule(tx, { kind: PARTY_FLAG_TIMER, subjectId, dueAt: flagDue(year, (await districtSettings(tx, districtCode)).flagOn), payload: { districtCode, year } });
}

/**
 * Flags to each community's secretary the party members living there (by their grant) who have no
 * pending or confirmed report: one inbox message per secretary listing them. Once per community and
 * year: a second run finds the flag recorded and sends nothing. Returns how many communities were flagged.
 */
export async function flagUnreported(tx: Tx, actor: Actor, districtCode: string, year: number): Promise<number> {
  const people = await unreportedMembers(tx, districtCode);
  const byCommunity = new Map<string, { name: string; userId: string }[]>();
  for (const p of people) {
    const c = p.regionPath ? communityOf(p.regionPath) : undefined;
    if (!c) continue;
    byCommunity.set(c, [...(byCommunity.get(c) ?? []), { name: p.name, userId: p.userId }]);
  }
  const names = await communityNames(tx, [...byCommunity.keys()]);
  let flagged = 0;
  for (const [community, list] of byCommunity) {
    if (!(await recordFlag(tx, { regionPath: community, districtCode, year, members: list.length }))) continue;
    flagged++;
    for (const secretary of await holdersAt(tx, 'community_secretary', community)) {
      await enqueue(tx, {
        channel: 'inbox', template: 'party.unreported', recipientUserId: secretary,
        payload: {
          year, community: names.get(community) ?? community, count: list.length, names: list.map((m) => m.name),
          // The inbox's generic rendering shows the title: the list itself, for the secretary to follow up.
          title: `${year}年尚未到社区报到的党员 ${list.length} 人：${list.map((m) => m.name).join('、')}`,
        },
      });
    }
    await audit(tx, actor, { action: 'party.flag_unreported', subjectType: 'party_flag', subjectId: null, regionPath: community, details: { year, count: list.length } });
  }
  return flagged;
}
