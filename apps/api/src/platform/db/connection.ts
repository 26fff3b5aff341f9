import type { Config } from '../../config.ts';
import { openDatabase, type Database } from './client.ts';
import { startEmbedded } from './embedded.ts';
import { runMigrations } from './migrate.ts';

/** Which kind of PostgreSQL the process talks to (reported by /api/health). */
export type DatabaseKind = 'embedded' | 'server';

/** An open, migrated database plus how to release it. */
export interface Connected extends Database {
  kind: DatabaseKind;
  /** Closes the pool and, for an embedded server this process started, stops the server. */
  shutdown(): Promise<void>;
}

/**
 * Connects to `DATABASE_URL`, or to the embedded server in the data folder (starting it when none runs),
 * and applies pending migrations.
 */
export async function connect(config: Config, opts: { quiet?: boolean; migrate?: boolean; max?: number } = {}): Promise<Connected> {
  const embedded = config.databaseUrl ? undefined : await startEmbedded(config.dataDir, opts);
  const url = config.databaseUrl ?? embedded!.url();
  const database = openDatabase(url, { max: opts.max });
  try {
    if (opts.migrate !== false) await runMigrations(database.db);
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  return {
    ...database,
    kind: embedded ? 'embedded' : 'server',
    async shutdown() {
      await database.close();
      await embedded?.stop();
    },
  };
}
