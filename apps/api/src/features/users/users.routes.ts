import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { normalizePhone } from '@gongzhi/core';
import { CreateUserBody, GrantBody, type GrantView, IdParams, page, UpdateUserBody, UserListQuery, UserView } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { found } from '../../platform/errors/app-error.ts';
import type { users } from '../../platform/auth/auth.table.ts';
import { findUser, grantsOf, listUsers, loadUser } from './users.repository.ts';
import { createUser, grantRole, revokeGrant, updateUser } from './users.service.ts';
import { scopeFor } from '../../platform/authz/scope.ts';

type UserRow = typeof users.$inferSelect;
type GrantRow = Awaited<ReturnType<typeof grantsOf>>[number];

const presentUser = (u: UserRow, grants: GrantRow[]): z.infer<typeof UserView> => ({
  id: u.id, name: u.name, phone: u.phoneMasked, disabled: u.disabledAt !== null, demo: u.demo, lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  grants: grants.filter((g) => g.userId === u.id).map((g): z.infer<typeof GrantView> => ({
    id: g.id, role: g.role, regionId: g.regionId, regionPath: g.regionPath, regionName: g.regionName, organisationId: g.organisationId, organisationName: g.organisationName,
  })),
});

/** Accounts and their roles. */
export async function userRoutes(app: FastifyInstance, deps: AppDeps) {
  const now = clockOf(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, vault } = deps;
  const one = async (actor: Actor, id: string) => {
    const u = found(await findUser(db, scopeFor(actor, 'user.read'), id), 'USER_NOT_FOUND');
    return presentUser(u, await grantsOf(db, [id]));
  };

  r.get('/api/v1/users', { config: { access: { action: 'user.read' } }, schema: { tags: ['users'], summary: 'Users holding roles in my scope', querystring: UserListQuery, response: { 200: page(UserView) } } }, async (request) => {
    const actor = requireActor(request);
    const { q, limit, offset } = request.query;
    const phone = q ? normalizePhone(q) : null;
    const { rows, total } = await listUsers(db, scopeFor(actor, 'user.read'), { name: q, phoneHash: phone ? vault.hash(phone) : undefined, limit, offset });
    const grants = await grantsOf(db, rows.map((u) => u.id));
    return { items: rows.map((u) => presentUser(u, grants)), total };
  });

  r.get('/api/v1/users/:id', { config: { access: { action: 'user.read', subject: 'users' } }, schema: { tags: ['users'], summary: 'A user with their roles', params: IdParams, response: { 200: UserView } } }, async (request) => {
    const actor = requireActor(request);
    return one(actor, request.params.id);
  });

  r.post('/api/v1/users', { config: { access: { action: 'user.manage' } }, schema: { tags: ['users'], summary: 'Create an account with its roles', body: CreateUserBody, response: { 201: UserView } } }, async (request, reply) => {
    const actor = requireActor(request);
    const u = await createUser(db, vault, actor, request.body);
    return reply.status(201).send(presentUser(u, await grantsOf(db, [u.id])));
  });

  r.patch('/api/v1/users/:id', { config: { access: { action: 'user.manage', subject: 'users' } }, schema: { tags: ['users'], summary: 'Rename, reset password, disable or enable', params: IdParams, body: UpdateUserBody, response: { 200: UserView } } }, async (request) => {
    const actor = requireActor(request);
    await updateUser(db, actor, request.params.id, request.body, now());
    return one(actor, request.params.id);
  });

  r.post('/api/v1/users/:id/grants', { config: { access: { action: 'user.manage', subject: 'users' } }, schema: { tags: ['users'], summary: 'Grant a role', params: IdParams, body: GrantBody, response: { 201: UserView } } }, async (request, reply) => {
    const actor = requireActor(request);
    await grantRole(db, actor, request.params.id, request.body);
    return reply.status(201).send(await one(actor, request.params.id));
  });

  r.delete('/api/v1/users/:id/grants/:grantId', { config: { access: { action: 'user.manage', subject: 'users', params: { grantId: 'role_assignments' } } },
    schema: { tags: ['users'], summary: 'Remove a role', params: z.object({ id: z.uuid(), grantId: z.uuid() }), response: { 200: UserView } },
  }, async (request) => {
    const actor = requireActor(request);
    await revokeGrant(db, actor, request.params.id, request.params.grantId);
    // The user may have left the actor's sight with that grant; the answer still shows what became of them.
    const u = found(await loadUser(db, request.params.id), 'USER_NOT_FOUND');
    return presentUser(u, await grantsOf(db, [u.id]));
  });
}
