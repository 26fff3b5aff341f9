import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { isFinishedState, REQUEST_STATES, type RequestState } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { organisations } from '../org/org.table.ts';
import { requests, serviceCategories } from '../requests/requests.table.ts';
import { MAX_RESULTS, type RequestQuery } from './open311.presenter.ts';

// The queries behind the public GeoReport answers (moved out of the presenter, which only shapes).

const FINISHED = REQUEST_STATES.filter(isFinishedState);

/**
 * The columns a public Open311 answer is made of. Reporter columns (name, phone, user) are never
 * selected, so no request — anonymous or not — can leak who reported it.
 */
const publicColumns = {
  number: requests.number, state: requests.state, description: requests.description, address: requests.address,
  lat: requests.lat, lng: requests.lng, createdAt: requests.createdAt, updatedAt: requests.updatedAt, closedAt: requests.closedAt,
  ratedAt: requests.ratedAt, resolveDueAt: requests.resolveDueAt, channel: requests.channel, matter: requests.matter,
  categoryCode: serviceCategories.code, nameZh: serviceCategories.nameZh, nameEn: serviceCategories.nameEn, agency: organisations.name,
};
/** A request as Open311 answers may show it. */
export type PublicRow = { number: string; state: RequestState; description: string; address: string | null; lat: number | null; lng: number | null;
  createdAt: Date; updatedAt: Date; closedAt: Date | null; ratedAt: Date | null; resolveDueAt: Date | null; channel: string; matter: string | null;
  categoryCode: string | null; nameZh: string | null; nameEn: string | null; agency: string | null };

function selectPublic(db: DbOrTx) {
  return db.select(publicColumns).from(requests)
    .leftJoin(serviceCategories, eq(serviceCategories.id, requests.categoryId))
    .leftJoin(organisations, eq(organisations.id, requests.departmentId));
}

/** A district's requests as the query asks, newest first, at most {@link MAX_RESULTS}. */
export async function findServiceRequests(db: DbOrTx, district: string, q: RequestQuery): Promise<PublicRow[]> {
  // Every region path in a district starts with its code: the prefix uses the (path, created_at) index.
  const where: SQL[] = [sql`${requests.regionPath} LIKE ${likePrefix(district)}`, eq(requests.districtCode, district)];
  if (q.ids) {
    where.push(inArray(requests.number, q.ids));
  } else {
    where.push(gte(requests.createdAt, q.start), lte(requests.createdAt, q.end));
    // Public lists leave private matters out altogether; asked for by id, they come withheld.
    where.push(or(isNull(requests.matter), ne(requests.matter, 'private'))!);
    if (q.serviceCodes) where.push(inArray(serviceCategories.code, q.serviceCodes));
    if (q.statuses?.length === 1) where.push(q.statuses[0] === 'closed' ? inArray(requests.state, FINISHED) : notInArray(requests.state, FINISHED));
  }
  return selectPublic(db).where(and(...where)).orderBy(desc(requests.createdAt), desc(requests.number)).limit(MAX_RESULTS);
}

/** One request by its number, in a district or (ids being unique) anywhere. */
export async function findServiceRequest(db: DbOrTx, district: string | null, number: string): Promise<PublicRow | undefined> {
  const [row] = await selectPublic(db).where(and(eq(requests.number, number), district ? eq(requests.districtCode, district) : undefined));
  return row;
}

/** A category of a district's catalogue with its department's name. */
export type CatalogueRow = { c: typeof serviceCategories.$inferSelect; dept: string | null };

/** The active catalogue of a district (or its one category `code`), by matter then code. */
export async function findCatalogue(db: DbOrTx, district: string, code?: string): Promise<CatalogueRow[]> {
  return db.select({ c: serviceCategories, dept: organisations.name }).from(serviceCategories)
    .leftJoin(organisations, eq(organisations.id, serviceCategories.departmentId))
    .where(and(eq(serviceCategories.districtCode, district), eq(serviceCategories.active, true), code === undefined ? undefined : eq(serviceCategories.code, code)))
    .orderBy(asc(serviceCategories.matter), asc(serviceCategories.code));
}

/** When the catalogue of a district last changed, for discovery's `changeset`. */
export async function catalogueChangedAt(db: DbOrTx, district: string | null): Promise<Date | null> {
  // Seconds since the epoch: a number from the driver, whatever it does with timestamp strings.
  const [row] = await db.select({ at: sql<number | null>`extract(epoch from max(${serviceCategories.updatedAt}))::float8` }).from(serviceCategories)
    .where(district ? eq(serviceCategories.districtCode, district) : undefined);
  return row?.at == null ? null : new Date(Math.floor(row.at) * 1000);
}
