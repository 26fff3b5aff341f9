import { getTableColumns, is } from 'drizzle-orm';
import { PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';

/** A table carrying a region path (and usually a district code) that must follow its region when it moves. */
export interface ScopedTable { table: PgTable; regionPath: PgColumn; districtCode: PgColumn | undefined }

/**
 * Every table in the schema with a `regionPath` column, found from the schema itself so that a new
 * feature's tables are re-pathed on a region move without anyone remembering to list them. The audit
 * log is history and keeps the paths it was written with.
 */
export const SCOPED_TABLES: ScopedTable[] = (Object.values(schema) as unknown[])
  .filter((t): t is PgTable => is(t, PgTable))
  .filter((t) => t !== schema.auditLog)
  .flatMap((table) => {
    const cols = getTableColumns(table) as Record<string, PgColumn>;
    return cols.regionPath ? [{ table, regionPath: cols.regionPath, districtCode: cols.districtCode }] : [];
  });
