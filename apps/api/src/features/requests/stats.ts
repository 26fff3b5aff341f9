import { sql } from 'drizzle-orm';
import { chinaDay } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { requestStatsDaily, type requests } from './requests.table.ts';

type RequestRow = typeof requests.$inferSelect;
const COUNTERS = ['received', 'responded', 'respondedOnTime', 'resolved', 'resolvedOnTime', 'rated', 'satisfied'] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;

const RESOLVED_STATES = new Set(['replied', 'verified', 'closed', 'rated']);

/**
 * What one request adds to the daily counts (Beijing 12345's three rates plus on-time): received
 * unless merged into another; responded once accepted; resolved while it stands answered (a reopened
 * request stops counting until answered again); satisfied is a rating of 4 or 5.
 */
export function contribution(r: RequestRow): { key: { day: string; regionPath: string; departmentKey: string }; counts: Counters } {
  const received = r.state === 'merged' ? 0 : 1;
  const responded = received && r.respondedAt ? 1 : 0;
  const resolved = received && RESOLVED_STATES.has(r.state) && r.repliedAt ? 1 : 0;
  return {
    key: { day: chinaDay(r.createdAt), regionPath: r.regionPath, departmentKey: r.departmentId ?? '' },
    counts: {
      received,
      responded,
      respondedOnTime: responded && r.respondedAt! <= r.respondDueAt ? 1 : 0,
      resolved,
      resolvedOnTime: resolved && r.resolveDueAt && r.repliedAt! <= r.resolveDueAt ? 1 : 0,
      rated: received && r.rating !== null ? 1 : 0,
      satisfied: received && r.rating !== null && r.rating >= 4 ? 1 : 0,
    },
  };
}

/**
 * Moves a request's contribution from its old state to its new one, in the caller's transaction.
 * When its place, department or day differ, the old bucket loses what the new one gains.
 */
export async function applyStats(tx: DbOrTx, before: RequestRow | null, after: RequestRow): Promise<void> {
  const deltas = new Map<string, { key: ReturnType<typeof contribution>['key']; counts: Counters }>();
  const add = (c: ReturnType<typeof contribution>, sign: 1 | -1) => {
    const k = `${c.key.day}|${c.key.regionPath}|${c.key.departmentKey}`;
    const d = deltas.get(k) ?? { key: c.key, counts: Object.fromEntries(COUNTERS.map((n) => [n, 0])) as Counters };
    for (const n of COUNTERS) d.counts[n] += sign * c.counts[n];
    deltas.set(k, d);
  };
  if (before) add(contribution(before), -1);
  add(contribution(after), 1);
  for (const { key, counts } of deltas.values()) {
    if (COUNTERS.every((n) => counts[n] === 0)) continue;
    await tx.insert(requestStatsDaily).values({ ...key, ...counts }).onConflictDoUpdate({
      target: [requestStatsDaily.day, requestStatsDaily.regionPath, requestStatsDaily.departmentKey, requestStatsDaily.stripe],
      set: Object.fromEntries(COUNTERS.map((n) => [n, sql`${requestStatsDaily[n]} + ${counts[n]}`])),
    });
  }
}

/**
 * Folds the stripes of every day before `beforeDay` (YYYY-MM-DD, China time) into stripe 0, so a day's
 * bucket is one row again once its rush is over: a late change to an old day (a request resolved weeks
 * after it came in) then adds a row that the next fold takes in. Sums are unchanged by construction.
 * Returns how many striped rows were folded.
 */
export async function foldStatStripes(db: DbOrTx, beforeDay: string): Promise<number> {
  const s = requestStatsDaily;
  const cols = COUNTERS.map((n) => s[n].name);
  const list = sql.raw(cols.join(', '));
  const sums = sql.raw(cols.map((c) => `sum(${c})`).join(', '));
  const adds = sql.raw(cols.map((c) => `${c} = request_stats_daily.${c} + excluded.${c}`).join(', '));
  const res = await db.execute(sql`
    WITH moved AS (
      DELETE FROM request_stats_daily WHERE day < ${beforeDay} AND stripe <> 0
      RETURNING day, region_path, department_key, ${list}
    ), folded AS (
      INSERT INTO request_stats_daily (day, region_path, department_key, stripe, ${list})
      SELECT day, region_path, department_key, 0, ${sums} FROM moved GROUP BY day, region_path, department_key
      ON CONFLICT (day, region_path, department_key, stripe) DO UPDATE SET ${adds}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::int AS n`);
  return Number((res.rows[0] as { n: number }).n);
}
