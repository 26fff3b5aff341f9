import { and, eq, inArray, isNotNull, isNull, like } from 'drizzle-orm';
import { errorMessage, type ImportPreview, type Language } from '@gongzhi/contracts';
import { RESIDENT_TAG_LABELS, type ResidentTag, type Tenure } from '@gongzhi/core';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { households, imports, regions, residents } from './org.table.ts';
import { findRegion } from './region.repository.ts';
import { parseRegister } from './import.parse.ts';
import { checkRows, type RowIssue } from './import.rules.ts';
import { sealIdNumber, sealPhone, type IdColumns, type PhoneColumns } from './resident.pii.ts';
import { mayImport } from './org.policy.ts';

/** A checked row as kept between preview and commit: personal data already sealed, never in clear. */
interface StagedRow extends IdColumns, Partial<PhoneColumns> {
  row: number; householdNo: string; address: string; tenure: Tenure; name: string; relation: string; tags: ResidentTag[];
  regionId: string; regionPath: string; districtCode: string;
}

/**
 * Reads an uploaded register, checks every row (shape, ID checksum and birth date, phone, tags,
 * households, grid, duplicates in the file and in the database) and keeps the result as a preview.
 * Nothing is written to the register until `commitImport`.
 */
export async function previewImport(db: Db, vault: Vault, actor: Actor, input: { regionId: string; filename: string; data: Buffer }, now: Date) {
  const target = found(await findRegion(db, actor, input.regionId), 'REGION_NOT_FOUND');
  ensure(mayImport(actor, target.code));
  if (target.level === 'district' || target.level === 'street') throw new AppError('REGION_LEVEL_INVALID');
  if (target.retiredAt) throw new AppError('REGION_RETIRED');
  const raw = await parseRegister(input.filename, input.data);
  const { clean, issues } = checkRows(raw);

  const codes = [...new Set(clean.map((r) => r.regionCode).filter((c): c is string => Boolean(c)))];
  const places = codes.length
    ? await db.select().from(regions).where(and(inArray(regions.code, codes), like(regions.code, likePrefix(target.code)), isNull(regions.retiredAt), inArray(regions.level, ['grid', 'microgrid'])))
    : [];
  const placeOf = new Map(places.map((p) => [p.code, p]));
  const targetUsable = target.level === 'grid' || target.level === 'microgrid';

  const staged: StagedRow[] = [];
  for (const r of clean) {
    const place = r.regionCode ? placeOf.get(r.regionCode) : targetUsable ? target : undefined;
    const id = sealIdNumber(vault, r.idNumber, now);
    const phone = r.phone ? sealPhone(vault, r.phone) : undefined;
    if (!place) issues.push({ row: r.row, field: 'regionCode', code: 'IMPORT_REGION_INVALID' });
    if (!id.ok) issues.push({ row: r.row, field: 'idNumber', code: id.code, params: id.params });
    if (phone && !phone.ok) issues.push({ row: r.row, field: 'phone', code: phone.code });
    if (!place || !id.ok || (phone && !phone.ok)) continue;
    staged.push({
      row: r.row, householdNo: r.householdNo, address: r.address, tenure: r.tenure, name: r.name, relation: r.relation, tags: r.tags,
      regionId: place.id, regionPath: place.code, districtCode: place.districtCode, ...id.value, ...(phone?.ok ? phone.value : {}),
    });
  }
  const known = await existingIdHashes(db, staged.map((s) => s.idHash));
  for (const s of staged) if (known.has(s.idHash)) issues.push({ row: s.row, field: 'idNumber', code: 'ID_NUMBER_DUPLICATE' });
  issues.sort((a, b) => a.row - b.row);
  const badRows = new Set(issues.map((i) => i.row));

  const [row] = await db.insert(imports).values({
    userId: actor.userId, regionId: target.id, regionPath: target.code, districtCode: target.districtCode, filename: input.filename.slice(0, 200),
    rows: staged.filter((s) => !badRows.has(s.row)), report: { totalRows: raw.length, issues },
    errorCount: issues.length, status: 'previewed',
  }).returning();
  return row!;
}

async function existingIdHashes(db: DbOrTx, hashes: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < hashes.length; i += 5000) {
    const rows = await db.select({ h: residents.idHash }).from(residents).where(inArray(residents.idHash, hashes.slice(i, i + 5000)));
    for (const r of rows) if (r.h) out.add(r.h);
  }
  return out;
}

