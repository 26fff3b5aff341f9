import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import { idempotencyKeys } from './idempotency.table.ts';

/** A claim left unfinished this long (the process died mid-request) may be taken over by a retry. */
const STALE_MS = 5 * 60 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { owner: string; key: string } | null;
  }
  interface FastifyContextConfig {
    /**
     * `false` for routes whose answer is a secret (a revealed ID number, a new token, a session): it
     * would be kept in clear in the key table, and a replay would skip the audit record. Such calls
     * simply run again.
     */
    idempotency?: boolean;
  }
}

/**
 * `Idempotency-Key` on POST: the first request claims the key and its response is remembered; a retry
 * with the same key and body gets that response again (header `Idempotent-Replayed: true`) instead of
 * doing the work twice; the same key with a different body is refused. Multipart uploads and routes
 * configured with `idempotency: false` are exempt.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !key) return;
    if (request.routeOptions.config.idempotency === false) return;
    // A multipart body (an upload) is read by the handler, after this hook: the hash below would not
    // cover the file, so a second file sent with a reused key would get the first file's answer.
    // Uploads only make previews, which a repeat does no harm to, so they are not deduplicated.
    if (/^multipart\//i.test(request.headers['content-type'] ?? '')) return;
    if (key.length > 200) throw new AppError('BAD_REQUEST', {}, { reason: 'Idempotency-Key too long' });
    const owner = request.actor?.userId ?? `ip:${request.ip}`;
    const requestHash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('base64url');
    const db = deps.db;
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key),
      sql`${idempotencyKeys.statusCode} IS NULL`, lt(idempotencyKeys.createdAt, new Date(Date.now() - STALE_MS))));
    const claimed = await db.insert(idempotencyKeys).values({ owner, key, requestHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (claimed.length) {
      request.idempotency = { owner, key };
      return;
    }
    const [prior] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)));
    if (!prior) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    if (prior.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_MISMATCH');
    if (prior.statusCode === null) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    reply.header('idempotent-replayed', 'true').status(prior.statusCode);
    return reply.send(prior.response ?? undefined);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    const where = and(eq(idempotencyKeys.owner, claim.owner), eq(idempotencyKeys.key, claim.key));
    // A server error may be transient: forget the key so the retry really runs again.
    if (reply.statusCode >= 500) {
      await deps.db.delete(idempotencyKeys).where(where);
      return payload;
    }
    let response: unknown = null;
    if (typeof payload === 'string' && payload) {
      try { response = JSON.parse(payload); } catch { response = payload; }
    }
    await deps.db.update(idempotencyKeys).set({ statusCode: reply.statusCode, response }).where(where);
    return payload;
  });
});
