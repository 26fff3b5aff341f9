/**
 * The requests feature's queries: the queue and "my requests" pages, one request, the catalogue, the
 * KPI dashboard. A step on a request answers with the request as it now stands, which replaces the
 * cached copy at once (`useReplaceRequest`) and marks the lists stale.
 */
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { gz, unwrap } from '../../api/client.ts';
import type { RequestDetail, SimilarRequest } from '../../api/types.ts';
import type { paths } from '../../api/schema.ts';

/** The list filters `GET /requests` takes (booleans as the strings the API parses). */
export type RequestListQuery = NonNullable<paths['/api/v1/requests']['get']['parameters']['query']>;

/** Query keys of the requests feature. */
export const requestKeys = {
  all: ['requests'] as const,
  lists: ['requests', 'list'] as const,
  list: (q: RequestListQuery) => ['requests', 'list', q] as const,
  detail: (id: string) => ['requests', 'detail', id] as const,
  categories: (all: boolean) => ['requests', 'categories', all] as const,
  kpis: (q: { regionId?: string; departmentId?: string; from: string; to: string }) => ['requests', 'kpis', q] as const,
  similar: (q: { lat: number; lng: number; categoryCode?: string }) => ['requests', 'similar', q] as const,
};

/** A page of requests (the staff queue, or the reporter's own with `mine`). */
export function requestsQuery(q: RequestListQuery) {
  return queryOptions({
    queryKey: requestKeys.list(q),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/requests', { params: { query: q }, signal })),
  });
}

/** One request with its timeline, handlers, extensions and the steps the user may take now. */
export function requestQuery(id: string) {
  return queryOptions({
    queryKey: requestKeys.detail(id),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/requests/{id}', { params: { path: { id } }, signal })),
  });
}

/** The service catalogue (active categories; `all` adds the switched-off ones for the editor). */
export function categoriesQuery(all = false) {
  return queryOptions({
    queryKey: requestKeys.categories(all),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/categories', { params: { query: { all: all ? 'true' : undefined } }, signal })),
  });
}

/** Rates for a region and period, with its children for drill-down. */
export function kpisQuery(q: { regionId?: string; departmentId?: string; from: string; to: string }) {
  return queryOptions({
    queryKey: requestKeys.kpis(q),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/kpis', { params: { query: q }, signal })),
  });
}

/**
 * Open requests near a point (and of a category) that the user did not report themself: "附近已有人
 * 反映". The user's own open requests are left out, as "someone reported this" about one's own report
 * would only confuse; if that list fails, nothing is left out.
 */
export function similarQuery(q: { lat: number; lng: number; categoryCode?: string }) {
  return queryOptions({
    queryKey: requestKeys.similar(q),
    queryFn: async ({ signal }): Promise<SimilarRequest[]> => {
      const [near, mine] = await Promise.all([
        unwrap(gz.GET('/api/v1/requests/similar', { params: { query: q }, signal })),
        unwrap(gz.GET('/api/v1/requests', { params: { query: { mine: 'true', open: 'true', limit: 200 } }, signal })).catch(() => ({ items: [], total: 0 })),
      ]);
      const own = new Set(mine.items.map((r) => r.id));
      return near.filter((r) => !own.has(r.id));
    },
  });
}

/**
 * Puts a step's answer (the request as it now stands) in place of the cached copy, so the page never
 * shows the old buttons while a reload is on its way, and marks the lists stale.
 */
export function useReplaceRequest(): (r: RequestDetail) => void {
  const qc = useQueryClient();
  return useCallback((r: RequestDetail) => {
    qc.setQueryData(requestKeys.detail(r.id), r);
    void qc.invalidateQueries({ queryKey: requestKeys.lists });
  }, [qc]);
}
