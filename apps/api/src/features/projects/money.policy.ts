import type { ProjectClass, ProjectStatus } from './projects.table.ts';

/**
 * The instalments of an award in integer fen: awarded × percent / 100 rounded down for each but the
 * last, and the last takes the remainder, so the amounts sum to exactly the award.
 */
export function instalmentPlan(awardedFen: bigint, percents: readonly number[]): bigint[] {
  const amounts = percents.map((p) => (awardedFen * BigInt(p)) / 100n);
  if (amounts.length) amounts[amounts.length - 1] = awardedFen - amounts.slice(0, -1).reduce((a, b) => a + b, 0n);
  return amounts;
}

/** The project's statuses from the contract on (the award notice closed, or 居民实施) until acceptance. */
const UNDER_WAY: readonly ProjectStatus[] = ['in_progress', 'accepting', 'rectifying', 'accepted'];

/** When an instalment may be asked for, as the refusal says it. */
export type InstalmentWindow = { 'zh-CN': string; en: string };

/**
 * When instalment `k` (1-based) of `n` may be asked for:
 * - the last (also when it is the only one): once the project is accepted;
 * - the first: once the work is under way (in_progress, and on through acceptance);
 * - a middle one: under way with progress at 50 % or more.
 * Returns null when it may be asked now, else the condition to show.
 */
export function instalmentRefusal(k: number, n: number, p: { status: ProjectStatus; progressPercent: number }): InstalmentWindow | null {
  if (k === n) return p.status === 'accepted' ? null : { 'zh-CN': '项目验收通过', en: 'once the project is accepted' };
  if (!UNDER_WAY.includes(p.status)) return { 'zh-CN': '项目开始实施', en: 'once the work is under way' };
  if (k > 1 && p.progressPercent < 50) return { 'zh-CN': '实施进度达到 50%', en: 'once progress reaches 50 %' };
  return null;
}

/** The fund expense category of a project's payments, by its class (none is on the protection fund's negative list). */
export const EXPENSE_CATEGORY: Record<ProjectClass, string> = { hardware: '设施', service: '服务', residents: '活动' };

/** Kinds of fund that pay community projects: the special protection fund, or the community's charity or development fund. */
export const PAYING_FUND_KINDS: readonly string[] = ['protection', 'charity', 'development'];
