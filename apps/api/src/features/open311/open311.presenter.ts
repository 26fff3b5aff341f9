import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { chinaIso, isFinishedState, startOfChinaDay, MATTER_LABELS, REQUEST_STATE_LABELS, REQUEST_STATES, type RequestState } from '@gongzhi/core';
import type { Language } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { organisations } from '../org/org.table.ts';
import { requests, serviceCategories } from '../requests/requests.table.ts';

/** Open311 has two statuses; a request is `closed` once it is finished in our cycle. */
export type Open311Status = 'open' | 'closed';
const FINISHED = REQUEST_STATES.filter(isFinishedState);

/** GeoReport answers at most this many requests per query, and spans at most this many days. */
export const MAX_RESULTS = 1000;
export const MAX_SPAN_MS = 90 * 86_400_000;

/** A w3 datetime with its offset, in China time as the platform shows times (e.g. 2026-05-01T09:30:00+08:00). */
export function w3(d: Date): string {
  return chinaIso(d);
}

const W3_INPUT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses a w3 datetime as the specification asks (`2010-01-01T00:00:00Z`): a time needs its offset. A
 * bare date is taken as midnight in China. Impossible dates (February 31st) are refused, not rolled over.
 */
export function parseW3(text: string): Date | null {
  const m = W3_INPUT.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) return null;
  const at = m[4] ? new Date(text) : startOfChinaDay(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

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
type PublicRow = { number: string; state: RequestState; description: string; address: string | null; lat: number | null; lng: number | null;
  createdAt: Date; updatedAt: Date; closedAt: Date | null; ratedAt: Date | null; resolveDueAt: Date | null; channel: string; matter: string | null;
  categoryCode: string | null; nameZh: string | null; nameEn: string | null; agency: string | null };

const WITHHELD = { 'zh-CN': '私事，内容不公开', en: 'A private matter: not shown publicly' } as const;

/**
 * A service request in GeoReport v2's fields. A private matter (私事: a family's or a person's own
 * affair) keeps its status public, so the client that filed it can follow it, but not what it says
 * or where it is.
 */
export function presentServiceRequest(r: PublicRow, lang: Language) {
  const closed = isFinishedState(r.state);
  const hidden = r.matter === 'private';
  return {
    service_request_id: r.number,
    status: (closed ? 'closed' : 'open') as Open311Status,
    // Our finer state (sorted, dispatched, replied…) is what status_notes is for.
    status_notes: REQUEST_STATE_LABELS[r.state][lang],
    service_name: r.categoryCode ? (lang === 'en' ? r.nameEn : r.nameZh) : null,
    // A request not (yet) in a category has no service; the field is required, so it is empty.
    service_code: r.categoryCode ?? '',
    description: hidden ? WITHHELD[lang] : r.description,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: w3(r.createdAt),
    // "For requests with status=closed, this will be the date the request was closed."
    updated_datetime: w3(closed ? r.closedAt ?? r.ratedAt ?? r.updatedAt : r.updatedAt),
    expected_datetime: r.resolveDueAt ? w3(r.resolveDueAt) : null,
    address: hidden ? null : r.address,
    address_id: null,
    zipcode: null,
    lat: hidden ? null : r.lat,
    long: hidden ? null : r.lng,
    media_url: null,
  };
}

/** The filters of GET requests, already checked. `ids` overrides all the others, as the specification says. */
export interface RequestQuery { ids?: string[]; serviceCodes?: string[]; statuses?: Open311Status[]; start: Date; end: Date }

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

/** The active catalogue of a district as GeoReport services, by matter then code. */
export async function findServices(db: DbOrTx, district: string, lang: Language, code?: string) {
  const rows = await db.select({ c: serviceCategories, dept: organisations.name }).from(serviceCategories)
    .leftJoin(organisations, eq(organisations.id, serviceCategories.departmentId))
    .where(and(eq(serviceCategories.districtCode, district), eq(serviceCategories.active, true), code === undefined ? undefined : eq(serviceCategories.code, code)))
    .orderBy(asc(serviceCategories.matter), asc(serviceCategories.code));
  return rows.map(({ c, dept }) => ({
    service_code: c.code,
    service_name: lang === 'en' ? c.nameEn : c.nameZh,
    description: lang === 'en'
      ? `${dept ? `Handled by ${dept}. ` : ''}Response within ${c.respondHours} h, resolution within ${c.resolveHours} h${c.workingTime ? ' (working hours)' : ''}.`
      : `${dept ? `承办：${dept}。` : ''}${c.respondHours} 小时内响应，${c.resolveHours} 小时内办结${c.workingTime ? '（按工作时间计）' : ''}。`,
    // Our categories carry no extra fields: no service definition is needed (an empty one is served anyway).
    metadata: false,
    // Requests are created synchronously: POST answers with the service_request_id at once.
    type: 'realtime' as const,
    // The name in the other language is the most useful synonym we have.
    keywords: lang === 'en' ? c.nameZh : c.nameEn,
    group: MATTER_LABELS[c.matter][lang],
  }));
}

/** When the catalogue of a district last changed, for discovery's `changeset`. */
export async function catalogueChangedAt(db: DbOrTx, district: string | null): Promise<Date | null> {
  // Seconds since the epoch: a number from the driver, whatever it does with timestamp strings.
  const [row] = await db.select({ at: sql<number | null>`extract(epoch from max(${serviceCategories.updatedAt}))::float8` }).from(serviceCategories)
    .where(district ? eq(serviceCategories.districtCode, district) : undefined);
  return row?.at == null ? null : new Date(Math.floor(row.at) * 1000);
}
