import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { MAX_BODY_BYTES } from '../../src/platform/http/limits.ts';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../harness.ts';
import { fillPath, injectAnswer, routesUnderTest, rule, SubjectFinder, type Answer } from './route-kit.ts';
import { toJson, type Json } from './schema-sample.ts';
import { hostileString, hostileUpload, multipartBody, wireBody, type WireBody } from './hostile.ts';
import { tableDigest, diffDigests } from './digest.ts';

/**
 * Schema-driven fuzzing of every declared route with fast-check: wrong types, huge strings, unicode
 * edge cases, SQL and script fragments, path traversal in file names, deep JSON, broken and oversized
 * bodies, from anonymous callers and from signed-in ones. Zero 5xx, every error answer carries a
 * code, and a batch of requests that were all refused leaves every table exactly as it was.
 * Size: FUZZ_RUNS (default 3,000 for the everyday run; `npm run test:security` sets 100,000).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);
const BATCH = 100;
const CONCURRENCY = 8;
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

let ctx: TestContext;
let app: FastifyInstance;
let pool: pg.Pool;
const callers: (Client | null)[] = [null];
const stats = { inputs: 0, byStatus: new Map<number, number>(), cleanBatches: 0, dirtyBatches: 0 };

beforeAll(async () => {
  ctx = await createTestContext();
  // Rate limits off: the fuzzer sends thousands of requests from one account on purpose.
  app = await buildApp({ db: ctx.database.db, vault: ctx.vault, storage: ctx.storage, dbKind: inject('testDb').kind, now: () => new Date() }, { rateLimits: false });
  pool = new pg.Pool({ connectionString: ctx.url, max: 2 });
  for (const phone of [DEMO.admin, DEMO.grid, DEMO.resident, DEMO.department]) callers.push(await signIn(app, phone));
}, 120_000);

afterAll(async () => {
  const statuses = [...stats.byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ');
  console.log(`[fuzz] ${stats.inputs} inputs; statuses ${statuses}; ${stats.cleanBatches} all-refused batches checked unchanged, ${stats.dirtyBatches} batches with accepted writes`);
  await pool?.end();
  await app?.close();
  await ctx?.close();
});

/** Lone surrogates replaced, so the id can be percent-encoded (raw ones go in bodies and queries). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A short, always printable account of an input (deep bodies defeat JSON.stringify). */
function explain(x: { id: string; query: object; body: WireBody; caller: number }): string {
  let body: string;
  try { body = JSON.stringify(x.body).slice(0, 200); } catch { body = `${x.body.kind} (too deep to print)`; }
  return `caller ${x.caller}, id ${JSON.stringify(x.id.slice(0, 60))}, query ${JSON.stringify(x.query).slice(0, 120)}, body ${body}`;
}

/** Runs `fn` over `items`, at most `n` at a time (the app and its pool serve concurrent requests). */
async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/** An error answer carries a stable code: `{ error: { code } }`, or Open311's own `[{ code, description }]` / XML. */
function hasErrorCode(res: Answer, open311: boolean): boolean {
  if (open311 && /<code>\d+<\/code>/.test(res.body)) return true;
  try {
    const body = JSON.parse(res.body) as { error?: { code?: unknown } } | { code?: unknown }[];
    if (Array.isArray(body)) return open311 && body.length > 0 && body[0]?.code !== undefined;
    return typeof body.error?.code === 'string' && body.error.code.length > 0;
  } catch {
    return false;
  }
}

function payloadOf(body: WireBody): { payload?: string | Buffer; contentType?: string } {
  switch (body.kind) {
    case 'json': {
      let text: string;
      try { text = JSON.stringify(body.value) ?? 'null'; } catch { text = '"unserialisable"'; }
      return { payload: text, contentType: 'application/json' };
    }
    case 'raw': return { payload: body.text, contentType: body.contentType };
    case 'oversized': return { payload: `{"description":"${'x'.repeat(MAX_BODY_BYTES + 10)}"}`, contentType: 'application/json' };
    case 'none': return {};
  }
}

/** Sign-in and change-password: a refused attempt with a wrong password counts towards the lock-out. */
const COUNTS_FAILED_PASSWORDS = new Set(['POST /api/v1/session', 'POST /api/v1/me/password']);

/**
 * Reads that, when answered, enter what they issued in a register besides the audit log: a volunteer
 * certificate's verification number is kept so a printed certificate can be checked.
 */
const ANSWERED_READ_REGISTERS: Record<string, string[]> = {
  'GET /api/v1/volunteers/me/certificate.pdf': ['volunteer_certificates'],
  'GET /api/v1/volunteers/:id/certificate.pdf': ['volunteer_certificates'],
};

