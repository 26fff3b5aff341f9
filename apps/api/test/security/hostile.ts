import fc from 'fast-check';
import type { Json } from './schema-sample.ts';
import { sample } from './schema-sample.ts';

/** Fragments attackers and careless clients send: SQL, script, traversal, format strings, odd unicode. */
export const FRAGMENTS = [
  "' OR '1'='1", "'; DROP TABLE residents; --", '" OR ""="', "1; SELECT pg_sleep(10)--", "' UNION SELECT password_hash FROM users--",
  '\\', "'", '"', '%', '_', '%_%', '\\%', "$$; DELETE FROM requests; $$",
  '<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">', '"><svg onload=alert(1)>', 'javascript:alert(1)',
  '../../../../etc/passwd', '..\\..\\..\\windows\\win.ini', '/etc/shadow', 'C:\\boot.ini', '....//....//etc/passwd', '%2e%2e%2f%2e%2e%2f',
  '\u0000', 'a\u0000b', '\ud800', '\udfff', '\uffff', '\ufeff', '\u202e\u202d', '𝕳𝖊𝖑𝖑𝖔', '👨‍👩‍👧‍👦', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', '\r\nSet-Cookie: x=1',
  '${7*7}', '{{7*7}}', '%s%s%s%n', '%x%x', 'NaN', 'Infinity', '-0', '1e309', '-9223372036854775809', '99999999999999999999999',
  '__proto__', 'constructor', 'prototype', 'null', 'undefined', 'true', '[]', '{}', '0x41', '０１２', '１３９００００００００１',
  '2026-02-30', '2026-13-01T25:61:61Z', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '11010519491231002X', '110105194912310021', '+86 139 0000 0001', 'a'.repeat(300), '测'.repeat(2000),
];

/** Strings of every kind: fragments, random text in several alphabets, huge ones (cheap to build). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('A', '测', '👨‍👩‍👧', "'", '<'), fc.integer({ min: 1_000, max: 200_000 })).map(([c, n]) => c.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...FRAGMENTS)).map(([a, b]) => a + b) },
);

/** Numbers outside what any field wants. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 1e308, 0.1 + 0.2),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, shallow, with hostile leaves. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString, hostileNumber, fc.boolean(), fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'regionId'), fc.string({ maxLength: 8 })), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** JSON nested hundreds to thousands deep (objects or arrays). */
export const deeplyNested: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 100, max: 5_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});

/** A valid-looking body with one to three fields replaced by hostile values (or extra fields added). */
export function mutatedBody(schema: Json | undefined): fc.Arbitrary<unknown> {
  const base = (sample(schema) ?? {}) as Record<string, unknown>;
  const props = Object.keys(((schema?.properties ?? {}) as Record<string, unknown>));
  const keys = props.length ? props : ['x'];
  return fc.array(fc.tuple(fc.constantFrom(...keys, '__proto__', 'extra'), hostileValue), { minLength: 1, maxLength: 3 })
    .map((edits) => {
      const out: Record<string, unknown> = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base } : {};
      for (const [k, v] of edits) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
}

/**
 * Multipart bodies the parser cannot read: cut short, without the boundary the header names, with
 * no boundary in the header at all, a part header cut off (probe fixes (org): each was a 500).
 */
export const MALFORMED_MULTIPART: readonly { label: string; contentType: string; text: string }[] = [
  { label: 'one byte', contentType: 'multipart/form-data; boundary=zzz', text: 'x' },
  { label: 'no boundary in the header', contentType: 'multipart/form-data', text: 'x' },
  { label: 'empty', contentType: 'multipart/form-data; boundary=zzz', text: '' },
  { label: 'a file cut short', contentType: 'multipart/form-data; boundary=zzz', text: '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4' },
  { label: 'a part header cut short', contentType: 'multipart/form-data; boundary=zzz', text: '--zzz\r\nContent-Disposition: form-da' },
  { label: 'a field without the closing boundary', contentType: 'multipart/form-data; boundary=zzz', text: '--zzz\r\nContent-Disposition: form-data; name="regionId"\r\n\r\nabc' },
];

/** How a body goes over the wire: JSON of a value, or raw bytes under some content type. */
export type WireBody = { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string } | { kind: 'oversized' } | { kind: 'none' };

/** Bodies for a route: mostly mutated valid ones, then anything, deep nesting, broken JSON, odd types. */
export function wireBody(schema: Json | undefined): fc.Arbitrary<WireBody> {
  return fc.oneof(
    { weight: 6, arbitrary: mutatedBody(schema).map((value): WireBody => ({ kind: 'json', value })) },
    { weight: 3, arbitrary: hostileValue.map((value): WireBody => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: deeplyNested.map((value): WireBody => ({ kind: 'json', value })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1'),
        fc.oneof(hostileString, fc.constantFrom('{', '{"a":', '[1,2', '{"__proto__":{"admin":true}}', '\u0000', 'a=1&a=2&b[c]=3'))).map(([contentType, text]): WireBody => ({ kind: 'raw', contentType, text })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_MULTIPART).map(({ contentType, text }): WireBody => ({ kind: 'raw', contentType, text })) },
    { weight: 1, arbitrary: fc.constant<WireBody>({ kind: 'none' }) },
  );
}

/** A multipart upload with a hostile file name and content. */
export const hostileUpload = fc.record({
  filename: fc.oneof(fc.constantFrom('../../../../etc/passwd', '..\\..\\boot.ini', '/etc/passwd', 'a\u0000.jpg', '.htaccess', 'x.php%00.jpg', 'CON', '测试.xlsx', '<script>.csv'), hostileString.map((s) => s.slice(0, 300))),
  field: fc.constantFrom('file', 'photo', 'regionId', '../file'),
  content: fc.oneof(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), new TextEncoder().encode('姓名,身份证\n<script>,1\n=cmd|\' /C calc\'!A0,2'))),
  regionId: fc.oneof(fc.uuid(), hostileString),
});

/** Builds a multipart/form-data body by hand, so names and bytes arrive exactly as generated. */
export function multipartBody(u: { filename: string; field: string; content: Uint8Array; regionId: string }): { payload: Buffer; contentType: string } {
  const boundary = '----gzfuzz7MA4YWxkTrZu0gW';
  const head = (name: string, extra = '') => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`;
  const parts = [
    Buffer.from(`${head('regionId')}\r\n${u.regionId}\r\n`),
    Buffer.from(`${head(u.field, `; filename="${u.filename.replace(/"/g, '%22')}"`)}Content-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(u.content), Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
