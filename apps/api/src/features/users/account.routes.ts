import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApproveLinkBody, IdParams, LinkAccountBody, LinkRequestQuery, LinkRequestView, page, RejectLinkBody, ResidentAccountView, SignedUpView,
  SignUpBody, SignUpCommunity,
} from '@gongzhi/contracts';
import { clockOf } from '../../platform/deps.ts';
import { requireActor, SESSION_COOKIE, type AuthDeps } from '../../platform/auth/auth.plugin.ts';
import { sessionView, SESSION_IDLE_MS } from '../../platform/auth/session.service.ts';
import { communitiesForSignUp, signUp } from './signup.service.ts';
import { approveLinkRequest, linkAccount, linkRequestPage, rejectLinkRequest, residentAccount, unlinkAccount } from './link.service.ts';

/** Residents' own sign-up, and the link between accounts and the register that staff keep. */
export async function accountRoutes(app: FastifyInstance, deps: AuthDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = clockOf(deps);
  const { db, vault } = deps;

  r.get('/api/v1/signup/communities', {
    schema: { tags: ['auth'], summary: 'Communities one may sign up in (public)', security: [], response: { 200: z.array(SignUpCommunity) } },
    config: { access: 'public' },
  }, async () => communitiesForSignUp(db));

  r.post('/api/v1/signup', {
    schema: { tags: ['auth'], summary: 'Create a resident account with an SMS code; links it to the register or files a link request', security: [], body: SignUpBody, response: { 201: SignedUpView } },
    // The answer carries the session's CSRF token, so it is never stored for replay: a retry runs
    // again and finds its code spent, so it cannot make a second account.
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' }, idempotency: false },
  }, async (request, reply) => {
    const { session, linked } = await signUp(db, vault, deps.directory, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] }, now());
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https', maxAge: SESSION_IDLE_MS / 1000,
    });
    return reply.status(201).send({ ...(await sessionView(db, deps.directory, session.actor, session.csrfToken)), linked });
  });

  r.get('/api/v1/account-links', {
    schema: { tags: ['users'], summary: 'Sign-ups waiting to be linked to the register in my communities', querystring: LinkRequestQuery, response: { 200: page(LinkRequestView) } },
    config: { access: { action: 'people.write' } },
  }, async (request) => linkRequestPage(db, requireActor(request), request.query));

  r.post('/api/v1/account-links/:id/approve', {
    schema: { tags: ['users'], summary: 'Link a sign-up to an existing entry, or to a new entry in a chosen household', params: IdParams, body: ApproveLinkBody, response: { 200: LinkRequestView } },
    config: { access: { action: 'people.write', subject: 'account_link_requests' } },
  }, async (request) => approveLinkRequest(db, vault, requireActor(request), request.params.id, request.body, now()));

  r.post('/api/v1/account-links/:id/reject', {
    schema: { tags: ['users'], summary: 'Reject a link request (the account stays, unlinked)', params: IdParams, body: RejectLinkBody, response: { 200: LinkRequestView } },
    config: { access: { action: 'people.write', subject: 'account_link_requests' } },
  }, async (request) => rejectLinkRequest(db, requireActor(request), request.params.id, request.body.reason, now()));

  r.get('/api/v1/residents/:id/account', {
    schema: { tags: ['users'], summary: 'The account linked to a resident', params: IdParams, response: { 200: ResidentAccountView } },
    config: { access: { action: 'people.read', subject: 'residents' } },
  }, async (request) => residentAccount(db, requireActor(request), request.params.id));

  r.post('/api/v1/residents/:id/account', {
    schema: { tags: ['users'], summary: 'Link the account using a phone number to a resident', params: IdParams, body: LinkAccountBody, response: { 200: ResidentAccountView } },
    config: { access: { action: 'people.write', subject: 'residents' } },
  }, async (request) => {
    const actor = requireActor(request);
    await linkAccount(db, vault, actor, request.params.id, request.body.phone, now());
    return residentAccount(db, actor, request.params.id);
  });

  r.delete('/api/v1/residents/:id/account', {
    schema: { tags: ['users'], summary: 'Unlink the account from a resident: it no longer reaches the household', params: IdParams, response: { 204: z.null() } },
    config: { access: { action: 'people.write', subject: 'residents' } },
  }, async (request, reply) => {
    await unlinkAccount(db, requireActor(request), request.params.id);
    return reply.status(204).send(null);
  });
}
