import { z } from 'zod';
import { Open311Error, type Bilingual } from './open311.format.ts';
import { MAX_RESULTS, MAX_SPAN_MS, parseW3, type Open311Status, type RequestQuery } from './open311.presenter.ts';

/**
 * Arguments as GeoReport clients send them — query string, form fields or JSON — reduced to strings.
 * "A null parameter should be treated as equivalent to a non-declared parameter": empty values are
 * dropped. Repeated parameters are joined with commas, which is how the list filters are written anyway.
 * Nested values (the `attribute[code]` answers of service definitions we do not have) are ignored.
 */
export function flatArgs(...sources: unknown[]): Record<string, string> {
  // No prototype: parameter names come from clients ("__proto__" is just another ignored name).
  const out: Record<string, string> = Object.create(null);
  for (const src of sources) {
    if (!src || typeof src !== 'object') continue;
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      const parts = (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean').map((x) => String(x).trim());
      const joined = parts.filter(Boolean).join(',');
      if (joined) out[k] = joined;
      else delete out[k];
    }
  }
  return out;
}

const decimal = (min: number, max: number) => z.string().regex(/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/).transform(Number).pipe(z.number().min(min).max(max));
const text = (max: number) => z.string().max(max);

/** The fields of POST requests (the specification's required and optional arguments). */
const PostFields = z.object({
  service_code: z.string().max(60),
  lat: decimal(-90, 90).optional(),
  long: decimal(-180, 180).optional(),
  address_string: text(300).optional(),
  address_id: text(100).optional(),
  email: text(254).optional(),
  device_id: text(200).optional(),
  account_id: text(200).optional(),
  first_name: text(50).optional(),
  last_name: text(50).optional(),
  phone: text(30).optional(),
  // "Free form text limited to 4,000 characters"; markup in it is kept as text, never rendered.
  description: text(4000).optional(),
  media_url: text(2000).optional(),
});
export type PostFields = z.infer<typeof PostFields>;

/** What each invalid field is called back to the client, in both languages. */
const FIELD_MESSAGES: Record<string, Bilingual> = {
  service_code: { 'zh-CN': '缺少 service_code，或其过长', en: 'service_code was not provided (or is too long)' },
  lat: { 'zh-CN': 'lat 应为 -90 到 90 之间的数', en: 'lat must be a number between -90 and 90' },
  long: { 'zh-CN': 'long 应为 -180 到 180 之间的数', en: 'long must be a number between -180 and 180' },
  description: { 'zh-CN': 'description 最多 4000 个字符', en: 'description is limited to 4,000 characters' },
};

/**
 * Checks a POST's fields: types and lengths, lat and long together, and a location (lat & long,
 * address_string or address_id). Every problem is reported, each as one entry of the error array.
 */
export function parsePost(args: Record<string, string>): PostFields {
  const parsed = PostFields.safeParse(args);
  const problems: Bilingual[] = [];
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
    for (const f of fields) {
      problems.push(FIELD_MESSAGES[f] ?? { 'zh-CN': `${f} 不符合要求`, en: `${f} is not valid` });
    }
  }
  const hasLat = args.lat !== undefined, hasLong = args.long !== undefined;
  if (hasLat !== hasLong) problems.push({ 'zh-CN': 'lat 和 long 需要同时提供', en: 'lat and long must both be sent' });
  else if (!hasLat && args.address_string === undefined && args.address_id === undefined) {
    problems.push({ 'zh-CN': '请提供位置：lat 和 long、address_string 或 address_id', en: 'A location is required: lat & long, address_string or address_id' });
  }
  if (problems.length || !parsed.success) throw new Open311Error(400, problems);
  return parsed.data;
}

/**
 * The reporter's name from first_name and last_name: Chinese names are family name first with no
 * space (张 + 三 = 张三), others given name first.
 */
export function reporterName(first?: string, last?: string): string | undefined {
  if (!first && !last) return undefined;
  if (/[\u3400-\u9fff]/.test(`${first ?? ''}${last ?? ''}`)) return `${last ?? ''}${first ?? ''}`;
  return [first, last].filter(Boolean).join(' ');
}

const bad = (zh: string, en: string) => new Open311Error(400, [{ 'zh-CN': zh, en }]);

/**
 * The filters of GET requests. Without dates the span is the last 90 days; with one date it is the
 * 90 days after start_date or before end_date; with both it "may not span more than 90 days", so a
 * longer span is refused rather than silently cut.
 */
export function parseListQuery(args: Record<string, string>, now: Date): RequestQuery {
  const list = (v: string | undefined) => (v ? [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))] : undefined);
  const ids = list(args.service_request_id);
  const statuses = list(args.status);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw bad('status 只能是 open 或 closed', 'status must be open or closed');
  const date = (name: 'start_date' | 'end_date') => {
    if (args[name] === undefined) return undefined;
    const d = parseW3(args[name]);
    if (!d) throw bad(`${name} 应为 w3 格式的时间，例如 2010-01-01T00:00:00Z`, `${name} must be a w3 datetime, e.g. 2010-01-01T00:00:00Z`);
    return d;
  };
  let start = date('start_date');
  let end = date('end_date');
  if (start && end) {
    if (end < start) throw bad('end_date 早于 start_date', 'end_date is before start_date');
    if (end.getTime() - start.getTime() > MAX_SPAN_MS) throw bad('查询跨度不能超过 90 天', 'The range may not span more than 90 days');
  }
  if (!start && !end) end = now;
  if (!start) start = new Date(end!.getTime() - MAX_SPAN_MS);
  if (!end) end = new Date(start.getTime() + MAX_SPAN_MS);
  return {
    ...(ids ? { ids: ids.slice(0, MAX_RESULTS) } : {}),
    ...(list(args.service_code) ? { serviceCodes: list(args.service_code) } : {}),
    ...(statuses ? { statuses: statuses as Open311Status[] } : {}),
    start, end,
  };
}
