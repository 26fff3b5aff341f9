import type { z } from 'zod';
import { addDays, chinaDay } from '@gongzhi/core';
import type { RankingView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { residentNameOf } from '../org/people.service.ts';
import { insertRanking, isPublished, topEarners } from './bank.repository.ts';
import { officeInScope } from './bank.order.service.ts';
import { publicName } from './bank.read.service.ts';

/** The first day of the month after `month` (YYYY-MM). */
const nextMonthStart = (month: string): string => `${addDays(`${month}-28`, 4).slice(0, 7)}-01`;

/** The top earners of a month over a region's subtree, as they would be published (names masked). */
export async function draftRanking(db: Db, actor: Actor, regionId: string, month: string): Promise<z.infer<typeof RankingView>> {
  const office = await officeInScope(db, actor, regionId, 'bank.read');
  const top = await topEarners(db, office.regionPath, `${month}-01`, nextMonthStart(month), residentNameOf);
  return { region: office.name, month, publishedAt: '', rows: top.map((t, i) => ({ rank: i + 1, name: publicName(t.name), points: String(t.points) })) };
}

/**
 * Publishes a month's honour roll for a region: freezes the top earners into `bank_rankings`, so later
 * corrections do not change what was announced. A month is published once, and only after it ended.
 */
export async function publishRanking(db: Db, actor: Actor, input: { regionId: string; month: string }, now: Date): Promise<z.infer<typeof RankingView>> {
  const office = await officeInScope(db, actor, input.regionId, 'bank.manage');
  if (nextMonthStart(input.month) > chinaDay(now)) throw new AppError('BANK_MONTH_OPEN');
  return db.transaction(async (tx) => {
    if (await isPublished(tx, office.regionPath, input.month)) throw new AppError('BANK_RANKING_PUBLISHED');
    const top = await topEarners(tx, office.regionPath, `${input.month}-01`, nextMonthStart(input.month), residentNameOf);
    await insertRanking(tx, top.map((t, i) => ({ regionName: office.name, regionPath: office.regionPath, districtCode: office.districtCode, month: input.month,
      rank: i + 1, maskedName: publicName(t.name), points: BigInt(t.points), publishedAt: now })));
    await audit(tx, actor, { action: 'bank.ranking.publish', subjectType: 'bank_office', subjectId: office.id, regionPath: office.regionPath, details: { month: input.month, rows: top.length } });
    return { region: office.name, month: input.month, publishedAt: now.toISOString(), rows: top.map((t, i) => ({ rank: i + 1, name: publicName(t.name), points: String(t.points) })) };
  });
}
