import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERRORS, errorMessage, negotiateLanguage, type ErrorCode } from '@gongzhi/contracts';
import { AppError } from './app-error.ts';

/** Sends `{ error: { code, message, details } }` in the request's language. */
export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, params: Record<string, unknown> = {}, details?: unknown) {
  const lang = negotiateLanguage(request.headers['accept-language']);
  return reply.status(ERRORS[code].status).send({ error: { code, message: errorMessage(code, lang, params), ...(details === undefined ? {} : { details }) } });
}

/** Maps every thrown error to a stable code once; nothing else in the API sets error statuses. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) return sendError(request, reply, err.code, err.params, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
      return sendError(request, reply, 'VALIDATION_FAILED', {}, details);
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT' || fe.code === 'FST_PARTS_LIMIT') {
      return sendError(request, reply, 'PAYLOAD_TOO_LARGE');
    }
    if (fe.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && !isResponseSerializationError(err)) {
      return sendError(request, reply, 'BAD_REQUEST', {}, { reason: fe.code });
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL');
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'ROUTE_NOT_FOUND'));
}
