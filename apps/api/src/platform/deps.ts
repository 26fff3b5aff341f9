import type { Db } from './db/client.ts';
import type { DatabaseKind } from './db/connection.ts';
import type { Vault } from './crypto/vault.ts';
import type { Storage } from './storage/storage.ts';

/** What every route plugin and service may need; passed explicitly, never imported as a global. */
export interface AppDeps {
  db: Db;
  vault: Vault;
  /** Uploaded files (request photos). */
  storage: Storage;
  dbKind: DatabaseKind;
  /** Folder of the built web console to serve, when there is one. */
  webDist?: string;
  /** Injected clock, so tests can move time (session expiry, locks). */
  now?: () => Date;
}
