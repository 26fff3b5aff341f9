import { and, asc, desc, eq, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { eraseFromText, isFinishedState, REQUEST_STATES, type RequestState } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { organisationNameOf } from '../org/organisation.service.ts';
import { residentNameOf } from '../org/people.service.ts';
import { requests, serviceCategories } from './requests.table.ts';

// What the public (unauthenticated) channels read of requests and the catalogue: Open311 shapes it.

const FINISHED = REQUEST_STATES.filter(isFinishedState);

/**
 * The columns a public answer is made of. Reporter columns (phone, user) are never selected, so no
 * request — anonymous or not — can leak who reported it; nor is the sequential staff number: the
 * public knows a request by its random `publicId` only, so ids cannot be walked. The reporter's
 * names are read only to erase them from the free text (`masked`), never answered.
 */
const publicColumns = {
  publicId: requests.publicId, state: requests.state, description: requests.description, address: requests.address,
  lat: requests.lat, lng: requests.lng, createdAt: requests.createdAt, updatedAt: requests.updatedAt, closedAt: requests.closedAt,
  ratedAt: requests.ratedAt, resolveDueAt: requests.resolveDueAt, channel: requests.channel, matter: requests.matter,
  categoryCode: serviceCategories.code, nameZh: serviceCategories.nameZh, nameEn: serviceCategories.nameEn, agency: organisationNameOf(requests.departmentId),
  reporterName: requests.reporterName,
  reporterAccountName: sql<string | null>`(SELECT u.name FROM ${users} u WHERE u.id = ${requests.reporterUserId})`,
  reporterResidentName: residentNameOf(requests.reporterResidentId),
};

/** The reporter's names as a public row carries them, to be erased from its text. */
type ReporterNames = { reporterName: string | null; reporterAccountName: string | null; reporterResidentName: string | null };

/** A request as the public may see it: no reporter, the category's names and the department's. */
export type PublicRequestRow = { publicId: string; state: RequestState; description: string; address: string | null; lat: number | null; lng: number | null;
  createdAt: Date; updatedAt: Date; closedAt: Date | null; ratedAt: Date | null; resolveDueAt: Date | null; channel: string; matter: string | null;
  categoryCode: string | null; nameZh: string | null; nameEn: string | null; agency: string | null };

/** Which public requests: `ids` (public ids) overrides all the others. */
export interface PublicRequestFilter { ids?: string[]; categoryCodes?: string[]; finished?: boolean; start: Date; end: Date; limit: number }

/**
 * What the public may see at all: a request sorted by staff (no longer `received`) as a big or small
 * matter. Until someone has sorted it, its free text may hold anything; a private matter (私事) stays
 * private forever; a merged one lives on in the request it was merged into (issue 14 · item 4).
 */
const PUBLIC_ONLY = and(inArray(requests.matter, ['big', 'small']), notInArray(requests.state, ['received', 'merged']))!;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function selectPublic(db: DbOrTx) {
  return db.select(publicColumns).from(requests).leftJoin(serviceCategories, eq(serviceCategories.id, requests.categoryId));
}

/** What replaces the reporter's own name in public text. */
export const NAME_ERASED = '某某';

/**
 * A request's free text as the public and other residents read it: the reporter's own names (as
 * given on the request, their account's and their resident record's) erased, contact and identity
 * numbers masked. Residents write their own name into the description and the address ("1栋 余芳");
 * the reporter is never shown, so neither may their name be through the text.
 */
export function publicText(text: string, names: ReporterNames): string {
  const given = names.reporterName ? nameOrders(names.reporterName) : [];
  const all = [...given, names.reporterAccountName, names.reporterResidentName].filter((n): n is string => !!n);
  return eraseFromText(text, all, NAME_ERASED);
}

/**
 * A name as given on a request in every order its parts may be written in. A name given in parts
 * (Open311 first_name + last_name) is joined family name first, but many put the family name in
 * first_name (王 + 大锤 is stored 大锤王 and written 王大锤); the parts are not kept, so every
 * rotation of a Chinese name of three or more characters is erased, which holds both orders. A
 * two-character name is not turned round: 张三 reversed (三张) is an everyday word.
 */
function nameOrders(name: string): string[] {
  const chars = Array.from(name.trim());
  if (chars.length < 3 || !/^[\u3400-\u9fff\u{20000}-\u{2ffff}·]+$/u.test(name.trim())) return [name];
  return chars.map((_, i) => [...chars.slice(i), ...chars.slice(0, i)].join(''));
}

/**
 * A public row's free text through {@link publicText}, without the names it was erased by: the one
 * place public answers get their text from, so no public view can forget it.
 */
function masked(row: PublicRequestRow & ReporterNames): PublicRequestRow {
  const { reporterName, reporterAccountName, reporterResidentName, ...r } = row;
  const names = { reporterName, reporterAccountName, reporterResidentName };
  return { ...r, description: publicText(r.description, names), address: r.address === null ? null : publicText(r.address, names) };
}

/** A district's public requests as the filter asks, newest first, at most `f.limit`. */
export async function publicRequests(db: DbOrTx, district: string, f: PublicRequestFilter): Promise<PublicRequestRow[]> {
  // Every region path in a district starts with its code: the prefix uses the (path, created_at) index.
  const where: SQL[] = [sql`${requests.regionPath} LIKE ${likePrefix(district)}`, eq(requests.districtCode, district), PUBLIC_ONLY];
  if (f.ids) {
    const ids = f.ids.filter((x) => UUID.test(x));
    if (!ids.length) return [];
    where.push(inArray(requests.publicId, ids));
  } else {
    where.push(gte(requests.createdAt, f.start), lte(requests.createdAt, f.end));
    if (f.categoryCodes) where.push(inArray(serviceCategories.code, f.categoryCodes));
    if (f.finished !== undefined) where.push(f.finished ? inArray(requests.state, FINISHED) : notInArray(requests.state, FINISHED));
  }
  const rows = await selectPublic(db).where(and(...where)).orderBy(desc(requests.createdAt), desc(requests.id)).limit(f.limit);
  return rows.map(masked);
}

/**
 * One public request by its public id, in a district or (ids being unique) anywhere; undefined for
 * anything the public may not see, exactly as for an id that does not exist.
 */
export async function publicRequest(db: DbOrTx, district: string | null, publicId: string): Promise<PublicRequestRow | undefined> {
  if (!UUID.test(publicId)) return undefined;
  const [row] = await selectPublic(db).where(and(eq(requests.publicId, publicId), PUBLIC_ONLY, district ? eq(requests.districtCode, district) : undefined));
  return row && masked(row);
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
