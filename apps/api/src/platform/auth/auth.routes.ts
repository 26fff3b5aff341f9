import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordBody, CodeSentView, CreatedToken, CreateTokenBody, IdParams, PhoneCodeBody, ResetPasswordBody, SessionView, SignInBody, TokenView } from '@gongzhi/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { clockOf } from '../deps.ts';
import { AppError } from '../errors/app-error.ts';
import { apiTokens } from './auth.table.ts';
import { requireActor, SESSION_COOKIE, type AuthDeps } from './auth.plugin.ts';
import { requestCode } from './phone-code.service.ts';
import { changePassword, resetPassword } from './password.service.ts';
import { createApiToken, revokeApiToken, sessionView, signIn, signOut, signOutEverywhere, SESSION_IDLE_MS } from './session.service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const presentToken = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt),
});

/** Sign-in, sign-out, "who am I", and the actor's own API tokens. */
export async function authRoutes(app: FastifyInstance, deps: AuthDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = clockOf(deps);

  r.post('/api/v1/session', {
    schema: { tags: ['auth'], summary: 'Sign in with phone and password', body: SignInBody, response: { 200: SessionView } },
    // Never remembered for replay: the answer carries the CSRF token. Signing in twice is harmless.
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' }, idempotency: false },
  }, async (request, reply) => {
    const result = await signIn(deps.db, deps.vault, deps.directory, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] }, now());
    reply.setCookie(SESSION_COOKIE, result.token, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https', maxAge: SESSION_IDLE_MS / 1000,
    });
    return sessionView(deps.db, deps.directory, result.actor, result.csrfToken);
  });

  r.get('/api/v1/session', { config: { access: 'signed-in' },
    schema: { tags: ['auth'], summary: 'The signed-in user, their roles and abilities', response: { 200: SessionView } },
  }, async (request) => sessionView(deps.db, deps.directory, requireActor(request), request.csrfToken));

  r.delete('/api/v1/session', { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } } }, async (request, reply) => {
    const actor = requireActor(request);
    if (request.sessionId) await signOut(deps.db, actor, request.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  r.delete('/api/v1/sessions', {
    config: { access: 'signed-in' },
    schema: { tags: ['auth'], summary: 'Sign out everywhere: end every session of my account', response: { 200: z.object({ ended: z.number().int() }) } },
  }, async (request, reply) => {
    const ended = await signOutEverywhere(deps.db, requireActor(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ended };
  });

  r.get('/api/v1/tokens', { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.array(TokenView) } } }, async (request) => {
    const actor = requireActor(request);
    const rows = await deps.db.select().from(apiTokens)
      .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt))).orderBy(desc(apiTokens.createdAt));
    return rows.map(presentToken);
  });

  r.post('/api/v1/tokens', {
    schema: { tags: ['auth'], summary: 'Create an API token for a machine client (shown once)', body: CreateTokenBody, response: { 201: CreatedToken } },
    config: { access: 'signed-in', idempotency: false }, // the answer is the plain token, which must be shown once and stored nowhere
  }, async (request, reply) => {
    const actor = requireActor(request);
    if (actor.via === 'token') throw new AppError('FORBIDDEN'); // tokens do not mint tokens
    const t = await createApiToken(deps.db, actor, request.body.name, request.body.expiresInDays, now());
    return reply.status(201).send({ ...presentToken(t), token: t.token });
  });

  r.delete('/api/v1/tokens/:id', { config: { access: { subject: 'api_tokens' } }, schema: { tags: ['auth'], summary: 'Revoke an API token', params: IdParams, response: { 204: z.null() } } }, async (request, reply) => {
    await revokeApiToken(deps.db, requireActor(request), request.params.id);
    return reply.status(204).send(null);
  });

  // ---- One-time SMS codes, forgotten and changed passwords (issue 14 · item 3) ----
  // Per client address by the rate limiter (as sign-in); per phone, and the lock-out, in the service.
  const codeLimit = { max: 10, timeWindow: '1 minute' };

  r.post('/api/v1/signup/code', {
    schema: { tags: ['auth'], summary: 'Send a sign-up code by SMS (the same answer whether or not the phone has an account)', security: [], body: PhoneCodeBody, response: { 200: CodeSentView } },
    config: { access: 'public', rateLimit: codeLimit },
  }, async (request) => requestCode(deps.db, deps.vault, { phone: request.body.phone, purpose: 'signup', ip: request.ip }, now()));

  r.post('/api/v1/password-reset/code', {
    schema: { tags: ['auth'], summary: 'Send a password-reset code by SMS (the same answer whether or not the phone has an account)', security: [], body: PhoneCodeBody, response: { 200: CodeSentView } },
    config: { access: 'public', rateLimit: codeLimit },
  }, async (request) => requestCode(deps.db, deps.vault, { phone: request.body.phone, purpose: 'reset', ip: request.ip }, now()));

  r.post('/api/v1/password-reset', {
    schema: { tags: ['auth'], summary: 'Set a new password with an SMS code; ends every session of the account', security: [], body: ResetPasswordBody, response: { 204: z.null() } },
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    await resetPassword(deps.db, deps.vault, { ...request.body, ip: request.ip }, now());
    return reply.status(204).send(null);
  });

  r.post('/api/v1/me/password', {
    schema: { tags: ['auth'], summary: 'Change my password (old and new); ends my other sessions', body: ChangePasswordBody, response: { 200: z.object({ ended: z.number().int() }) } },
    config: { access: 'signed-in', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (request) => {
    const actor = requireActor(request);
    if (actor.via === 'token') throw new AppError('FORBIDDEN'); // a machine client's token does not change its owner's password
    const ended = await changePassword(deps.db, actor, request.sessionId ?? null, request.body, now());
    return { ended };
  });
}
