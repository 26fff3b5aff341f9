import type { AnyColumn, SQL } from 'drizzle-orm';

/**
 * What sign-in needs to know of regions and organisations, which a feature owns (the org feature):
 * SQL expressions over an id, so that the actor still loads in the one statement that checks the
 * session (it runs on every request). The composition root (app.ts) passes the org feature's
 * implementation; the platform names no feature.
 */
export interface Directory {
  /** The region path of the organisation whose id `id` holds: where an organisation-bound role reaches. */
  organisationPathOf(id: AnyColumn | SQL): SQL<string | null>;
  /** The name of the region whose id `id` holds. */
  regionNameOf(id: AnyColumn | SQL): SQL<string | null>;
  /** The name of the organisation whose id `id` holds. */
  organisationNameOf(id: AnyColumn | SQL): SQL<string | null>;
}
