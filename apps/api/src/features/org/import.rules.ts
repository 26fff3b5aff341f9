import { isRelation, RELATIONS, RESIDENT_TAGS, RESIDENT_TAG_LABELS, type ResidentTag, type Tenure } from '@gongzhi/core';
import type { ErrorCode } from '@gongzhi/contracts';
import type { ImportField, RawRow } from './import.parse.ts';

const TENURE_WORDS: Record<string, Tenure> = { 自有: 'owner', 自住: 'owner', owner: 'owner', 租住: 'tenant', 租户: 'tenant', tenant: 'tenant', 其他: 'other', other: 'other' };

/** A problem with one cell, before it is put into words. */
export interface RowIssue { row: number; field: ImportField | 'household'; code: ErrorCode; params?: Record<string, unknown> }

/** A row that passed the checks that need no database or key: normalised values. */
export interface CleanRow {
  row: number; householdNo: string; address: string; tenure: Tenure; name: string; relation: string;
  idNumber: string; phone: string | null; tags: ResidentTag[]; regionCode: string | null;
}

/** Looks a tag up by its key or its label in either language. */
export function parseTag(word: string): ResidentTag | null {
  const w = word.trim().toLowerCase();
  return RESIDENT_TAGS.find((t) => t === w || RESIDENT_TAG_LABELS[t]['zh-CN'] === word.trim() || RESIDENT_TAG_LABELS[t].en.toLowerCase() === w) ?? null;
}

/**
 * Checks the shape of every row and the consistency of each household (one head, one address),
 * returning the clean rows and every issue found. ID checksums and phones are checked by the caller,
 * which also seals them.
 */
export function checkRows(rows: RawRow[]): { clean: CleanRow[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const clean: CleanRow[] = [];
  for (const { row, cells } of rows) {
    const bad = (field: ImportField, code: ErrorCode, params?: Record<string, unknown>) => issues.push({ row, field, code, params });
    const before = issues.length;
    for (const f of ['householdNo', 'address', 'name', 'relation', 'idNumber'] as const) if (!cells[f]) bad(f, 'IMPORT_FIELD_REQUIRED');
    if ((cells.name ?? '').length > 50) bad('name', 'IMPORT_FIELD_TOO_LONG');
    if ((cells.address ?? '').length > 300) bad('address', 'IMPORT_FIELD_TOO_LONG');
    if (cells.relation && !isRelation(cells.relation)) bad('relation', 'IMPORT_BAD_RELATION', { allowed: RELATIONS.join('、') });
    const tenure = cells.tenure ? TENURE_WORDS[cells.tenure.toLowerCase()] : 'owner';
    if (!tenure) bad('tenure', 'IMPORT_BAD_TENURE');
    const tags: ResidentTag[] = [];
    for (const word of (cells.tags ?? '').split(/[,，、;；]/).map((w) => w.trim()).filter(Boolean)) {
      const tag = parseTag(word);
      if (tag) { if (!tags.includes(tag)) tags.push(tag); } else bad('tags', 'IMPORT_UNKNOWN_TAG', { tag: word });
    }
    if (issues.length === before) {
      clean.push({
        row, householdNo: cells.householdNo!, address: cells.address!, tenure: tenure!, name: cells.name!, relation: cells.relation!,
        idNumber: cells.idNumber!.toUpperCase(), phone: cells.phone || null, tags, regionCode: cells.regionCode || null,
      });
    }
  }
  // Duplicate ID numbers inside the file.
  const firstRowOf = new Map<string, number>();
  for (const r of clean) {
    const other = firstRowOf.get(r.idNumber);
    if (other !== undefined) issues.push({ row: r.row, field: 'idNumber', code: 'IMPORT_DUPLICATE_IN_FILE', params: { other } });
    else firstRowOf.set(r.idNumber, r.row);
  }
  // Each household: exactly one head, one address and one grid.
  const byHousehold = new Map<string, CleanRow[]>();
  for (const r of clean) byHousehold.set(r.householdNo, [...(byHousehold.get(r.householdNo) ?? []), r]);
  for (const [no, members] of byHousehold) {
    if (members.filter((m) => m.relation === '户主').length !== 1) {
      issues.push({ row: members[0]!.row, field: 'household', code: 'IMPORT_NO_HEAD', params: { household: no } });
    }
    const first = members[0]!;
    for (const m of members.slice(1)) {
      if (m.address !== first.address || m.regionCode !== first.regionCode || m.tenure !== first.tenure) {
        issues.push({ row: m.row, field: 'address', code: 'IMPORT_ADDRESS_MISMATCH' });
      }
    }
  }
  issues.sort((a, b) => a.row - b.row);
  return { clean, issues };
}
