import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, NoticeAnswerBody, NoticeObjectionBody, NoticeObjectionParams, page, PublicNotice, PublicNoticeDetail, PublicNoticeQuery } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { answerOnBoard, lodgeNoticeObjection } from './notices.service.ts';
import { noticeBoardPage, noticePage } from './notices.read.service.ts';

/**
 * The public notice board (公示) of every subject kind: reading needs no sign-in; residents of a
 * notice's area object while its window runs; staff of the area answer each objection.
 */
export async function noticesRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['notices'];

  r.get('/api/v1/notices', { config: { access: 'public' }, schema: { tags, summary: 'Notices on the public board by region (no sign-in)', security: [], querystring: PublicNoticeQuery, response: { 200: page(PublicNotice) } } },
    async (request) => noticeBoardPage(db, request.query, now()));

  r.get('/api/v1/notices/:id', { config: { access: 'public' }, schema: { tags, summary: 'A notice with its objections and answers (no sign-in)', security: [], params: IdParams, response: { 200: PublicNoticeDetail } } },
    async (request) => noticePage(db, request.actor ?? null, request.params.id, now()));

  r.post('/api/v1/notices/:id/objections', { config: { access: { action: 'notice.object', subject: 'notices' } }, schema: { tags, summary: 'Object to a notice while its window runs (residents of its area)', params: IdParams, body: NoticeObjectionBody, response: { 201: PublicNoticeDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await lodgeNoticeObjection(db, actor, request.params.id, request.body.text, now());
      return reply.status(201).send(await noticePage(db, actor, request.params.id, now()));
    });

  r.post('/api/v1/notices/:id/objections/:objectionId/answer', { config: { access: { action: 'notice.manage', subject: 'notices', params: { objectionId: 'notice_objections.notice_id' } } },
    schema: { tags, summary: 'Answer an objection: upheld (the subject goes back) or dismissed, with the reason', params: NoticeObjectionParams, body: NoticeAnswerBody, response: { 200: PublicNoticeDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await answerOnBoard(db, actor, request.params.id, request.params.objectionId, request.body, now());
    return noticePage(db, actor, request.params.id, now());
  });
}
