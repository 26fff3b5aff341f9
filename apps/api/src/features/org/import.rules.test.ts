import { describe, expect, it } from 'vitest';
import { checkRows, parseTag } from './import.rules.ts';
import type { RawRow } from './import.parse.ts';

const row = (n: number, cells: RawRow['cells']): RawRow => ({
  row: n, cells: { householdNo: '1', address: '锦绣花园1栋101', name: '张三', relation: '户主', idNumber: '11010519491231002X', ...cells },
});

describe('checkRows', () => {
  it('accepts a clean household and normalises its values', () => {
    const { clean, issues } = checkRows([row(2, { tenure: '租住', tags: '党员、volunteer', idNumber: '11010519491231002x' }), row(3, { name: '李四', relation: '配偶', idNumber: '110105194912310037', tenure: '租住' })]);
    expect(issues).toEqual([]);
    expect(clean[0]).toMatchObject({ tenure: 'tenant', tags: ['party_member', 'volunteer'], idNumber: '11010519491231002X' });
  });

  it('reports every missing required value on its row and field', () => {
    const { clean, issues } = checkRows([row(5, { name: '', idNumber: '' })]);
    expect(clean).toEqual([]);
    expect(issues.map((i) => [i.row, i.field, i.code])).toEqual([[5, 'name', 'IMPORT_FIELD_REQUIRED'], [5, 'idNumber', 'IMPORT_FIELD_REQUIRED']]);
  });

  it('rejects an unknown relation, tenure or tag', () => {
    const { issues } = checkRows([row(2, { relation: '邻居', tenure: '借住', tags: '党员,外星人' })]);
    expect(issues.map((i) => i.code).sort()).toEqual(['IMPORT_BAD_RELATION', 'IMPORT_BAD_TENURE', 'IMPORT_UNKNOWN_TAG']);
    expect(issues.find((i) => i.code === 'IMPORT_UNKNOWN_TAG')!.params).toEqual({ tag: '外星人' });
  });

  it('finds the same ID number twice in a file and names the first row', () => {
    const { issues } = checkRows([row(2, {}), row(3, { householdNo: '2', name: '王五' })]);
    expect(issues).toEqual([{ row: 3, field: 'idNumber', code: 'IMPORT_DUPLICATE_IN_FILE', params: { other: 2 } }]);
  });

  it('requires exactly one head per household and one address', () => {
    const noHead = checkRows([row(2, { relation: '配偶' })]);
    expect(noHead.issues.map((i) => i.code)).toEqual(['IMPORT_NO_HEAD']);
    const twoHeads = checkRows([row(2, {}), row(3, { idNumber: '110105194912310037' })]);
    expect(twoHeads.issues.map((i) => i.code)).toEqual(['IMPORT_NO_HEAD']);
    const moved = checkRows([row(2, {}), row(3, { relation: '子女', idNumber: '110105194912310037', address: '别处' })]);
    expect(moved.issues.map((i) => [i.row, i.code])).toEqual([[3, 'IMPORT_ADDRESS_MISMATCH']]);
  });
});

describe('parseTag', () => {
  it('knows tags by key and by label in both languages', () => {
    expect(parseTag('elderly_alone')).toBe('elderly_alone');
    expect(parseTag('独居老人')).toBe('elderly_alone');
    expect(parseTag('Elderly living alone')).toBe('elderly_alone');
    expect(parseTag(' 残疾人 ')).toBe('disabled');
    expect(parseTag('unknown')).toBeNull();
  });
});
