import type { DbOrTx } from '../../platform/db/client.ts';
import {
  activeCatalogue, catalogueChangedAt, publicRequest, publicRequests, type PublicRequestRow,
} from '../requests/public.service.ts';
import { MAX_RESULTS, type RequestQuery } from './open311.presenter.ts';

// The reads behind the public GeoReport answers. The requests feature owns its tables and what of
// them may be public (never the reporter); Open311 asks it, then its presenter shapes the answers.

/** A request as Open311 answers may show it. */
export type PublicRow = PublicRequestRow;
/** A category of a district's active catalogue with its department's name. */
export type CatalogueRow = Awaited<ReturnType<typeof activeCatalogue>>[number];

/** A district's requests as the query asks, newest first, at most {@link MAX_RESULTS}. */
export async function findServiceRequests(db: DbOrTx, district: string, q: RequestQuery): Promise<PublicRow[]> {
  const finished = q.statuses?.length === 1 ? q.statuses[0] === 'closed' : undefined;
  return publicRequests(db, district, { ids: q.ids, categoryCodes: q.serviceCodes, finished, start: q.start, end: q.end, limit: MAX_RESULTS });
}

/** One request by its public id, in a district or (ids being unique) anywhere. */
export const findServiceRequest = (db: DbOrTx, district: string | null, number: string): Promise<PublicRow | undefined> =>
  publicRequest(db, district, number);

/** The active catalogue of a district (or one service of it), by matter then code. */
export const findCatalogue = (db: DbOrTx, district: string, code?: string): Promise<CatalogueRow[]> => activeCatalogue(db, district, code);

/** When the catalogue of a district last changed, for discovery's `changeset`. */
export { catalogueChangedAt };
