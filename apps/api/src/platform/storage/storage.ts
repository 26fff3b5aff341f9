import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error.ts';

/** Where uploaded files live. The disk adapter is the default; an object store can implement the same. */
export interface Storage {
  /** Stores bytes under a new key and returns it. */
  put(data: Buffer, ext: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

/** Keys are `yyyy/mm/<random>.<ext>`: no user input ever becomes part of a path. */
export const STORAGE_KEY = /^\d{4}\/\d{2}\/[A-Za-z0-9_-]{22}\.[a-z0-9]{2,5}$/;
const KEY = STORAGE_KEY;

/** Files under a folder (by default `<data>/uploads`), written atomically (temp file, then rename). */
export function diskStorage(root: string): Storage {
  const resolve = (key: string) => {
    // A malformed key (`../`, anything not ours) is the caller's mistake, never a 500.
    if (!KEY.test(key)) throw new AppError('UPLOAD_KEY_INVALID');
    return path.join(root, key);
  };
  return {
    async put(data, ext) {
      const now = new Date();
      const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(16).toString('base64url')}.${ext}`;
      const file = resolve(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      await fs.writeFile(tmp, data);
      await fs.rename(tmp, file);
      return key;
    },
    async get(key) {
      try {
        return await fs.readFile(resolve(key));
      } catch (err) {
        // A well-formed key with no file behind it: gone (or never stored), answered as such.
        if ((err as { code?: string }).code === 'ENOENT') throw new AppError('NOT_FOUND');
        throw err;
      }
    },
    remove: (key) => fs.rm(resolve(key), { force: true }),
  };
}
