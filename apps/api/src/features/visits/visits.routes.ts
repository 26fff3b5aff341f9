import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangeListQuery, ChangeReview, Coverage, CoverageQuery, DecideChangeBody, IdParams, RecordVisitBody, VisitHistoryQuery, VisitListItem,
  VisitListQuery, VisitRecord, VisitRuleBody, VisitRuleView,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { decideChange, recordVisit, setVisitRule } from './visits.service.ts';
import { changeReviews, coverage, visitList, visitRecords, visitRuleViews } from './visits.read.service.ts';

/** Household visits (走访): the worker's list, the visit log (offline-synced), review of proposed changes, coverage, rules. */
export async function visitRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, vault } = deps;
  const now = clockOf(deps);
  const tags = ['visits'];

  r.get('/api/v1/visits/list', { config: { access: { action: 'visit.record' } },
    schema: { tags, summary: 'My visit list: households of my grid, most overdue first, with members for the offline form', querystring: VisitListQuery, response: { 200: z.array(VisitListItem) } },
  }, async (request) => visitList(db, requireActor(request), request.query, now()));

  r.post('/api/v1/visits', { config: { access: { action: 'visit.record' } },
    schema: { tags, summary: 'Record (sync) a visit; the id is made on the phone, so a visit sent twice is stored once (200 with the first record)', body: RecordVisitBody, response: { 200: VisitRecord, 201: VisitRecord } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { visit, created } = await recordVisit(db, vault, actor, request.body, now());
    const [record] = await visitRecords(db, actor, { ids: [visit.id], limit: 1 });
    return reply.status(created ? 201 : 200).send(record!);
  });

  r.get('/api/v1/visits', { config: { access: { action: 'visit.read' } },
    schema: { tags, summary: 'Visits in my region, newest first (optionally of one household)', querystring: VisitHistoryQuery, response: { 200: z.array(VisitRecord) } },
  }, async (request) => visitRecords(db, requireActor(request), request.query));

  r.get('/api/v1/visits/changes', { config: { access: { action: 'visit.review' } },
    schema: { tags, summary: 'Proposed changes to household records and conflicts, with the current record', querystring: ChangeListQuery, response: { 200: z.array(ChangeReview) } },
  }, async (request) => changeReviews(db, requireActor(request), { status: request.query.status }));

  r.post('/api/v1/visits/changes/:id/decision', { config: { access: { action: 'visit.review', subject: 'household_changes' } },
    schema: { tags, summary: 'Approve (applies it) or reject a proposed change; a stale one needs override', params: IdParams, body: DecideChangeBody, response: { 200: ChangeReview } },
  }, async (request) => {
    const actor = requireActor(request);
    await decideChange(db, actor, request.params.id, request.body, now());
    const [review] = await changeReviews(db, actor, { id: request.params.id });
    return review!;
  });

  r.get('/api/v1/visits/coverage', { config: { access: { action: 'visit.read', query: { regionId: 'regions' } } },
    schema: { tags, summary: 'Coverage: overdue households by grid and by worker', querystring: CoverageQuery, response: { 200: Coverage } },
  }, async (request) => coverage(db, requireActor(request), request.query.regionId, now()));

  r.get('/api/v1/visits/rules', { config: { access: { action: 'visit.read', query: { regionId: 'regions' } } },
    schema: { tags, summary: 'Coverage rules of the communities under a region', querystring: CoverageQuery, response: { 200: z.array(VisitRuleView) } },
  }, async (request) => visitRuleViews(db, requireActor(request), request.query.regionId));

  r.post('/api/v1/visits/rules/:id', { config: { access: { action: 'visit.configure', subject: 'regions' } },
    schema: { tags, summary: "Set a community's coverage rule (size, intervals in days, special tags); null = default", params: IdParams, body: VisitRuleBody, response: { 200: VisitRuleView } },
  }, async (request) => {
    const actor = requireActor(request);
    await setVisitRule(db, actor, request.params.id, request.body, now());
    const [view] = (await visitRuleViews(db, actor, request.params.id)).filter((v) => v.regionId === request.params.id);
    return view!;
  });
}
