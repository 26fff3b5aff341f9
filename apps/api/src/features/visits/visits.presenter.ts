import { sql } from 'drizzle-orm';
import { chinaDay, effectiveVisitRule, type VisitStatus } from '@gongzhi/core';
import type { ChangeReview, Coverage, VisitListItem, VisitRecord, VisitRuleView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFilter, scopePaths } from '../../platform/authz/authorize.ts';
import { found } from '../../platform/errors/app-error.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { coverageByPath, dueHouseholds, gridWorkers, membersOf, regionsByCode, type CoverageCounts } from './due.repository.ts';
import { communityInScope, findChange, householdInScope, listChanges, listVisits, ruleOf, snapshotOf } from './visits.repository.ts';
import { householdChanges } from './visits.table.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const status = (late: number): VisitStatus => (late > 0 ? 'overdue' : late === 0 ? 'due' : 'ok');

/** The worker's visit list: households of their grid with due day and status, members for the offline form. */
export async function visitList(db: Db, actor: Actor, q: { status?: VisitStatus; limit: number }, now: Date): Promise<VisitListItem[]> {
  const rows = await dueHouseholds(db, (c) => scopeFilter(actor, 'visit.record', sql.raw(c)), chinaDay(now), q);
  const members = await membersOf(db, rows.map((r) => r.id));
  const byHousehold = new Map<string, typeof members>();
  for (const m of members) byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m]);
  return rows.map((r) => ({
    householdId: r.id, address: r.address, tenure: r.tenure as VisitListItem['tenure'], regionId: r.region_id, regionName: r.region_name,
    special: r.special, intervalDays: r.interval_days, lastVisitAt: iso(r.last_visit_at), dueDay: r.due_day, status: status(r.late),
    daysOverdue: Math.max(0, r.late), version: r.version,
    members: (byHousehold.get(r.id) ?? []).map((m) => ({ residentId: m.id, name: m.name, relation: m.relation, tags: m.tags })),
  }));
}

/** Visits the actor may read (their region subtree), newest first. */
export async function visitRecords(db: Db, actor: Actor, f: { householdId?: string; ids?: string[]; limit: number }): Promise<VisitRecord[]> {
  const rows = await listVisits(db, scopeFilter(actor, 'visit.read', sql.raw('v.region_path')), f);
  return rows.map((r) => ({
    id: r.id, householdId: r.household_id, address: r.address, workerName: r.worker_name ?? '', visitedAt: iso(r.visited_at)!, recordedAt: iso(r.created_at)!,
    outcome: r.outcome, notes: r.notes, requestId: r.request_id, requestNumber: r.request_number,
    change: r.change_id ? { id: r.change_id, status: r.change_status! } : null,
  }));
}

/** Proposed changes for review, each with the record as it is now and whether it went stale. */
export async function changeReviews(db: Db, actor: Actor, statusFilter?: ChangeReview['status']): Promise<ChangeReview[]> {
  const scope = scopeFilter(actor, 'visit.review', householdChanges.regionPath);
  const list = await listChanges(db, scopeFilter(actor, 'visit.review', sql.raw('c.region_path')), statusFilter);
  const out: ChangeReview[] = [];
  for (const item of list) {
    const c = (await findChange(db, item.id, scope))!;
    const household = found(await householdInScope(db, c.householdId, sql`true`), 'HOUSEHOLD_NOT_FOUND');
    const current = await snapshotOf(db, household);
    out.push({
      id: c.id, visitId: c.visitId, householdId: c.householdId, status: c.status, proposedBy: item.proposed_by_name ?? '', proposedAt: c.createdAt.toISOString(),
      changes: c.changes, base: c.base, current, stale: household.version !== c.baseVersion, reviewNote: c.reviewNote,
    });
  }
  return out;
}

/** The region the actor looks at: the one asked for (in scope, else 404), or their own outermost region. */
async function focus(db: Db, actor: Actor, regionId: string | undefined): Promise<{ code: string } | null> {
  if (regionId) {
    const res = await db.execute<{ code: string }>(sql`SELECT code FROM regions WHERE id = ${regionId} AND ${scopeFilter(actor, 'visit.read', sql.raw('code'))}`);
    return found(res.rows[0], 'REGION_NOT_FOUND');
  }
  return null;
}

