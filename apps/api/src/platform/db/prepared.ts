import { createHash } from 'node:crypto';
import { getTableColumns, is, SQL, sql, type Table } from 'drizzle-orm';
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

/**
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
