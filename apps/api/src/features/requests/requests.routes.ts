import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActBody, AddHandlerBody, CreateRequestBody, DecideBody, ExtensionBody, HandlerDoneBody, IdParams, page, PlaceBody,
  RequestDetail, RequestListQuery, RequestSummary, SimilarQuery,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { can } from '../../platform/authz/authorize.ts';
import { intake } from './intake.service.ts';
import { act } from './flow.service.ts';
import { addHandler, completeHandler, decideExtension, follow, placeRequest, requestExtension, similar } from './support.service.ts';
import { presentNew } from './requests.presenter.ts';
import { listRequests, requestDetail } from './requests.service.ts';
import { addPhoto, readPhoto } from './photos.service.ts';
import { MAX_PHOTO_BYTES } from '../../platform/http/limits.ts';
import { readUpload } from '../../platform/uploads/uploads.ts';
import { AppError } from '../../platform/errors/app-error.ts';

/**
 * A flood from one account (or one address) is slowed down: 10 requests per 10 minutes for a
 * resident; staff who file for others during visits and calls get 120.
 */
const intakeLimit = {
  max: (req: FastifyRequest) => (req.actor && can(req.actor, 'request.handle') ? 120 : 10),
  timeWindow: '10 minutes',
  keyGenerator: (req: FastifyRequest) => req.actor?.userId ?? req.ip,
};

/** Residents' requests: intake, queues, detail with timeline, every step of handling. */
export async function requestRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, vault } = deps;
  const now = clockOf(deps);
  const tags = ['requests'];

  r.post('/api/v1/requests', {
    schema: { tags, summary: 'Raise a request (resident, grid worker on a visit, or staff taking a call)', body: CreateRequestBody, response: { 201: RequestDetail } },
    config: { access: { action: 'request.create' }, rateLimit: intakeLimit },
  }, async (request, reply) => {
    const actor = requireActor(request);
    return reply.status(201).send(presentNew(actor, await intake(db, vault, actor, request.body, { now: now() })));
  });

  r.get('/api/v1/requests', { config: { access: 'signed-in' }, schema: { tags, summary: 'Requests I may see (work queues and "my requests")', querystring: RequestListQuery, response: { 200: page(RequestSummary) } } },
    async (request) => listRequests(db, requireActor(request), request.query));

  r.get('/api/v1/requests/similar', { config: { access: 'signed-in' },
    schema: { tags, summary: 'Open requests near a point, to add yourself instead of reporting again', querystring: SimilarQuery, response: { 200: z.array(z.object({ id: z.uuid(), number: z.string(), description: z.string(), state: z.string(), createdAt: z.string() })) } },
  }, async (request) => {
    const rows = await similar(db, requireActor(request), request.query.lat, request.query.lng, request.query.categoryCode, now());
    return rows.map((x) => ({ id: x.id, number: x.number, description: x.description, state: x.state, createdAt: x.createdAt.toISOString() }));
  });

  r.get('/api/v1/requests/:id', { config: { access: { subject: 'requests' } }, schema: { tags, summary: 'A request with its timeline', params: IdParams, response: { 200: RequestDetail } } },
    async (request) => requestDetail(db, requireActor(request), request.params.id, now()));

  r.post('/api/v1/requests/:id/events', { config: { access: { subject: 'requests' } },
    schema: { tags, summary: 'Take a step: sort, dispatch, accept, reply, verify, close, rate, return, transfer, escalate, merge, refer, reject, reopen', params: IdParams, body: ActBody, response: { 200: RequestDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await act(db, actor, request.params.id, request.body, now());
    return requestDetail(db, actor, request.params.id, now());
  });

  r.post('/api/v1/requests/:id/place', { config: { access: { action: 'request.handle', subject: 'requests' } }, schema: { tags, summary: 'Place an unplaced request on a grid', params: IdParams, body: PlaceBody, response: { 200: RequestDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await placeRequest(db, actor, request.params.id, request.body, now());
      return requestDetail(db, actor, request.params.id, now());
    });

  r.post('/api/v1/requests/:id/handlers', { config: { access: { action: 'request.handle', subject: 'requests' } }, schema: { tags, summary: 'Add a co-handler with its sub-task', params: IdParams, body: AddHandlerBody, response: { 201: RequestDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await addHandler(db, actor, request.params.id, request.body);
      return reply.status(201).send(await requestDetail(db, actor, request.params.id, now()));
    });

  r.post('/api/v1/requests/:id/handlers/:handlerId/done', { config: { access: { action: 'request.handle', subject: 'requests', params: { handlerId: 'request_handlers' } } },
    schema: { tags, summary: 'Report a sub-task done', params: z.object({ id: z.uuid(), handlerId: z.uuid() }), body: HandlerDoneBody, response: { 200: RequestDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await completeHandler(db, actor, request.params.id, request.params.handlerId, request.body.note, now());
    return requestDetail(db, actor, request.params.id, now());
  });

  r.post('/api/v1/requests/:id/extensions', { config: { access: { action: 'request.handle', subject: 'requests' } }, schema: { tags, summary: 'Ask for more time', params: IdParams, body: ExtensionBody, response: { 201: RequestDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await requestExtension(db, actor, request.params.id, request.body);
      return reply.status(201).send(await requestDetail(db, actor, request.params.id, now()));
    });

  r.post('/api/v1/requests/:id/extensions/:extensionId/decide', { config: { access: { action: 'request.supervise', subject: 'requests', params: { extensionId: 'request_extensions' } } },
    schema: { tags, summary: 'Approve or refuse an extension', params: z.object({ id: z.uuid(), extensionId: z.uuid() }), body: DecideBody, response: { 200: RequestDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await decideExtension(db, actor, request.params.id, request.params.extensionId, request.body.approve, now());
    return requestDetail(db, actor, request.params.id, now());
  });

  r.post('/api/v1/requests/:id/photos', {
    schema: { tags, summary: 'Attach a photo (multipart field "file"; JPEG, PNG, WebP, HEIC…; EXIF removed)', params: IdParams, consumes: ['multipart/form-data'], response: { 201: RequestDetail } },
    config: { access: { subject: 'requests' }, idempotency: false },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { file } = await readUpload(request, MAX_PHOTO_BYTES);
    if (!file) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/file', message: 'a photo is required' }]);
    await addPhoto(db, deps.storage, actor, request.params.id, file.data);
    return reply.status(201).send(await requestDetail(db, actor, request.params.id, now()));
  });

  r.get('/api/v1/requests/:id/photos/:photoId', { config: { access: { subject: 'requests', params: { photoId: 'request_photos' } } },
    schema: { tags, summary: 'A photo, or its thumbnail with ?thumb=1', params: z.object({ id: z.uuid(), photoId: z.uuid() }), querystring: z.object({ thumb: z.stringbool().default(false) }) },
  }, async (request, reply) => {
    const p = await readPhoto(db, deps.storage, requireActor(request), request.params.id, request.params.photoId, request.query.thumb);
    return reply.type(p.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(p.data);
  });

  r.post('/api/v1/requests/:id/follow', { config: { access: { action: 'request.create', subject: 'requests' } }, schema: { tags, summary: 'Add myself to a request about the same thing', params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await follow(db, actor, request.params.id, now());
      return reply.status(204).send(null);
    });


}
