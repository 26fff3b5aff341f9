import type { ErrorCode } from '@gongzhi/contracts';

/** A domain error with a stable code; mapped to HTTP status and message once, in the error handler. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** Throws `code` unless `value` is present; the idiom for "not found (or not yours)". */
export function found<T>(value: T | undefined | null, code: ErrorCode = 'NOT_FOUND'): T {
  if (value === undefined || value === null) throw new AppError(code);
  return value;
}
