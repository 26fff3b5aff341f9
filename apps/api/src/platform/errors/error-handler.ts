import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERRORS, errorMessage, negotiateLanguage, type ErrorCode } from '@gongzhi/contracts';
import { AppError } from './app-error.ts';

/** Sends `{ error: { code, message, details } }` in the request's language. */
export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, params: Record<string, unknown> = {}, details?: unknown) {
  const lang = negotiateLanguage(request.headers['accept-language']);
  return reply.status(ERRORS[code].status).send({ error: { code, message: errorMessage(code, lang, params), ...(details === undefined ? {} : { details }) } });
}

/**
 * Unique constraints that two concurrent requests can both pass the service's own check for; the
 * database is the final judge, and its refusal becomes the same error the service would have given.
 */
const UNIQUE_VIOLATIONS: Record<string, ErrorCode> = {
  residents_id_hash_uq: 'ID_NUMBER_DUPLICATE',
  users_phone_hash_uq: 'PHONE_TAKEN',
  regions_code_uq: 'REGION_CODE_TAKEN',
  units_building_number_uq: 'VALIDATION_FAILED',
  party_members_resident_uq: 'VALIDATION_FAILED',
  organisation_staff_uq: 'VALIDATION_FAILED',
};

/** The PostgreSQL error behind an error, if any (Drizzle wraps the driver's error in `cause`). */
function pgError(err: unknown): { code?: string; constraint?: string; detail?: string } | undefined {
  for (let e = err as { code?: string; constraint?: string; detail?: string; cause?: unknown } | undefined, i = 0; e && i < 3; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  }
  return undefined;
}

/** What busboy (under @fastify/multipart) says of a multipart body it cannot read. */
const MULTIPART_MALFORMED = /^(Unexpected end of (form|multipart data)|(Multipart: )?Boundary not found|Malformed (part|content type|urlencoded)|Unexpected end of file)/i;

/** Maps every thrown error to a stable code once; nothing else in the API sets error statuses. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) return sendError(request, reply, err.code, err.params, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      // A path that names nothing that can exist (a malformed id in /meetings/:id) is a page that is
      // not there, not a form filled in wrongly: 404, as for an id that is well formed but unknown.
      if ((err as FastifyError).validationContext === 'params') return sendError(request, reply, 'NOT_FOUND');
      const details = err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
      return sendError(request, reply, 'VALIDATION_FAILED', {}, details);
    }
    const pgErr = pgError(err);
    if (pgErr?.code === '23505' && pgErr.constraint && UNIQUE_VIOLATIONS[pgErr.constraint]) {
      // PostgreSQL's detail reads "Key (code)=(510108001001009) already exists."
      const value = /\)=\((.*)\) already exists/.exec(pgErr.detail ?? '')?.[1] ?? '';
      return sendError(request, reply, UNIQUE_VIOLATIONS[pgErr.constraint]!, { code: value });
    }
    // Nothing below names a constraint, a table or a SQLSTATE: those describe our schema, not the
    // caller's request, and a client must branch on our stable codes only (issue 14 · item 11).
    // Any other unique violation, a deadlock or a serialisation failure is two requests racing for the
    // same row: the loser's transaction rolled back whole, and trying again is the answer.
    if (pgErr?.code === '23505' || pgErr?.code === '40P01' || pgErr?.code === '40001') {
      return sendError(request, reply, 'CONCURRENT_CHANGE');
    }
    // Class 22 is PostgreSQL's "data exception": a value the caller sent (a NUL byte, a number out of
    // range, an impossible date) that got past validation. Bad input, and the transaction rolled back.
    if (pgErr?.code?.startsWith('22')) return sendError(request, reply, 'VALIDATION_FAILED', {}, [{ path: '/', message: 'a value cannot be stored' }]);
    // Class 23's other integrity violations (a missing referenced row, a NOT NULL or CHECK refused):
    // the caller named something that does not fit, and the transaction rolled back.
    if (pgErr?.code?.startsWith('23')) return sendError(request, reply, 'VALIDATION_FAILED', {}, [{ path: '/', message: 'a value does not fit the data it refers to' }]);
    // Drizzle refuses an UPDATE with nothing in it (a PATCH with an empty body): bad input, not a fault.
    if (err.message === 'No values to set') return sendError(request, reply, 'VALIDATION_FAILED', {}, [{ path: '/', message: 'nothing to change' }]);
    const fe = err as FastifyError;
    // The app takes one file per upload: a second is a wrong request, not a large one.
    if (fe.code === 'FST_FILES_LIMIT') return sendError(request, reply, 'UPLOAD_ONE_FILE');
    // busboy's refusals of a malformed multipart body (plain Errors without a code), should one
    // escape a reader other than readUpload, which maps them itself: the client's fault, not ours.
    if (!fe.code && MULTIPART_MALFORMED.test(err.message)) return sendError(request, reply, 'MULTIPART_INVALID', {}, { reason: err.message.slice(0, 120) });
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_PARTS_LIMIT') {
      return sendError(request, reply, 'PAYLOAD_TOO_LARGE');
    }
    if (fe.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && !isResponseSerializationError(err)) {
      return sendError(request, reply, 'BAD_REQUEST', {}, { reason: fe.code });
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL');
  });
}
