import { sql } from 'drizzle-orm';
import type { Client, TestContext } from '../../../test/harness.ts';

/** The id of a region by its code. */
export async function regionId(ctx: TestContext, code: string): Promise<string> {
  const [r] = (await ctx.database.db.execute<{ id: string }>(sql`SELECT id FROM regions WHERE code = ${code}`)).rows;
  if (!r) throw new Error(`no region ${code}`);
  return r.id;
}

/** Opens a fund through the API and returns its id. */
export async function openFund(c: Client, body: { code: string; name: string; kind: string; regionId: string; year?: number }): Promise<string> {
  const res = await c.request('POST', '/api/v1/funds', body);
  if (res.statusCode !== 201) throw new Error(`open fund: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** A one-page PDF, enough to pass the content check of receipts. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let invoiceNo = 0;
/** A one-page PDF of its own content (a distinct invoice number), as every real invoice is. */
export function invoicePdf(no = ++invoiceNo): Buffer {
  return Buffer.concat([PDF, Buffer.from(`% invoice ${process.pid}-${no}\n`)]);
}

/** Uploads a receipt through the API (multipart) and returns the attachment id; by default a fresh invoice. */
export async function upload(ctx: TestContext, c: Client, fundId: string, data: Buffer = invoicePdf(), name = 'invoice.pdf'): Promise<string> {
  const boundary = '----gongzhi-test';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await ctx.app.inject({
    method: 'POST', url: `/api/v1/funds/${fundId}/attachments`, payload: body,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().id;
}
