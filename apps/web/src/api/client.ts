/**
 * The one way the console talks to the API: JSON in and out, the session's CSRF token on every
 * state-changing call, an Idempotency-Key on POSTs (so a double click or a retry on a flaky phone
 * connection never creates two households), and the UI language in Accept-Language so error
 * messages arrive already translated.
 */

/** One field-level problem in a VALIDATION_FAILED answer. */
export interface FieldIssue {
  /** JSON pointer to the field, e.g. `/phone`. */
  path: string;
  message: string;
}

/** An error answer from the API (or a network failure, with status 0 and code `NETWORK`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The field issues of a VALIDATION_FAILED answer, or an empty list. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue => typeof d === 'object' && d !== null && typeof (d as FieldIssue).path === 'string' && typeof (d as FieldIssue).message === 'string',
    );
  }

  /** True when the answer means "sign in again". */
  get isAuthLoss(): boolean {
    return this.status === 401 && (this.code === 'SESSION_EXPIRED' || this.code === 'UNAUTHENTICATED');
  }
}

/** Settings the session and language providers push into the client. */
const state: { csrfToken: string | null; language: string; onAuthLost: ((err: ApiError) => void) | null } = {
  csrfToken: null,
  language: 'zh-CN',
  onAuthLost: null,
};

/** Sets the CSRF token from the SessionView (null after sign-out). */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

/** Sets the language sent as Accept-Language. */
export function setApiLanguage(language: string): void {
  state.language = language;
}

/**
 * Registers what happens when any call finds the session gone (the session provider sends the user to
 * the sign-in page). Calls made while signing in or checking the session opt out with `quietAuth`.
 */
export function onAuthLost(handler: ((err: ApiError) => void) | null): void {
  state.onAuthLost = handler;
}

/** Query parameters; undefined, null and empty strings are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

/** Options for {@link request}. */
export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not trigger the "signed out" handler on 401 (used by the session check and sign-in). */
  quietAuth?: boolean;
}

/** Builds `/api/v1/...?a=1` from a path and query. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function headersFor(method: string, extra: Record<string, string> = {}): Headers {
  const h = new Headers({ Accept: 'application/json', 'Accept-Language': state.language, ...extra });
  if (method !== 'GET' && method !== 'HEAD' && state.csrfToken) h.set('x-csrf-token', state.csrfToken);
  if (method === 'POST') h.set('Idempotency-Key', crypto.randomUUID());
  return h;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy page, an empty 502): fall through to a generic error.
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(res.status, err.code, err.message, err.details);
  }
  return new ApiError(res.status, 'HTTP_' + res.status, res.statusText || `HTTP ${res.status}`);
}

async function send(method: string, url: string, init: RequestInit, quietAuth: boolean | undefined): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, method, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', state.language === 'en' ? 'Cannot reach the server; check the connection' : '无法连接服务器，请检查网络');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (err.isAuthLoss && !quietAuth) state.onAuthLost?.(err);
    throw err;
  }
  return res;
}

/** Sends a JSON request and returns the parsed answer (undefined for 204). */
export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
  const hasBody = opts.body !== undefined;
  const headers = headersFor(method, hasBody ? { 'Content-Type': 'application/json' } : {});
  const init: RequestInit = { headers, signal: opts.signal ?? null };
  if (hasBody) init.body = JSON.stringify(opts.body);
  const res = await send(method, apiUrl(path, opts.query), init, opts.quietAuth);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Shorthands for {@link request}. */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Posts a multipart form (file uploads); the browser sets the boundary, so no Content-Type here. */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  const res = await send('POST', path, { headers: headersFor('POST'), body: form }, false);
  return (await res.json()) as T;
}

function filenameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file through fetch (not a plain link) so API errors show as messages instead of a page of
 * JSON, then hands it to the browser as a file named as the server says.
 */
export async function download(path: string, query?: Query, fallbackName = 'download'): Promise<void> {
  const res = await send('GET', apiUrl(path, query), { headers: headersFor('GET', { Accept: '*/*' }) }, false);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filenameFrom(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
