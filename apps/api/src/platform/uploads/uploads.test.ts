import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { AppError } from '../errors/app-error.ts';
import { MAX_UPLOAD_BYTES } from '../http/limits.ts';
import { megabytes, readUpload, requireUploadType, sniffUpload, type UploadType } from './uploads.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90), Buffer.from('PE\0\0'), Buffer.alloc(200, 0)]);
let JPEG: Buffer;
let XLSX: Buffer;

// A bare Fastify with the same multipart settings as the app, and one route that reads an upload
// and answers what it is (or the error code), so the helper is tested as the routes use it.
let app: FastifyInstance;
const LIMIT = 64 * 1024;

beforeAll(async () => {
  JPEG = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#08f' } }).jpeg().toBuffer();
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('s').addRow(['户号', '姓名']);
  XLSX = Buffer.from(await wb.xlsx.writeBuffer());
  app = Fastify();
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 }, throwFileSizeLimit: true });
  app.setErrorHandler((err, _request, reply) =>
    err instanceof AppError ? reply.status(422).send({ code: err.code, params: err.params }) : reply.status(500).send({ code: String(err) }));
  app.post('/up', async (request) => {
    const { file, fields } = await readUpload(request, LIMIT);
    if (!file) return { file: null, fields };
    const sniffed = await requireUploadType(file.data, (fields.allow ?? '').split(',') as UploadType[]);
    return { ...sniffed, filename: file.filename, fields };
  });
});
afterAll(async () => { await app.close(); });

function post(name: string, data: Buffer, allow: string) {
  const boundary = '----gz-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="allow"\r\n\r\n${allow}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url: '/up', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

describe('readUpload with requireUploadType', () => {
  it('takes a file whose content is allowed, whatever its name, with the text fields', async () => {
    const res = await post('scan.pdf', JPEG, 'pdf,jpg');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 'jpg', mime: 'image/jpeg', filename: 'scan.pdf', fields: { allow: 'pdf,jpg' } });
  });

  it('judges by content: a PDF named .jpg is not a JPEG, a JPEG named .pdf is not a PDF', async () => {
    expect((await post('photo.jpg', PDF, 'jpg,png')).json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', params: { allowed: 'jpg, png' } });
    expect((await post('receipt.pdf', JPEG, 'pdf')).json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
  });

  it('refuses executables, even when text or documents are allowed', async () => {
    for (const [name, data] of [['run.pdf', EXE], ['notes.txt', ELF]] as const) {
      expect((await post(name, data, 'pdf,jpg,txt,docx,xlsx')).json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    }
  });

  it('refuses an empty file', async () => {
    expect((await post('empty.txt', Buffer.alloc(0), 'txt,pdf')).json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
  });

  it('refuses a file over the limit with FILE_TOO_LARGE naming the limit', async () => {
    const res = await post('big.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT, 0x20)]), 'pdf');
    expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', params: { limit: megabytes(LIMIT) } });
    // one byte under the limit is still taken
    expect((await post('fits.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length - 1, 0x20)]), 'pdf')).statusCode).toBe(200);
  });

  // probe fixes (org): a malformed body was a 500 ("Unexpected end of form", "Boundary not found").
  it('refuses a truncated or boundary-less multipart body with MULTIPART_INVALID, never an unhandled error', async () => {
    const bodies: [string, string][] = [
      ['multipart/form-data; boundary=zzz', 'x'],
      ['multipart/form-data', 'x'],
      ['multipart/form-data; boundary=zzz', '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4'],
      ['multipart/form-data; boundary=zzz', '--zzz\r\nContent-Disposition: form-da'],
    ];
    for (const [contentType, payload] of bodies) {
      const res = await app.inject({ method: 'POST', url: '/up', payload, headers: { 'content-type': contentType } });
      expect(res.json(), `${contentType} ${JSON.stringify(payload)}`).toMatchObject({ code: 'MULTIPART_INVALID' });
    }
  });

  it('refuses a second file with UPLOAD_ONE_FILE, not as too large', async () => {
    const boundary = '----gz-two';
    const file = (name: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n`;
    const payload = `${file('file')}${file('other')}--${boundary}--\r\n`;
    const res = await app.inject({ method: 'POST', url: '/up', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.json()).toMatchObject({ code: 'UPLOAD_ONE_FILE' });
  });

  it('refuses a request that is not multipart', async () => {
    const res = await app.inject({ method: 'POST', url: '/up', payload: { a: 1 } });
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('sniffUpload', () => {
  it('knows a workbook from any zip, and text from binary', async () => {
    expect(await sniffUpload(XLSX, ['xlsx'])).toEqual({ type: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(await sniffUpload(XLSX, ['txt', 'docx'])).toBeNull();
    expect(await sniffUpload(Buffer.from('\uFEFF户号,姓名\r\n1,张三\r\n'), ['txt'])).toEqual({ type: 'txt', mime: 'text/plain' });
    // GB18030 text is still text (the CSV reader says it must be UTF-8)
    expect(await sniffUpload(Buffer.from([0xbb, 0xa7, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0a]), ['txt'])).toMatchObject({ type: 'txt' });
    expect(await sniffUpload(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0, 0]), ['txt'])).toBeNull();
  });

  it('recognises the image types phones send', async () => {
    const png = await sharp(JPEG).png().toBuffer();
    const webp = await sharp(JPEG).webp().toBuffer();
    expect(await sniffUpload(png, ['jpg', 'png', 'webp'])).toMatchObject({ type: 'png', mime: 'image/png' });
    expect(await sniffUpload(webp, ['jpg', 'png', 'webp'])).toMatchObject({ type: 'webp', mime: 'image/webp' });
    expect(await sniffUpload(Buffer.from('<html><script>alert(1)</script></html>'), ['jpg', 'png', 'webp'])).toBeNull();
  });
});

describe('the disk storage adapter (issue 14 · item 10)', () => {
  it('answers a malformed key and a missing file with codes, never a plain error (a 500)', async () => {
    const os = await import('node:os');
    const fs = await import('node:fs/promises');
    const path = await import('node:path');
    const { diskStorage } = await import('../storage/storage.ts');
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gz-storage-'));
    const storage = diskStorage(root);
    const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : 'plain error'));
    expect(await code(storage.get('../../etc/passwd'))).toBe('UPLOAD_KEY_INVALID');
    expect(await code(storage.get('2026/01/../../../x.pdf'))).toBe('UPLOAD_KEY_INVALID');
    expect(await code(storage.get('2026/01/AAAAAAAAAAAAAAAAAAAAAA.pdf'))).toBe('NOT_FOUND');
    const key = await storage.put(PDF, 'pdf');
    expect((await storage.get(key)).equals(PDF)).toBe(true);
    await fs.rm(root, { recursive: true, force: true });
  });
});
