import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams, PartyFeedbackQuery, PartyMe, PartyNeedBody, PartyNeedView, PartyPointBody, PartyPointEntryView, PartyPointsPage, PartyProgress,
  PartyRankingBody, PartyRankingView, PartyReportBody, PartyReportQuery, PartyReportView, PartyReturnBody, PartySettings, PartySettingsBody,
  PartyYearQuery,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { claimNeed, confirmReport, markServiceDone, publishNeed, returnReport, submitReport } from './party.service.ts';
import { publishRankings, recordPoints, reversePoints } from './party.points.service.ts';
import { configureDistrict, settingsFor } from './party.settings.service.ts';
import { entryView, myParty, needList, needView, pointsPage, progressOf, publicRankings, rankingView, reportList, reportView } from './party.read.service.ts';
import { chinaDay } from '@gongzhi/core';
import { sendPdf } from '../../platform/documents/pdf.ts';
import { feedbackPdf, feedbackWorkbook, quarterFeedback } from './party.feedback.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REGION_QUERY = { query: { regionId: 'regions' } } as const;

/** Party members' service (党员双报到, 1112, 党员积分制). */
export async function partyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['party'];

  // The member's own pages.
  r.get('/api/v1/party/me', { config: { access: { action: 'party.report' } }, schema: { tags, summary: 'My report, service card, 1112 progress and points this year', response: { 200: PartyMe } } },
    async (request) => myParty(db, requireActor(request), now()));

  r.post('/api/v1/party/reports', { config: { access: { action: 'party.report' } }, schema: { tags, summary: 'Report to the community where I live (双报到)', body: PartyReportBody, response: { 201: PartyReportView } } },
    async (request, reply) => reply.status(201).send(await reportView(db, await submitReport(db, requireActor(request), request.body))));

  // A member's grant is bound to their grid and the need to the community above it, so the matrix's
  // "below" subject check does not apply; the service finds needs only in the member's own community.
  r.post('/api/v1/party/needs/:id/claim', { config: { access: { action: 'party.report' } }, schema: { tags, summary: 'Claim a place on a need of my community', params: IdParams, response: { 201: PartyNeedView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await claimNeed(db, actor, request.params.id);
      return reply.status(201).send(await needView(db, actor, request.params.id));
    });

  r.get('/api/v1/party/needs', { config: { access: { action: ['party.report', 'party.read'], ...REGION_QUERY } }, schema: { tags, summary: 'Needs list (需求清单): my community’s, or those of my area', querystring: z.object({ regionId: z.uuid().optional() }), response: { 200: z.array(PartyNeedView) } } },
    async (request) => needList(db, requireActor(request), request.query.regionId));

  // The community's staff.
  r.get('/api/v1/party/reports', { config: { access: { action: 'party.read' } }, schema: { tags, summary: 'Report slips of my area, pending first', querystring: PartyReportQuery, response: { 200: z.array(PartyReportView) } } },
    async (request) => reportList(db, requireActor(request), request.query.state));

  r.post('/api/v1/party/reports/:id/confirm', { config: { access: { action: 'party.manage', subject: 'party_reports' } }, schema: { tags, summary: 'Confirm a report: the member gets a service card', params: IdParams, response: { 200: PartyReportView } } },
    async (request) => reportView(db, await confirmReport(db, requireActor(request), request.params.id, now())));

  r.post('/api/v1/party/reports/:id/return', { config: { access: { action: 'party.manage', subject: 'party_reports' } }, schema: { tags, summary: 'Return a report with the reason', params: IdParams, body: PartyReturnBody, response: { 200: PartyReportView } } },
    async (request) => reportView(db, await returnReport(db, requireActor(request), request.params.id, request.body.reason, now())));

  r.post('/api/v1/party/needs', { config: { access: { action: 'party.manage' } }, schema: { tags, summary: 'Publish a need (a post or a task) of a community', body: PartyNeedBody, response: { 201: PartyNeedView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const n = await publishNeed(db, actor, request.body);
      return reply.status(201).send(await needView(db, actor, n.id));
    });

  r.post('/api/v1/party/claims/:id/done', { config: { access: { action: 'party.manage', subject: 'party_claims' } }, schema: { tags, summary: 'Mark a claimed need done: one service counted, its points posted', params: IdParams, response: { 200: PartyNeedView } } },
    async (request) => {
      const actor = requireActor(request);
      const claim = await markServiceDone(db, actor, request.params.id, now());
      return needView(db, actor, claim.needId);
    });

  r.get('/api/v1/party/progress', { config: { access: { action: 'party.read', ...REGION_QUERY } }, schema: { tags, summary: '1112 progress of a year per member and per branch', querystring: PartyYearQuery, response: { 200: PartyProgress } } },
    async (request) => progressOf(db, requireActor(request), request.query, now()));

  r.get('/api/v1/party/points', { config: { access: { action: 'party.read', ...REGION_QUERY } }, schema: { tags, summary: 'Points entries of a year and the catalogue', querystring: PartyYearQuery, response: { 200: PartyPointsPage } } },
    async (request) => pointsPage(db, requireActor(request), request.query, now()));

  r.post('/api/v1/party/points', { config: { access: { action: 'party.points' } }, schema: { tags, summary: 'Record an addition or deduction of the catalogue against a member', body: PartyPointBody, response: { 201: PartyPointEntryView } } },
    async (request, reply) => reply.status(201).send(await entryView(db, await recordPoints(db, requireActor(request), request.body, now()))));

  r.post('/api/v1/party/point-entries/:id/reverse', { config: { access: { action: 'party.points', subject: 'party_point_entries' } }, schema: { tags, summary: 'Reverse an entry with a new one (entries are never changed)', params: IdParams, body: PartyReturnBody, response: { 201: PartyPointEntryView } } },
    async (request, reply) => reply.status(201).send(await entryView(db, await reversePoints(db, requireActor(request), request.params.id, request.body.reason, now()))));

  r.get('/api/v1/party/settings', { config: { access: { action: 'party.read', ...REGION_QUERY } }, schema: { tags, summary: 'A district’s 1112 target, flag date and points catalogue', querystring: z.object({ regionId: z.uuid() }), response: { 200: PartySettings } } },
    async (request) => settingsFor(db, requireActor(request), request.query.regionId));

  r.put('/api/v1/party/settings', { config: { access: { action: 'party.points' } }, schema: { tags, summary: 'Set a district’s 1112 target, flag date and points catalogue', body: PartySettingsBody, response: { 200: PartySettings } } },
    async (request) => configureDistrict(db, requireActor(request), request.body, now()));

  r.get('/api/v1/party/feedback.xlsx', { config: { access: { action: 'party.read', ...REGION_QUERY } }, schema: { tags, summary: 'The quarter’s services per member, for their own party organisations (.xlsx)', querystring: PartyFeedbackQuery } },
    async (request, reply) => {
      const f = await quarterFeedback(db, requireActor(request), request.query);
      return reply.type(XLSX).header('content-disposition', `attachment; filename="party-${f.community.code}-${f.year}Q${f.quarter}.xlsx"`).send(await feedbackWorkbook(f));
    });

  r.get('/api/v1/party/feedback.pdf', { config: { access: { action: 'party.read', ...REGION_QUERY } }, schema: { tags, summary: 'The quarter’s feedback letter to members’ own party organisations (.pdf)', querystring: PartyFeedbackQuery } },
    async (request, reply) => {
      const f = await quarterFeedback(db, requireActor(request), request.query);
      return sendPdf(reply, await feedbackPdf(f, chinaDay(now())), `${f.community.name}${f.year}年第${f.quarter}季度党员报到反馈函.pdf`);
    });

  r.post('/api/v1/party/rankings', { config: { access: { action: 'party.points' } }, schema: { tags, summary: 'Publish a half-year’s red and black lists (红黑榜), frozen', body: PartyRankingBody, response: { 201: PartyRankingView } } },
    async (request, reply) => reply.status(201).send(await rankingView(db, await publishRankings(db, requireActor(request), request.body, now()))));

  r.get('/api/v1/public/party/rankings', { config: { access: 'public' }, schema: { tags, summary: 'Published red and black lists (names masked)', response: { 200: z.array(PartyRankingView) } } },
    async () => publicRankings(db));
}
