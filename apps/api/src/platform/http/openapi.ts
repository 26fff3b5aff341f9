import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@gongzhi/contracts';
import type { RouteAccess } from '../authz/route-access.ts';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0] & {
  route: { method: string | string[]; config?: { access?: RouteAccess; operationId?: string } };
};
type Schema = { operationId?: string; response?: Record<string, unknown>; hide?: boolean; [k: string]: unknown };

/** The error envelope, registered once in `components.schemas` and referred to by every 4xx answer. */
export const ERROR_SCHEMA_NAME = 'Error';
export const errorComponent = z.toJSONSchema(ErrorBody, { target: 'openapi-3.0' });

const ref = (description: string) => ({
  description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } },
});

/**
 * A stable operationId from the method and path, so a generated client keeps its names while
 * routes keep their URLs: `GET /api/v1/funds/{code}/entries` → `getFundsByCodeEntries`. A route may
 * set its own with `config.operationId`.
 */
export function operationIdFor(method: string, url: string): string {
  const words = url.replace(/^\/api\/v1\//, '/').replace(/^\/api\//, '/').split(/[/.]/).filter(Boolean).map((seg) => {
    const param = /^[:{](\w+)}?$/.exec(seg);
    const word = (param ? `by-${param[1]}` : seg).split(/[^A-Za-z0-9]+/).filter(Boolean);
    return word.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  });
  return method.toLowerCase() + words.join('');
}

/** The error answers a route can give, from its access declaration and its path. */
function errorResponses(access: RouteAccess | undefined, url: string): Record<string, unknown> {
  const out: Record<string, unknown> = { 400: ref('Malformed request (code BAD_REQUEST or VALIDATION_FAILED)') };
  if (access !== 'public') out[401] = ref('Not signed in (UNAUTHENTICATED)');
  if (typeof access === 'object') out[403] = ref('The role may not do this (FORBIDDEN)');
  if (/[:{]/.test(url)) out[404] = ref('Not found, or outside what the caller may see (…_NOT_FOUND)');
  out['4XX'] = ref('Refused by a domain rule: the code says which (e.g. QUORUM_NOT_MET, 409 CONCURRENT_CHANGE, 429 RATE_LIMITED)');
  return out;
}

/**
 * @fastify/swagger's transform: zod → JSON Schema, then an operationId and the documented error
 * answers (the `{ error: { code, message, details } }` envelope) for every operation.
 */
export function openapiTransform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Schema;
  if (schema.hide) return out;
  const method = Array.isArray(input.route.method) ? input.route.method[0]! : input.route.method;
  const config = input.route.config;
  const response = { ...errorResponses(config?.access, input.url), ...(schema.response ?? {}) };
  // Downloads and streams (xlsx, PDF, photos, SSE) are sent raw and declare no body schema.
  if (!Object.keys(response).some((code) => code.startsWith('2'))) response[200] = { description: 'A file or an event stream, as the summary says' };
  return {
    ...out,
    schema: {
      ...anyForEmptyAnyOf(schema) as Schema,
      operationId: config?.operationId ?? operationIdFor(method, input.url),
      response: anyForEmptyAnyOf(response),
    },
  };
}

/**
 * zod writes `z.unknown().nullable()` as `anyOf: [{}, {type: 'null'}]`, which validators flag as
 * illogical (the empty member matches anything): say "any value" plainly.
 */
function anyForEmptyAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anyForEmptyAnyOf);
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (Array.isArray(obj.anyOf) && obj.anyOf.some((m) => m && typeof m === 'object' && Object.keys(m).length === 0)) {
    const { anyOf: _any, ...rest } = obj;
    return anyForEmptyAnyOf(rest);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, anyForEmptyAnyOf(v)]));
}
