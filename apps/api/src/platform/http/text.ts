import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/** A surrogate half without its partner: JSON can carry one, UTF-8 (and so PostgreSQL) cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes every string of a parsed JSON body storable as it will be read back: a lone surrogate becomes
 * U+FFFD, as PostgreSQL would store it, so the answer to a create matches what a later read returns.
 * Returns the JSON pointer of a string holding a NUL character (which text columns refuse),
 * or null. Walks with its own stack, not recursion: a hostile body may be nested thousands deep.
 */
export function normaliseText(value: unknown): { value: unknown; nulAt: string | null } {
  const fix = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');
  if (typeof value === 'string') {
    const fixed = fix(value);
    return { value: fixed, nulAt: fixed.includes('\u0000') ? '/' : null };
  }
  let nulAt: string | null = null;
  const stack: { node: Record<string, unknown>; path: string }[] = [];
  if (value !== null && typeof value === 'object') stack.push({ node: value as Record<string, unknown>, path: '' });
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (typeof v === 'string') {
        const fixed = fix(v);
        if (fixed !== v) node[k] = fixed;
        if (nulAt === null && fixed.includes('\u0000')) nulAt = `${path}/${k}`;
      } else if (v !== null && typeof v === 'object') {
        stack.push({ node: v as Record<string, unknown>, path: `${path}/${k}` });
      }
    }
  }
  return { value, nulAt };
}

/** Normalises JSON bodies before validation; a NUL character is refused up front, before any write. */
export function installTextNormalisation(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null || typeof request.body !== 'object') return;
    const { nulAt } = normaliseText(request.body);
    if (nulAt) throw new AppError('VALIDATION_FAILED', {}, [{ path: nulAt, message: 'text cannot contain NUL (\\u0000)' }]);
  });
}
