import { z } from 'zod';

/** A JSON Schema node, loosely typed: the suite only reads the keywords below. */
export type Json = Record<string, unknown>;

/** The JSON Schema of a route's zod (or already JSON) schema part, for input. */
export function toJson(schema: unknown): Json | undefined {
  if (!schema) return undefined;
  if (schema instanceof z.ZodType) {
    try {
      return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
    } catch {
      return {};
    }
  }
  return schema as Json;
}

const UUID = '01900000-0000-7000-8000-000000000000';
const STRING_GUESSES = ['510104', '510104001', '510104001001', '510104001001001', '13900000001', 'A1', 'x', '1', 'abc', '2026-01-01', '2026-01', 'ok'];

/** A string that satisfies `s` as far as cheaply possible (formats, patterns by guess, lengths). */
function sampleString(s: Json): string {
  const fmt = s.format as string | undefined;
  if (fmt === 'uuid') return UUID;
  if (fmt === 'date') return '2026-01-01';
  if (fmt === 'date-time') return '2026-01-01T00:00:00.000Z';
  if (fmt === 'email') return 'a@example.org';
  if (fmt === 'uri' || fmt === 'url') return 'https://example.org/';
  const min = (s.minLength as number | undefined) ?? 1;
  const max = (s.maxLength as number | undefined) ?? Infinity;
  const fits = (v: string) => v.length >= min && v.length <= max;
  if (typeof s.pattern === 'string') {
    let re: RegExp | undefined;
    try { re = new RegExp(s.pattern, 'u'); } catch { re = undefined; }
    const hit = STRING_GUESSES.find((g) => fits(g) && (!re || re.test(g)));
    if (hit) return hit;
  }
  return '测'.repeat(Math.max(min, Math.min(2, max)));
}

/** A minimal value valid against `s`: required properties only, first alternatives, lower bounds. */
export function sample(s: Json | undefined, depth = 0): unknown {
  if (!s || depth > 8) return undefined;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('default' in s && s.default !== undefined) return s.default;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const alts = s[key] as Json[] | undefined;
    if (alts?.length) {
      if (key === 'allOf') return Object.assign({}, ...alts.map((a) => sample(a, depth + 1) as object));
      return sample(alts.find((a) => a.type !== 'null') ?? alts[0], depth + 1);
    }
  }
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const out: Record<string, unknown> = {};
      for (const k of (s.required as string[] | undefined) ?? []) out[k] = sample(props[k], depth + 1);
      return out;
    }
    case 'array': {
      const n = (s.minItems as number | undefined) ?? 0;
      return Array.from({ length: n }, () => sample(s.items as Json, depth + 1));
    }
    case 'string': return sampleString(s);
    case 'integer':
    case 'number': {
      if (typeof s.minimum === 'number') return s.minimum;
      if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + 1;
      return typeof s.maximum === 'number' ? Math.min(0, s.maximum) : 1;
    }
    case 'boolean': return false;
    case 'null': return null;
    default: return undefined;
  }
}

/** A querystring object from a sampled value (every value as a string). */
export function toQuery(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}
