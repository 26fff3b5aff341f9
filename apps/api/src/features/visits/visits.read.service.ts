import { chinaDay, type VisitStatus } from '@gongzhi/core';
import type { ChangeReview, Coverage, VisitListItem, VisitRecord, VisitRuleView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { found } from '../../platform/errors/app-error.ts';
import { coverageByPath, dueHouseholds, gridWorkers, membersOf, regionsByCode, type Area } from './due.repository.ts';
import { communityRules, householdsByIds, listChanges, listVisits, snapshotsOf } from './visits.repository.ts';
import { regionInScope } from '../org/region.service.ts';
import {
  gridCodesOf, presentCoverage, presentReview, presentRuleView, presentVisit, presentVisitList,
} from './visits.presenter.ts';

// What the visit screens read: each use case loads in the actor's scope, one query per list, and
// hands plain rows to the presenter.

/** The worker's visit list: households of their grid with due day and status, members for the offline form. */
export async function visitList(db: Db, actor: Actor, q: { status?: VisitStatus; limit: number }, now: Date): Promise<VisitListItem[]> {
  const rows = await dueHouseholds(db, { scope: scopeFor(actor, 'visit.record') }, chinaDay(now), q);
  return presentVisitList(rows, await membersOf(db, rows.map((r) => r.id)), now);
}

/** Visits the actor may read (their region subtree), newest first. */
export async function visitRecords(db: Db, actor: Actor, f: { householdId?: string; ids?: string[]; limit: number }): Promise<VisitRecord[]> {
  return (await listVisits(db, scopeFor(actor, 'visit.read'), f)).map(presentVisit);
}

/** Proposed changes for review (or the one `id`), each with the record as it is now and whether it went stale. */
export async function changeReviews(db: Db, actor: Actor, f: { status?: ChangeReview['status']; id?: string } = {}): Promise<ChangeReview[]> {
  const list = await listChanges(db, scopeFor(actor, 'visit.review'), f);
  const households = await householdsByIds(db, list.map((x) => x.c.householdId));
  const snapshots = await snapshotsOf(db, [...households.values()]);
  return list.map(({ c, proposedByName }) => {
    const household = found(households.get(c.householdId), 'HOUSEHOLD_NOT_FOUND');
    return presentReview(c, proposedByName, household, snapshots.get(household.id)!);
  });
}

/** The area the actor looks at: under the region asked for (in scope, else 404), or their whole scope. */
async function areaOf(db: Db, actor: Actor, regionId: string | undefined): Promise<Area> {
  const scope = scopeFor(actor, 'visit.read');
  if (!regionId) return { scope };
  return { scope, within: found(await regionInScope(db, scope, regionId), 'REGION_NOT_FOUND').code };
}

/**
 * Overdue households by grid and by worker under the region (or the actor's whole scope): one pass
 * over the households gives counts per micro-grid, summed up the tree by the presenter.
 */
export async function coverage(db: Db, actor: Actor, regionId: string | undefined, now: Date): Promise<Coverage> {
  const area = await areaOf(db, actor, regionId);
  const today = chinaDay(now);
  const [rows, workers] = await Promise.all([coverageByPath(db, area, today), gridWorkers(db, area, today)]);
  return presentCoverage(today, rows, await regionsByCode(db, gridCodesOf(rows)), workers);
}

/** The communities under the region (or in the actor's scope) with their configured and effective rules. */
export async function visitRuleViews(db: Db, actor: Actor, regionId: string | undefined): Promise<VisitRuleView[]> {
  const area = await areaOf(db, actor, regionId);
  return (await communityRules(db, area.scope, area.within)).map(presentRuleView);
}
