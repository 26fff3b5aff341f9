import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../harness.ts';
import { installErrorHandler } from '../../src/platform/errors/error-handler.ts';
import { fillPath, routesUnderTest, rule, SubjectFinder } from './route-kit.ts';
import { MALFORMED_MULTIPART } from './hostile.ts';

// probe fixes (org): a truncated multipart body, or one without its boundary, was a 500 INTERNAL on
// every upload route ("Unexpected end of form", "Boundary not found"); two tiny files were a 413.
// Every route that takes multipart, found from the route table (a new upload route is covered
// without anyone listing it), must answer such bodies with a coded 4xx.

let ctx: TestContext;
let pool: pg.Pool;
const callers: Client[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  pool = new pg.Pool({ connectionString: ctx.url, max: 2 });
  for (const phone of [DEMO.admin, DEMO.secretary, DEMO.grid, DEMO.owner]) callers.push(await signIn(ctx.app, phone));
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await ctx?.close();
});

const codeOf = (body: string): string | undefined => {
  try { return (JSON.parse(body) as { error?: { code?: string } }).error?.code; } catch { return undefined; }
};

describe('malformed multipart bodies', () => {
  it('get a coded 4xx on every multipart route, MULTIPART_INVALID once the upload is read, never a 5xx', async () => {
    const finder = new SubjectFinder(pool);
    const routes = routesUnderTest(ctx.app).filter((r) => {
      const consumes = (r.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
      return consumes.some((c) => c.startsWith('multipart/'));
    });
    expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining([
      '/api/v1/funds/:id/attachments', '/api/v1/requests/:id/photos', '/api/v1/instructions/attachments',
      '/api/v1/assemblies/:id/paper-ballots', '/api/v1/imports',
    ]));
    const failures: string[] = [];
    for (const route of routes) {
      const subject = rule(route.access).subject;
      const id = subject && subject !== 'users' ? await finder.any(subject) : undefined;
      const url = fillPath(route.url, id);
      let reached = false;
      for (const body of MALFORMED_MULTIPART) {
        for (const caller of callers) {
          const res = await caller.request(route.method, url, body.text, { 'content-type': body.contentType });
          const code = codeOf(res.body);
          if (res.statusCode >= 500 || !code) failures.push(`${route.method} ${route.url} ${body.label} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (code === 'MULTIPART_INVALID') reached = true;
        }
      }
      if (!reached) failures.push(`${route.method} ${route.url}: no demo account reached the upload reader`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe('the error handler', () => {
  it('maps the parser’s refusals and a second file to coded 400s, even from a reader other than readUpload', async () => {
    const app = Fastify();
    installErrorHandler(app);
    await app.register(multipart, { limits: { files: 1 } });
    app.post('/raw', async (request) => {
      for await (const part of request.parts()) if (part.type === 'file') await part.toBuffer();
      return { ok: true };
    });
    // An empty body is no parse error (no parts at all): the routes refuse it as a missing file.
    for (const body of MALFORMED_MULTIPART.filter((m) => m.text)) {
      const res = await app.inject({ method: 'POST', url: '/raw', payload: body.text, headers: { 'content-type': body.contentType } });
      expect([res.statusCode, codeOf(res.body)], body.label).toEqual([400, 'MULTIPART_INVALID']);
    }
    const b = 'two';
    const file = (n: string) => `--${b}\r\nContent-Disposition: form-data; name="${n}"; filename="${n}.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n`;
    const res = await app.inject({ method: 'POST', url: '/raw', payload: `${file('a')}${file('b')}--${b}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    expect([res.statusCode, codeOf(res.body)]).toEqual([400, 'UPLOAD_ONE_FILE']);
    await app.close();
  });
});
