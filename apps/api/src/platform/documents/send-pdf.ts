/**
 * Sends a generated PDF as an HTTP answer. The file name goes out per RFC 6266: an ASCII fallback
 * in `filename` for old clients and the real (often Chinese) name in `filename*` as UTF-8, so
 * 志愿服务证明.pdf arrives with its name in every current browser.
 */
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';

/**
 * Answers with `bytes` as `application/pdf`, to download as `filename` (".pdf" is added when
 * missing) or, with `inline`, to show in the browser. Generated documents name people, so they are
 * never stored by shared caches (`private, no-store`), and `nosniff` keeps browsers to the type.
 */
export function sendPdf(reply: FastifyReply, bytes: Uint8Array, filename: string, opts: { inline?: boolean } = {}): FastifyReply {
  // No control characters (header injection) or path separators (a name, not a path).
  const safe = Array.from(filename, (ch) => (ch < ' ' || ch === '\u007f' || ch === '/' || ch === '\\' ? '_' : ch)).join('').trim() || 'document';
  const name = /\.pdf$/i.test(safe) ? safe : `${safe}.pdf`;
  return reply
    .type('application/pdf')
    .header('content-disposition', contentDisposition(name, { type: opts.inline ? 'inline' : 'attachment' }))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
