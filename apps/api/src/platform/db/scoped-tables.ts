import { getTableColumns, is } from 'drizzle-orm';
import { PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { auditLog } from '../audit/audit.table.ts';

/** A table carrying a region path (and usually a district code) that must follow its region when it moves. */
export interface ScopedTable { table: PgTable; regionPath: PgColumn; districtCode: PgColumn | undefined }

/**
 * Every table of a registry (a module of tables, src/tables.ts) with a `regionPath` column, found from
 * the tables themselves so that a new feature's tables are re-pathed on a region move without anyone
 * remembering to list them. The audit log is history and keeps the paths it was written with.
 */
export function scopedTablesOf(registry: Record<string, unknown>): ScopedTable[] {
  return Object.values(registry)
    .filter((t): t is PgTable => is(t, PgTable))
    .filter((t) => t !== auditLog)
    .flatMap((table) => {
      const cols = getTableColumns(table) as Record<string, PgColumn>;
      return cols.regionPath ? [{ table, regionPath: cols.regionPath, districtCode: cols.districtCode }] : [];
    });
}
