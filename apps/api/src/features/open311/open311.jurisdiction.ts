import type { DbOrTx } from '../../platform/db/client.ts';
import { districtCodes, districtExists } from '../org/region.service.ts';

/** True when `code` is a district (6 digits) in service. */
export { districtExists };

/**
 * The platform's only district, or null when it serves several (or none). GeoReport v2 lets an
 * endpoint that serves one jurisdiction treat `jurisdiction_id` as optional; with several it is
 * required, since catalogues and request lists are per district.
 */
export async function soleDistrict(db: DbOrTx): Promise<string | null> {
  const codes = await districtCodes(db, 2);
  return codes.length === 1 ? codes[0]! : null;
}

/** How a `jurisdiction_id` resolved: a district code, or why not (GeoReport's 400 and 404). */
export type Jurisdiction = { ok: true; code: string } | { ok: false; reason: 'missing' | 'unknown' };

/**
 * Resolves `jurisdiction_id` (our district code, e.g. 510108) to a district in service: an unknown
 * one is `unknown` (404), an absent one is the sole district or `missing` (400).
 */
export async function resolveJurisdiction(db: DbOrTx, asked: string | undefined): Promise<Jurisdiction> {
  if (asked !== undefined) return (await districtExists(db, asked)) ? { ok: true, code: asked } : { ok: false, reason: 'unknown' };
  const sole = await soleDistrict(db);
  return sole ? { ok: true, code: sole } : { ok: false, reason: 'missing' };
}
