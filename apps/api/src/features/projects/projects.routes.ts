import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateProjectBody, CreateRoundBody, IdParams, ProjectCommentBody, ProjectDetail, ProjectHearingBody, ProjectListQuery, ProjectOptions, ProjectRulesBody,
  ProjectSummary, PublicProjectPage, PublicProjectDetail, RequestProjectLink, PublicProjectQuery, RoundBallotBody, RoundListQuery, RoundResolutionBody, RoundSummary, RoundView, SendToCouncilBody, SortRoundBody, page,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { commentOn, cosignProject, propose, recordHearing, setRules } from './projects.service.ts';
import { castBallot, closeVote, createRound, openVote, recordResolution, sendToCouncil, sortRound } from './round.service.ts';
import { projectDetail, projectList, projectOptions, projectsOfReadableRequest, publicProjectPage, publicProjectDetail, roundDetail, roundList } from './projects.read.service.ts';

/**
 * Reads admit rows above the caller's own region (a resident of a grid reads their community's
 * projects), which the access matrix's subject check (below only) does not know; the handlers' scope
 * hides every other project as missing (projects.rules.test.ts).
 */
const READ = { action: 'project.read' } as const;

/** Community projects (社区项目): proposals, hearings, rounds, the council and the residents' vote. */
export async function projectRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['projects'];

  r.get('/api/v1/projects/options', { config: { access: READ }, schema: { tags, summary: 'Where the viewer may propose, the priority areas and caps', response: { 200: ProjectOptions } } },
    async (request) => projectOptions(db, requireActor(request)));

  r.post('/api/v1/project-rules', { config: { access: { action: 'project.configure' } }, schema: { tags, summary: 'Set a district’s priority areas, caps and hearing minimums', body: ProjectRulesBody, response: { 200: ProjectOptions.pick({ priorityAreas: true }) } } },
    async (request) => ({ priorityAreas: (await setRules(db, requireActor(request), request.body)).priorityAreas }));

  r.get('/api/v1/projects', { config: { access: READ }, schema: { tags, summary: 'Projects the viewer may see, newest first', querystring: ProjectListQuery, response: { 200: page(ProjectSummary) } } },
    async (request) => projectList(db, requireActor(request), request.query));

  r.post('/api/v1/projects', { config: { access: { action: 'project.propose' } }, schema: { tags, summary: 'Propose a community project (民意征集)', body: CreateProjectBody, response: { 201: ProjectDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const p = await propose(db, actor, request.body);
      return reply.status(201).send(await projectDetail(db, actor, p.id));
    });

  r.get('/api/v1/projects/:id', { config: { access: READ }, schema: { tags, summary: 'A project with its requests, hearing and comments', params: IdParams, response: { 200: ProjectDetail } } },
    async (request) => projectDetail(db, requireActor(request), request.params.id));

  r.post('/api/v1/projects/:id/cosign', { config: { access: { action: 'project.vote' } }, schema: { tags, summary: 'Co-sign a proposal (residents of its community, once)', params: IdParams, response: { 200: ProjectDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await cosignProject(db, actor, request.params.id);
      return projectDetail(db, actor, request.params.id);
    });

  r.post('/api/v1/projects/:id/comments', { config: { access: { action: 'project.vote' } }, schema: { tags, summary: 'Comment on a proposal (residents of its community)', params: IdParams, body: ProjectCommentBody, response: { 201: ProjectDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await commentOn(db, actor, request.params.id, request.body.body);
      return reply.status(201).send(await projectDetail(db, actor, request.params.id));
    });

  r.post('/api/v1/projects/:id/hearing', { config: { access: { action: 'project.manage', subject: 'projects' } }, schema: { tags, summary: 'Record the hearing of a hardware proposal', params: IdParams, body: ProjectHearingBody, response: { 201: ProjectDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await recordHearing(db, actor, request.params.id, request.body);
      return reply.status(201).send(await projectDetail(db, actor, request.params.id));
    });

  r.get('/api/v1/project-rounds', { config: { access: READ }, schema: { tags, summary: 'Rounds the viewer may see', querystring: RoundListQuery, response: { 200: z.array(RoundSummary) } } },
    async (request) => roundList(db, requireActor(request), request.query.communityId));

  r.post('/api/v1/project-rounds', { config: { access: { action: 'project.sort' } }, schema: { tags, summary: 'Open a community’s round for a year (budget envelope, counting rule)', body: CreateRoundBody, response: { 201: RoundView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const round = await createRound(db, actor, request.body);
      return reply.status(201).send(await roundDetail(db, actor, round.id));
    });

  r.get('/api/v1/project-rounds/:id', { config: { access: READ }, schema: { tags, summary: 'A round: the list, what was left out and why, the vote', params: IdParams, response: { 200: RoundView } } },
    async (request) => roundDetail(db, requireActor(request), request.params.id));

  const stepConfig = (action: 'project.sort' | 'project.manage') => ({ access: { action, subject: 'project_rounds' } });
  const stepSchema = <B extends z.ZodType>(summary: string, body: B) => ({ tags, summary, params: IdParams, body, response: { 200: RoundView } });
  const NoBody = z.object({}).optional();

  r.post('/api/v1/project-rounds/:id/sort', { config: stepConfig('project.sort'), schema: stepSchema('Sort proposals onto the draft list, with a reason for each left out', SortRoundBody) },
    async (request) => { const actor = requireActor(request); await sortRound(db, actor, request.params.id, request.body, now()); return roundDetail(db, actor, request.params.id); });

  r.post('/api/v1/project-rounds/:id/council', { config: stepConfig('project.manage'), schema: stepSchema('Send the draft list to the community’s council', SendToCouncilBody) },
    async (request) => { const actor = requireActor(request); await sendToCouncil(db, actor, request.params.id, request.body.councilId); return roundDetail(db, actor, request.params.id); });

  r.post('/api/v1/project-rounds/:id/vote/open', { config: stepConfig('project.manage'), schema: stepSchema('Put the shortlist to the residents’ vote', NoBody) },
    async (request) => { const actor = requireActor(request); await openVote(db, actor, request.params.id); return roundDetail(db, actor, request.params.id); });

  r.post('/api/v1/project-rounds/:id/vote/close', { config: stepConfig('project.manage'), schema: stepSchema('Close the residents’ vote and count it within the envelope', NoBody) },
    async (request) => { const actor = requireActor(request); await closeVote(db, actor, request.params.id); return roundDetail(db, actor, request.params.id); });

  r.post('/api/v1/project-rounds/:id/resolution', { config: stepConfig('project.manage'), schema: stepSchema('Record the council’s resolution on the round', RoundResolutionBody) },
    async (request) => { const actor = requireActor(request); await recordResolution(db, actor, request.params.id, request.body.resolutionId, now()); return roundDetail(db, actor, request.params.id); });

  r.post('/api/v1/project-rounds/:id/ballots', { config: { access: { action: 'project.vote' } }, schema: { tags, summary: 'Cast one ballot (approve any number of the listed projects)', params: IdParams, body: RoundBallotBody, response: { 201: RoundView } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await castBallot(db, actor, request.params.id, request.body.projectIds, now());
      return reply.status(201).send(await roundDetail(db, actor, request.params.id));
    });

  r.get('/api/v1/requests/:id/projects', { config: { access: 'signed-in' }, schema: { tags, summary: 'The projects answering a request (its reporter, or staff who may read it)', params: IdParams, response: { 200: z.array(RequestProjectLink) } } },
    async (request) => projectsOfReadableRequest(db, requireActor(request), request.params.id));

  r.get('/api/v1/public/projects', { config: { access: 'public' }, schema: { tags: ['projects (public)'], summary: 'Projects by district or community, newest first (keyset), no personal data', querystring: PublicProjectQuery, response: { 200: PublicProjectPage } } },
    async (request) => publicProjectPage(db, request.query));

  r.get('/api/v1/public/projects/:id', { config: { access: 'public' }, schema: { tags: ['projects (public)'], summary: 'A project’s public page: its trail, money, acceptance and ratings, no personal data', params: IdParams, response: { 200: PublicProjectDetail } } },
    async (request) => publicProjectDetail(db, request.params.id));
}
