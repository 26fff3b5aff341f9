import { ageInYears, effectiveVisitRule, type VisitStatus } from '@gongzhi/core';
import type { ChangeReview, Coverage, VisitListItem, VisitRecord, VisitRuleView } from '@gongzhi/contracts';
import type { CoverageCounts, DueRow } from './due.repository.ts';
import type { ChangeRow, CommunityRule, HouseholdFacts, VisitListRow } from './visits.repository.ts';
import type { HouseholdSnapshot } from './visits.table.ts';

// Pure shaping: the services load (one query per list) and pass plain rows here.

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const status = (late: number): VisitStatus => (late > 0 ? 'overdue' : late === 0 ? 'due' : 'ok');

/** A member of a household, as the offline form needs it. */
export interface MemberRow {
  id: string; household_id: string; name: string; relation: string; tags: string[]; birth_date?: string | null; phone_masked?: string | null;
}

/**
 * The worker's visit list: households with due day and status, and their members for the offline form
 * (age on `now`, masked phone). `specialTags` says why a special household is visited more often: the
 * members' tags that the community's rule counts as special.
 */
export function presentVisitList(rows: DueRow[], members: MemberRow[], now: Date): VisitListItem[] {
  const byHousehold = new Map<string, MemberRow[]>();
  for (const m of members) byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m]);
  return rows.map((r) => ({
    householdId: r.id, address: r.address, tenure: r.tenure as VisitListItem['tenure'], regionId: r.region_id, regionName: r.region_name,
    special: r.special, intervalDays: r.interval_days, lastVisitAt: iso(r.last_visit_at), dueDay: r.due_day, status: status(r.late),
    daysOverdue: Math.max(0, r.late), version: r.version,
    specialTags: [...new Set((byHousehold.get(r.id) ?? []).flatMap((m) => m.tags.filter((t) => (r.special_tags ?? []).includes(t))))],
    members: (byHousehold.get(r.id) ?? []).map((m) => ({
      residentId: m.id, name: m.name, relation: m.relation, tags: m.tags,
      age: m.birth_date ? ageInYears(m.birth_date, now) : null, phoneMasked: m.phone_masked ?? null,
    })),
  }));
}

/** A visit as the log shows it. */
export function presentVisit(r: VisitListRow): VisitRecord {
  return {
    id: r.id, householdId: r.household_id, address: r.address, workerName: r.worker_name ?? '', visitedAt: iso(r.visited_at)!, recordedAt: iso(r.created_at)!,
    outcome: r.outcome, notes: r.notes, requestId: r.request_id, requestNumber: r.request_number,
    change: r.change_id ? { id: r.change_id, status: r.change_status! } : null,
  };
}

/** A proposed change for review, with the household record as it is now and whether it went stale. */
export function presentReview(c: ChangeRow, proposedBy: string | null, household: HouseholdFacts, current: HouseholdSnapshot & { movedOut: boolean }): ChangeReview {
  return {
    id: c.id, visitId: c.visitId, householdId: c.householdId, status: c.status, proposedBy: proposedBy ?? '', proposedAt: c.createdAt.toISOString(),
    changes: c.changes, base: c.base, current, stale: household.version !== c.baseVersion, reviewNote: c.reviewNote,
  };
}

type Counts = Coverage['totals'];
const zero = (): Counts => ({ households: 0, overdue: 0, due: 0, special: 0, specialOverdue: 0 });
function add(t: Counts, c: CoverageCounts) {
  t.households += c.households; t.overdue += c.overdue; t.due += c.due; t.special += c.special; t.specialOverdue += c.special_overdue;
}

/** Counts per micro-grid path summed under every prefix of the path, so grids and workers are hash look-ups. */
export function countsByPrefix(rows: CoverageCounts[]): { totals: Counts; byPrefix: Map<string, Counts> } {
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
  return { totals, byPrefix };
}

/** The grid codes (15 digits) the counted households sit in, for loading their names. */
export const gridCodesOf = (rows: CoverageCounts[]): string[] => [...new Set(rows.map((r) => r.region_path.slice(0, 15)).filter((c) => c.length === 15))];

// One collator for the sort: String#localeCompare builds one per call, which a district's 7,000
// workers turn into most of the request's time.
const byName = new Intl.Collator();

/** Coverage: totals, and overdue households by grid and by worker, worst first. */
export function presentCoverage(
  today: string, rows: CoverageCounts[], grids: { id: string; code: string; name: string }[],
  workers: { user_id: string; name: string; paths: string[]; visits30d: number }[],
): Coverage {
  const { totals, byPrefix } = countsByPrefix(rows);
  const byGrid = grids.map((g) => ({ regionId: g.id, name: g.name, code: g.code, ...(byPrefix.get(g.code) ?? zero()) }));
  const byWorker = workers.map((w) => {
    const t = zero();
    for (const p of w.paths) { const c = byPrefix.get(p); if (c) add(t, { region_path: p, ...c, special_overdue: c.specialOverdue }); }
    return { userId: w.user_id, name: w.name, visits30d: w.visits30d, ...t };
  });
  const worst = <T extends Counts>(a: T, b: T) => b.overdue - a.overdue;
  return { today, totals, byGrid: byGrid.sort((a, b) => worst(a, b) || a.code.localeCompare(b.code)), byWorker: byWorker.sort((a, b) => worst(a, b) || byName.compare(a.name, b.name)) };
}

/** A community's configured and effective coverage rule. */
export function presentRuleView(c: CommunityRule): VisitRuleView {
  const rule = c.rule;
  const configured = rule ? { size: rule.size, largeDays: rule.largeDays, smallDays: rule.smallDays, specialDays: rule.specialDays, specialTags: rule.specialTags } : null;
  const eff = effectiveVisitRule(rule ? {
    size: rule.size, largeDays: rule.largeDays ?? undefined, smallDays: rule.smallDays ?? undefined, specialDays: rule.specialDays ?? undefined, specialTags: rule.specialTags ?? undefined,
  } : null, c.households);
  return { regionId: c.id, name: c.name, households: c.households, configured, effective: { ...eff, specialTags: [...eff.specialTags] } };
}
