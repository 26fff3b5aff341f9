import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CategoryView, IdParams, KpiQuery, KpiView, negotiateLanguage, UpdateCategoryBody } from '@gongzhi/contracts';
import type { AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { catalogueFor, installDefaults, updateCategoryView } from './categories.service.ts';
import { kpiView } from './kpi.ts';
import { kpiWorkbook } from './kpi.export.ts';

/** The service catalogue of a district, and the KPI dashboard. */
export async function catalogueRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/v1/categories', { config: { access: 'signed-in' },
    schema: { tags: ['requests'], summary: 'The service catalogue of my district', querystring: z.object({ districtCode: z.string().regex(/^\d{6}$/).optional(), all: z.stringbool().default(false) }), response: { 200: z.array(CategoryView) } },
  }, async (request) => {
    return catalogueFor(db, requireActor(request), request.query, negotiateLanguage(request.headers['accept-language']));
  });

  r.post('/api/v1/categories/defaults', { config: { access: { action: 'category.manage' } },
    schema: { tags: ['requests'], summary: 'Add the default catalogue (Beijing 12345 time limits) to a district', body: z.object({ districtCode: z.string().regex(/^\d{6}$/) }), response: { 200: z.object({ added: z.number().int() }) } },
  }, async (request) => {
    return { added: await installDefaults(db, requireActor(request), request.body.districtCode) };
  });

  r.patch('/api/v1/categories/:id', { config: { access: { action: 'category.manage', subject: 'service_categories' } }, schema: { tags: ['requests'], summary: 'Change a category: names, department, time limits', params: IdParams, body: UpdateCategoryBody, response: { 200: CategoryView } } },
    async (request) => updateCategoryView(db, requireActor(request), request.params.id, request.body, negotiateLanguage(request.headers['accept-language'])));

  r.get('/api/v1/kpis/export.xlsx', { config: { access: { action: 'kpi.read', query: { regionId: 'regions' } } }, schema: { tags: ['requests'], summary: 'The dashboard for a region and period as .xlsx', querystring: KpiQuery } },
    async (request, reply) => {
      const view = await kpiView(db, requireActor(request), request.query);
      const name = `诉求指标-${view.region?.name ?? ''}-${view.from}-${view.to}.xlsx`;
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(await kpiWorkbook(view));
    });

  r.get('/api/v1/kpis', { config: { access: { action: 'kpi.read', query: { regionId: 'regions' } } }, schema: { tags: ['requests'], summary: 'Response, resolution, satisfaction and on-time rates for a region and period, with drill-down', querystring: KpiQuery, response: { 200: KpiView } } },
    async (request) => kpiView(db, requireActor(request), request.query));
}
