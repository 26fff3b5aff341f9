import { chinaIso, isFinishedState, startOfChinaDay, MATTER_LABELS, REQUEST_STATE_LABELS } from '@gongzhi/core';
import type { Language } from '@gongzhi/contracts';
import type { CatalogueRow, PublicRow } from './open311.service.ts';

/** Open311 has two statuses; a request is `closed` once it is finished in our cycle. */
export type Open311Status = 'open' | 'closed';

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
 * A service request in GeoReport v2's fields. Only requests the public may see reach here (sorted,
 * not private: see requests/public.service.ts), with their free text already masked; the id is the
 * request's random public id, never its sequential staff number.
 */
export function presentServiceRequest(r: PublicRow, lang: Language) {
  const closed = isFinishedState(r.state);
  return {
    service_request_id: r.publicId,
    status: (closed ? 'closed' : 'open') as Open311Status,
    // Our finer state (sorted, dispatched, replied…) is what status_notes is for.
    status_notes: REQUEST_STATE_LABELS[r.state][lang],
    service_name: r.categoryCode ? (lang === 'en' ? r.nameEn : r.nameZh) : null,
    // A request not (yet) in a category has no service; the field is required, so it is empty.
    service_code: r.categoryCode ?? '',
    description: r.description,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: w3(r.createdAt),
    // "For requests with status=closed, this will be the date the request was closed."
    updated_datetime: w3(closed ? r.closedAt ?? r.ratedAt ?? r.updatedAt : r.updatedAt),
    expected_datetime: r.resolveDueAt ? w3(r.resolveDueAt) : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: null,
  };
}

/** The filters of GET requests, already checked. `ids` overrides all the others, as the specification says. */
export interface RequestQuery { ids?: string[]; serviceCodes?: string[]; statuses?: Open311Status[]; start: Date; end: Date }

/** A category of a district's catalogue as a GeoReport service, in the asked language. */
export function presentService(row: CatalogueRow, lang: Language) {
  const { c, dept } = row;
  return {
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
  };
}
