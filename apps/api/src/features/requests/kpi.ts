import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { KpiQuery, KpiView, Rates } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import { scopeFor, scopePrefixes } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { childrenOf, findRegion, firstDistrict, regionByCode } from '../org/region.service.ts';
import { requestStatsDaily as s } from './requests.table.ts';

const sums = {
  received: sql<number>`coalesce(sum(${s.received}), 0)::bigint`.mapWith(Number),
  responded: sql<number>`coalesce(sum(${s.responded}), 0)::bigint`.mapWith(Number),
  respondedOnTime: sql<number>`coalesce(sum(${s.respondedOnTime}), 0)::bigint`.mapWith(Number),
  resolved: sql<number>`coalesce(sum(${s.resolved}), 0)::bigint`.mapWith(Number),
  resolvedOnTime: sql<number>`coalesce(sum(${s.resolvedOnTime}), 0)::bigint`.mapWith(Number),
  rated: sql<number>`coalesce(sum(${s.rated}), 0)::bigint`.mapWith(Number),
  satisfied: sql<number>`coalesce(sum(${s.satisfied}), 0)::bigint`.mapWith(Number),
};
type Sums = { [K in keyof typeof sums]: number };

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Beijing's three rates (响应率、解决率、满意率) plus the on-time rate, from summed counts. */
export function toRates(c: Sums): z.infer<typeof Rates> {
  return {
    ...c,
    responseRate: ratio(c.responded, c.received),
    resolutionRate: ratio(c.resolved, c.received),
    satisfactionRate: ratio(c.satisfied, c.rated),
    onTimeRate: ratio(c.resolvedOnTime, c.resolved),
  };
}

/** Counts for a subtree (a prefix of region paths) and period, optionally for one department. */
export async function ratesFor(db: Db, f: { path: string; departmentId?: string; from: string; to: string }): Promise<z.infer<typeof Rates>> {
  const [row] = await db.select(sums).from(s).where(and(...filters(f)));
  return toRates(row!);
}

function filters(f: { path: string; departmentId?: string; from: string; to: string }): SQL[] {
  const where: SQL[] = [sql`${s.regionPath} LIKE ${likePrefix(f.path)}`, gte(s.day, f.from), lte(s.day, f.to)];
  if (f.departmentId) where.push(eq(s.departmentKey, f.departmentId));
  return where;
}

/**
 * The dashboard: the rates of a region (default: the top of the actor's scope) over a period, each
 * child region's rates for drill-down, and the daily received/resolved series.
 */
export async function kpiView(db: Db, actor: Actor, q: z.infer<typeof KpiQuery>): Promise<z.infer<typeof KpiView>> {
  authorize(actor, 'kpi.read');
  if (q.from > q.to) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/from', message: 'from must not be after to' }]);
  let region;
  if (q.regionId) region = found(await findRegion(db, actor, q.regionId, 'kpi.read'), 'REGION_NOT_FOUND');
  else {
    const paths = scopePrefixes(scopeFor(actor, 'kpi.read'));
    const code = paths === null ? undefined : paths[0];
    region = code ? await regionByCode(db, code) : await firstDistrict(db);
    if (!region) throw new AppError('REGION_NOT_FOUND');
  }
  const f = { path: region.code, departmentId: q.departmentId, from: q.from, to: q.to };
  const children = await childrenOf(db, region.id, false);
  const len = region.code.length + 3;
  const childKey = sql<string>`substr(${s.regionPath}, 1, ${sql.raw(String(len))})`;
  const [total, byChild, daily] = await Promise.all([
    ratesFor(db, f),
    children.length ? db.select({ key: childKey, ...sums }).from(s).where(and(...filters(f))).groupBy(sql`1`) : Promise.resolve([]),
    db.select({ day: s.day, received: sums.received, resolved: sums.resolved }).from(s).where(and(...filters(f))).groupBy(s.day).orderBy(asc(s.day)),
  ]);
  const zero: Sums = { received: 0, responded: 0, respondedOnTime: 0, resolved: 0, resolvedOnTime: 0, rated: 0, satisfied: 0 };
  const byKey = new Map(byChild.map(({ key, ...c }) => [key, c]));
  return {
    region: { id: region.id, name: region.name, code: region.code, level: region.level },
    from: q.from, to: q.to, total,
    children: children.map((c) => ({ id: c.id, name: c.name, code: c.code, level: c.level, rates: toRates(byKey.get(c.code) ?? zero) })),
    daily,
  };
}
