import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AckResult, AssignedHousehold, ConfirmBody, IdParams, InboxItem, InstructionAttachment, InstructionListQuery, LinkView, page, RecordBody } from '@gongzhi/contracts';
import type { AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/limits.ts';
import { readUpload, sendUpload, storeUpload, type UploadType } from '../../platform/uploads/uploads.ts';
import { ack, ATTACHMENT_PURPOSE, confirmByLink, linkSigner, readAttachment, record } from './instructions.service.ts';
import { inboxPage, linkView, myHouseholds } from './instructions.read.service.ts';

/**
 * Attachments are documents and pictures, at most MAX_UPLOAD_BYTES each: the name's extension must
 * be one of these, and the content must really be of that type (a PDF named .jpg is refused).
 */
const ATTACHMENT_TYPES: Record<string, UploadType> = { pdf: 'pdf', jpg: 'jpg', jpeg: 'jpg', png: 'png', docx: 'docx', xlsx: 'xlsx', txt: 'txt' };

/**
 * The grid worker's side (inbox, acknowledge, household checklist), households' personal links, and
 * attachments. `changed` announces a write to the live progress streams.
 */
export async function workRoutes(app: FastifyInstance, deps: AppDeps, changed: (instructionId: string) => void) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, vault, storage } = deps;
  const tags = ['instructions'];
  const links = linkSigner(vault.hash('gongzhi/instruction-link'));

  r.get('/api/v1/instructions/inbox', {
    config: { access: { action: 'instruction.work' } },
    schema: { tags, summary: 'Instructions sent to me (grid worker), newest first, with my progress', querystring: InstructionListQuery, response: { 200: page(InboxItem) } },
  }, async (request) => inboxPage(db, requireActor(request), request.query.limit, request.query.offset));

  r.get('/api/v1/instructions/:id/mine', {
    config: { access: { action: 'instruction.work' } },
    schema: { tags, summary: 'One instruction sent to me, with my progress', params: IdParams, response: { 200: InboxItem } },
  }, async (request) => found((await inboxPage(db, requireActor(request), 1, 0, request.params.id)).items[0], 'INSTRUCTION_NOT_ASSIGNED'));

  r.post('/api/v1/instructions/:id/ack', {
    // Acknowledging twice changes nothing, so no Idempotency-Key bookkeeping on the hottest path.
    config: { access: { action: 'instruction.work' }, idempotency: false },
    schema: { tags, summary: 'Acknowledge an instruction (every micro-grid I hold in it); repeating it changes nothing', params: IdParams, response: { 200: AckResult } },
  }, async (request) => {
    const acked = await ack(db, requireActor(request), request.params.id);
    if (acked > 0) changed(request.params.id);
    return { acked };
  });

  r.get('/api/v1/instructions/:id/households', {
    config: { access: { action: 'instruction.work' } },
    schema: { tags, summary: 'The households of my micro-grids in this instruction, with their personal links', params: IdParams, response: { 200: z.array(AssignedHousehold) } },
  }, async (request) => {
    const rows = await myHouseholds(db, requireActor(request), request.params.id);
    return rows.map((h) => ({
      householdId: h.household_id, address: h.address, microgrid: h.microgrid, status: h.status as 'pending', attempts: h.attempts, answer: h.answer, via: h.via,
      recordedAt: h.recorded_at ? new Date(h.recorded_at).toISOString() : null, link: `/confirm/${links.sign(request.params.id, h.household_id)}`,
    }));
  });

  r.post('/api/v1/instructions/:id/households/:householdId', {
    config: { access: { action: 'instruction.work' } },
    schema: { tags, summary: 'Record a household: reached, not at home (retry) or refused', params: z.object({ id: z.uuid(), householdId: z.uuid() }), body: RecordBody, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await record(db, requireActor(request), request.params.id, request.params.householdId, request.body.outcome, request.body.answer);
    changed(request.params.id);
    return { ok: true as const };
  });

  const LinkParams = z.object({ token: z.string().min(10).max(200) });
  const verify = (token: string) => found(links.verify(token), 'INSTRUCTION_LINK_INVALID');

  r.get('/api/v1/instruction-links/:token', {
    config: { access: 'public' },
    schema: { tags, summary: 'What a household’s personal link shows (no sign-in)', params: LinkParams, response: { 200: LinkView } },
  }, async (request) => {
    const ids = verify(request.params.token);
    return linkView(db, ids);
  });

  r.post('/api/v1/instruction-links/:token', {
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: 'A household confirms it received the instruction (with its answer when one is asked)', params: LinkParams, body: ConfirmBody, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    const ids = verify(request.params.token);
    await confirmByLink(db, ids, request.body.answer);
    changed(ids.instructionId);
    return { ok: true as const };
  });

  r.post('/api/v1/instructions/attachments', {
    config: { access: { action: 'instruction.issue' } },
    schema: { tags, summary: 'Upload an attachment for an instruction being drafted (multipart field "file"; PDF, images, Word, Excel, text)', consumes: ['multipart/form-data'], response: { 201: InstructionAttachment } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { file } = await readUpload(request, MAX_UPLOAD_BYTES);
    if (!file) throw new AppError('BAD_REQUEST', {}, { reason: 'file missing' });
    const ext = path.extname(file.filename).slice(1).toLowerCase();
    const named = ATTACHMENT_TYPES[ext];
    if (!named) throw new AppError('VALIDATION_FAILED', {}, { reason: `file type .${ext} not accepted`, accepted: Object.keys(ATTACHMENT_TYPES) });
    // The name only narrows the allow-list: what is stored, and served back, is what the bytes are;
    // the upload is recorded as this user's, for an instruction's attachment, and only that is accepted.
    const stored = await storeUpload(db, storage, { data: file.data, allow: [named], ownerUserId: actor.userId, purpose: ATTACHMENT_PURPOSE });
    return reply.status(201).send({ key: stored.key, name: path.basename(file.filename).slice(0, 200), size: stored.size, mime: stored.mime });
  });

  r.get('/api/v1/instructions/:id/attachments/:n', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Download an attachment (those following the instruction and the workers it was sent to)', params: z.object({ id: z.uuid(), n: z.coerce.number().int().min(0).max(9) }) },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { id, n } = request.params;
    const file = await readAttachment(db, actor, id, n);
    return sendUpload(reply, storage, { key: file.key, filename: file.name });
  });
}
