import { createHash } from 'node:crypto';
import { getTableColumns, is, SQL, sql, type Table } from 'drizzle-orm';
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Db, DbOrTx } from './client.ts';

/**
 * Named prepared statements: the one way raw SQL runs on a hot path. PostgreSQL parses and plans a
 * named statement once per connection; all three entry points below go through Drizzle's session
 * (so they work on a pool handle and inside a transaction alike) and give typed rows:
 * - {@link runPrepared}: a statement built by the query builder once per shape, run with placeholders;
 * - {@link executePrepared} with an `SQL` template: named after a digest of its text;
 * - {@link executePrepared} with a {@link FixedStatement}: fixed text and positional values, so no
 *   query text is built per call at all.
 *
 * Statements on a hot path, built by Drizzle once per shape and run as named prepared statements.
 *
 * Building a large statement from the query builder costs about a millisecond of CPU per request, and
 * PostgreSQL parses and plans it again each time; for intake under load that was most of the work.
 * Here the builder runs once with placeholders in place of values, the text is kept, and each call
 * only fills in the values; PostgreSQL prepares the statement once per connection (by its name).
 */
const dialect = new PgDialect();
const byDb = new WeakMap<Db, Map<string, PgPreparedQuery<PreparedQueryConfig>>>();

/** A row's values as placeholders named `<prefix>_<column>`, with the values to fill them and the row's shape. */
export interface PlaceheldRow<T> {
  /** The row with every non-null value replaced by a placeholder (undefined values stay out, so defaults apply). */
  template: T;
  /** The placeholders' values. */
  values: Record<string, unknown>;
  /** Which columns the row sets: rows of one shape share one statement. */
  shape: string;
}

/**
 * Replaces a row of `table` with placeholders for {@link runPrepared}. Values the table makes in code
 * (`$defaultFn`, e.g. UUIDv7 ids) are made here, per row: the builder would bake the first one into
 * the text.
 */
export function placehold<T extends object>(prefix: string, table: Table, row: T): PlaceheldRow<T> {
  const template: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  const keys: string[] = [];
  const filled: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [k, col] of Object.entries(getTableColumns(table))) {
    if (filled[k] !== undefined) continue;
    const make = col.defaultFn ?? (col.default === undefined ? col.onUpdateFn : undefined);
    if (make) filled[k] = make();
  }
  for (const [k, v] of Object.entries(filled)) {
    if (is(v, SQL)) {
      template[k] = v;
      keys.push(`${k}=sql`);
      continue;
    }
    if (v === undefined) continue;
    // Drizzle's column encoders don't expect null through a placeholder: nulls go in the text, and
    // the shape records them.
    if (v === null) {
      template[k] = null;
      keys.push(`${k}=null`);
      continue;
    }
    const name = `${prefix}_${k}`;
    template[k] = sql.placeholder(name);
    values[name] = v;
    keys.push(k);
  }
  return { template: template as T, values, shape: `${prefix}(${keys.join(',')})` };
}

/**
 * Runs the statement `build()` makes (with placeholders) for `shape`, filling in `values`. `build` runs
 * only the first time a shape is seen on this database handle; the shape must determine the text.
 */
export async function runPrepared(db: Db, shape: string, build: () => SQL, values: Record<string, unknown>): Promise<void> {
  let statements = byDb.get(db);
  if (!statements) {
    statements = new Map();
    byDb.set(db, statements);
  }
  let statement = statements.get(shape);
  if (!statement) {
    const query = dialect.sqlToQuery(build());
    // The name follows the text, so two shapes can never claim one name with different texts.
    const name = `gz_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`;
    const made = db._.session.prepareQuery(query, undefined, name, false);
    statements.set(shape, made);
    statement = made;
  }
  await statement.execute(values);
}

/** A statement whose text never changes: `$1`… placeholders filled from `values`. */
export interface FixedStatement {
  /** The statement's name on every connection; one name, one text. */
  name: string;
  text: string;
  values: unknown[];
}

/** The part of Drizzle's session a named statement needs (not in its public types; stable since 0.29). */
interface SessionHandle {
  _: { session: { prepareQuery(q: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<{ rows: unknown[] }> } } };
}

/**
 * Runs `statement` as a named prepared statement on `db` (a handle or a transaction) and returns its
 * rows as `Row`. An `SQL` template is named `<prefix>_<digest of its text>`, so each shape gets its own
 * name; a {@link FixedStatement} keeps its own name.
 */
export async function executePrepared<Row extends object>(db: DbOrTx, statement: SQL | FixedStatement, prefix = 'gz'): Promise<Row[]> {
  let query: { sql: string; params: unknown[] };
  let name: string;
  if (is(statement, SQL)) {
    query = dialect.sqlToQuery(statement);
    name = `${prefix}_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`;
  } else {
    query = { sql: statement.text, params: statement.values };
    name = statement.name;
  }
  const res = await (db as unknown as SessionHandle)._.session.prepareQuery(query, undefined, name, false).execute();
  return res.rows as Row[];
}

/**
 * The node-postgres pool behind a Drizzle handle (Drizzle keeps it as `$client`), for what only a
 * dedicated connection can do: LISTEN, a cursor in its own snapshot. Queries go through the builder
 * or {@link executePrepared}.
 */
export function poolOf(db: Db): pg.Pool {
  return (db as unknown as { $client: pg.Pool }).$client;
}
