import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { poolOf } from '../../platform/db/prepared.ts';
import { z } from 'zod';
import {
  CreateInstructionBody, IdParams, InstructionListQuery, InstructionPreview, InstructionSummary, UncoveredPart, page, Progress, ProgressQuery, RemindBody, UnreachedHousehold,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { closeInstruction, instructionPage, issueInstruction, loadNode, loadVisible, previewInstruction, remind } from './instructions.service.ts';
import { instructionReport, uncoveredOf, unreachedPage } from './instructions.read.service.ts';
import { presentInstruction } from './instructions.presenter.ts';
import { progressOf } from './progress.service.ts';
import { ProgressHub } from './progress.hub.ts';
import { workRoutes } from './work.routes.ts';

/** At most this often per stream, however fast acknowledgements arrive (≤ 2 pushes a second). */
const PUSH_INTERVAL_MS = 500;

/** Instructions to every door (指令): issuing, following progress live, reminders, reports; workers' routes beside. */
export async function instructionRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['instructions'];
  // The pool's own settings for the one LISTEN connection (the Drizzle handle keeps its pool as $client).
  const hub = new ProgressHub({ ...poolOf(db).options }, db);
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => { for (const end of [...streams]) end(); await hub.close(); });

  r.post('/api/v1/instructions', {
    config: { access: { action: 'instruction.issue' } },
    schema: { tags, summary: 'Send an instruction to every micro-grid worker and household of a subtree (one set-based transaction)', body: CreateInstructionBody, response: { 201: InstructionSummary } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = await issueInstruction(db, actor, request.body, now());
    return reply.status(201).send(presentInstruction(actor, await loadVisible(db, actor, id)));
  });

  r.post('/api/v1/instructions/preview', {
    config: { access: { action: 'instruction.issue' } },
    schema: {
      tags, summary: 'What sending this draft would do, without sending it: micro-grids, households, workers, and the parts nobody would reach and why',
      body: CreateInstructionBody, response: { 200: InstructionPreview },
    },
  }, async (request) => previewInstruction(db, requireActor(request), request.body, now()));

  r.get('/api/v1/instructions', {
    config: { access: { action: 'instruction.read' } },
    schema: { tags, summary: 'Instructions issued in or above my regions, newest first', querystring: InstructionListQuery, response: { 200: page(InstructionSummary) } },
  }, async (request) => {
    const actor = requireActor(request);
    const { rows, total } = await instructionPage(db, actor, request.query.limit, request.query.offset);
    return { items: rows.map((i) => presentInstruction(actor, i)), total };
  });

  await workRoutes(app, deps, (id) => hub.changed(id));

  r.get('/api/v1/instructions/:id', {
    config: { access: { action: 'instruction.read', subject: 'instructions' } },
    schema: { tags, summary: 'An instruction', params: IdParams, response: { 200: InstructionSummary } },
  }, async (request) => {
    const actor = requireActor(request);
    return presentInstruction(actor, await loadVisible(db, actor, request.params.id));
  });

  r.get('/api/v1/instructions/:id/progress', {
    config: { access: { action: 'instruction.read', subject: 'instructions' } },
    schema: { tags, summary: 'Progress of a node of the tree (default: my view) with its children', params: IdParams, querystring: ProgressQuery, response: { 200: Progress } },
  }, async (request) => {
    const actor = requireActor(request);
    const { instr, path } = await loadNode(db, actor, request.params.id, request.query.path);
    return progressOf(db, instr, path, now());
  });

  r.get('/api/v1/instructions/:id/progress/stream', {
    config: { access: { action: 'instruction.read', subject: 'instructions' } },
    schema: { tags, summary: 'The same progress as Server-Sent Events (`event: progress`), pushed on every change, at most twice a second', params: IdParams, querystring: ProgressQuery },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { instr, path } = await loadNode(db, actor, request.params.id, request.query.path);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    let last = 0;
    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    const push = async () => {
      timer = null;
      last = Date.now();
      try {
        const p = await progressOf(db, instr, path, now());
        if (!closed) res.write(`event: progress\ndata: ${JSON.stringify(p)}\n\n`);
      } catch (err) {
        request.log.error(err, 'progress push failed');
      }
    };
    const schedule = () => {
      if (timer || closed) return;
      timer = setTimeout(() => { void push(); }, Math.max(0, last + PUSH_INTERVAL_MS - Date.now()));
    };
    const unsubscribe = await hub.subscribe(instr.id, schedule);
    // Keeps proxies from closing an idle stream, and refreshes it should a notification ever be lost.
    const heartbeat = setInterval(schedule, 20_000);
    const end = () => {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      res.end();
    };
    streams.add(end);
    request.raw.on('close', end);
    res.write('retry: 3000\n\n');
    await push();
  });

  r.post('/api/v1/instructions/:id/remind', {
    config: { access: { action: 'instruction.issue', subject: 'instructions' } },
    schema: { tags, summary: 'Remind (SMS/WeChat via the outbox) the workers under a node who have not acknowledged', params: IdParams, body: RemindBody, response: { 200: z.object({ reminded: z.number().int() }) } },
  }, async (request) => {
    return { reminded: await remind(db, requireActor(request), request.params.id, request.body.path) };
  });

  r.post('/api/v1/instructions/:id/close', {
    config: { access: { action: 'instruction.issue', subject: 'instructions' } },
    schema: { tags, summary: 'Close an instruction (no more records)', params: IdParams, response: { 200: InstructionSummary } },
  }, async (request) => {
    const actor = requireActor(request);
    await closeInstruction(db, actor, request.params.id);
    return presentInstruction(actor, await loadVisible(db, actor, request.params.id));
  });

  r.get('/api/v1/instructions/:id/unreached', {
    config: { access: { action: 'instruction.read', subject: 'instructions' } },
    schema: {
      tags, summary: 'Households under a node never reached (not visited, or not at home); `after` (the last household of a page) pages by key', params: IdParams,
      querystring: ProgressQuery.extend(InstructionListQuery.shape).extend({ after: z.uuid().optional() }), response: { 200: page(UnreachedHousehold) },
    },
  }, async (request) => {
    const { limit, offset, after } = request.query;
    return unreachedPage(db, requireActor(request), request.params.id, request.query.path, limit, offset, after);
  });

  r.get('/api/v1/instructions/:id/uncovered', {
    config: { access: { action: 'instruction.read', subject: 'instructions' } },
    schema: { tags, summary: 'Parts under a node the instruction could not reach (no worker, no micro-grid, no households)', params: IdParams, querystring: ProgressQuery, response: { 200: z.array(UncoveredPart) } },
  }, async (request) => uncoveredOf(db, requireActor(request), request.params.id, request.query.path));

  r.get('/api/v1/instructions/:id/report.xlsx', {
    config: { access: { action: 'instruction.read', subject: 'instructions' } },
    schema: { tags, summary: 'Report per region (.xlsx): children, micro-grids, households never reached', params: IdParams, querystring: ProgressQuery },
  }, async (request, reply) => {
    const { path, body } = await instructionReport(db, requireActor(request), request.params.id, request.query.path, now());
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="instruction-${path}.xlsx"`).send(body);
  });
}
