import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../errors/app-error.ts';
import { MAX_UPLOAD_BYTES } from '../http/limits.ts';
import type { DbOrTx } from '../db/client.ts';
import { STORAGE_KEY, type Storage } from '../storage/storage.ts';
import { uploads } from './uploads.table.ts';

/**
 * The one way an upload comes in: {@link readUpload} reads the multipart request (its one file and
 * its text fields, within a size limit), {@link sniffUpload} / {@link requireUploadType} tell what
 * the file really is from its bytes (the `file-type` package; never from its name or declared type)
 * against the caller's allow-list. An upload that a later call refers to by key is stored with
 * {@link storeUpload} (owner and purpose recorded), taken back with {@link claimUpload} (same owner,
 * same purpose, or a coded 4xx) and served with {@link sendUpload} (the sniffed type, `nosniff`).
 */

/** The types an upload can be allowed as, by the extension it is stored under. */
export const UPLOAD_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  avif: 'image/avif',
  tif: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  /** Plain text (CSV included): no binary signature and no NUL byte. Its encoding is the reader's business. */
  txt: 'text/plain',
} as const;

/** One allowed type: the extension a file of it is stored under. */
export type UploadType = keyof typeof UPLOAD_TYPES;

/** What a file really is. */
export interface Sniffed { type: UploadType; mime: (typeof UPLOAD_TYPES)[UploadType] }

/** The file part of an upload. */
export interface UploadedFile { filename: string; data: Buffer }

/** A multipart request read: its file (null when none was sent) and its text fields. */
export interface Upload { file: UploadedFile | null; fields: Record<string, string> }

/** How many bytes are read to tell text from binary: enough for any header, cheap for any file. */
const TEXT_SAMPLE = 64 * 1024;

/**
 * Reads a multipart request: the file part (the app allows one) and the text fields. A file over
 * `maxBytes` is refused with FILE_TOO_LARGE naming the limit; a request that is not multipart with
 * BAD_REQUEST; a malformed or truncated body with MULTIPART_INVALID; a second file with UPLOAD_ONE_FILE.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number = MAX_UPLOAD_BYTES): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', {}, { reason: 'multipart/form-data expected' });
  let file: UploadedFile | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
      if (part.type === 'file') file = { filename: part.filename, data: await part.toBuffer() };
      else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  return { file, fields };
}

/** The part and field limits @fastify/multipart enforces: too much, not malformed. */
const TOO_MUCH = new Set(['FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * What a failure while reading a multipart body means for the caller. Anything the parser (busboy,
 * under @fastify/multipart) refuses — a body cut short, a boundary that is missing or never appears, a
 * header it cannot read — is the client's malformed request (MULTIPART_INVALID, 400), never a fault of
 * ours; a second file is UPLOAD_ONE_FILE (the app takes one file per upload; it is not "too large").
 * Exported so the error handler maps the same errors the same way should they escape another reader.
 */
export function uploadError(err: unknown, maxBytes: number = MAX_UPLOAD_BYTES): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('FILE_TOO_LARGE', { limit: megabytes(maxBytes) });
  if (code === 'FST_FILES_LIMIT') return new AppError('UPLOAD_ONE_FILE');
  if (code && TOO_MUCH.has(code)) return err;
  return new AppError('MULTIPART_INVALID', {}, { reason: multipartReason(err) });
}

/** The parser's own words ("Unexpected end of form"), short, for the details; nothing of ours in them. */
function multipartReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 120);
}

/** A byte limit as people read it ("10 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * What `data` really is, if it is one of `allow`; null when it is not, or empty. Binary formats are
 * recognised by their signatures; Word and Excel files by the parts inside their zip container.
 */
export async function sniffUpload(data: Uint8Array, allow: readonly UploadType[]): Promise<Sniffed | null> {
  if (data.length === 0) return null;
  const found = await fileTypeFromBuffer(data);
  let type: UploadType | null;
  if (found) type = found.ext in UPLOAD_TYPES ? (found.ext as UploadType) : null;
  else type = looksLikeText(data) ? 'txt' : null;
  if (!type || !allow.includes(type)) return null;
  return { type, mime: UPLOAD_TYPES[type] };
}

/**
 * Like {@link sniffUpload}, but throws when the file is not allowed: `refusal` when the caller keeps
 * a code of its own for that, otherwise FILE_TYPE_NOT_ALLOWED with the allowed types.
 */
export async function requireUploadType(data: Uint8Array, allow: readonly UploadType[], refusal?: () => AppError): Promise<Sniffed> {
  const sniffed = await sniffUpload(data, allow);
  if (sniffed) return sniffed;
  throw refusal?.() ?? new AppError('FILE_TYPE_NOT_ALLOWED', { allowed: allow.join(', ') });
}

