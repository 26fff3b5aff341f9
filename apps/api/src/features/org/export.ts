import ExcelJS from 'exceljs';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { RESIDENT_TAG_LABELS } from '@gongzhi/core';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { inScope, scopeFor } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { audit } from '../../platform/audit/audit.ts';
import { households, regions, residents } from './org.table.ts';
import { findRegion, type RegionRow } from './region.repository.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { found } from '../../platform/errors/app-error.ts';
import { mayExport } from './org.policy.ts';

const TENURE_ZH = { owner: '自有', tenant: '租住', other: '其他' } as const;

/**
 * The residents of a region as an .xlsx register, for those who may export there (the region out of
 * their read scope: REGION_NOT_FOUND). ID numbers and phones are masked: an export never carries
 * more than a list may show. The export itself is audited.
 */
export async function exportResidents(db: Db, actor: Actor, regionId: string): Promise<{ region: RegionRow; data: Buffer }> {
  const region = found(await findRegion(db, actor, regionId), 'REGION_NOT_FOUND');
  ensure(mayExport(actor, region.code));
  const rows = await db.select({
    householdId: households.id, address: households.address, tenure: households.tenure, grid: regions.name, gridCode: regions.code,
    name: residents.name, relation: residents.relation, idMasked: residents.idMasked, phoneMasked: residents.phoneMasked, tags: residents.tags,
  }).from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .innerJoin(regions, eq(regions.id, residents.regionId))
    .where(and(inScope(scopeFor(actor, 'people.read'), { region: residents.regionPath }), sql`${residents.regionPath} LIKE ${likePrefix(region.code)}`, isNull(residents.movedOutAt)))
    .orderBy(asc(residents.regionPath), asc(households.address), asc(residents.householdId));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  ws.columns = [
    { header: '户号', key: 'no', width: 8 }, { header: '地址', key: 'address', width: 36 }, { header: '居住类型', key: 'tenure', width: 10 },
    { header: '姓名', key: 'name', width: 12 }, { header: '与户主关系', key: 'relation', width: 12 }, { header: '身份证号', key: 'id', width: 22 },
    { header: '手机号', key: 'phone', width: 16 }, { header: '标签', key: 'tags', width: 24 }, { header: '网格', key: 'grid', width: 16 }, { header: '网格编码', key: 'gridCode', width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  const numberOf = new Map<string, number>();
  for (const r of rows) {
    if (!numberOf.has(r.householdId)) numberOf.set(r.householdId, numberOf.size + 1);
    ws.addRow({
      no: numberOf.get(r.householdId), address: r.address, tenure: TENURE_ZH[r.tenure], name: r.name, relation: r.relation,
      id: r.idMasked ?? '', phone: r.phoneMasked ?? '', tags: r.tags.map((t) => RESIDENT_TAG_LABELS[t]['zh-CN']).join('、'), grid: r.grid, gridCode: r.gridCode,
    });
  }
  await audit(db, actor, { action: 'residents.export', subjectType: 'region', subjectId: region.id, regionPath: region.code, details: { rows: rows.length } });
  return { region, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}
