import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, InstalmentBody, ProjectMoneyView } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { requestInstalment } from './money.service.ts';
import { projectMoney } from './money.read.service.ts';

/** A project's money (issue 16 step 8): the reservation, the instalment plan and asking for an instalment. */
export async function moneyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['projects'];

  r.get('/api/v1/projects/:id/instalments', {
    // Reads admit rows above the caller's region (a resident reads their community's projects): the handler's scope hides the rest.
    config: { access: { action: 'project.read' } },
    schema: { tags, summary: 'A project’s money: reserved, paid, pending and left, and each instalment of the plan with its state', params: IdParams, response: { 200: ProjectMoneyView } },
  }, async (request) => projectMoney(db, requireActor(request), request.params.id));

  r.post('/api/v1/projects/:id/instalments', {
    config: { access: { action: 'project.manage', subject: 'projects' } },
    schema: {
      tags, summary: 'Ask for instalment k of the plan, with receipts uploaded to the fund; a second person approves it on the fund’s page, which pays it',
      params: IdParams, body: InstalmentBody, response: { 201: ProjectMoneyView },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    await requestInstalment(db, actor, request.params.id, request.body, now());
    return reply.status(201).send(await projectMoney(db, actor, request.params.id));
  });
}
