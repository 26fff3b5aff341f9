import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, InboxCount, InboxMessage, InboxPage, InboxQuery, InboxReadAll } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { readAll, readMessage, unreadFor } from './inbox.service.ts';
import { inboxList } from './inbox.read.service.ts';

/**
 * The inbox (消息): every signed-in person's own messages from the outbox. Signed-in is the whole access
 * rule: the service reads only the caller's messages, so another person's is 404.
 */
export async function inboxRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['inbox'];

  r.get('/api/v1/inbox', { config: { access: 'signed-in' },
    schema: { tags, summary: 'My messages, newest first, by keyset (cursor = nextCursor of the previous page)', querystring: InboxQuery, response: { 200: InboxPage } },
  }, async (request) => inboxList(db, requireActor(request), request.query));

  r.get('/api/v1/inbox/unread-count', { config: { access: 'signed-in' },
    schema: { tags, summary: 'How many of my messages are unread (the bell)', response: { 200: InboxCount } },
  }, async (request) => ({ unread: await unreadFor(db, requireActor(request)) }));

  r.post('/api/v1/inbox/read-all', { config: { access: 'signed-in' },
    schema: { tags, summary: 'Mark all my messages read (idempotent)', body: z.object({}).optional(), response: { 200: InboxReadAll } },
  }, async (request) => readAll(db, requireActor(request), now()));

  r.post('/api/v1/inbox/:id/read', { config: { access: 'signed-in' },
    schema: { tags, summary: 'Mark one of my messages read (idempotent); answers the message', params: IdParams, body: z.object({}).optional(), response: { 200: InboxMessage } },
  }, async (request) => readMessage(db, requireActor(request), request.params.id, now()));
}
