import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { makeIdNumber, validateIdNumber } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { households, regions, residents } from './org.table.ts';

const HEADER = ['户号', '地址', '居住类型', '姓名', '与户主关系', '身份证号', '手机号', '标签', '网格编码'];
type Row = [no: string, address: string, tenure: string, name: string, relation: string, id: string, phone?: string, tags?: string, code?: string];

let ctx: TestContext;
let worker: Client, secretary: Client, admin: Client;
let seq = 100;
/** A valid ID number no demo resident has (the demo city issues none in 110105). */
const newIdNumber = (birth = '1985-06-15') => makeIdNumber('110105', birth, seq++);
const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
const regionId = async (code: string) => (await ctx.database.db.select().from(regions).where(eq(regions.code, code)))[0]!.id;
const count = async (table: typeof residents | typeof households) => (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

async function xlsx(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with the given text fields and one file. */
function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----gz${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(c: Client, region: string | undefined, file: { name: string; data: Buffer }, headers: Record<string, string> = {}) {
  const m = multipart(region ? { regionId: region } : {}, file);
  return c.request('POST', '/api/v1/imports', m.body, { ...m.headers, ...headers });
}

type Issue = { row: number; field: string; code: string; message: string };
const issuesOf = (res: { json(): unknown }) => (res.json() as { issues: Issue[] }).issues.map((i) => [i.row, i.field, i.code]);

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary, admin] = await Promise.all([signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.admin)]);
});
afterAll(async () => { await ctx.close(); });

describe('preview', () => {
  it('names the bad row and field, keeps the others, writes nothing, and refuses to commit', async () => {
    const grid = await regionId('510108001001002');
    const before = [await count(residents), await count(households)];
    const res = await upload(worker, grid, { name: '登记.xlsx', data: await xlsx([
      ['1', '幸福里1栋101', '自有', '赵一', '户主', newIdNumber()],
      ['1', '幸福里1栋101', '自有', '钱二', '配偶', newIdNumber()],
      ['2', '幸福里1栋102', '租住', '孙三', '户主', badChecksum(newIdNumber())],
    ]) });
    expect(res.statusCode).toBe(201);
    const preview = res.json();
    expect(preview).toMatchObject({ filename: '登记.xlsx', regionId: grid, status: 'previewed', totalRows: 3, validRows: 2, households: 1 });
    expect(issuesOf(res)).toEqual([[4, 'idNumber', 'ID_NUMBER_INVALID']]);
    expect(preview.issues[0].message).toContain('校验位');
    expect(preview.sample.map((s: { idNumber: string }) => s.idNumber)).toEqual([expect.stringMatching(/^\d{3}\*{11}[\dX]{4}$/), expect.stringMatching(/^\d{3}\*{11}[\dX]{4}$/)]);
    expect([await count(residents), await count(households)]).toEqual(before);
    const commit = await worker.request('POST', `/api/v1/imports/${preview.id}/commit`);
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error.code).toBe('IMPORT_HAS_ERRORS');
    expect([await count(residents), await count(households)]).toEqual(before);
  });

  it('reports a household without a head, an unknown tag, an ID twice in the file and one already registered', async () => {
    const known = (await admin.request('GET', `/api/v1/residents?regionId=${await regionId('510108001001001')}&limit=1`)).json().items[0];
    const knownId = (await admin.request('POST', `/api/v1/residents/${known.id}/reveal`, { field: 'idNumber' })).json().value;
    const twice = newIdNumber();
    const res = await upload(worker, await regionId('510108001001002'), { name: 'x.xlsx', data: await xlsx([
      ['1', '甲1', '自有', '周一', '配偶', newIdNumber()],
      ['2', '甲2', '自有', '吴二', '户主', newIdNumber(), '', '党员、外星人'],
      ['3', '甲3', '自有', '郑三', '户主', twice],
      ['3', '甲3', '自有', '王四', '子女', twice],
      ['4', '甲4', '自有', '冯五', '户主', knownId],
    ]) });
    expect(res.statusCode).toBe(201);
    expect(issuesOf(res)).toEqual([
      [2, 'household', 'IMPORT_NO_HEAD'],
      [3, 'tags', 'IMPORT_UNKNOWN_TAG'],
      [5, 'idNumber', 'IMPORT_DUPLICATE_IN_FILE'],
      [6, 'idNumber', 'ID_NUMBER_DUPLICATE'],
    ]);
    expect(res.json().issues[2].message).toContain('第 4 行');
  });

  it('needs a grid code inside the community when a community is the target', async () => {
    const res = await upload(worker, await regionId('510108001001'), { name: 'x.xlsx', data: await xlsx([
      ['1', '乙1', '自有', '陈一', '户主', newIdNumber(), '', '', '510108001001003'],
      ['2', '乙2', '自有', '褚二', '户主', newIdNumber(), '', '', '510108001002001'],
      ['3', '乙3', '自有', '卫三', '户主', newIdNumber()],
      ['4', '乙4', '自有', '蒋四', '户主', newIdNumber(), '', '', '510108001001003002'],
    ]) });
    expect(res.statusCode).toBe(201);
    expect(issuesOf(res)).toEqual([[3, 'regionCode', 'IMPORT_REGION_INVALID'], [4, 'regionCode', 'IMPORT_REGION_INVALID']]);
    expect(res.json().validRows).toBe(2);
  });

  it('does not show or commit my preview to another user', async () => {
    const res = await upload(worker, await regionId('510108001001002'), { name: 'x.xlsx', data: await xlsx([['1', '丙1', '自有', '沈一', '户主', newIdNumber()]]) });
    const id = res.json().id;
    expect((await worker.request('GET', `/api/v1/imports/${id}`)).statusCode).toBe(200);
    for (const r of [await secretary.request('GET', `/api/v1/imports/${id}`), await secretary.request('POST', `/api/v1/imports/${id}/commit`)]) {
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('IMPORT_NOT_FOUND');
    }
    expect((await worker.request('GET', `/api/v1/imports/${id}`)).json().status).toBe('previewed');
  });
});

