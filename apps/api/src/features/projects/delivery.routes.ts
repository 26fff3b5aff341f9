import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DeliveryView, IdParams, ProjectAcceptanceBody, ProjectAcceptanceOutcomeBody, ProjectActivityBody, ProjectConcernAnswerBody, ProjectInspectionBody,
  ProjectMilestonesBody, ProjectPhotoUpload, ProjectProgressBody, ProjectRatingBody,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { readUpload } from '../../platform/uploads/uploads.ts';
import { MAX_PHOTO_BYTES } from '../../platform/http/limits.ts';
import { announceActivity, answerConcern, postProgress, recordInspection, setMilestones, uploadProjectPhoto } from './delivery.service.ts';
import { openAcceptance, recordOutcome } from './acceptance.service.ts';
import { closeProject, rateProject } from './rating.service.ts';
import { deliveryView, readProjectPhoto } from './delivery.read.service.ts';

/**
 * Community projects, steps 5–7: milestones and progress with photos, activities, inspections and
 * answered concerns, the acceptance panel and its outcome, residents' ratings, closing. Staff steps
 * name the project as their subject; the implementer's and supervisors' steps are checked in the
 * service (an organisation reaches the projects it carries out). Reads and ratings name no subject:
 * a resident bound to a grid reads and rates their community's projects (above their own region).
 */
export async function deliveryRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['projects'];
  const manage = { access: { action: 'project.manage', subject: 'projects' } } as const;
  const work = { access: { action: 'project.read', subject: 'projects' } } as const;
  const view = (request: { params: { id: string } } & Parameters<typeof requireActor>[0]) => deliveryView(db, requireActor(request), request.params.id, now());
  const step = (summary: string, body: z.ZodType, status: 200 | 201 = 200) => ({ tags, summary, params: IdParams, body, response: { [status]: DeliveryView } });

  r.post('/api/v1/project-photos', {
    schema: { tags, summary: 'Upload a photo for progress or an inspection (multipart field "file"; images only; EXIF removed)', consumes: ['multipart/form-data'], response: { 201: ProjectPhotoUpload } },
    config: { access: { action: 'project.read' }, idempotency: false },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { file } = await readUpload(request, MAX_PHOTO_BYTES);
    if (!file) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/file', message: 'a photo is required' }]);
    return reply.status(201).send(await uploadProjectPhoto(db, deps.storage, actor, file.data));
  });

  r.get('/api/v1/projects/:id/delivery', { config: { access: { action: 'project.read' } }, schema: { tags, summary: 'A project’s milestones, progress, inspections, acceptances and ratings', params: IdParams, response: { 200: DeliveryView } } },
    async (request) => view(request));

  r.get('/api/v1/projects/:id/photos/:photoId', {
    config: { access: { action: 'project.read' } },
    schema: { tags, summary: 'A photo of a progress update or an inspection', params: z.object({ id: z.uuid(), photoId: z.uuid() }) },
  }, async (request, reply) => {
    const data = await readProjectPhoto(db, deps.storage, requireActor(request), request.params.id, request.params.photoId);
    return reply.type('image/jpeg').header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(data);
  });

  r.post('/api/v1/projects/:id/milestones', { config: manage, schema: step('Set the milestones (weights summing to 100), before any progress', ProjectMilestonesBody) },
    async (request) => { await setMilestones(db, requireActor(request), request.params.id, request.body as z.infer<typeof ProjectMilestonesBody>, now()); return view(request); });

  r.post('/api/v1/projects/:id/progress', { config: work, schema: step('Post progress on a milestone, with photos (the implementer)', ProjectProgressBody, 201) },
    async (request, reply) => { await postProgress(db, requireActor(request), request.params.id, request.body as z.infer<typeof ProjectProgressBody>, now()); return reply.status(201).send(await view(request)); });

  r.post('/api/v1/projects/:id/activities', { config: { access: { action: 'activity.manage', subject: 'projects' } }, schema: step('Announce an activity of the project that residents sign up for', ProjectActivityBody, 201) },
    async (request, reply) => { await announceActivity(db, requireActor(request), request.params.id, request.body as z.infer<typeof ProjectActivityBody>, now()); return reply.status(201).send(await view(request)); });

  r.post('/api/v1/projects/:id/inspections', { config: work, schema: step('Record an inspection, optionally raising a concern (supervisors, staff)', ProjectInspectionBody, 201) },
    async (request, reply) => { await recordInspection(db, requireActor(request), request.params.id, request.body as z.infer<typeof ProjectInspectionBody>, now()); return reply.status(201).send(await view(request)); });

  r.post('/api/v1/projects/:id/inspections/:inspectionId/answer', {
    config: { access: { action: 'project.read', subject: 'projects', params: { inspectionId: 'project_inspections.project_id' } } },
    schema: { tags, summary: 'Answer a supervisor’s concern (the implementer, staff)', params: z.object({ id: z.uuid(), inspectionId: z.uuid() }), body: ProjectConcernAnswerBody, response: { 200: DeliveryView } },
  }, async (request) => {
    await answerConcern(db, requireActor(request), request.params.id, request.params.inspectionId, request.body, now());
    return view(request);
  });

  r.post('/api/v1/projects/:id/acceptance', { config: manage, schema: step('Open an acceptance: a scoring panel with the project as its candidate', ProjectAcceptanceBody, 201) },
    async (request, reply) => { await openAcceptance(db, requireActor(request), request.params.id, request.body as z.infer<typeof ProjectAcceptanceBody>, now()); return reply.status(201).send(await view(request)); });

  r.post('/api/v1/projects/:id/acceptance/outcome', { config: manage, schema: step('Record the closed panel’s outcome: accepted (ratings open) or rectification', ProjectAcceptanceOutcomeBody) },
    async (request) => { await recordOutcome(db, requireActor(request), request.params.id, request.body as z.infer<typeof ProjectAcceptanceOutcomeBody>, now()); return view(request); });

  r.post('/api/v1/projects/:id/ratings', { config: { access: { action: 'project.vote' } }, schema: step('Rate an accepted project, 1–5 with a comment (residents of its community, once)', ProjectRatingBody, 201) },
    async (request, reply) => { await rateProject(db, requireActor(request), request.params.id, request.body as z.infer<typeof ProjectRatingBody>, now()); return reply.status(201).send(await view(request)); });

  r.post('/api/v1/projects/:id/close', { config: manage, schema: { tags, summary: 'Close an accepted project before its rating window ends', params: IdParams, response: { 200: DeliveryView } } },
    async (request) => { await closeProject(db, requireActor(request), request.params.id, now()); return view(request); });
}
