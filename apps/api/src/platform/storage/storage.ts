import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Where uploaded files live. The disk adapter is the default; an object store can implement the same. */
export interface Storage {
  /** Stores bytes under a new key and returns it. */
  put(data: Buffer, ext: string): Promise<string>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

/** Keys are `yyyy/mm/<random>.<ext>`: no user input ever becomes part of a path. */
const KEY = /^\d{4}\/\d{2}\/[A-Za-z0-9_-]{22}\.[a-z0-9]{2,5}$/;

/** Files under a folder (by default `<data>/uploads`), written atomically (temp file, then rename). */
export function diskStorage(root: string): Storage {
  const resolve = (key: string) => {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
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
    get: (key) => fs.readFile(resolve(key)),
    remove: (key) => fs.rm(resolve(key), { force: true }),
  };
}
