import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { regions } from '../org/org.table.ts';
import * as schemas from './open311.schemas.ts';

/**
 * Validators for every GeoReport answer, from the schemas written from the specification
 * (open311.schemas.ts).
 */
export function open311Schemas(): Record<'services' | 'serviceDefinition' | 'requests' | 'postAnswer' | 'tokenAnswer', ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return {
    services: ajv.compile(schemas.listOf(schemas.service)),
    serviceDefinition: ajv.compile(schemas.serviceDefinition),
    requests: ajv.compile(schemas.listOf(schemas.request)),
    postAnswer: ajv.compile(schemas.listOf(schemas.postAnswerItem, 1)),
    tokenAnswer: ajv.compile(schemas.listOf(schemas.tokenAnswerItem, 1)),
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
