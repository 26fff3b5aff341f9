import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { regions } from '../org/org.table.ts';

let ctx: TestContext;
let resident: Client;
let requestId: string;

/** A multipart body with one file part, as a browser sends it. */
function multipart(name: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = '----gongzhi-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, id: string, name: string, data: Buffer, type?: string) => {
  const m = multipart(name, data, type);
  return c.request('POST', `/api/v1/requests/${id}/photos`, m.body, m.headers);
};

beforeAll(async () => {
  ctx = await createTestContext();
  resident = await signIn(ctx.app, DEMO.resident);
  const [micro] = await ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001001003'));
  const ring = (micro!.boundary as { coordinates: number[][][] }).coordinates[0]!;
  const point = { lng: (ring[0]![0]! + ring[2]![0]!) / 2, lat: (ring[0]![1]! + ring[2]![1]!) / 2 };
  requestId = (await resident.request('POST', '/api/v1/requests', { description: '楼顶防水层破了，下雨就漏水', ...point })).json().id;
});
afterAll(async () => { await ctx.close(); });

describe('request photos', () => {
  it('takes a phone photo, removes its EXIF (GPS) data and serves it with a thumbnail to those who may see the request', async () => {
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#8aa' } })
      .jpeg().withExif({ IFD0: { Make: 'TestPhone', ImageDescription: '30.66N 104.08E' } }).toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const res = await upload(resident, requestId, 'IMG_0001.jpg', photo, 'image/jpeg');
    expect(res.statusCode).toBe(201);
    const [p] = res.json().photos;
    const full = await resident.request('GET', p.url);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(1600);
    const thumb = await resident.request('GET', p.thumbUrl);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    const stranger = await signIn(ctx.app, DEMO.owner);
    expect((await stranger.request('GET', p.url)).statusCode).toBe(404);
  });

  it('judges the type by content: a text file named .jpg is refused, a PNG named .txt is taken', async () => {
    const fake = await upload(resident, requestId, 'evil.jpg', Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg');
    expect(fake.statusCode).toBe(422);
    expect(fake.json().error.code).toBe('PHOTO_NOT_IMAGE');
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#f00' } }).png().toBuffer();
    expect((await upload(resident, requestId, 'notes.txt', png, 'text/plain')).statusCode).toBe(201);
  });

  it('refuses a photo over the size limit and more than six per request', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 1);
    const tooBig = await upload(resident, requestId, 'huge.jpg', big, 'image/jpeg');
    expect(tooBig.statusCode).toBe(413);
    const small = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#0f0' } }).png().toBuffer();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await upload(resident, requestId, `p${i}.png`, small)).statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(4); // two are already there
    expect(codes.at(-1)).toBe(409);
  });
});