describe('fuzz', () => {
  it(`every route survives ${RUNS} hostile inputs: no 5xx, coded errors, nothing half-written`, async () => {
    const finder = new SubjectFinder(pool);
    const routes = routesUnderTest(app);
    const perRoute = Math.max(10, Math.ceil(RUNS / routes.length));
    const failures: string[] = [];

    for (const [ri, route] of routes.entries()) {
      const t0 = Date.now();
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      const bodySchema = toJson(schema.body);
      const querySchema = toJson(schema.querystring) as Json | undefined;
      const queryKeys = Object.keys((querySchema?.properties ?? {}) as object);
      const multipart = Array.isArray(schema.consumes) && (schema.consumes as string[]).some((c) => c.startsWith('multipart/'));
      const open311 = route.url.startsWith('/open311/');
      const signOut = route.method !== 'GET' && /\/sessions?(\/|$)|\/me\/erasure$/.test(route.url);
      const subject = rule(route.access).subject;
      const realId = subject && subject !== 'users' ? await finder.any(subject) : undefined;
      // Signing in counts failed attempts on the account (the lock): the one write a refused request makes.
      // Routes that count a wrong password against the account's lock-out write that count when refused.
      const mayChange = COUNTS_FAILED_PASSWORDS.has(`${route.method} ${route.url}`) ? ['users'] : [];

      const input = fc.record({
        caller: fc.integer({ min: 0, max: signOut ? 0 : callers.length - 1 }),
        id: fc.oneof(realId ? fc.constant(realId) : fc.uuid(), fc.uuid(), hostileString.map((s) => s.slice(0, 400))),
        query: fc.dictionary(fc.constantFrom(...queryKeys, 'limit', 'offset', 'q', '__proto__'), hostileString.map((s) => s.slice(0, 5_000)), { maxKeys: 4 }),
        body: route.method === 'GET' ? fc.constant<WireBody>({ kind: 'none' }) : fc.oneof({ weight: 50, arbitrary: wireBody(bodySchema) }, { weight: 1, arbitrary: fc.constant<WireBody>({ kind: 'oversized' }) }),
        upload: hostileUpload,
        csrfOk: fc.boolean(),
        lang: fc.constantFrom('zh-CN', 'en', 'xx', '*;q=0.1,,', ''),
        idemKey: fc.option(fc.string({ minLength: 1, maxLength: 300 }).map((s) => s.replace(/[^\x21-\x7e]/g, 'k')), { nil: undefined }),
      });

      // Reads are checked once per route, writes after every batch.
      const reads = route.method === 'GET';
      let before = await tableDigest(pool);
      for (let done = 0, batch = 0; done < perRoute; done += BATCH, batch++) {
        if (!reads && batch > 0) before = await tableDigest(pool);
        let accepted = false;
        let readAnswered = false;
        const xs = fc.sample(input, { numRuns: Math.min(BATCH, perRoute - done), seed: SEED + ri * 1000 + batch });
        await inParallel(xs, CONCURRENCY, async (x) => {
          const caller = callers[x.caller] ?? null;
          const url = fillPath(route.url, encodeURIComponent(wellFormed(x.id)), {}).replace('x.json', encodeURIComponent(wellFormed(x.id.slice(0, 50))) + '.json');
          const qs = new URLSearchParams(Object.entries(x.query)).toString();
          const headers: Record<string, string> = { 'accept-language': x.lang };
          if (caller) {
            headers.cookie = caller.cookie;
            headers['x-csrf-token'] = x.csrfOk ? caller.csrf : 'forged';
          }
          if (x.idemKey) headers['idempotency-key'] = x.idemKey;
          let payload: string | Buffer | undefined;
          // A multipart route gets a well-formed upload with hostile names and bytes, or, when the
          // body drawn is a raw multipart one, that body as it is (truncated, boundary-less…).
          const rawMultipart = x.body.kind === 'raw' && x.body.contentType.startsWith('multipart/');
          if (multipart && x.body.kind !== 'none' && !rawMultipart) {
            const mp = multipartBody(x.upload);
            payload = mp.payload;
            headers['content-type'] = mp.contentType;
          } else {
            const p = payloadOf(x.body);
            payload = p.payload;
            if (p.contentType) headers['content-type'] = p.contentType;
          }
          const res = await injectAnswer(app, { method: route.method, url: qs ? `${url}?${qs}` : url, headers, payload });
          stats.inputs++;
          stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode < 400) {
            if (route.method !== 'GET') accepted = true;
            else readAnswered = true;
          }
          const where = `${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 200)} ← ${explain(x)}`;
          if (res.statusCode >= 500) failures.push(`5xx: ${where}`);
          else if (res.statusCode >= 400 && !hasErrorCode(res, open311)) failures.push(`error without a code: ${where}`);
        });
        if (reads && done + BATCH < perRoute) continue;
        if (accepted) { stats.dirtyBatches++; continue; }
        // A read that was answered may be an audited one (the PIPL download, a full reveal): its audit row is expected.
        const allowed = readAnswered ? [...mayChange, 'audit_log', ...(ANSWERED_READ_REGISTERS[`${route.method} ${route.url}`] ?? [])] : mayChange;
        const changed = diffDigests(before, await tableDigest(pool)).filter((t) => !allowed.includes(t));
        stats.cleanBatches++;
        if (changed.length) failures.push(`${route.method} ${route.url}: refused requests changed ${changed.join(', ')}`);
      }
      if (process.env.FUZZ_PROFILE) console.log(`[fuzz] ${route.method} ${route.url}: ${Date.now() - t0} ms`);
    }
    expect(failures.slice(0, 30)).toEqual([]);
    expect(stats.inputs).toBeGreaterThanOrEqual(RUNS);
  }, 3_600_000);
});
