import { eq, sql } from 'drizzle-orm';
import type { WorkCalendar } from '@gongzhi/core';
import type { Db } from '../../platform/db/client.ts';
import { cached, cachedBy } from '../../platform/cache/cached.ts';
import { organisationNameOf } from '../org/organisation.service.ts';
import { pointLocator, type Locator } from '../org/region.service.ts';
import { serviceCategories } from './requests.table.ts';
import { loadCalendar } from './calendar.service.ts';
import type { CategoryRow } from './categories.service.ts';

/** A catalogue entry with its department's name, as intake and its answer need it. */
export type CatalogueEntry = CategoryRow & { departmentName: string | null };

/**
 * What intake reads on every request but rarely changes, kept per process so that taking in a request
 * costs one statement: grid boundaries, each district's catalogue, the working calendar, and request
 * numbers reserved in blocks.
 */
export interface RequestCaches {
  locator: Locator;
  catalogue: { get(district: string): Promise<Map<string, CatalogueEntry>>; invalidate(district?: string): void };
  calendar: { get(): Promise<WorkCalendar>; invalidate(): void };
  nextNumber(): Promise<string>;
}

const byDb = new WeakMap<Db, RequestCaches>();

/** The caches for a database handle (one set per pool, shared by every route on it). */
export function requestCaches(db: Db): RequestCaches {
  let c = byDb.get(db);
  if (!c) {
    c = create(db);
    byDb.set(db, c);
  }
  return c;
}

function create(db: Db): RequestCaches {
  const catalogue = cachedBy(30_000, async (district: string) => {
    const rows = await db.select({ c: serviceCategories, departmentName: organisationNameOf(serviceCategories.departmentId) }).from(serviceCategories)
      .where(eq(serviceCategories.districtCode, district));
    return new Map(rows.filter((r) => r.c.active).map((r) => [r.c.code, { ...r.c, departmentName: r.departmentName }]));
  });
  // Numbers are taken from the sequence twenty at a time: unique across processes, roughly in order.
  const reserved: string[] = [];
  let refilling: Promise<void> | undefined;
  const refill = async () => {
    const rows = (await db.execute<{ n: string }>(sql`SELECT nextval('request_number_seq')::text AS n FROM generate_series(1, 20)`)).rows;
    reserved.push(...rows.map((r) => r.n));
  };
  return {
    locator: pointLocator(db),
    catalogue,
    calendar: cached(30_000, () => loadCalendar(db)),
    async nextNumber() {
      while (!reserved.length) {
        refilling ??= refill().finally(() => { refilling = undefined; });
        await refilling;
      }
      return `GZ${reserved.shift()!.padStart(8, '0')}`;
    },
  };
}

/** Tells every cache set that a district's catalogue changed in this process. */
export function catalogueChanged(db: Db, district: string): void {
  byDb.get(db)?.catalogue.invalidate(district);
}