/** A preview the actor uploaded themselves; anyone else's is "not found". */
export async function findImport(db: Db, actor: Actor, id: string) {
  const [row] = await db.select().from(imports).where(and(eq(imports.id, id), eq(imports.userId, actor.userId)));
  return found(row, 'IMPORT_NOT_FOUND');
}

/** Writes a clean preview's households and residents in one transaction with its audit record. */
export async function commitImport(db: Db, actor: Actor, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const [imp] = await tx.select().from(imports).where(and(eq(imports.id, id), eq(imports.userId, actor.userId))).for('update');
    if (!imp) throw new AppError('IMPORT_NOT_FOUND');
    ensure(mayImport(actor, imp.regionPath));
    if (imp.status === 'committed') throw new AppError('IMPORT_ALREADY_DONE');
    if (imp.errorCount > 0) throw new AppError('IMPORT_HAS_ERRORS', { count: imp.errorCount });
    const rows = imp.rows as StagedRow[];
    // A grid may have been retired since the preview: nobody is registered in a retired region.
    const placeIds = [...new Set(rows.map((r) => r.regionId))];
    const [retired] = placeIds.length
      ? await tx.select({ id: regions.id }).from(regions).where(and(inArray(regions.id, placeIds), isNotNull(regions.retiredAt))).limit(1)
      : [];
    if (retired) throw new AppError('REGION_RETIRED');
    // Someone may have registered one of these people since the preview.
    const known = await existingIdHashes(tx, rows.map((r) => r.idHash));
    if (known.size) {
      throw new AppError('ID_NUMBER_DUPLICATE', {}, rows.filter((r) => known.has(r.idHash)).map((r) => ({ row: r.row })));
    }
    const homes = new Map<string, { id: string; row: StagedRow }>();
    for (const r of rows) if (!homes.has(r.householdNo)) homes.set(r.householdNo, { id: newId(), row: r });
    const homeValues = [...homes.values()].map(({ id: hid, row: r }) => ({
      id: hid, regionId: r.regionId, regionPath: r.regionPath, districtCode: r.districtCode, address: r.address, tenure: r.tenure,
    }));
    const people = rows.map((r) => ({
      householdId: homes.get(r.householdNo)!.id, regionId: r.regionId, regionPath: r.regionPath, districtCode: r.districtCode,
      name: r.name, relation: r.relation, tags: r.tags, gender: r.gender, birthDate: r.birthDate,
      idHash: r.idHash, idCipher: r.idCipher, idMasked: r.idMasked,
      phoneHash: r.phoneHash ?? null, phoneCipher: r.phoneCipher ?? null, phoneMasked: r.phoneMasked ?? null,
    }));
    for (let i = 0; i < homeValues.length; i += 1000) await tx.insert(households).values(homeValues.slice(i, i + 1000));
    for (let i = 0; i < people.length; i += 1000) await tx.insert(residents).values(people.slice(i, i + 1000));
    await tx.update(imports).set({ status: 'committed', committedAt: now, rows: [] }).where(eq(imports.id, id));
    const result = { households: homeValues.length, residents: people.length };
    await audit(tx, actor, { action: 'import.commit', subjectType: 'import', subjectId: id, regionPath: imp.regionPath, details: { filename: imp.filename, ...result } });
    return result;
  });
}

/** The preview as the wizard shows it, with every issue put into the reader's language. */
export function presentPreview(imp: typeof imports.$inferSelect, lang: Language): ImportPreview {
  const report = imp.report as { totalRows: number; issues: RowIssue[] };
  const rows = imp.rows as StagedRow[];
  const tagLabel = (t: ResidentTag) => RESIDENT_TAG_LABELS[t][lang];
  return {
    id: imp.id, filename: imp.filename, regionId: imp.regionId, status: imp.status, totalRows: report.totalRows,
    validRows: rows.length, households: new Set(rows.map((r) => r.householdNo)).size,
    issues: report.issues.map((i) => ({ row: i.row, field: i.field, code: i.code, message: errorMessage(i.code, lang, i.params) })),
    sample: rows.slice(0, 5).map((r) => ({
      row: String(r.row), householdNo: r.householdNo, address: r.address, name: r.name, relation: r.relation,
      idNumber: r.idMasked, phone: r.phoneMasked ?? '', tags: r.tags.map(tagLabel).join('、'),
    })),
  };
}
