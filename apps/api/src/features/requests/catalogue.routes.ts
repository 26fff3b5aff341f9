import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, eq } from 'drizzle-orm';
import { CategoryView, IdParams, KpiQuery, KpiView, negotiateLanguage, UpdateCategoryBody } from '@gongzhi/contracts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { organisationNameOf } from '../org/organisation.service.ts';
import { serviceCategories } from './requests.table.ts';
import { installDefaults, updateCategory } from './categories.service.ts';
import { kpiView } from './kpi.ts';
import { kpiWorkbook } from './kpi.export.ts';

/** The district a signed-in person belongs to, for the catalogue they see. */
function districtOf(actor: Actor, asked?: string): string {
  if (asked) return asked;
  const path = actor.grants.find((g) => g.regionPath)?.regionPath;
  if (!path) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/districtCode', message: 'required' }]);
  return path.slice(0, 6);
}

/** The service catalogue of a district, and the KPI dashboard. */
export async function catalogueRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  const list = async (districtCode: string, lang: 'zh-CN' | 'en', activeOnly: boolean) => {
    const rows = await db.select({ c: serviceCategories, deptName: organisationNameOf(serviceCategories.departmentId) }).from(serviceCategories)
      .where(and(eq(serviceCategories.districtCode, districtCode), activeOnly ? eq(serviceCategories.active, true) : undefined))
      .orderBy(asc(serviceCategories.matter), asc(serviceCategories.code));
    return rows.map(({ c, deptName }) => ({
      id: c.id, code: c.code, name: lang === 'en' ? c.nameEn : c.nameZh, nameZh: c.nameZh, nameEn: c.nameEn, matter: c.matter,
      department: c.departmentId ? { id: c.departmentId, name: deptName ?? '' } : null, respondHours: c.respondHours, resolveHours: c.resolveHours,
      workingTime: c.workingTime, requiredFields: c.requiredFields, active: c.active,
    }));
  };

  r.get('/api/v1/categories', { config: { access: 'signed-in' },
    schema: { tags: ['requests'], summary: 'The service catalogue of my district', querystring: z.object({ districtCode: z.string().regex(/^\d{6}$/).optional(), all: z.stringbool().default(false) }), response: { 200: z.array(CategoryView) } },
  }, async (request) => {
    const actor = requireActor(request);
    return list(districtOf(actor, request.query.districtCode), negotiateLanguage(request.headers['accept-language']), !request.query.all);
  });

  r.post('/api/v1/categories/defaults', { config: { access: { action: 'category.manage' } },
    schema: { tags: ['requests'], summary: 'Add the default catalogue (Beijing 12345 time limits) to a district', body: z.object({ districtCode: z.string().regex(/^\d{6}$/) }), response: { 200: z.object({ added: z.number().int() }) } },
  }, async (request) => {
    return { added: await installDefaults(db, requireActor(request), request.body.districtCode) };
  });

  r.patch('/api/v1/categories/:id', { config: { access: { action: 'category.manage', subject: 'service_categories' } }, schema: { tags: ['requests'], summary: 'Change a category: names, department, time limits', params: IdParams, body: UpdateCategoryBody, response: { 200: CategoryView } } },
    async (request) => {
      const updated = await updateCategory(db, requireActor(request), request.params.id, request.body);
      const all = await list(updated.districtCode, negotiateLanguage(request.headers['accept-language']), false);
      return all.find((c) => c.id === updated.id)!;
    });

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
