import { describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { buildings } from './org.table.ts';
import { regionCodeOf, regionNameOf } from './region.service.ts';
import { organisationNameOf, organisationPathOf } from './organisation.service.ts';

// Other features select region and organisation names through these expressions. Drizzle writes a
// column without its table in a single-table select; inside the lookup a bare "id" would be the
// looked-up table's own, so the expressions must keep the outer column qualified.
describe('name expressions for other features', () => {
  const db = drizzle.mock();

  it('keep the outer column qualified in a single-table select', () => {
    const q = db.select({ id: buildings.id, region: regionNameOf(buildings.regionId), code: regionCodeOf(buildings.regionId) }).from(buildings).toSQL();
    expect(q.sql).toContain('(SELECT r.name FROM "regions" r WHERE r.id = "buildings"."region_id")');
    expect(q.sql).toContain('(SELECT r.code FROM "regions" r WHERE r.id = "buildings"."region_id")');
  });

  it('accept an SQL expression for the id, as correlated subqueries give it', () => {
    const q = db.select({ name: organisationNameOf(sql`ra.organisation_id`), path: organisationPathOf(sql`ra.organisation_id`) }).from(buildings).toSQL();
    expect(q.sql).toContain('(SELECT o.name FROM "organisations" o WHERE o.id = ra.organisation_id)');
    expect(q.sql).toContain('(SELECT o.region_path FROM "organisations" o WHERE o.id = ra.organisation_id)');
  });
});