type Counts = Coverage['totals'];
const zero = (): Counts => ({ households: 0, overdue: 0, due: 0, special: 0, specialOverdue: 0 });
function add(t: Counts, c: CoverageCounts) {
  t.households += c.households; t.overdue += c.overdue; t.due += c.due; t.special += c.special; t.specialOverdue += c.special_overdue;
}

/**
 * Overdue households by grid and by worker under the region (or the actor's whole scope): one pass
 * over the households gives counts per micro-grid, which are summed under every prefix of their path,
 * so grids and workers (bound to a micro-grid or a grid) are hash look-ups.
 */
export async function coverage(db: Db, actor: Actor, regionId: string | undefined, now: Date): Promise<Coverage> {
  const at = await focus(db, actor, regionId);
  const scope = (c: string) => at ? sql`${scopeFilter(actor, 'visit.read', sql.raw(c))} AND ${sql.raw(c)} LIKE ${likePrefix(at.code)}` : scopeFilter(actor, 'visit.read', sql.raw(c));
  const paths = scopePaths(actor, 'visit.read');
  const workerScope = at ? sql`ra.region_path LIKE ${likePrefix(at.code)}`
    : paths === null ? sql`true` : paths.length ? sql`(${sql.join(paths.map((p) => sql`ra.region_path LIKE ${likePrefix(p)}`), sql` OR `)})` : sql`false`;
  const today = chinaDay(now);
  const [rows, workers] = await Promise.all([coverageByPath(db, scope, today), gridWorkers(db, workerScope, today)]);
  const byPrefix = new Map<string, Counts>();
  const totals = zero();
  for (const r of rows) {
    add(totals, r);
    for (let n = 6; n <= r.region_path.length; n += 3) {
      const key = r.region_path.slice(0, n);
      const t = byPrefix.get(key) ?? zero();
      add(t, r);
      byPrefix.set(key, t);
    }
  }
  const gridCodes = [...new Set(rows.map((r) => r.region_path.slice(0, 15)).filter((c) => c.length === 15))];
  const grids = (await regionsByCode(db, gridCodes)).map((g) => ({ regionId: g.id, name: g.name, code: g.code, ...(byPrefix.get(g.code) ?? zero()) }));
  const byWorker = workers.map((w) => {
    const t = zero();
    for (const p of w.paths) { const c = byPrefix.get(p); if (c) add(t, { region_path: p, ...c, special_overdue: c.specialOverdue }); }
    return { userId: w.user_id, name: w.name, visits30d: w.visits30d, ...t };
  });
  const worst = <T extends Counts>(a: T, b: T) => b.overdue - a.overdue;
  return { today, totals, byGrid: grids.sort((a, b) => worst(a, b) || a.code.localeCompare(b.code)), byWorker: byWorker.sort((a, b) => worst(a, b) || a.name.localeCompare(b.name)) };
}

/** The communities under the region (or in the actor's scope) with their configured and effective rules. */
export async function visitRuleViews(db: Db, actor: Actor, regionId: string | undefined): Promise<VisitRuleView[]> {
  const at = await focus(db, actor, regionId);
  const res = await db.execute<{ id: string }>(sql`SELECT id FROM regions r WHERE r.level = 'community' AND r.retired_at IS NULL
    AND ${scopeFilter(actor, 'visit.read', sql.raw('r.code'))} ${at ? sql`AND r.code LIKE ${likePrefix(at.code)}` : sql``} ORDER BY r.code LIMIT 500`);
  const out: VisitRuleView[] = [];
  for (const { id } of res.rows) {
    const c = (await communityInScope(db, id, sql`true`))!;
    const rule = await ruleOf(db, id);
    const configured = rule ? { size: rule.size, largeDays: rule.largeDays, smallDays: rule.smallDays, specialDays: rule.specialDays, specialTags: rule.specialTags } : null;
    const eff = effectiveVisitRule(rule ? {
      size: rule.size, largeDays: rule.largeDays ?? undefined, smallDays: rule.smallDays ?? undefined, specialDays: rule.specialDays ?? undefined, specialTags: rule.specialTags ?? undefined,
    } : null, c.households);
    out.push({ regionId: id, name: c.name, households: c.households, configured, effective: { ...eff, specialTags: [...eff.specialTags] } });
  }
  return out;
}
