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
  /** Injected clock, so tests can move time (session expiry, locks); read it through {@link clockOf}. */
  now?: () => Date;
}

/** The wall clock, for deployments that inject none. */
export const systemClock = (): Date => new Date();

/**
 * The one way routes get the time: the injected clock, else the wall clock. Routes pass `now()` to
 * services, which never read the time themselves.
 */
export function clockOf(deps: Pick<AppDeps, 'now'>): () => Date {
  return deps.now ?? systemClock;
}
