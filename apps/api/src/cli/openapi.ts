import { randomBytes } from 'node:crypto';
import { buildApp } from '../app.ts';
import { openDatabase } from '../platform/db/client.ts';
import { Vault } from '../platform/crypto/vault.ts';
import { diskStorage } from '../platform/storage/storage.ts';

/**
 * The API's OpenAPI document, built from the route schemas without a database: the pool is opened
 * to an address nothing listens on and never used, since building the routes runs no query.
 */
export async function openapiDocument(): Promise<unknown> {
  const database = openDatabase('postgres://openapi@127.0.0.1:1/none', { max: 1 });
  const app = await buildApp({
    db: database.db, vault: new Vault(randomBytes(32)), storage: diskStorage('/nonexistent'), dbKind: 'server',
  }, { rateLimits: false });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    await database.close();
  }
}