/** No NUL byte and almost no control characters in the first 64 KB: text, in whatever encoding. */
function looksLikeText(data: Uint8Array): boolean {
  const sample = data.subarray(0, TEXT_SAMPLE);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    // Tab, line feed, form feed and carriage return are text; other C0 controls are not, but a stray one is tolerated.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return control * 100 <= sample.length;
}

/** What {@link storeUpload} stored: the key to refer to it by, and what the bytes really are. */
export interface StoredUpload { key: string; mime: string; type: UploadType; size: number }

/**
 * Sniffs `data` against `allow` (FILE_TYPE_NOT_ALLOWED otherwise), stores it, and records who
 * uploaded it for what, so that only the same user can refer to the key for the same purpose.
 */
export async function storeUpload(db: DbOrTx, storage: Storage, f: { data: Buffer; allow: readonly UploadType[]; ownerUserId: string; purpose: string }): Promise<StoredUpload> {
  const { type, mime } = await requireUploadType(f.data, f.allow);
  const key = await storage.put(f.data, type);
  await db.insert(uploads).values({ key, ownerUserId: f.ownerUserId, purpose: f.purpose, mime, size: f.data.length });
  return { key, mime, type, size: f.data.length };
}

/**
 * An upload a caller refers to by key: it must be well formed (UPLOAD_KEY_INVALID, 400) and one the
 * same user stored for the same purpose (UPLOAD_NOT_YOURS, 422, whether it is another user's, for
 * something else, or unknown: the answer does not tell which). Returns the recorded type and size.
 */
export async function claimUpload(db: DbOrTx, key: string, ownerUserId: string, purpose: string): Promise<{ key: string; mime: string; size: number }> {
  if (!STORAGE_KEY.test(key)) throw new AppError('UPLOAD_KEY_INVALID');
  const [row] = await db.select({ key: uploads.key, mime: uploads.mime, size: uploads.size }).from(uploads)
    .where(and(eq(uploads.key, key), eq(uploads.ownerUserId, ownerUserId), eq(uploads.purpose, purpose)));
  if (!row) throw new AppError('UPLOAD_NOT_YOURS');
  return row;
}

/** Every type an upload may be: what served bytes are sniffed against. */
const ANY_TYPE = Object.keys(UPLOAD_TYPES) as UploadType[];

/**
 * Serves a stored upload with the type its bytes really are, sniffed again here (so neither a type a
 * caller once sent nor a row written before uploads were recorded is ever trusted; unknown bytes go
 * out as `application/octet-stream`), `X-Content-Type-Options: nosniff` so no browser guesses
 * another, and as a download (`attachment`) unless an image or PDF is asked to show `inline`.
 */
export async function sendUpload(reply: FastifyReply, storage: Storage, f: { key: string; filename: string; inline?: boolean }) {
  const data = await storage.get(f.key);
  const mime = (await sniffUpload(data, ANY_TYPE))?.mime ?? 'application/octet-stream';
  const showable = f.inline && (mime.startsWith('image/') || mime === 'application/pdf');
  return reply.type(mime).header('x-content-type-options', 'nosniff')
    .header('content-disposition', `${showable ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.filename)}`).send(data);
}

/** The smallest side, in pixels, an image must have to be taken as a scan of a paper document. */
export const MIN_SCAN_PX = 300;

/** A PDF page object ("/Type /Page", not the "/Type /Pages" tree). */
const PDF_PAGE = /\/Type\s*\/Page(?![a-zA-Z])/;

/**
 * What a scan of a paper document really is, or null when it is not one: sniffed by content
 * ({@link sniffUpload}) as JPEG, PNG or PDF, then checked to hold a document. An image must decode
 * completely with `sharp` (libvips; a truncated or forged file fails) and be at least
 * `minPx`×`minPx` pixels; a PDF must start with its header, hold at least one page object and end
 * with its end-of-file marker. A 40-byte file passes none of these.
 */
export async function sniffScan(data: Uint8Array, minPx: number = MIN_SCAN_PX): Promise<Sniffed | null> {
  const type = await sniffUpload(data, ['jpg', 'png', 'pdf']);
  if (!type) return null;
  if (type.type === 'pdf') {
    const text = Buffer.from(data).toString('latin1');
    const ok = text.startsWith('%PDF-') && PDF_PAGE.test(text) && text.slice(-1024).includes('%%EOF');
    return ok ? type : null;
  }
  try {
    const meta = await sharp(data, { failOn: 'truncated' }).metadata();
    if (!meta.width || !meta.height || meta.width < minPx || meta.height < minPx) return null;
    // Decode it all (shrunk on load, so cheap): a valid header over garbage is no scan.
    await sharp(data, { failOn: 'truncated' }).resize(32, 32, { fit: 'inside' }).raw().toBuffer();
    return type;
  } catch {
    return null;
  }
}
