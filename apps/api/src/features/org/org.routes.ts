import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidLatLng } from '@gongzhi/core';
import {
  CreateOrganisationBody, CreateRegionBody, IdParams, LocateQuery, LocateResult, MoveRegionBody, OrganisationKind,
  OrganisationView, PartyOrgView, RegionDetail, RegionListQuery, RegionSummary, UpdateRegionBody,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { locateWithAncestors, regionDetail, regionList } from './region.read.service.ts';
import { createRegion, moveRegion, retireRegion, updateRegion } from './region.service.ts';
import { createOrganisation, organisationList, partyOrgList } from './organisation.service.ts';


/** The organisation tree, locating a point, organisations and party organisations. */
export async function orgRoutes(app: FastifyInstance, deps: AppDeps) {
  const now = clockOf(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  const detail = (actor: ReturnType<typeof requireActor>, id: string) => regionDetail(db, actor, id);

  r.get('/api/v1/regions', { config: { access: { action: 'region.read', query: { parentId: 'regions' } } },
    schema: { tags: ['org'], summary: 'Children of a region, or the roots of my scope, with counts', querystring: RegionListQuery, response: { 200: z.array(RegionSummary) } },
  }, async (request) => {
    const { parentId, includeRetired } = request.query;
    return regionList(db, requireActor(request), { parentId, includeRetired });
  });

  r.get('/api/v1/regions/:id', { config: { access: { action: 'region.read', subject: 'regions' } }, schema: { tags: ['org'], summary: 'A region with its ancestors, counts and my abilities', params: IdParams, response: { 200: RegionDetail } } },
    async (request) => detail(requireActor(request), request.params.id));

  r.post('/api/v1/regions', { config: { access: { action: 'region.manage' } }, schema: { tags: ['org'], summary: 'Create a region', body: CreateRegionBody, response: { 201: RegionDetail } } }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await createRegion(db, actor, request.body);
    return reply.status(201).send(await detail(actor, row.id));
  });

  r.patch('/api/v1/regions/:id', { config: { access: { action: 'region.manage', subject: 'regions' } }, schema: { tags: ['org'], summary: 'Rename a region or set its boundary', params: IdParams, body: UpdateRegionBody, response: { 200: RegionDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await updateRegion(db, actor, request.params.id, request.body);
      return detail(actor, request.params.id);
    });

  r.post('/api/v1/regions/:id/move', { config: { access: { action: 'region.manage', subject: 'regions' } }, schema: { tags: ['org'], summary: 'Move a region and its subtree under another parent', params: IdParams, body: MoveRegionBody, response: { 200: RegionDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await moveRegion(db, actor, request.params.id, request.body);
      return detail(actor, request.params.id);
    });

  r.post('/api/v1/regions/:id/retire', { config: { access: { action: 'region.manage', subject: 'regions' } }, schema: { tags: ['org'], summary: 'Retire an empty region', params: IdParams, response: { 200: RegionDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await retireRegion(db, actor, request.params.id, now());
      return detail(actor, request.params.id);
    });

  r.get('/api/v1/locate', { config: { access: 'signed-in' }, schema: { tags: ['org'], summary: 'The grid (or micro-grid) containing a point', querystring: LocateQuery, response: { 200: LocateResult } } },
    async (request) => {
      requireActor(request);
      const { lat, lng } = request.query;
      if (!isValidLatLng(lat, lng)) throw new AppError('LOCATION_INVALID');
      return locateWithAncestors(db, lat, lng);
    });

  r.get('/api/v1/organisations', { config: { access: { action: 'org.read', query: { regionId: 'regions' } } },
    schema: { tags: ['org'], summary: 'Organisations in my scope', querystring: z.object({ regionId: z.uuid().optional(), kind: OrganisationKind.optional() }), response: { 200: z.array(OrganisationView) } },
  }, async (request) => organisationList(db, requireActor(request), request.query));

  r.post('/api/v1/organisations', { config: { access: { action: 'org.manage' } }, schema: { tags: ['org'], summary: 'Register an organisation', body: CreateOrganisationBody, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send({ id: (await createOrganisation(db, requireActor(request), request.body)).id }));

  r.get('/api/v1/party-orgs', { config: { access: { action: 'org.read', query: { regionId: 'regions' } } },
    schema: { tags: ['org'], summary: 'Party organisations below a region, with member counts', querystring: z.object({ regionId: z.uuid().optional() }), response: { 200: z.array(PartyOrgView) } },
  }, async (request) => partyOrgList(db, requireActor(request), request.query.regionId));
}
