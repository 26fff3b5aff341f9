import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { isFinishedState, REQUEST_STATES, type RequestState } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { organisationNameOf } from '../org/organisation.service.ts';
import { requests, serviceCategories } from './requests.table.ts';

// What the public (unauthenticated) channels read of requests and the catalogue: Open311 shapes it.

const FINISHED = REQUEST_STATES.filter(isFinishedState);

/**
 * The columns a public answer is made of. Reporter columns (name, phone, user) are never selected,
 * so no request — anonymous or not — can leak who reported it.
 */
const publicColumns = {
  number: requests.number, state: requests.state, description: requests.description, address: requests.address,
  lat: requests.lat, lng: requests.lng, createdAt: requests.createdAt, updatedAt: requests.updatedAt, closedAt: requests.closedAt,
  ratedAt: requests.ratedAt, resolveDueAt: requests.resolveDueAt, channel: requests.channel, matter: requests.matter,
  categoryCode: serviceCategories.code, nameZh: serviceCategories.nameZh, nameEn: serviceCategories.nameEn, agency: organisationNameOf(requests.departmentId),
};

/** A request as the public may see it: no reporter, the category's names and the department's. */
export type PublicRequestRow = { number: string; state: RequestState; description: string; address: string | null; lat: number | null; lng: number | null;
  createdAt: Date; updatedAt: Date; closedAt: Date | null; ratedAt: Date | null; resolveDueAt: Date | null; channel: string; matter: string | null;
  categoryCode: string | null; nameZh: string | null; nameEn: string | null; agency: string | null };

/** Which public requests: `ids` (request numbers) overrides all the others. */
export interface PublicRequestFilter { ids?: string[]; categoryCodes?: string[]; finished?: boolean; start: Date; end: Date; limit: number }

function selectPublic(db: DbOrTx) {
  return db.select(publicColumns).from(requests).leftJoin(serviceCategories, eq(serviceCategories.id, requests.categoryId));
}

/** A district's public requests as the filter asks, newest first, at most `f.limit`. */
export async function publicRequests(db: DbOrTx, district: string, f: PublicRequestFilter): Promise<PublicRequestRow[]> {
  // Every region path in a district starts with its code: the prefix uses the (path, created_at) index.
  const where: SQL[] = [sql`${requests.regionPath} LIKE ${likePrefix(district)}`, eq(requests.districtCode, district)];
  if (f.ids) {
    where.push(inArray(requests.number, f.ids));
  } else {
    where.push(gte(requests.createdAt, f.start), lte(requests.createdAt, f.end));
    // Public lists leave private matters out altogether; asked for by id, they come withheld.
    where.push(or(isNull(requests.matter), ne(requests.matter, 'private'))!);
    if (f.categoryCodes) where.push(inArray(serviceCategories.code, f.categoryCodes));
    if (f.finished !== undefined) where.push(f.finished ? inArray(requests.state, FINISHED) : notInArray(requests.state, FINISHED));
  }
  return selectPublic(db).where(and(...where)).orderBy(desc(requests.createdAt), desc(requests.number)).limit(f.limit);
}

/** One public request by its number, in a district or (numbers being unique) anywhere. */
export async function publicRequest(db: DbOrTx, district: string | null, number: string): Promise<PublicRequestRow | undefined> {
  const [row] = await selectPublic(db).where(and(eq(requests.number, number), district ? eq(requests.districtCode, district) : undefined));
  return row;
}

/** The active catalogue of a district (or one category of it), by matter then code, with each department's name. */
export async function activeCatalogue(db: DbOrTx, district: string, code?: string): Promise<{ c: typeof serviceCategories.$inferSelect; dept: string | null }[]> {
  return db.select({ c: serviceCategories, dept: organisationNameOf(serviceCategories.departmentId) }).from(serviceCategories)
    .where(and(eq(serviceCategories.districtCode, district), eq(serviceCategories.active, true), code === undefined ? undefined : eq(serviceCategories.code, code)))
    .orderBy(asc(serviceCategories.matter), asc(serviceCategories.code));
}

/** When the catalogue of a district (or of any district) last changed. */
export async function catalogueChangedAt(db: DbOrTx, district: string | null): Promise<Date | null> {
  // Seconds since the epoch: a number from the driver, whatever it does with timestamp strings.
  const [row] = await db.select({ at: sql<number | null>`extract(epoch from max(${serviceCategories.updatedAt}))::float8` }).from(serviceCategories)
    .where(district ? eq(serviceCategories.districtCode, district) : undefined);
  return row?.at == null ? null : new Date(Math.floor(row.at) * 1000);
}
