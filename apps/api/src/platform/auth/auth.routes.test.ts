import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, DEMO_PASSWORD, signIn, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx.close(); });

const post = (payload: unknown, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'POST', url: '/api/v1/session', payload: payload as object, headers });

describe('sign-in', () => {
  it('answers 200, sets an httpOnly SameSite session cookie and returns roles and abilities', async () => {
    const res = await post({ phone: DEMO.grid, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.grants[0].role).toBe('grid_worker');
    expect(body.can).toContain('people.read');
    expect(body.can).not.toContain('audit.read');
    expect(body.user.phoneMasked).toBe('139****0006');
    expect(body.csrfToken).toBeTruthy();
  });

  it('accepts a phone written with spaces or +86', async () => {
    expect((await post({ phone: '+86 139 0000 0006', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('answers 401 INVALID_CREDENTIALS in the request language, for a wrong password and an unknown phone alike', async () => {
    const zh = await post({ phone: DEMO.worker, password: 'wrong-password1' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: '手机号或密码不正确' });
    const en = await post({ phone: '13712345678', password: 'whatever1' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.statusCode).toBe(401);
    expect(en.json().error.message).toBe('Wrong phone number or password');
  });

  it('rejects a malformed body with 400 VALIDATION_FAILED and its details', async () => {
    const res = await post({ phone: 13900000006 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.length).toBeGreaterThan(0);
  });

  it('locks the account after five failures and lets it in again once the lock runs out', async () => {
    for (let i = 0; i < 4; i++) expect((await post({ phone: DEMO.supervisor, password: 'nope-nope1' })).statusCode).toBe(401);
    const fifth = await post({ phone: DEMO.supervisor, password: 'nope-nope1' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await post({ phone: DEMO.supervisor, password: DEMO_PASSWORD })).statusCode).toBe(423);
    ctx.clock.offsetMs = 16 * 60 * 1000;
    try {
      expect((await post({ phone: DEMO.supervisor, password: DEMO_PASSWORD })).statusCode).toBe(200);
    } finally {
      ctx.clock.offsetMs = 0;
    }
  });
});

describe('sessions', () => {
  it('answers 401 UNAUTHENTICATED without a session', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/residents' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 SESSION_EXPIRED once the session has been idle too long', async () => {
    const c = await signIn(ctx.app, DEMO.worker);
    ctx.clock.offsetMs = 13 * 60 * 60 * 1000;
    try {
      const res = await c.request('GET', '/api/v1/session');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('SESSION_EXPIRED');
    } finally {
      ctx.clock.offsetMs = 0;
    }
  });

  it('refuses a state-changing call without the CSRF token', async () => {
    const c = await signIn(ctx.app, DEMO.worker);
    const res = await ctx.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });

  it('signs out: the same cookie no longer works', async () => {
    const c = await signIn(ctx.app, DEMO.worker);
    expect((await c.request('DELETE', '/api/v1/session')).statusCode).toBe(204);
    expect((await c.request('GET', '/api/v1/session')).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('lets a machine client act with a bearer token until it is revoked', async () => {
    const c = await signIn(ctx.app, DEMO.worker);
    const created = await c.request('POST', '/api/v1/tokens', { name: 'ETL' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const auth = { authorization: `Bearer ${token}` };
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/session', headers: auth });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBeNull();
    // Bearer calls need no CSRF token: no browser sends them on its own.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/residents?limit=1', headers: auth })).statusCode).toBe(200);
    expect((await c.request('DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/session', headers: auth })).statusCode).toBe(401);
  });
});
