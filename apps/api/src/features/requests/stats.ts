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
      target: [requestStatsDaily.day, requestStatsDaily.regionPath, requestStatsDaily.departmentKey],
      set: Object.fromEntries(COUNTERS.map((n) => [n, sql`${requestStatsDaily[n]} + ${counts[n]}`])),
    });
  }
}
