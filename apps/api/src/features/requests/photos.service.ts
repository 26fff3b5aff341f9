import { and, count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { requireUploadType, type UploadType } from '../../platform/uploads/uploads.ts';
import { requestEvents, requestPhotos } from './requests.table.ts';
import { findRequest } from './requests.repository.ts';
import { mayAddPhoto, readerOf } from './requests.policy.ts';

/** How many photos one request may carry (the largest photo is MAX_PHOTO_BYTES, platform/http/limits.ts). */
export const MAX_PHOTOS = 6;
/** The image types a photo may be, by content: what phones send and sharp decodes. */
const PHOTO_TYPES = ['jpg', 'png', 'webp', 'gif', 'heic', 'avif', 'tif'] as const satisfies readonly UploadType[];

/** Largest image decoded (50 megapixels: any phone camera's photo fits). */
const MAX_PIXELS = 50_000_000;

/**
 * Attaches a photo to a request. The type is read from the content, never from the name or the
 * declared type; the image is turned upright and re-encoded, which also drops its EXIF data (a
 * phone photo carries the GPS position of the resident's home); a 320-pixel thumbnail goes with it.
 */
export async function addPhoto(db: Db, storage: Storage, actor: Actor, requestId: string, data: Buffer) {
  const r = found(await findRequest(db, readerOf(actor), requestId), 'REQUEST_NOT_FOUND');
  if (!mayAddPhoto(actor, r)) throw new AppError('FORBIDDEN');
  await requireUploadType(data, PHOTO_TYPES, () => new AppError('PHOTO_NOT_IMAGE'));
  let meta;
  try {
    meta = await sharp(data).metadata();
  } catch {
    throw new AppError('PHOTO_NOT_IMAGE');
  }
  // Decoding is bounded; a real photo larger than that is told so, not called "not an image".
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) throw new AppError('PHOTO_TOO_MANY_PIXELS', { megapixels: MAX_PIXELS / 1_000_000 });
  const image = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate();
  const [full, thumb] = await Promise.all([
    image.clone().resize({ width: 2048, height: 2048, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true }),
    image.clone().resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true }).webp({ quality: 70 }).toBuffer(),
  ]).catch(() => { throw new AppError('PHOTO_NOT_IMAGE'); });
  const [storageKey, thumbKey] = await Promise.all([storage.put(full.data, 'jpg'), storage.put(thumb, 'webp')]);
  try {
    return await db.transaction(async (tx) => {
      const [{ n }] = (await tx.select({ n: count() }).from(requestPhotos).where(eq(requestPhotos.requestId, requestId))) as [{ n: number }];
      if (n >= MAX_PHOTOS) throw new AppError('PHOTO_LIMIT', { max: MAX_PHOTOS });
      const [p] = await tx.insert(requestPhotos).values({
        requestId, storageKey, thumbKey, mime: 'image/jpeg', bytes: full.data.length, width: full.info.width, height: full.info.height,
      }).returning();
      await tx.insert(requestEvents).values({ requestId, actorUserId: actor.userId, actorName: actor.name, kind: 'comment', fromState: r.state, toState: r.state, note: '上传了照片 / added a photo', data: { photoId: p!.id } });
      await audit(tx, actor, { action: 'request.photo.add', subjectType: 'request', subjectId: requestId, regionPath: r.regionPath, details: { photoId: p!.id, bytes: full.data.length } });
      return p!;
    });
  } catch (err) {
    // Nothing half-written: the files go when the row does not come.
    await Promise.all([storage.remove(storageKey), storage.remove(thumbKey)]);
    throw err;
  }
}

/** A photo's bytes (or its thumbnail's), for someone who may see the request. */
export async function readPhoto(db: Db, storage: Storage, actor: Actor, requestId: string, photoId: string, thumb: boolean) {
  found(await findRequest(db, readerOf(actor), requestId), 'REQUEST_NOT_FOUND');
  const [p] = await db.select().from(requestPhotos).where(and(eq(requestPhotos.id, photoId), eq(requestPhotos.requestId, requestId)));
  if (!p) throw new AppError('NOT_FOUND');
  const key = thumb && p.thumbKey ? p.thumbKey : p.storageKey;
  return { data: await storage.get(key), mime: thumb && p.thumbKey ? 'image/webp' : p.mime };
}
