import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AwardBody, BidBody, IdParams, OpenCallBody, OpenCallSummary, ProjectTenderView, TenderCallView, TenderPanelBody } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { awardCall, markResidentsImplement, openCall, setUpPanel, submitBid } from './tender.service.ts';
import { callDetail, openCalls, projectTender } from './tender.read.service.ts';

/** Calls are public notices: whoever may read projects reads them (residents, staff, organisations). */
const READ = { action: 'project.read' } as const;
const MANAGE_PROJECT = { access: { action: 'project.manage', subject: 'projects' } } as const;
const MANAGE_CALL = { access: { action: 'project.manage', subject: 'tender_calls' } } as const;

/** Step 4 of community projects (项目招投标): calls for bids, bids, the review panel, the award, 居民实施. */
export async function tenderRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['projects (tender)'];

  r.get('/api/v1/projects/:id/tender', { config: { access: READ }, schema: { tags, summary: 'A project’s calls for bids, bids (staff after the window), panel and award', params: IdParams, response: { 200: ProjectTenderView } } },
    async (request) => projectTender(db, requireActor(request), request.params.id, now()));

  r.post('/api/v1/projects/:id/tender/calls', { config: MANAGE_PROJECT, schema: { tags, summary: 'Open (or republish) a call for bids: window, criteria and weights', params: IdParams, body: OpenCallBody, response: { 201: ProjectTenderView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await openCall(db, actor, request.params.id, request.body, now());
      return reply.status(201).send(await projectTender(db, actor, request.params.id, now()));
    });

  r.post('/api/v1/projects/:id/tender/residents', { config: MANAGE_PROJECT, schema: { tags, summary: 'Have the residents carry it out (居民实施) when no organisation does', params: IdParams, body: z.object({}).optional(), response: { 200: ProjectTenderView } } },
    async (request) => {
      const actor = requireActor(request);
      await markResidentsImplement(db, actor, request.params.id, now());
      return projectTender(db, actor, request.params.id, now());
    });

  r.get('/api/v1/tender-calls', { config: { access: READ }, schema: { tags, summary: 'Calls taking bids, soonest closing first', response: { 200: z.array(OpenCallSummary) } } },
    async (request) => openCalls(db, requireActor(request), now()));

  r.get('/api/v1/tender-calls/:id', { config: { access: READ }, schema: { tags, summary: 'A call for bids (the bid form’s page)', params: IdParams, response: { 200: TenderCallView } } },
    async (request) => callDetail(db, requireActor(request), request.params.id, now()));

  r.post('/api/v1/tender-calls/:id/bids', { config: { access: { action: 'project.propose' } }, schema: { tags, summary: 'Bid (registered organisations, once, within the window)', params: IdParams, body: BidBody, response: { 201: TenderCallView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await submitBid(db, actor, request.params.id, request.body, now());
      return reply.status(201).send(await callDetail(db, actor, request.params.id, now()));
    });

  r.post('/api/v1/tender-calls/:id/panel', { config: MANAGE_CALL, schema: { tags, summary: 'Set up the review panel after the window (no bidder’s members)', params: IdParams, body: TenderPanelBody, response: { 201: TenderCallView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await setUpPanel(db, actor, request.params.id, request.body, now());
      return reply.status(201).send(await callDetail(db, actor, request.params.id, now()));
    });

  r.post('/api/v1/tender-calls/:id/award', { config: MANAGE_CALL, schema: { tags, summary: 'Award the call to the best-scored bid and put it on the notice board', params: IdParams, body: AwardBody, response: { 200: TenderCallView } } },
    async (request) => {
      const actor = requireActor(request);
      await awardCall(db, actor, request.params.id, request.body, now());
      return callDetail(db, actor, request.params.id, now());
    });
}
