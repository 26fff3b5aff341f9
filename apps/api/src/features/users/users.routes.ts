import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateUserBody, GrantBody, IdParams, page, UpdateUserBody, UserListQuery, UserView } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { createUser, grantRole, revokeGrant, updateUser } from './users.service.ts';
import { userAfterChange, userDetail, userList, userWithGrants } from './users.read.service.ts';

/** Accounts and their roles. */
export async function userRoutes(app: FastifyInstance, deps: AppDeps) {
  const now = clockOf(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, vault } = deps;

  r.get('/api/v1/users', { config: { access: { action: 'user.read' } }, schema: { tags: ['users'], summary: 'Users holding roles in my scope', querystring: UserListQuery, response: { 200: page(UserView) } } }, async (request) => {
    return userList(db, vault, requireActor(request), request.query);
  });

  r.get('/api/v1/users/:id', { config: { access: { action: 'user.read', subject: 'users' } }, schema: { tags: ['users'], summary: 'A user with their roles', params: IdParams, response: { 200: UserView } } }, async (request) => {
    return userDetail(db, requireActor(request), request.params.id);
  });

  r.post('/api/v1/users', { config: { access: { action: 'user.manage' } }, schema: { tags: ['users'], summary: 'Create an account with its roles', body: CreateUserBody, response: { 201: UserView } } }, async (request, reply) => {
    const actor = requireActor(request);
    const u = await createUser(db, vault, actor, request.body);
    return reply.status(201).send(await userWithGrants(db, u));
  });

  r.patch('/api/v1/users/:id', { config: { access: { action: 'user.manage', subject: 'users' } }, schema: { tags: ['users'], summary: 'Rename, reset password, disable or enable', params: IdParams, body: UpdateUserBody, response: { 200: UserView } } }, async (request) => {
    const actor = requireActor(request);
    await updateUser(db, actor, request.params.id, request.body, now());
    return userDetail(db, actor, request.params.id);
  });

  r.post('/api/v1/users/:id/grants', { config: { access: { action: 'user.manage', subject: 'users' } }, schema: { tags: ['users'], summary: 'Grant a role', params: IdParams, body: GrantBody, response: { 201: UserView } } }, async (request, reply) => {
    const actor = requireActor(request);
    await grantRole(db, actor, request.params.id, request.body);
    return reply.status(201).send(await userDetail(db, actor, request.params.id));
  });

  r.delete('/api/v1/users/:id/grants/:grantId', { config: { access: { action: 'user.manage', subject: 'users', params: { grantId: 'role_assignments' } } },
    schema: { tags: ['users'], summary: 'Remove a role', params: z.object({ id: z.uuid(), grantId: z.uuid() }), response: { 200: UserView } },
  }, async (request) => {
    const actor = requireActor(request);
    await revokeGrant(db, actor, request.params.id, request.params.grantId);
    // The user may have left the actor's sight with that grant; the answer still shows what became of them.
    return userAfterChange(db, request.params.id);
  });
}
