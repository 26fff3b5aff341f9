import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './client.ts';

/** Folder of the generated SQL migrations (apps/api/migrations). */
export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Applies every pending migration; safe to call at every start and from several processes. */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder, migrationsSchema: 'drizzle' });
}
