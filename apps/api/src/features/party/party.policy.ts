import { CODE_LENGTH, maskName, roleAllows, startOfChinaDay } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import type { PartyPointRuleRow } from './party.table.ts';

/** The points catalogue a district starts with (积分细则): additions positive, deductions negative. */
export const DEFAULT_CATALOGUE: readonly PartyPointRuleRow[] = [
  { code: 'service_done', label: '完成服务', points: 2 },
  { code: 'missed_study', label: '缺席学习', points: -3 },
  { code: 'missed_meeting', label: '缺席会议', points: -2 },
  { code: 'refused_task', label: '拒不接受任务', points: -10 },
];
/** The rule a done service posts automatically. */
export const SERVICE_DONE_RULE = 'service_done';
/** Services a member owes the community a year (1112), unless the district says otherwise. */
export const DEFAULT_YEARLY_TARGET = 12;
/** The day (month-day) by which members should have reported, unless the district says otherwise. */
export const DEFAULT_FLAG_ON = '06-30';

/** True when the actor holds the party-member grant (may report and claim). */
export const isPartyMember = (actor: Actor): boolean => actor.grants.some((g) => g.role === 'party_member' && roleAllows(g.role, 'party.report'));

/** The community (12-digit code) a region path lies in, or undefined above community level. */
export function communityOf(regionPath: string): string | undefined {
  return regionPath.length >= CODE_LENGTH.community ? regionPath.slice(0, CODE_LENGTH.community) : undefined;
}

/**
 * Whether a member is on track for the year: by the end of month m (1..12) they should have done
 * target × m / 12 services, rounded down, counting only months already over. A past year needs all.
 */
export function onTrack(done: number, target: number, year: number, today: string): boolean {
  const thisYear = Number(today.slice(0, 4));
  const monthsOver = year < thisYear ? 12 : year > thisYear ? 0 : Number(today.slice(5, 7)) - 1;
  return done * 12 >= target * monthsOver - (target * monthsOver) % 12;
}

/** The half-year [from, to) in instants: H1 is January–June, H2 July–December, China time. */
export function halfBounds(year: number, half: 1 | 2): { from: Date; to: Date } {
  return half === 1
    ? { from: startOfChinaDay(`${year}-01-01`), to: startOfChinaDay(`${year}-07-01`) }
    : { from: startOfChinaDay(`${year}-07-01`), to: startOfChinaDay(`${year + 1}-01-01`) };
}

/** One member's points in a half-year, for ranking. */
export interface RankInput { name: string; points: bigint }
/** One line of a published list. */
export interface RankLine { board: 'red' | 'black'; rank: number; maskedName: string; points: bigint }

/**
 * The red list (top `size` by points) and the black list (bottom `size`, nobody on both), ranked with
 * ties sharing a rank (1, 2, 2, 4). Names are masked as published. Ties in points order by name, so
 * the same input always freezes to the same lists.
 */
export function rankBoards(members: readonly RankInput[], size: number): RankLine[] {
  const byPoints = [...members].sort((a, b) => (a.points === b.points ? a.name.localeCompare(b.name, 'zh-CN') : a.points > b.points ? -1 : 1));
  const red = byPoints.slice(0, size);
  const black = byPoints.slice(red.length).reverse().slice(0, size);
  const ranked = (list: RankInput[], board: 'red' | 'black'): RankLine[] => {
    let rank = 0;
    return list.map((m, i) => {
      if (i === 0 || list[i - 1]!.points !== m.points) rank = i + 1;
      return { board, rank, maskedName: maskName(m.name), points: m.points };
    });
  };
  return [...ranked(red, 'red'), ...ranked(black, 'black')];
}

/** The card number of a confirmed report: the community's code, the year and a sequence (420102001001-2026-0007). */
export function cardNumber(communityCode: string, year: number, seq: number): string {
  return `${communityCode}-${year}-${String(seq).padStart(4, '0')}`;
}
