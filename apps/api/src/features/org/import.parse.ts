import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../platform/errors/app-error.ts';
import { sniffUpload } from '../../platform/uploads/uploads.ts';

/** Most rows one import accepts; larger registers are split or loaded with the command line. */
export const MAX_IMPORT_ROWS = 20_000;

/** The columns of the household register, with the headers people write for them. */
export const IMPORT_COLUMNS = {
  householdNo: ['户号', 'household'],
  address: ['地址', '住址', 'address'],
  tenure: ['居住类型', '产权', 'tenure'],
  name: ['姓名', 'name'],
  relation: ['与户主关系', '关系', 'relation'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', 'id_number'],
  phone: ['手机号', '手机号码', '联系电话', 'phone'],
  tags: ['标签', 'tags'],
  regionCode: ['网格编码', '微网格编码', 'region_code'],
} as const;
export type ImportField = keyof typeof IMPORT_COLUMNS;
export const REQUIRED_COLUMNS: ImportField[] = ['householdNo', 'address', 'name', 'relation', 'idNumber'];

/** One data row: its 1-based row number in the file and its cells by field. */
export interface RawRow { row: number; cells: Partial<Record<ImportField, string>> }

/**
 * Reads an .xlsx or .csv file into rows keyed by field; throws FILE_UNREADABLE with the reason. The
 * name says which of the two it claims to be, and the content must agree: an .xlsx is a zip holding
 * a workbook, a .csv is text (its encoding is checked by the CSV reader).
 */
export async function parseRegister(filename: string, data: Buffer): Promise<RawRow[]> {
  const lower = filename.toLowerCase();
  let table: { row: number; values: string[] }[];
  if (lower.endsWith('.xlsx')) {
    if (!(await sniffUpload(data, ['xlsx']))) throw new AppError('FILE_UNREADABLE', { reason: '不是有效的 Excel 文件 / not a valid .xlsx file' });
    table = await readXlsx(data);
  } else if (lower.endsWith('.csv')) {
    if (!(await sniffUpload(data, ['txt']))) throw new AppError('FILE_UNREADABLE', { reason: 'CSV 需为文本文件 / a .csv must be a text file' });
    table = readCsv(data);
  } else throw new AppError('FILE_UNREADABLE', { reason: '只支持 .xlsx 或 .csv 文件 / only .xlsx and .csv are accepted' });
  const header = table.shift();
  if (!header) throw new AppError('FILE_UNREADABLE', { reason: '文件是空的 / the file is empty' });
  const index = new Map<ImportField, number>();
  header.values.forEach((h, i) => {
    const key = (Object.keys(IMPORT_COLUMNS) as ImportField[]).find((f) => (IMPORT_COLUMNS[f] as readonly string[]).includes(h.trim().toLowerCase()) || (IMPORT_COLUMNS[f] as readonly string[]).includes(h.trim()));
    if (key && !index.has(key)) index.set(key, i);
  });
  const missing = REQUIRED_COLUMNS.filter((f) => !index.has(f)).map((f) => IMPORT_COLUMNS[f][0]);
  if (missing.length) throw new AppError('FILE_UNREADABLE', { reason: `缺少列 / missing columns: ${missing.join(', ')}` });
  const rows = table.filter((r) => r.values.some((v) => v.trim() !== ''));
  if (!rows.length) throw new AppError('FILE_UNREADABLE', { reason: '没有数据行 / no data rows' });
  if (rows.length > MAX_IMPORT_ROWS) throw new AppError('FILE_UNREADABLE', { reason: `超过 ${MAX_IMPORT_ROWS} 行 / more than ${MAX_IMPORT_ROWS} rows` });
  return rows.map((r) => ({
    row: r.row,
    cells: Object.fromEntries([...index].map(([f, i]) => [f, (r.values[i] ?? '').trim()])),
  }));
}

async function readXlsx(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('FILE_UNREADABLE', { reason: `不是有效的 Excel 文件 / not a valid .xlsx file (${(err as Error).message.slice(0, 80)})` });
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError('FILE_UNREADABLE', { reason: '没有工作表 / no worksheet' });
  const out: { row: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(cellText(row.getCell(c)));
    out.push({ row: rowNumber, values });
  });
  return out;
}

/** Text of a cell as the person typed it: ID numbers typed as numbers lose nothing if stored as text. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

function readCsv(data: Buffer) {
  let text = data.toString('utf8');
  if (text.includes('\uFFFD')) throw new AppError('FILE_UNREADABLE', { reason: 'CSV 需为 UTF-8 编码 / CSV must be UTF-8' });
  text = text.replace(/^\uFEFF/, '');
  try {
    const records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
    return records.map((values, i) => ({ row: i + 1, values }));
  } catch (err) {
    throw new AppError('FILE_UNREADABLE', { reason: `CSV 格式错误 / malformed CSV (${(err as Error).message.slice(0, 80)})` });
  }
}

/** The template people fill in: headers, one example row, and the ID column formatted as text. */
export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户登记');
  const fields = Object.keys(IMPORT_COLUMNS) as ImportField[];
  ws.columns = fields.map((f) => ({ header: IMPORT_COLUMNS[f][0], key: f, width: f === 'address' ? 36 : 20, style: { numFmt: '@' } }));
  ws.addRow({ householdNo: '1', address: '示例小区 1栋 1单元 101', tenure: '自有', name: '张三', relation: '户主', idNumber: '11010519491231002X', phone: '13800138000', tags: '党员, 志愿者', regionCode: '' });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
