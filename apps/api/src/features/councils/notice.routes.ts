import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ObjectionAnswerBody, IdParams, NoticeDetail, NoticeListQuery, NoticeSummary, ObjectionBody, page, PublishResolutionBody } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { answerObjection, lodgeObjection, publishResolution } from './notice.service.ts';
import { noticeBoard, noticeDetail } from './councils.read.service.ts';

/**
 * The public notice board (公示): reading needs no sign-in; objecting needs a resident's sign-in;
 * publishing and answering belong to those who run the council.
 */
export async function noticeRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['notice board'];

  r.get('/api/v1/notice-board', { config: { access: 'public' }, schema: { tags, summary: 'Published resolutions (public, no sign-in)', security: [], querystring: NoticeListQuery, response: { 200: page(NoticeSummary) } } },
    async (request) => {
      return noticeBoard(db, request.query);
    });

  r.get('/api/v1/notice-board/:id', { config: { access: 'public' }, schema: { tags, summary: 'A resolution on notice with its objections and answers (public, no sign-in)', security: [], params: IdParams, response: { 200: NoticeDetail } } },
    async (request) => noticeDetail(db, request.actor ?? null, request.params.id, now()));

  r.post('/api/v1/notice-board/:id/objections', { config: { access: { action: 'council.object', subject: 'council_resolutions' } }, schema: { tags, summary: 'Object to a resolution while its notice window is open (residents of its area)', params: IdParams, body: ObjectionBody, response: { 201: NoticeDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await lodgeObjection(db, actor, request.params.id, request.body.text, now());
      return reply.status(201).send(await noticeDetail(db, actor, request.params.id, now()));
    });

  r.post('/api/v1/council-resolutions/:id/publish', { config: { access: { action: 'council.manage', subject: 'council_resolutions' } }, schema: { tags, summary: 'Publish an adopted resolution for its notice period (working days)', params: IdParams, body: PublishResolutionBody, response: { 200: NoticeDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await publishResolution(db, actor, request.params.id, request.body.noticeDays, now());
      return noticeDetail(db, actor, request.params.id, now());
    });

  r.post('/api/v1/council-resolutions/:id/objections/:objectionId/answer', { config: { access: { action: 'council.manage', subject: 'council_resolutions', params: { objectionId: 'notice_objections' } } },
    schema: { tags, summary: 'Answer an objection: upheld (the item goes back to the council) or rejected, with the reason', params: z.object({ id: z.uuid(), objectionId: z.uuid() }), body: ObjectionAnswerBody, response: { 200: NoticeDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await answerObjection(db, actor, request.params.id, request.params.objectionId, request.body, now());
    return noticeDetail(db, actor, request.params.id, now());
  });
}
