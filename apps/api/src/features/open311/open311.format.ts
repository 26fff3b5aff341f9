import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

/** The two output formats of GeoReport v2, chosen by the resource's extension. */
export type Format = 'json' | 'xml';

/** Content types as the specification gives them, UTF-8 everywhere. */
const CONTENT_TYPE: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/**
 * Splits a path segment such as `GZ00000012.json` into the id and the format. Parsed here rather
 * than by the router so that ids and codes may contain dots themselves (the extension is the last one).
 */
export function splitFormat(segment: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(segment);
  return m ? { name: m[1]!, format: m[2] as Format } : null;
}

/**
 * Element names for the items of each list, after the Spark convention the specification's JSON is
 * derived from: `<endpoints><endpoint>…`, `<attributes><attribute>…`, and so on.
 */
const ITEM: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' };

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates): dropped, not escaped. */
// eslint-disable-next-line no-control-regex -- naming the control characters XML allows is the point
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function node(key: string, v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) {
    const item = ITEM[key] ?? 'item';
    return v.length ? { [item]: v.map((x) => node(item, x)) } : '';
  }
  if (typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => [k, node(k, x)]));
  }
  return String(v).replace(NOT_XML, '');
}

// Text is always escaped (processEntities): a description with markup stays text in the XML.
const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true, ignoreAttributes: true });

/**
 * The XML form of an answer: `root` wraps the document; a list's members are `item` elements
 * (`<service_requests><request>…`). Null fields become empty elements, as in the specification's
 * examples.
 */
function toXml(root: string, item: string | null, value: unknown): string {
  const body = Array.isArray(value)
    ? { [root]: value.length ? { [item ?? 'item']: value.map((x) => node(item ?? 'item', x)) } : '' }
    : { [root]: node(root, value) };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(body) as string}`;
}

/** What an answer is called in XML: its root element and, for lists, the element of each member. */
interface XmlShape { root: string; item: string | null }

/** Sends `value` as JSON or as XML with the given shape. */
export function sendAs(reply: FastifyReply, format: Format, shape: XmlShape, value: unknown, status = 200) {
  const body = format === 'json' ? JSON.stringify(value) : toXml(shape.root, shape.item, value);
  return reply.status(status).type(CONTENT_TYPE[format]).send(body);
}

/** A message in both languages the platform speaks. */
export type Bilingual = { 'zh-CN': string; en: string };

/**
 * An error in GeoReport's terms: 404 for what does not exist, 403 for a missing or wrong api_key,
 * 400 for anything else that cannot be fulfilled. `code` in the body is the HTTP status, as in the
 * specification's example.
 */
export class Open311Error extends Error {
  constructor(readonly status: 400 | 403 | 404, readonly messages: Bilingual[]) {
    super(messages[0]?.en ?? 'Open311 error');
    this.name = 'Open311Error';
  }
}

/** Throws a single-message Open311 error. */
export function fail(status: 400 | 403 | 404, zh: string, en: string): never {
  throw new Open311Error(status, [{ 'zh-CN': zh, en }]);
}

/** Sends the specification's error array: `[{ code, description }]`, or `<errors><error>…` in XML. */
export function sendErrors(reply: FastifyReply, format: Format, status: number, descriptions: string[]) {
  const errors = descriptions.map((description) => ({ code: status, description }));
  return sendAs(reply, format, { root: 'errors', item: 'error' }, errors, status);
}
