import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { normalizePhone, validateIdNumber } from '@gongzhi/core';
import {
  AddOwnerBody, BuildingDetail, BuildingView, CreateBuildingBody, CreateHouseholdBody, CreateResidentBody, CreateUnitBody,
  HouseholdDetail, HouseholdListQuery, HouseholdView, IdParams, page, ResidentDetail, ResidentListQuery, ResidentView,
  RevealBody, RevealResult, UpdateResidentBody,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import {
  buildingDetail as buildingView, buildingList, householdDetail as householdView, householdPage, residentDetail as residentView, residentPage,
} from './people.read.service.ts';
import { addOwner, createBuilding, createHousehold, createResident, createUnit, revealResident, updateResident } from './people.service.ts';


/** Buildings, units, households and residents. */
export async function peopleRoutes(app: FastifyInstance, deps: AppDeps) {
  const now = clockOf(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, vault } = deps;
  const residentDetail = (actor: Actor, id: string) => residentView(db, actor, id, now());

  r.get('/api/v1/residents', { config: { access: { action: 'people.read', query: { regionId: 'regions', householdId: 'households' } } }, schema: { tags: ['people'], summary: 'Residents in my scope (personal data masked)', querystring: ResidentListQuery, response: { 200: page(ResidentView) } } },
    async (request) => {
      const { q, tag, householdId, regionId, limit, offset } = request.query;
      // A full ID number or phone is searched by its keyed hash, never by decrypting rows.
      const id = q ? validateIdNumber(q) : undefined;
      const phone = q ? normalizePhone(q) : null;
      const hashes = id?.ok ? [vault.hash(`id:${id.id}`)] : phone ? [vault.hash(phone)] : undefined;
      return residentPage(db, requireActor(request), { regionId, householdId, tag, nameLike: q, hashes, limit, offset }, now());
    });

  r.get('/api/v1/residents/:id', { config: { access: { action: 'people.read', subject: 'residents' } }, schema: { tags: ['people'], summary: 'A resident (masked)', params: IdParams, response: { 200: ResidentDetail } } },
    async (request) => residentDetail(requireActor(request), request.params.id));

  r.post('/api/v1/residents', { config: { access: { action: 'people.write' } }, schema: { tags: ['people'], summary: 'Add a resident to a household', body: CreateResidentBody, response: { 201: ResidentDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await createResident(db, vault, actor, request.body, now());
      return reply.status(201).send(await residentDetail(actor, row.id));
    });

  r.patch('/api/v1/residents/:id', { config: { access: { action: 'people.write', subject: 'residents' } }, schema: { tags: ['people'], summary: 'Update a resident', params: IdParams, body: UpdateResidentBody, response: { 200: ResidentDetail } } },
    async (request) => {
      const actor = requireActor(request);
      await updateResident(db, vault, actor, request.params.id, request.body, now());
      return residentDetail(actor, request.params.id);
    });

  // Never remembered for Idempotency-Key replays: the answer is the clear value, and each reveal is audited.
  r.post('/api/v1/residents/:id/reveal', {
    schema: { tags: ['people'], summary: 'Reveal an ID number or phone in full (audited)', params: IdParams, body: RevealBody, response: { 200: RevealResult } },
    config: { access: { action: 'pii.reveal', subject: 'residents' }, idempotency: false },
  },
    async (request) => ({ field: request.body.field, value: await revealResident(db, vault, requireActor(request), request.params.id, request.body.field) }));

  r.get('/api/v1/households', { config: { access: { action: 'people.read', query: { regionId: 'regions' } } }, schema: { tags: ['people'], summary: 'Households in my scope', querystring: HouseholdListQuery, response: { 200: page(HouseholdView) } } },
    async (request) => {
      const { q, regionId, limit, offset } = request.query;
      return householdPage(db, requireActor(request), { regionId, q, limit, offset });
    });

  const householdDetail = (actor: Actor, id: string) => householdView(db, actor, id, now());

  r.get('/api/v1/households/:id', { config: { access: { action: 'people.read', subject: 'households' } }, schema: { tags: ['people'], summary: 'A household with its members and unit', params: IdParams, response: { 200: HouseholdDetail } } },
    async (request) => householdDetail(requireActor(request), request.params.id));

  r.post('/api/v1/households', { config: { access: { action: 'people.write' } }, schema: { tags: ['people'], summary: 'Register a household', body: CreateHouseholdBody, response: { 201: HouseholdDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await createHousehold(db, actor, request.body);
      return reply.status(201).send(await householdDetail(actor, row.id));
    });

  r.get('/api/v1/buildings', { config: { access: { action: 'people.read', query: { regionId: 'regions' } } }, schema: { tags: ['people'], summary: 'Buildings below a region', querystring: z.object({ regionId: z.uuid() }), response: { 200: z.array(BuildingView) } } },
    async (request) => {
      return buildingList(db, requireActor(request), request.query.regionId);
    });

  const buildingDetail = (actor: Actor, id: string) => buildingView(db, actor, id);

  r.get('/api/v1/buildings/:id', { config: { access: { action: 'people.read', subject: 'buildings' } }, schema: { tags: ['people'], summary: 'A building with its units, owners and households', params: IdParams, response: { 200: BuildingDetail } } },
    async (request) => buildingDetail(requireActor(request), request.params.id));

  r.post('/api/v1/buildings', { config: { access: { action: 'people.write' } }, schema: { tags: ['people'], summary: 'Register a building', body: CreateBuildingBody, response: { 201: BuildingDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await createBuilding(db, actor, request.body);
      return reply.status(201).send(await buildingDetail(actor, row.id));
    });

  r.post('/api/v1/units', { config: { access: { action: 'people.write' } }, schema: { tags: ['people'], summary: 'Register a unit with its floor area', body: CreateUnitBody, response: { 201: z.object({ id: z.uuid(), areaCentiM2: z.number().int() }) } } },
    async (request, reply) => {
      const row = await createUnit(db, requireActor(request), request.body);
      return reply.status(201).send({ id: row.id, areaCentiM2: row.areaCentiM2 });
    });

  r.post('/api/v1/units/:id/owners', { config: { access: { action: 'people.write', subject: 'units' } }, schema: { tags: ['people'], summary: 'Add an owner to a unit', params: IdParams, body: AddOwnerBody, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send({ id: (await addOwner(db, requireActor(request), request.params.id, request.body)).id }));
}
