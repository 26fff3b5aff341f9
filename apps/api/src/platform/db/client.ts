import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';

// bigint columns (money in fen, areas in 0.01 m²) and counts come back as JS bigint-safe numbers
// only when we ask; int8 → string by default in node-postgres, which drizzle maps per column mode.

// The handle carries no schema: every query is built from the table objects, which carry their own
// types, and nothing uses Drizzle's relational `db.query` API that a schema would type. So the
// platform needs no list of the features' tables (that registry is src/tables.ts, for drizzle-kit).
type NoSchema = Record<string, never>;

/** The typed database handle every repository receives. */
export type Db = NodePgDatabase<NoSchema>;
/** A transaction handle; repositories accept either. */
export type Tx = PgTransaction<NodePgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Either a pool-backed handle or a transaction. */
export type DbOrTx = Db | Tx;

/** A connection pool with its Drizzle handle. */
export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

/** Opens a pool to `url` and wraps it in Drizzle. */
export function openDatabase(url: string, opts: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, application_name: 'gongzhi' });
  // An idle client losing its server (e.g. PostgreSQL restarting) must not crash the process.
  pool.on('error', (err) => process.stderr.write(`[db] idle client error: ${err.message}\n`));
  const db = drizzle(pool);
  return { db, pool, url, close: () => pool.end() };
}
