import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { installErrorHandler } from './error-handler.ts';
import { makeIdNumber } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type TestContext } from '../../../test/harness.ts';
import { households, regions } from '../../features/org/org.table.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

describe('the error handler', () => {
  it('maps a unique violation from PostgreSQL to the domain code, with the value in the message', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.post('/dup', async () => {
      await ctx.database.db.execute(sql`INSERT INTO regions (id, level, code, name, district_code) VALUES (gen_random_uuid(), 'district', '510108', '重复', '510108')`);
      return {};
    });
    const res = await app.inject({ method: 'POST', url: '/dup' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'REGION_CODE_TAKEN', message: '同一上级下已有代码 510108' });
    await app.close();
  });

  it('answers any other unique violation, a deadlock or a serialisation failure with a coded 409', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.post('/race', async () => {
      const [c] = (await ctx.database.pool.query<{ district_code: string; code: string }>('SELECT district_code, code FROM service_categories LIMIT 1')).rows;
      await ctx.database.db.execute(sql`INSERT INTO service_categories (id, district_code, region_path, code, name_zh, name_en, matter, respond_hours, resolve_hours, working_time)
        VALUES (gen_random_uuid(), ${c!.district_code}, ${c!.district_code}, ${c!.code}, '重复', 'dup', 'big', 2, 24, false)`);
      return {};
    });
    app.post('/deadlock', async () => { throw Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) }); });
    for (const url of ['/race', '/deadlock']) {
      const res = await app.inject({ method: 'POST', url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONCURRENT_CHANGE');
    }
    await app.close();
  });

  it('maps database errors to stable codes without a sqlstate, constraint or table name (issue 14 · item 11b)', async () => {
    const app = Fastify();
    installErrorHandler(app);
    app.post('/nul', async () => { await ctx.database.db.execute(sql`SELECT ${'a\u0000b'}::text`); return {}; });
    app.post('/range', async () => { await ctx.database.db.execute(sql`SELECT ${'99999999999'}::int`); return {}; });
    app.post('/fk', async () => {
      await ctx.database.db.execute(sql`INSERT INTO request_events (id, request_id, actor_name, kind) VALUES (gen_random_uuid(), gen_random_uuid(), 'x', 'comment')`);
      return {};
    });
    app.post('/race', async () => {
      const [c] = (await ctx.database.pool.query<{ district_code: string; code: string }>('SELECT district_code, code FROM service_categories LIMIT 1')).rows;
      await ctx.database.db.execute(sql`INSERT INTO service_categories (id, district_code, region_path, code, name_zh, name_en, matter, respond_hours, resolve_hours, working_time)
        VALUES (gen_random_uuid(), ${c!.district_code}, ${c!.district_code}, ${c!.code}, '重复', 'dup', 'big', 2, 24, false)`);
      return {};
    });
    const expected = { '/nul': [400, 'VALIDATION_FAILED'], '/range': [400, 'VALIDATION_FAILED'], '/fk': [400, 'VALIDATION_FAILED'], '/race': [409, 'CONCURRENT_CHANGE'] } as const;
    for (const [url, [status, code]] of Object.entries(expected)) {
      const res = await app.inject({ method: 'POST', url });
      expect(res.statusCode, url).toBe(status);
      expect(res.json().error.code, url).toBe(code);
      expect(res.body, url).not.toMatch(/sqlstate|constraint|_fkey|_uq|request_events|service_categories|\b2[23]\d{3}\b/i);
    }
    await app.close();
  });

  it('answers a malformed id in a path with 404 NOT_FOUND, as an unknown one, and bad input elsewhere with 400 (issue 15 · item 17d)', async () => {
    const secretary = await signIn(ctx.app, DEMO.secretary);
    for (const url of ['/api/v1/council-meetings/not-a-meeting', '/api/v1/council-meetings/00000000-0000-0000-0000-00000000000z', '/api/v1/residents/123']) {
      const res = await secretary.request('GET', url);
      expect([res.statusCode, res.json().error.code], url).toEqual([404, 'NOT_FOUND']);
      expect(res.json().error.message, url).toBe('找不到该内容');
    }
    const unknown = await secretary.request('GET', '/api/v1/council-meetings/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    const badBody = await secretary.request('POST', '/api/v1/residents', { name: '' });
    expect([badBody.statusCode, badBody.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('gives one 201 and 409s when the same person is registered six times at once', async () => {
    const worker = await signIn(ctx.app, DEMO.worker);
    const [grid] = await ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001001001'));
    const [home] = await ctx.database.db.select().from(households).where(eq(households.regionId, grid!.id)).limit(1);
    const body = { householdId: home!.id, name: '并发', relation: '其他', idNumber: makeIdNumber('510108', '1990-01-02', 321) };
    const answers = await Promise.all(Array.from({ length: 6 }, () => worker.request('POST', '/api/v1/residents', body)));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(5);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.code).toBe('ID_NUMBER_DUPLICATE');
  });

  it('answers an unknown route with a coded 404 and malformed JSON with 400, never a stack trace', async () => {
    const worker = await signIn(ctx.app, DEMO.worker);
    const missing = await worker.request('GET', '/api/v1/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ROUTE_NOT_FOUND');
    const bad = await worker.request('POST', '/api/v1/residents', '{"name": ', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');
    expect(bad.body).not.toMatch(/at .*\.ts/);
  });

  it('refuses an oversized body with 413', async () => {
    const worker = await signIn(ctx.app, DEMO.worker);
    const res = await worker.request('POST', '/api/v1/residents', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answer in the API error format too (raw non-ASCII bytes in the URL)', async () => {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const net = await import('node:net');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(Buffer.concat([Buffer.from('GET /api/v1/residents?q='), Buffer.from('张', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
      });
      let data = '';
      socket.on('data', (d) => { data += d.toString('utf8'); });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer.startsWith('HTTP/1.1 400')).toBe(true);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain('请求格式有误');
  });
});
