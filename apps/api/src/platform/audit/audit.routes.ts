import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { AuditEntryView, AuditQuery, page } from '@gongzhi/contracts';
import type { AppDeps } from '../deps.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { inScope, scopeFor } from '../authz/scope.ts';
import { auditLog } from './audit.table.ts';
import { likePrefix } from '../db/like.ts';

/** The auditor's search over the audit log, limited to their region subtree. */
export async function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/audit', { config: { access: { action: 'audit.read' } },
    schema: { tags: ['audit'], summary: 'Search the audit log', querystring: AuditQuery, response: { 200: page(AuditEntryView) } },
  }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    const where: (SQL | undefined)[] = [inScope(scopeFor(actor, 'audit.read'), { region: auditLog.regionPath })];
    if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
    if (q.action) where.push(sql`${auditLog.action} LIKE ${likePrefix(q.action)}`);
    if (q.subjectType) where.push(eq(auditLog.subjectType, q.subjectType));
    if (q.subjectId) where.push(eq(auditLog.subjectId, q.subjectId));
    if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
    if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
    const cond = and(...where);
    const [rows, [total]] = await Promise.all([
      deps.db.select().from(auditLog).where(cond).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit).offset(q.offset),
      deps.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(cond),
    ]);
    return { items: rows.map((r) => ({ ...r, at: r.at.toISOString(), details: r.details ?? null })), total: total?.n ?? 0 };
  });
}
