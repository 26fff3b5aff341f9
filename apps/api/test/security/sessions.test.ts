import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createTestContext, DEMO, DEMO_PASSWORD, signIn, type TestContext } from '../harness.ts';

let ctx: TestContext;
let proxied: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  // As deployed behind a TLS-terminating reverse proxy (GONGZHI_TRUST_PROXY=true).
  proxied = await buildApp({ db: ctx.database.db, vault: ctx.vault, storage: ctx.storage, dbKind: inject('testDb').kind }, { trustProxy: true });
});
afterAll(async () => {
  await proxied?.close();
  await ctx?.close();
});

describe('sessions and headers', () => {
  it('sends the security headers on API answers and errors', async () => {
    for (const url of ['/api/health', '/api/v1/nothing-here', '/api/v1/session']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('marks the session cookie Secure when served over HTTPS, httpOnly and SameSite always', async () => {
    const body = { phone: DEMO.worker, password: DEMO_PASSWORD };
    const https = await proxied.inject({ method: 'POST', url: '/api/v1/session', payload: body, headers: { 'x-forwarded-proto': 'https' } });
    const c = https.cookies.find((x) => x.name === 'gz_session')!;
    expect(c.secure).toBe(true);
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    const plain = await proxied.inject({ method: 'POST', url: '/api/v1/session', payload: body });
    expect(plain.cookies.find((x) => x.name === 'gz_session')!.secure).toBeFalsy();
    // Without a trusted proxy, a forged header does not make the server believe in HTTPS.
    const forged = await ctx.app.inject({ method: 'POST', url: '/api/v1/session', payload: body, headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.cookies.find((x) => x.name === 'gz_session')!.secure).toBeFalsy();
  });

  it('refuses a state-changing call without the CSRF token', async () => {
    const c = await signIn(ctx.app, DEMO.grid);
    const res = await ctx.app.inject({ method: 'DELETE', url: '/api/v1/sessions', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });

  it('signs out everywhere: every session of the user ends, others stay', async () => {
    const phone = await signIn(ctx.app, DEMO.secretary);
    const laptop = await signIn(ctx.app, DEMO.secretary);
    const other = await signIn(ctx.app, DEMO.street);
    const res = await laptop.request('DELETE', '/api/v1/sessions');
    expect(res.statusCode).toBe(200);
    expect(res.json().ended).toBeGreaterThanOrEqual(2);
    expect((await phone.request('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await laptop.request('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await other.request('GET', '/api/v1/session')).statusCode).toBe(200);
    const audit = await ctx.database.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.delete_all'");
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses the most common passwords when an account is made or reset', async () => {
    const admin = await signIn(ctx.app, DEMO.admin);
    for (const password of ['password1', 'Woaini1314', 'qwerty123', 'abc12345']) {
      const res = await admin.request('POST', '/api/v1/users', { name: '新同事', phone: '13712349999', password, grants: [] });
      expect(res.statusCode, password).toBe(422);
      expect(res.json().error.code).toBe('PASSWORD_WEAK');
    }
    const ok = await admin.request('POST', '/api/v1/users', { name: '新同事', phone: '13712349999', password: 'Tq7mLx3pZ9', grants: [] });
    expect(ok.statusCode).toBe(201);
  });
});
