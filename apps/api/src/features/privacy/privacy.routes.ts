import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor, SESSION_COOKIE } from '../../platform/auth/auth.plugin.ts';
import { eraseMyself, eraseResident, exportMyData } from './privacy.service.ts';

const Confirm = z.object({ confirm: z.literal(true) });

/** PIPL: a person's copy of their data, and removal (anonymisation) on request. */
export async function privacyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = clockOf(deps);
  const tags = ['privacy'];

  r.get('/api/v1/me/data', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Everything held about me, as JSON (PIPL right of access and copy)' },
  }, async (request, reply) => {
    const data = await exportMyData(deps.db, deps.vault, requireActor(request), now());
    return reply.header('content-disposition', 'attachment; filename="gongzhi-my-data.json"').header('cache-control', 'no-store').send(data);
  });

  r.post('/api/v1/me/erasure', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Remove me: anonymise my account and register entry, end my sessions (residents)', body: Confirm, response: { 204: z.null() } },
  }, async (request, reply) => {
    await eraseMyself(deps.db, deps.vault, requireActor(request), now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  r.post('/api/v1/residents/:id/erasure', {
    config: { access: { action: 'people.write', subject: 'residents' } },
    schema: { tags, summary: 'Carry out a resident\'s removal request made in person or on paper', params: IdParams, body: Confirm, response: { 204: z.null() } },
  }, async (request, reply) => {
    await eraseResident(deps.db, deps.vault, requireActor(request), request.params.id, now());
    return reply.status(204).send(null);
  });
}
