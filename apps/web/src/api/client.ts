/**
 * The one way the console talks to the API: a client typed from the API's OpenAPI document
 * (openapi-fetch over the generated `schema.ts`), with the session's CSRF token on every
 * state-changing call, an Idempotency-Key on POSTs (so a double click or a retry on a flaky phone
 * connection never creates two households), and the UI language in Accept-Language so error
 * messages arrive already translated. Failures become an {@link ApiError} with the envelope's code.
 */

import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';
import type { ApiAnswer } from './types.ts';

/** Paths with a POST operation. */
type PostPath = { [P in keyof paths]: paths[P] extends { post: object } ? P : never }[keyof paths];

/** Fills `{name}` placeholders of a path template. */
function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}

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

/** Builds `/api/v1/...?a=1` from a path and query. */
export function apiUrl(path: string, query?: Query): string {
  const qs = serializeQuery(query ?? {});
  return qs ? `${path}?${qs}` : path;
}

// Empty filters ('' from a cleared input) are left out, as the API treats a missing filter as "any".
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v as string | number | boolean));
  }
  return params.toString();
}

function headersFor(method: string, extra: Record<string, string> = {}): Headers {
  const h = new Headers({ Accept: 'application/json', 'Accept-Language': state.language, ...extra });
  if (method !== 'GET' && method !== 'HEAD' && state.csrfToken) h.set('x-csrf-token', state.csrfToken);
  if (method === 'POST') h.set('Idempotency-Key', crypto.randomUUID());
  return h;
}

/** Turns an error answer's body (already parsed, or text) into an {@link ApiError}. */
function errorFrom(status: number, statusText: string, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(status, err.code, err.message, err.details);
  }
  // Not the envelope (a proxy page, an empty 502): a generic error.
  return new ApiError(status, 'HTTP_' + status, statusText || `HTTP ${status}`);
}

function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', state.language === 'en' ? 'Cannot reach the server; check the connection' : '无法连接服务器，请检查网络');
}

function failed(err: ApiError, quietAuth: boolean | undefined): ApiError {
  if (err.isAuthLoss && !quietAuth) state.onAuthLost?.(err);
  return err;
}

/**
 * The typed client: every path, parameter, body and answer comes from the API's OpenAPI document
 * (`schema.ts`, generated by `npm run api:types`). Use it through {@link unwrap}, which turns the
 * error envelope into an {@link ApiError}.
 */
export const gz = createClient<paths>({
  // openapi-fetch builds a Request, which needs an absolute URL outside the browser (unit tests).
  baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin,
  credentials: 'same-origin',
  querySerializer: serializeQuery,
  // Looked up on each call, so tests can stub the global fetch.
  fetch: (req: Request) => globalThis.fetch(req),
});

gz.use({
  onRequest({ request }) {
    headersFor(request.method).forEach((v, k) => request.headers.set(k, v));
    // Body-less POSTs (close, open, remind…) still send `{}` as JSON, as the console always has.
    if (request.method === 'POST' && request.body === null) {
      request.headers.set('Content-Type', 'application/json');
      return new Request(request, { body: '{}' });
    }
    return undefined;
  },
});

/** What every openapi-fetch call resolves to: the answer's data, or its error body. */
interface Answer<T> { data?: T; error?: unknown; response: Response }

/** Options for {@link unwrap}. */
export interface UnwrapOptions {
  /** Do not trigger the "signed out" handler on 401 (used by the session check and sign-in). */
  quietAuth?: boolean;
}

/**
 * Awaits a typed call and returns its data (undefined for 204), or throws an {@link ApiError}: the
 * error envelope's code and message, or `NETWORK` when the server cannot be reached. A lost session
 * is reported to the session provider first.
 */
export async function unwrap<T>(call: Promise<Answer<T>>, opts: UnwrapOptions = {}): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw networkError();
  }
  const { response } = answer;
  if (!response.ok) throw failed(errorFrom(response.status, response.statusText, answer.error), opts.quietAuth);
  return answer.data as T;
}

async function send(method: string, url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, method, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw networkError();
  }
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // Not JSON: errorFrom falls back to a generic error.
    }
    throw failed(errorFrom(res.status, res.statusText, body), false);
  }
  return res;
}

/** Posts a multipart form (file uploads); the browser sets the boundary, so no Content-Type here. */
export async function upload<P extends PostPath>(path: P, form: FormData, params?: Record<string, string>): Promise<ApiAnswer<P, 'post'>> {
  // The OpenAPI document does not describe multipart bodies, so this stays a plain fetch; the answer
  // is still typed from the document.
  const res = await send('POST', fillPath(path, params), { headers: headersFor('POST'), body: form });
  return (await res.json()) as ApiAnswer<P, 'post'>;
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
  const res = await send('GET', apiUrl(path, query), { headers: headersFor('GET', { Accept: '*/*' }) });
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
