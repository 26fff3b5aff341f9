import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { regions } from '../org/org.table.ts';

/** The Open311 community's schemas, kept in shared/ beside the repository (as CI has it). */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const SCHEMAS = path.resolve(REPO, '../shared/open311');

const read = (name: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8')) as Record<string, unknown>;

/**
 * Validators for every GeoReport answer: the community's own schemas (`services.json` refers to
 * `service.json` by file name, so each is added under its name), and for POST and tokens, whose
 * answers have no schema file of their own, the definitions in the community's swagger.json.
 */
export function open311Schemas(): Record<'services' | 'serviceDefinition' | 'requests' | 'postAnswer' | 'tokenAnswer', ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('uid', true); // swagger.json's name for "an opaque id string"
  for (const name of ['service.json', 'services.json', 'request.json', 'requests.json', 'service-definition.json']) ajv.addSchema(read(name), name);
  const defs = (read('swagger.json').definitions ?? {}) as Record<string, object>;
  const get = (name: string) => ajv.getSchema(name)!;
  return {
    services: get('services.json'),
    serviceDefinition: get('service-definition.json'),
    requests: get('requests.json'),
    postAnswer: ajv.compile({ type: 'array', minItems: 1, items: { ...defs.RequestResponse, required: ['service_request_id'] } }),
    tokenAnswer: ajv.compile({ type: 'array', minItems: 1, items: { ...defs.TokenResponse, required: ['service_request_id', 'token'] } }),
  };
}

/** Fails with ajv's explanation when `data` does not validate. */
export function assertValid(validate: ValidateFunction, data: unknown): void {
  if (!validate(data)) throw new Error(`schema violation: ${JSON.stringify(validate.errors, null, 1)}`);
}

const parser = new XMLParser({
  ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true,
  isArray: (name) => ['request', 'service', 'error', 'endpoint', 'format', 'attribute'].includes(name),
});

/** Parses an XML answer after checking it is well-formed, with its declaration first. */
export function parseXml(body: string): Record<string, any> {
  const ok = XMLValidator.validate(body);
  if (ok !== true) throw new Error(`malformed XML: ${JSON.stringify(ok)}\n${body}`);
  if (!body.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error('XML answer without its declaration');
  return parser.parse(body) as Record<string, any>;
}

/** The middle of a micro-grid's boundary: a point `locate` places in that micro-grid. */
export async function pointIn(db: Db, code: string): Promise<{ lat: number; long: number }> {
  const [micro] = await db.select().from(regions).where(eq(regions.code, code));
  const ring = (micro!.boundary as { coordinates: number[][][] }).coordinates[0]!;
  return { long: (ring[0]![0]! + ring[2]![0]!) / 2, lat: (ring[0]![1]! + ring[2]![1]!) / 2 };
}

/** A form body, as GeoReport clients send a POST. */
export function form(fields: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
}
