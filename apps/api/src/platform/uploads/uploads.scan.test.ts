import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { MIN_SCAN_PX, sniffScan } from './uploads.ts';

// Issue 14 item 7: a paper ballot's "scan" must be one. Sniffed by content (file-type), then an image
// must decode completely (sharp) at a scan's size, and a PDF must hold a page.

const page = (w: number, h: number, fmt: 'png' | 'jpeg') => sharp({ create: { width: w, height: h, channels: 3, background: '#f8f8f8' } })[fmt]().toBuffer();
const pdf = (body: string) => Buffer.from(`%PDF-1.4\n${body}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

describe('sniffScan', () => {
  it('takes a PNG or JPEG of a page, and a PDF with a page', async () => {
    expect(await sniffScan(await page(620, 877, 'png'))).toMatchObject({ type: 'png' });
    expect(await sniffScan(await page(MIN_SCAN_PX, MIN_SCAN_PX, 'jpeg'))).toMatchObject({ type: 'jpg' });
    const onePage = pdf('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj');
    expect(await sniffScan(onePage)).toMatchObject({ type: 'pdf' });
  });

  it('refuses a 40-byte file, a tiny image, a truncated image, a PDF without a page, and anything else', async () => {
    const png = await page(620, 877, 'png');
    expect(await sniffScan(Buffer.concat([png.subarray(0, 33), Buffer.alloc(7)]))).toBeNull(); // 40 bytes: a PNG header claiming 620×877
    expect(await sniffScan(await page(40, 40, 'png'))).toBeNull();
    expect(await sniffScan(await page(MIN_SCAN_PX - 1, 900, 'jpeg'))).toBeNull();
    const jpeg = await page(620, 877, 'jpeg');
    expect(await sniffScan(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toBeNull();
    expect(await sniffScan(pdf('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj'))).toBeNull();
    expect(await sniffScan(Buffer.from('%PDF-1.4\n'))).toBeNull();
    expect(await sniffScan(Buffer.from('hello, this is text'))).toBeNull();
    expect(await sniffScan(new Uint8Array(0))).toBeNull();
  });
});
