import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '@gongzhi/contracts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from './open311.keys.ts';
import { soleDistrict } from './open311.jurisdiction.ts';

// Kept beside the routes until the web console has a page for keys; then they move to contracts.
const DistrictCode = z.string().regex(/^\d{6}$/);
const KeyView = z.object({ id: z.uuid(), name: z.string(), districtCode: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });
const CreateKeyBody = z.object({ name: z.string().trim().min(1).max(100), districtCode: DistrictCode.optional() });

/** The district a new key is for: the one asked, else the actor's own, else the platform's only one. */
async function districtFor(deps: AppDeps, actor: Actor, asked?: string): Promise<string> {
  if (asked) return asked;
  const own = actor.grants.find((g) => g.regionPath)?.regionPath?.slice(0, 6);
  const code = own ?? (await soleDistrict(deps.db));
  if (!code) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/districtCode', message: 'required' }]);
  return code;
}

/** Console management of Open311 keys, for district officers (their district) and system admins. */
export async function open311KeyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open311'];

  r.get('/api/v1/open311/keys', { config: { access: { action: 'open311.manage' } },
    schema: { tags, summary: 'Open311 keys of the districts I manage (revoked ones too)', querystring: z.object({ districtCode: DistrictCode.optional() }), response: { 200: z.array(KeyView) } },
  }, async (request) => listOpen311Keys(deps.db, requireActor(request), request.query.districtCode));

  r.post('/api/v1/open311/keys', {
    schema: { tags, summary: 'Create an Open311 key for a district (the key is shown once)', body: CreateKeyBody, response: { 201: KeyView.extend({ key: z.string() }) } },
    config: { access: { action: 'open311.manage' }, idempotency: false }, // the answer is the plain key, which must be stored nowhere
  }, async (request, reply) => {
    const actor = requireActor(request);
    const districtCode = await districtFor(deps, actor, request.body.districtCode);
    return reply.status(201).send(await createOpen311Key(deps.db, actor, { name: request.body.name, districtCode }));
  });

  r.delete('/api/v1/open311/keys/:id', { config: { access: { action: 'open311.manage', subject: 'open311_keys', denyAs: 404 } }, schema: { tags, summary: 'Revoke an Open311 key', params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeOpen311Key(deps.db, requireActor(request), request.params.id);
      return reply.status(204).send(null);
    });
}
