import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiUrl, gz, onAuthLost, setApiLanguage, setCsrfToken, unwrap } from './client.ts';

describe('apiUrl', () => {
  it('leaves out empty, null and undefined parameters', () => {
    expect(apiUrl('/api/v1/residents', { q: '', tag: undefined, regionId: null, limit: 20, offset: 0 })).toBe('/api/v1/residents?limit=20&offset=0');
    expect(apiUrl('/api/v1/regions')).toBe('/api/v1/regions');
  });
});

describe('ApiError', () => {
  it('exposes VALIDATION_FAILED details as field issues and ignores malformed ones', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ path: '/phone', message: 'wrong' }, { nope: 1 }]);
    expect(e.fieldIssues).toEqual([{ path: '/phone', message: 'wrong' }]);
    expect(new ApiError(409, 'PHONE_TAKEN', 'taken', [{ path: '/phone', message: 'x' }]).fieldIssues).toEqual([]);
  });
  it('treats only SESSION_EXPIRED and UNAUTHENTICATED as losing the session', () => {
    expect(new ApiError(401, 'SESSION_EXPIRED', '').isAuthLoss).toBe(true);
    expect(new ApiError(401, 'UNAUTHENTICATED', '').isAuthLoss).toBe(true);
    expect(new ApiError(401, 'INVALID_CREDENTIALS', '').isAuthLoss).toBe(false);
  });
});

describe('request headers', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    onAuthLost(null);
    setCsrfToken(null);
  });

  const stubFetch = (status: number, body: unknown) => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    return fetch;
  };

  it('sends the CSRF token, a fresh Idempotency-Key on POST, and the UI language', async () => {
    const fetch = stubFetch(201, { id: 'x' });
    setCsrfToken('tok');
    setApiLanguage('en');
    const body = { regionId: 'r', address: 'a', tenure: 'owner' as const };
    await unwrap(gz.POST('/api/v1/households', { body }));
    await unwrap(gz.POST('/api/v1/households', { body }));
    const [first, second] = fetch.mock.calls.map((c) => (c as unknown as [Request])[0].headers);
    expect(first!.get('x-csrf-token')).toBe('tok');
    expect(first!.get('accept-language')).toBe('en');
    expect(first!.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.get('idempotency-key')).not.toBe(first!.get('idempotency-key'));
  });

  it('sends no CSRF token or Idempotency-Key on GET', async () => {
    const fetch = stubFetch(200, []);
    setCsrfToken('tok');
    await unwrap(gz.GET('/api/v1/regions'));
    const headers = (fetch.mock.calls[0] as unknown as [Request])[0].headers;
    expect(headers.get('x-csrf-token')).toBeNull();
    expect(headers.get('idempotency-key')).toBeNull();
  });

  it('turns an error body into an ApiError and reports a lost session', async () => {
    stubFetch(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' } });
    const lost = vi.fn();
    onAuthLost(lost);
    const err = await unwrap(gz.GET('/api/v1/audit')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('登录已过期，请重新登录');
    expect(lost).toHaveBeenCalledOnce();
  });

  it('sends `{}` as JSON on a POST without a body, and turns a failed fetch into NETWORK', async () => {
    const fetch = stubFetch(200, {});
    await unwrap(gz.POST('/api/v1/regions/{id}/retire', { params: { path: { id: 'r1' } } }));
    const req = (fetch.mock.calls[0] as unknown as [Request])[0];
    expect(req.headers.get('content-type')).toBe('application/json');
    expect(await req.text()).toBe('{}');
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const err = await unwrap(gz.GET('/api/v1/regions')).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('NETWORK');
  });
});
