/**
 * The organisation tree's and the register's queries (regions, buildings, households, residents):
 * one key per record, all under `orgKeys.all`, so a write anywhere in the register marks every view
 * of it stale — the tree, a region's counts and its lists all show the change together.
 */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import type { ResidentDetail } from '../../api/types.ts';

/** Query keys of the register. */
export const orgKeys = {
  all: ['org'] as const,
  regions: (parentId: string | null, includeRetired = false) => ['org', 'regions', parentId ?? '', includeRetired] as const,
  region: (id: string) => ['org', 'region', id] as const,
  buildings: (regionId: string) => ['org', 'buildings', regionId] as const,
  building: (id: string) => ['org', 'building', id] as const,
  households: (q: { regionId: string; q: string; limit: number; offset: number }) => ['org', 'households', q] as const,
  household: (id: string) => ['org', 'household', id] as const,
  resident: (id: string) => ['org', 'resident', id] as const,
  organisations: (kind?: string) => ['org', 'organisations', kind ?? ''] as const,
};

/** The regions directly below `parentId` (null: the user's top regions). */
export function regionsQuery(parentId: string | null, includeRetired = false) {
  return queryOptions({
    queryKey: orgKeys.regions(parentId, includeRetired),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/regions', {
      params: { query: { parentId: parentId ?? undefined, includeRetired: includeRetired ? 'true' : undefined } }, signal,
    })),
  });
}

/** One region with its ancestors, counts and the user's abilities on it. */
export function regionQuery(id: string) {
  return queryOptions({
    queryKey: orgKeys.region(id),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/regions/{id}', { params: { path: { id } }, signal })),
  });
}

/** The buildings of a grid or micro-grid. */
export function buildingsQuery(regionId: string) {
  return queryOptions({
    queryKey: orgKeys.buildings(regionId),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/buildings', { params: { query: { regionId } }, signal })),
  });
}

/** One building with its units. */
export function buildingQuery(id: string) {
  return queryOptions({
    queryKey: orgKeys.building(id),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/buildings/{id}', { params: { path: { id } }, signal })),
  });
}

/** A page of the households in a region's subtree, optionally searched. */
export function householdsQuery(q: { regionId: string; q: string; limit: number; offset: number }) {
  return queryOptions({
    queryKey: orgKeys.households(q),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/households', { params: { query: q }, signal })),
  });
}

/** One household with its members. */
export function householdQuery(id: string) {
  return queryOptions({
    queryKey: orgKeys.household(id),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/households/{id}', { params: { path: { id } }, signal })),
  });
}

/** One resident, personal numbers masked. */
export function residentQuery(id: string) {
  return queryOptions({
    queryKey: orgKeys.resident(id),
    // The route adds `movedOut` to the contract's ResidentDetail; the pages read it through that type.
    queryFn: ({ signal }): Promise<ResidentDetail> => unwrap(gz.GET('/api/v1/residents/{id}', { params: { path: { id } }, signal })),
  });
}

/** Organisations in the user's area, optionally of one kind. */
export function organisationsQuery(kind?: 'department' | 'social_org' | 'enterprise' | 'resident_unit' | 'property_company' | 'developer') {
  return queryOptions({
    queryKey: orgKeys.organisations(kind),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/organisations', { params: { query: { kind } }, signal })),
  });
}
