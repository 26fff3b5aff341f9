import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { CATEGORIES } from '@gongzhi/core';
import type { CategoryView } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { departmentsByCode, organisationNameOf } from '../org/organisation.service.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { mayManageCatalogue } from './requests.policy.ts';
import { serviceCategories } from './requests.table.ts';

export type CategoryRow = typeof serviceCategories.$inferSelect;

/**
 * Gives a district the default catalogue (Beijing 12345 time limits), routing each big matter to the
 * district's department with the catalogue's department code. Categories the district already has are
 * left as they are. Returns how many were added.
 */
export async function installDefaultCatalogue(tx: DbOrTx, actor: Actor, districtCode: string): Promise<number> {
  const existing = new Set((await tx.select({ code: serviceCategories.code }).from(serviceCategories)
    .where(eq(serviceCategories.districtCode, districtCode))).map((r) => r.code));
  const departmentCodes = [...new Set(CATEGORIES.flatMap((c) => (c.department ? [c.department.code] : [])))];
  const deptId = await departmentsByCode(tx, districtCode, departmentCodes);
  const rows = CATEGORIES.filter((c) => !existing.has(c.code)).map((c) => ({
    districtCode, regionPath: districtCode, code: c.code, nameZh: c.name['zh-CN'], nameEn: c.name.en, matter: c.matter,
    departmentId: c.department ? deptId.get(c.department.code) ?? null : null,
    respondHours: c.respondHours, resolveHours: c.resolveHours, workingTime: c.workingTime,
  }));
  // Two administrators installing at once: the second adds what the first has not (ON CONFLICT), not an error.
  const added = rows.length
    ? (await tx.insert(serviceCategories).values(rows).onConflictDoNothing({ target: [serviceCategories.districtCode, serviceCategories.code] }).returning({ id: serviceCategories.id })).length
    : 0;
  await audit(tx, actor, { action: 'category.install_defaults', subjectType: 'district', subjectId: districtCode, regionPath: districtCode, details: { added } });
  return added;
}

/** The active catalogue of a district, by code. */
export async function catalogueOf(db: DbOrTx, districtCode: string): Promise<Map<string, CategoryRow>> {
  const rows = await db.select().from(serviceCategories)
    .where(and(eq(serviceCategories.districtCode, districtCode), eq(serviceCategories.active, true)));
  return new Map(rows.map((r) => [r.code, r]));
}

/** Adds the default catalogue to a district the actor manages categories in; returns how many were added. */
export async function installDefaults(db: Db, actor: Actor, districtCode: string): Promise<number> {
  ensure(mayManageCatalogue(actor, districtCode));
  return db.transaction((tx) => installDefaultCatalogue(tx, actor, districtCode));
}

/** Changes a category (names, department, time limits) of a district the actor manages, with its audit row. */
export async function updateCategory(db: Db, actor: Actor, id: string, body: Partial<typeof serviceCategories.$inferInsert>): Promise<CategoryRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(serviceCategories).where(eq(serviceCategories.id, id));
    const before = found(row, 'CATEGORY_NOT_FOUND');
    ensure(mayManageCatalogue(actor, before.regionPath));
    const [after] = await tx.update(serviceCategories).set(body).where(eq(serviceCategories.id, id)).returning();
    await audit(tx, actor, { action: 'category.update', subjectType: 'category', subjectId: before.id, regionPath: before.regionPath, before, after });
    return after!;
  });
}

/** The district a signed-in person belongs to, for the catalogue they see. */
function districtOf(actor: Actor, asked?: string): string {
  if (asked) return asked;
  const path = actor.grants.find((g) => g.regionPath)?.regionPath;
  if (!path) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/districtCode', message: 'required' }]);
  return path.slice(0, 6);
}

/** A district's catalogue in the reader's language, by matter and code, with each department's name. */
async function catalogueList(db: DbOrTx, districtCode: string, lang: 'zh-CN' | 'en', activeOnly: boolean): Promise<z.infer<typeof CategoryView>[]> {
  const rows = await db.select({ c: serviceCategories, deptName: organisationNameOf(serviceCategories.departmentId) }).from(serviceCategories)
    .where(and(eq(serviceCategories.districtCode, districtCode), activeOnly ? eq(serviceCategories.active, true) : undefined))
    .orderBy(asc(serviceCategories.matter), asc(serviceCategories.code));
  return rows.map(({ c, deptName }) => ({
    id: c.id, code: c.code, name: lang === 'en' ? c.nameEn : c.nameZh, nameZh: c.nameZh, nameEn: c.nameEn, matter: c.matter,
    department: c.departmentId ? { id: c.departmentId, name: deptName ?? '' } : null, respondHours: c.respondHours, resolveHours: c.resolveHours,
    workingTime: c.workingTime, requiredFields: c.requiredFields, active: c.active,
  }));
}

/**
 * The service catalogue a signed-in person sees: of the district asked for, or else of the district
 * of their first regional grant; only the active categories unless `all`.
 */
export async function catalogueFor(db: DbOrTx, actor: Actor, q: { districtCode?: string; all: boolean }, lang: 'zh-CN' | 'en'): Promise<z.infer<typeof CategoryView>[]> {
  return catalogueList(db, districtOf(actor, q.districtCode), lang, !q.all);
}

/** Changes a category as updateCategory does, and answers with it as the catalogue shows it. */
export async function updateCategoryView(db: Db, actor: Actor, id: string, body: Partial<typeof serviceCategories.$inferInsert>, lang: 'zh-CN' | 'en'): Promise<z.infer<typeof CategoryView>> {
  const updated = await updateCategory(db, actor, id, body);
  const all = await catalogueList(db, updated.districtCode, lang, false);
  return all.find((c) => c.id === updated.id)!;
}
