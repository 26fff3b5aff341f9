import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssemblyDetail, AssemblyListQuery, AssemblyProgress, AssemblySummary, CastBallotBody, CastBallotResult, CreateAssemblyBody, IdParams, page,
  PaperBallotFields, PublicAssemblyResults, RollEntry, RollQuery, VerifyPaperBallotBody,
} from '@gongzhi/contracts';
import { formatArea } from '@gongzhi/core';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { closeVoting, createAssembly, openVoting } from './assembly.service.ts';
import { castOnline, castPaper, progressOf, readScan } from './ballot.service.ts';
import { verifyPaper } from './paper.service.ts';
import { assemblyDetail, assemblyList, ballotsExport, publicResults, rollOf, visibleAssembly } from './assembly.read.service.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/limits.ts';
import { readUpload } from '../../platform/uploads/uploads.ts';

/** Owners' assemblies (业主大会): convene, open, vote online and on paper, live progress, close, results, export. */
export async function assemblyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['assembly'];
  const read = { action: 'assembly.read', subject: 'assemblies' } as const;
  const manage = { action: 'assembly.manage', subject: 'assemblies' } as const;

  r.post('/api/v1/assemblies', {
    config: { access: { action: 'assembly.manage' } },
    schema: { tags, summary: 'Convene an owners’ assembly for a compound (notice ≥ 15 days before voting opens)', body: CreateAssemblyBody, response: { 201: AssemblyDetail } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const id = await createAssembly(db, actor, request.body, now());
    return reply.status(201).send(await assemblyDetail(db, actor, id));
  });

  r.get('/api/v1/assemblies', {
    config: { access: { action: 'assembly.read' } },
    schema: { tags, summary: 'Assemblies of my area (and of the areas above it)', querystring: AssemblyListQuery, response: { 200: page(AssemblySummary) } },
  }, async (request) => assemblyList(db, requireActor(request), request.query));

  r.get('/api/v1/assemblies/:id', {
    config: { access: read },
    schema: { tags, summary: 'An assembly with its matters, results once published, and my ballot if I am an owner', params: IdParams, response: { 200: AssemblyDetail } },
  }, async (request) => assemblyDetail(db, requireActor(request), request.params.id));

  r.post('/api/v1/assemblies/:id/open', {
    config: { access: manage },
    schema: { tags, summary: 'Open the vote: freeze the roll of owners (every unit needs a registered area)', params: IdParams, response: { 200: AssemblyDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await openVoting(db, actor, request.params.id, now());
    return assemblyDetail(db, actor, request.params.id);
  });

  r.post('/api/v1/assemblies/:id/close', {
    config: { access: manage },
    schema: { tags, summary: 'Close the vote after its window, tally and publish the results', params: IdParams, response: { 200: AssemblyDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await closeVoting(db, actor, request.params.id, now());
    return assemblyDetail(db, actor, request.params.id);
  });

  r.post('/api/v1/assemblies/:id/ballots', {
    config: { access: { action: 'assembly.vote', subject: 'assemblies' } },
    schema: { tags, summary: 'Cast my ballot as an owner (one choice per matter; once)', params: IdParams, body: CastBallotBody, response: { 201: CastBallotResult } },
  }, async (request, reply) => {
    await castOnline(db, requireActor(request), request.params.id, request.body, now());
    return reply.status(201).send({ cast: Object.fromEntries(request.body.choices.map((c) => [c.matterId, c.choice])) });
  });

  r.post('/api/v1/assemblies/:id/paper-ballots', {
    config: { access: manage, idempotency: false },
    schema: { tags, summary: 'Enter a paper ballot for an owner (multipart: ownerKey, choices as JSON, then the scan as "file")', params: IdParams, consumes: ['multipart/form-data'], response: { 201: z.object({ ok: z.literal(true) }) } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { file, fields } = await readUpload(request, MAX_UPLOAD_BYTES);
    const scan = file?.data ?? null;
    let choices: unknown;
    try { choices = JSON.parse(fields.choices ?? ''); } catch { choices = undefined; }
    const parsed = PaperBallotFields.safeParse({ ownerKey: fields.ownerKey, choices });
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', {}, parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })));
    await castPaper(db, deps.storage, actor, request.params.id, { ...parsed.data, scan }, now());
    return reply.status(201).send({ ok: true as const });
  });

  r.post('/api/v1/assemblies/:id/paper-ballots/verify', {
    config: { access: manage },
    schema: { tags, summary: 'Check a paper ballot against its scan (监票人, a second staff member): accept counts it, reject removes it', params: IdParams, body: VerifyPaperBallotBody, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await verifyPaper(db, deps.storage, requireActor(request), request.params.id, request.body, now());
    return { ok: true as const };
  });

  r.get('/api/v1/assemblies/:id/ballots/:ballotId/scan', {
    // No action in the declaration (as for request photos): a ballot id without a scan, or of
    // another assembly, is a 404, and the handler authorises assembly.manage on the assembly itself.
    config: { access: { subject: 'assemblies', params: { ballotId: 'assembly_ballots' } } },
    schema: { tags, summary: 'The scan of a paper ballot', params: z.object({ id: z.uuid(), ballotId: z.uuid() }) },
  }, async (request, reply) => {
    const s = await readScan(db, deps.storage, requireActor(request), request.params.id, request.params.ballotId);
    return reply.type(s.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(s.data);
  });

  r.get('/api/v1/assemblies/:id/roll', {
    config: { access: manage },
    schema: { tags, summary: 'The roll of owners, one page, by unit or name, with whether each has voted (never how)', params: IdParams, querystring: RollQuery, response: { 200: page(RollEntry) } },
  }, async (request) => {
    const { rows, total } = await rollOf(db, requireActor(request), request.params.id, request.query);
    return { items: rows.map((x) => ({ ownerKey: x.ownerKey, label: x.label, units: x.units ?? '', area: formatArea(x.area), voted: x.voted, paper: x.paper })), total };
  });

  r.get('/api/v1/assemblies/:id/progress', {
    config: { access: read },
    schema: { tags, summary: 'Live progress toward the quorum: owners and area still needed, per matter', params: IdParams, response: { 200: AssemblyProgress } },
  }, async (request) => {
    return progressOf(db, await visibleAssembly(db, requireActor(request), request.params.id), now());
  });

  r.get('/api/v1/assemblies/:id/ballots.xlsx', {
    // Read-scoped in the handler; an assembly still voting has no export yet (404 until the close).
    config: { access: { subject: 'assemblies' } },
    schema: { tags, summary: 'Every ballot and unit after the close, to recount (owners numbered, not named)', params: IdParams },
  }, async (request, reply) => {
    const { id, data } = await ballotsExport(db, requireActor(request), request.params.id);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="assembly-${id}-ballots.xlsx"`).send(data);
  });

  r.get('/api/v1/public/assemblies/:id/results', {
    config: { access: 'public' },
    schema: { tags, summary: 'Published results of an assembly (public, no sign-in)', params: IdParams, response: { 200: PublicAssemblyResults } },
  }, async (request) => publicResults(db, request.params.id));

}
