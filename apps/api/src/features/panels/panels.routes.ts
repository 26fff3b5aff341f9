import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreatePanelBody, IdParams, page, PanelAbsenceBody, PanelDetail, PanelListQuery, PanelMemberParams, PanelScoreBody, PanelSummary } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { closePanel, createPanelFromBody, recordAbsence, scoreCandidate } from './panels.service.ts';
import { panelDetail, panelList } from './panels.read.service.ts';

/** Scoring panels (评审小组): staff set them up and close them; members (or staff from paper sheets) score. */
export async function panelsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['panels'];

  r.get('/api/v1/panels', { config: { access: 'signed-in' }, schema: { tags, summary: 'Panels in the caller’s area and those they sit on', querystring: PanelListQuery, response: { 200: page(PanelSummary) } } },
    async (request) => panelList(db, requireActor(request), request.query));

  r.post('/api/v1/panels', { config: { access: { action: 'panel.manage', subject: 'panels' } }, schema: { tags, summary: 'Set up a scoring panel: members, weighted criteria (adding up to 100), candidates', body: CreatePanelBody, response: { 201: PanelDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const p = await createPanelFromBody(db, actor, request.body, now());
      return reply.status(201).send(await panelDetail(db, actor, p.id));
    });

  r.get('/api/v1/panels/:id', { config: { access: 'signed-in' }, schema: { tags, summary: 'A panel: members, criteria, scorecards and results', params: IdParams, response: { 200: PanelDetail } } },
    async (request) => panelDetail(db, requireActor(request), request.params.id));

  r.post('/api/v1/panels/:id/scores', { config: { access: { action: 'panel.score', subject: 'panels' } }, schema: { tags, summary: 'Enter a member’s scorecard for one candidate (once; not their own organisation’s)', params: IdParams, body: PanelScoreBody, response: { 201: PanelDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await scoreCandidate(db, actor, request.params.id, request.body, now());
      return reply.status(201).send(await panelDetail(db, actor, request.params.id));
    });

  r.post('/api/v1/panels/:id/members/:memberId/absence', { config: { access: { action: 'panel.manage', subject: 'panels', params: { memberId: 'panel_members.panel_id' } } }, schema: { tags, summary: 'Record that a member will not score', params: PanelMemberParams, body: PanelAbsenceBody, response: { 200: PanelDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await recordAbsence(db, actor, request.params.id, request.params.memberId, request.body.reason, now());
      return panelDetail(db, actor, request.params.id);
    });

  r.post('/api/v1/panels/:id/close', { config: { access: { action: 'panel.manage', subject: 'panels' } }, schema: { tags, summary: 'Close the panel once every member present has scored', params: IdParams, response: { 200: PanelDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await closePanel(db, actor, request.params.id, now());
      return panelDetail(db, actor, request.params.id);
    });
}
