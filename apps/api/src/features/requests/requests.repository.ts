import { and, asc, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likeContains, likePrefix } from '../../platform/db/like.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { regionCodeOf, regionNameOf } from '../org/region.service.ts';
import { organisationNameOf } from '../org/organisation.service.ts';
import {
  requestEvents, requestExtensions, requestFollowers, requestHandlers, requestPhotos, requests, serviceCategories,
} from './requests.table.ts';

export type RequestRow = typeof requests.$inferSelect;

/**
 * The requests visible in a `request.read` scope, as SQL: staff see their region subtree (and
 * requests escalated to it); a department sees what is routed to it as lead or co-handler; the user
 * sees what they reported or own. `undefined` when the scope is everywhere.
 */
export function requestScope(scope: Scope, userId: string): SQL | undefined {
  const staff = inScope(scope, {
    region: [requests.regionPath, requests.escalatedToPath],
    organisation: (ids) => {
      const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
      return sql`(${requests.departmentId} IN (${list}) OR EXISTS (SELECT 1 FROM ${requestHandlers} h WHERE h.request_id = ${requests.id} AND h.organisation_id IN (${list})))`;
    },
  });
  // The reporter, and the staff member who owns it (首问负责) wherever it has gone since.
  return staff && sql`(${requests.reporterUserId} = ${userId} OR ${requests.ownerUserId} = ${userId} OR ${staff})`;
}

/** Who reads requests: the `request.read` scope and the user, who also sees their own. */
export interface RequestReader { scope: Scope; userId: string }

/** One request visible to the reader (optionally locked for an update), or undefined. */
export async function findRequest(db: DbOrTx, reader: RequestReader, id: string, opts: { lock?: boolean } = {}): Promise<RequestRow | undefined> {
  const q = db.select().from(requests).where(and(eq(requests.id, id), requestScope(reader.scope, reader.userId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** The columns of a request as lists show it: its category (joined), its department's and place's names (from org, in the same statement). */
const summaryColumns = {
  r: requests, categoryCode: serviceCategories.code, categoryZh: serviceCategories.nameZh, categoryEn: serviceCategories.nameEn, departmentName: organisationNameOf(requests.departmentId),
  regionName: regionNameOf(requests.regionId), regionCode: regionCodeOf(requests.regionId),
};
/** A request as lists load it. */
export type SummaryRow = { r: RequestRow; categoryCode: string | null; categoryZh: string | null; categoryEn: string | null; departmentName: string | null; regionName: string | null; regionCode: string | null };

function summarySelect(db: DbOrTx) {
  return db.select(summaryColumns).from(requests)
    .leftJoin(serviceCategories, eq(serviceCategories.id, requests.categoryId));
}

/** Filters of the work queues; `regionCode` is a region the caller has checked is in scope. */
export interface RequestFilter {
  state?: RequestRow['state']; open?: boolean; matter?: RequestRow['matter']; slaState?: RequestRow['slaState']; departmentId?: string;
  unplaced?: boolean; mine?: boolean; regionCode?: string; q?: string; limit: number; offset: number;
}

/** A page of the requests visible to the reader, newest first, with the total. */
export async function listRequestRows(db: DbOrTx, reader: RequestReader, q: RequestFilter): Promise<{ rows: SummaryRow[]; total: number }> {
  const where: (SQL | undefined)[] = [requestScope(reader.scope, reader.userId)];
  if (q.state) where.push(eq(requests.state, q.state));
  if (q.open) where.push(sql`${requests.state} NOT IN ('closed','rated','merged','rejected')`);
  if (q.matter) where.push(eq(requests.matter, q.matter));
  if (q.slaState) where.push(eq(requests.slaState, q.slaState));
  if (q.departmentId) where.push(eq(requests.departmentId, q.departmentId));
  if (q.unplaced) where.push(sql`${requests.regionId} IS NULL`);
  if (q.mine) where.push(sql`(${requests.reporterUserId} = ${reader.userId} OR ${requests.ownerUserId} = ${reader.userId})`);
  if (q.regionCode !== undefined) where.push(sql`${requests.regionPath} LIKE ${likePrefix(q.regionCode)}`);
  if (q.q) where.push(/^GZ\d+$/i.test(q.q) ? eq(requests.number, q.q.toUpperCase()) : ilike(requests.description, likeContains(q.q)));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    summarySelect(db).where(cond).orderBy(desc(requests.createdAt), desc(requests.id)).limit(q.limit).offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(requests).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Everything the detail view shows of a request already found in scope, in one round of queries. */
export async function loadRequestDetail(db: DbOrTx, base: RequestRow, userId: string) {
  const id = base.id;
  const [[summary], timeline, handlers, extensions, photos, [follows], [owner], [merged]] = await Promise.all([
    summarySelect(db).where(eq(requests.id, id)),
    db.select().from(requestEvents).where(eq(requestEvents.requestId, id)).orderBy(asc(requestEvents.at), asc(requestEvents.id)),
    db.select({ h: requestHandlers, orgName: organisationNameOf(requestHandlers.organisationId), regionName: regionNameOf(requestHandlers.regionId) }).from(requestHandlers)
      .where(eq(requestHandlers.requestId, id)).orderBy(asc(requestHandlers.createdAt)),
    db.select().from(requestExtensions).where(eq(requestExtensions.requestId, id)).orderBy(asc(requestExtensions.createdAt)),
    db.select().from(requestPhotos).where(eq(requestPhotos.requestId, id)).orderBy(asc(requestPhotos.createdAt)),
    db.select({ n: sql<number>`count(*)::int` }).from(requestFollowers).where(and(eq(requestFollowers.requestId, id), eq(requestFollowers.userId, userId))),
    base.ownerUserId ? db.select({ id: users.id, name: users.name, phoneMasked: users.phoneMasked }).from(users).where(eq(users.id, base.ownerUserId)) : Promise.resolve([]),
    base.mergedIntoId ? db.select({ id: requests.id, number: requests.number }).from(requests).where(eq(requests.id, base.mergedIntoId)) : Promise.resolve([]),
  ]);
  return { base, summary: summary!, timeline, handlers, extensions, photos, following: (follows?.n ?? 0) > 0, owner: owner ?? null, merged: merged ?? null };
}

/** A request's detail as loaded by {@link loadRequestDetail}. */
export type RequestDetailData = Awaited<ReturnType<typeof loadRequestDetail>>;
