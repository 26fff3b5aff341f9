import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, ImportCommitResult, ImportPreview, negotiateLanguage } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/limits.ts';
import { readUpload } from '../../platform/uploads/uploads.ts';
import { templateWorkbook } from './import.parse.ts';
import { commitImport, findImport, presentPreview, previewImport } from './import.service.ts';
import { exportResidents } from './export.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The household import wizard (upload → preview → confirm) and the register export. */
export async function importRoutes(app: FastifyInstance, deps: AppDeps) {
  const now = clockOf(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, vault } = deps;

  r.get('/api/v1/imports/template.xlsx', { config: { access: { action: 'import.run' } }, schema: { tags: ['import'], summary: 'The register template' } }, async (request, reply) => {
    requireActor(request);
    return reply.type(XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('住户导入模板.xlsx')}`).send(await templateWorkbook());
  });

  r.post('/api/v1/imports', { config: { access: { action: 'import.run' } },
    schema: { tags: ['import'], summary: 'Upload a register (.xlsx/.csv, multipart: regionId, file) and get a row-by-row preview', consumes: ['multipart/form-data'], response: { 201: ImportPreview } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { file, fields } = await readUpload(request, MAX_UPLOAD_BYTES);
    const parsed = z.uuid().safeParse(fields.regionId);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/regionId', message: 'a region id is required' }]);
    if (!file || file.data.length === 0) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/file', message: 'a non-empty file is required' }]);
    const imp = await previewImport(db, vault, actor, { regionId: parsed.data, filename: file.filename, data: file.data }, now());
    return reply.status(201).send(presentPreview(imp, negotiateLanguage(request.headers['accept-language'])));
  });

  r.get('/api/v1/imports/:id', { config: { access: { action: 'import.run', subject: 'imports' } }, schema: { tags: ['import'], summary: 'An import preview', params: IdParams, response: { 200: ImportPreview } } },
    async (request) => presentPreview(await findImport(db, requireActor(request), request.params.id), negotiateLanguage(request.headers['accept-language'])));

  r.post('/api/v1/imports/:id/commit', { config: { access: { action: 'import.run', subject: 'imports' } }, schema: { tags: ['import'], summary: 'Write a clean preview to the register (one transaction)', params: IdParams, response: { 200: ImportCommitResult } } },
    async (request) => commitImport(db, requireActor(request), request.params.id, now()));

  r.get('/api/v1/exports/residents.xlsx', { config: { access: { action: 'export.run', query: { regionId: 'regions' } } }, schema: { tags: ['import'], summary: 'Residents of a region as .xlsx (masked)', querystring: z.object({ regionId: z.uuid() }) } },
    async (request, reply) => {
      const { region, data } = await exportResidents(db, requireActor(request), request.query.regionId);
      return reply.type(XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${region.name}-居民.xlsx`)}`).send(data);
    });
}