describe('commit', () => {
  it('refuses a retired grid, as the target and when it was retired after the preview', async () => {
    const community = await regionId('510108001001');
    const made = async (segment: string) => (await admin.request('POST', '/api/v1/regions', { parentId: community, segment, name: `撤销${segment}` })).json().id as string;
    const [early, late] = [await made('077'), await made('078')];
    expect((await admin.request('POST', `/api/v1/regions/${early}/retire`)).statusCode).toBe(200);
    const file = async () => ({ name: 'x.xlsx', data: await xlsx([['1', '庚1', '自有', '秦一', '户主', newIdNumber()]]) });
    const refused = await upload(worker, early, await file());
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('REGION_RETIRED');
    const preview = await upload(worker, late, await file());
    expect(preview.statusCode).toBe(201);
    expect((await admin.request('POST', `/api/v1/regions/${late}/retire`)).statusCode).toBe(200);
    const before = await count(residents);
    const commit = await worker.request('POST', `/api/v1/imports/${preview.json().id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().error.code).toBe('REGION_RETIRED');
    expect(await count(residents)).toBe(before);
  });

  it('writes the households and residents of a clean file once, masked and audited', async () => {
    const grid = await regionId('510108001001003');
    const ids = [newIdNumber('1960-01-02'), newIdNumber('1962-03-04'), newIdNumber('2015-05-06'), newIdNumber('1990-07-08')];
    const before = [await count(households), await count(residents)];
    const res = await upload(worker, grid, { name: 'clean.xlsx', data: await xlsx([
      ['A', '导入小区1栋201', '自有', '导入甲', '户主', ids[0]!, '13812345678', '党员'],
      ['A', '导入小区1栋201', '自有', '导入乙', '配偶', ids[1]!.toLowerCase()],
      ['A', '导入小区1栋201', '自有', '导入丙', '子女', ids[2]!, '', '未成年人'],
      ['B', '导入小区1栋202', '租住', '导入丁', '户主', ids[3]!, '139 1234 5678', 'volunteer'],
    ]) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ validRows: 4, households: 2, issues: [] });
    const commit = await worker.request('POST', `/api/v1/imports/${res.json().id}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toEqual({ households: 2, residents: 4 });
    expect([await count(households), await count(residents)]).toEqual([before[0]! + 2, before[1]! + 4]);

    const listed = (await worker.request('GET', `/api/v1/residents?regionId=${grid}&q=${encodeURIComponent('导入')}`)).json();
    expect(listed.total).toBe(4);
    const ding = listed.items.find((r: { name: string }) => r.name === '导入丁');
    const gender = Number(ids[3]![16]) % 2 === 1 ? 'male' : 'female';
    expect(ding).toMatchObject({ phone: '139****5678', tags: ['volunteer'], gender, birthDate: '1990-07-08', relation: '户主' });
    expect(ding.idNumber).toBe(`110***********${ids[3]!.slice(14)}`);
    const household = (await worker.request('GET', `/api/v1/households/${ding.householdId}`)).json();
    expect(household).toMatchObject({ address: '导入小区1栋202', tenure: 'tenant', head: '导入丁', members: 1 });

    const again = await worker.request('POST', `/api/v1/imports/${res.json().id}/commit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('IMPORT_ALREADY_DONE');
    expect(await count(residents)).toBe(before[1]! + 4);
    const entries = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'import.commit'), eq(auditLog.subjectId, res.json().id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ households: 2, residents: 4 });
  });
});

describe('files', () => {
  it('reads a UTF-8 CSV with a byte-order mark', async () => {
    const csv = `\uFEFF${HEADER.join(',')}\n1,"丁小区1栋1号",自有,CSV甲,户主,${newIdNumber()},,志愿者,\n1,"丁小区1栋1号",自有,CSV乙,配偶,${newIdNumber()},,,\n`;
    const res = await upload(worker, await regionId('510108001001002'), { name: 'people.csv', data: Buffer.from(csv, 'utf8') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 2, validRows: 2, households: 1, issues: [] });
    const bad = `\uFEFF${HEADER.join(',')}\n1,x,自有,CSV丙,户主,${badChecksum(newIdNumber())},,,\n`;
    expect(issuesOf(await upload(worker, await regionId('510108001001002'), { name: 'p.csv', data: Buffer.from(bad) }))).toEqual([[2, 'idNumber', 'ID_NUMBER_INVALID']]);
  });

  it('refuses unreadable, unsupported and oversized files and a missing region', async () => {
    const grid = await regionId('510108001001002');
    const gridWorker = await signIn(ctx.app, DEMO.grid);
    const notAllowed = await upload(gridWorker, grid, { name: 'x.xlsx', data: await xlsx([['1', '戊0', '自有', '韩零', '户主', newIdNumber()]]) });
    expect(notAllowed.statusCode).toBe(403);
    const junk = await upload(worker, grid, { name: 'junk.xlsx', data: randomBytes(4096) });
    expect(junk.statusCode).toBe(422);
    expect(junk.json().error.code).toBe('FILE_UNREADABLE');
    const txt = await upload(worker, grid, { name: 'people.txt', data: Buffer.from('户号,姓名\n1,张三\n') });
    expect(txt.statusCode).toBe(422);
    expect(txt.json().error.code).toBe('FILE_UNREADABLE');
    const big = await upload(worker, grid, { name: 'big.csv', data: Buffer.alloc(10 * 1024 * 1024 + 10, 0x41) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('FILE_TOO_LARGE');
    const noRegion = await upload(worker, undefined, { name: 'x.xlsx', data: await xlsx([['1', '戊1', '自有', '韩一', '户主', newIdNumber()]]) });
    expect(noRegion.statusCode).toBe(400);
    expect(noRegion.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('does not answer a second file with the first preview when an Idempotency-Key repeats', async () => {
    const grid = await regionId('510108001001002');
    const key = { 'idempotency-key': 'same-key-two-files' };
    const one = await upload(worker, grid, { name: 'one.xlsx', data: await xlsx([['1', '己1', '自有', '杨一', '户主', newIdNumber()]]) }, key);
    const two = await upload(worker, grid, { name: 'two.xlsx', data: await xlsx([['1', '己2', '自有', '朱二', '户主', badChecksum(newIdNumber())]]) }, key);
    expect(one.statusCode).toBe(201);
    expect(two.json().id).not.toBe(one.json().id);
    expect(two.json().filename).toBe('two.xlsx');
  });
});

describe('export and template', () => {
  it('exports a region as an .xlsx with masked ID numbers only', async () => {
    const grid = await regionId('510108001001001');
    const total = (await admin.request('GET', `/api/v1/residents?regionId=${grid}&limit=1`)).json().total;
    const res = await worker.request('GET', `/api/v1/exports/residents.xlsx?regionId=${grid}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['户号', '姓名', '身份证号', '手机号']));
    const idCol = header.indexOf('身份证号') + 1;
    expect(ws.actualRowCount - 1).toBe(total);
    // Every full ID number of the region, decrypted here: none may appear in any cell.
    const sealed = await ctx.database.db.select({ c: residents.idCipher }).from(residents).where(like(residents.regionPath, '510108001001001%'));
    const full = new Set(sealed.map((r) => ctx.vault.decrypt(r.c!)));
    expect(full.size).toBeGreaterThanOrEqual(total);
    const texts: string[] = [];
    ws.eachRow((row, n) => {
      row.eachCell((cell) => { texts.push(String(cell.value ?? '')); });
      if (n > 1) expect(String(row.getCell(idCol).value)).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    });
    expect(texts.length).toBeGreaterThan(total * 5);
    expect(texts.filter((t) => full.has(t) || validateIdNumber(t).ok)).toEqual([]);
    const other = await worker.request('GET', `/api/v1/exports/residents.xlsx?regionId=${await regionId('510108002001')}`);
    expect(other.statusCode).toBe(404);
  });

  it('serves the template with the register headers', async () => {
    const res = await worker.request('GET', '/api/v1/imports/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['户号', '姓名', '身份证号']));
    // The template's own example row imports cleanly.
    const back = await upload(worker, await regionId('510108001001002'), { name: 'template.xlsx', data: res.rawPayload });
    expect(back.statusCode).toBe(201);
    expect(back.json().issues).toEqual([]);
  });
});
