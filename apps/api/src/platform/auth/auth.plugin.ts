import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { clockOf, type AppDeps } from '../deps.ts';
import type { Actor } from '../authz/actor.ts';
import { AppError } from '../errors/app-error.ts';
import { resolveApiToken, resolveSession } from './session.service.ts';
import type { Directory } from './directory.ts';

/** What authentication needs: the app's dependencies and the directory of regions and organisations (given by app.ts). */
export type AuthDeps = AppDeps & { directory: Directory };

export const SESSION_COOKIE = 'gz_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Why there is no actor: no credentials, or a session that has expired. */
    authState: 'none' | 'expired' | 'ok';
    sessionId: string | null;
    csrfToken: string | null;
  }
}

/**
 * Resolves the caller from the session cookie or a bearer token before any handler runs, and checks
 * the CSRF header on every state-changing browser call. Anonymous callers pass through; routes that
 * need an actor call `requireActor`.
 */
export const authPlugin = fp(async (app: FastifyInstance, deps: AuthDeps) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('authState', 'none');
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    // Only the console's API knows sessions and bearer tokens. Open311 (/open311/) is public to read
    // and authorised by its own api_key to write: a browser's session cookie sent along must neither
    // act for the client nor subject its form POST to the console's CSRF check.
    if (!request.url.startsWith('/api/')) return;
    const now = clockOf(deps)();
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const actor = await resolveApiToken(deps.db, deps.directory, auth.slice(7).trim(), now);
      if (!actor) throw new AppError('UNAUTHENTICATED');
      request.actor = { ...actor, ip: request.ip };
      request.authState = 'ok';
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveSession(deps.db, deps.directory, token, now);
    if (found.state === 'expired') request.authState = 'expired';
    if (found.state !== 'ok') return;
    request.actor = { ...found.actor, ip: request.ip };
    request.authState = 'ok';
    request.sessionId = found.sessionId;
    request.csrfToken = found.csrfToken;
    // Sign-in itself carries no session yet; everything else that changes data must echo the token.
    if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== found.csrfToken) {
      throw new AppError('CSRF_INVALID');
    }
  });
});

/** The acting user, or 401 (SESSION_EXPIRED when the session ran out, so the UI can say so). */
export function requireActor(request: FastifyRequest): Actor {
  if (request.actor) return request.actor;
  throw new AppError(request.authState === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
}
