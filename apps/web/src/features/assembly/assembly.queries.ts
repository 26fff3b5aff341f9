/**
 * The owners' assembly feature's queries. Opening, closing and every ballot mark `assemblyKeys.all`
 * stale: the assembly, its live progress, the roll and the list show the change together.
 */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import type { AssemblyDetail, AssemblyProgress, AssemblySummary, Page, PublicResults, RollEntry } from './types.ts';

/** Query keys of the assembly feature. */
export const assemblyKeys = {
  all: ['assemblies'] as const,
  list: (q: { limit: number; offset: number }) => ['assemblies', 'list', q] as const,
  detail: (id: string) => ['assemblies', 'detail', id] as const,
  progress: (id: string) => ['assemblies', 'progress', id] as const,
  roll: (id: string, q: { q: string; pending: boolean; offset: number }) => ['assemblies', 'roll', id, q] as const,
  results: (id: string) => ['assemblies', 'results', id] as const,
};

/** A page of the assemblies of the user's area. */
export function assembliesQuery(q: { limit: number; offset: number }) {
  return queryOptions({
    queryKey: assemblyKeys.list(q),
    queryFn: ({ signal }): Promise<Page<AssemblySummary>> => unwrap(gz.GET('/api/v1/assemblies', { params: { query: q }, signal })),
  });
}

/** One assembly with its matters, my ballot and the user's abilities. */
export function assemblyQuery(id: string) {
  return queryOptions({
    queryKey: assemblyKeys.detail(id),
    queryFn: ({ signal }): Promise<AssemblyDetail> => unwrap(gz.GET('/api/v1/assemblies/{id}', { params: { path: { id } }, signal })),
  });
}

/** Live progress toward the quorum; polled every five seconds while voting runs. */
export function progressQuery(id: string, live: boolean) {
  return queryOptions({
    queryKey: assemblyKeys.progress(id),
    queryFn: ({ signal }): Promise<AssemblyProgress> => unwrap(gz.GET('/api/v1/assemblies/{id}/progress', { params: { path: { id } }, signal })),
    refetchInterval: live ? 5000 : false,
  });
}

/** How many owners of the roll one page shows. */
export const ROLL_PAGE = 20;

/**
 * One page of the owners on the frozen roll matching a unit number or name (who has voted, never
 * how), or only those whose paper ballot awaits the scrutineer; with the total, to page through.
 */
export function rollQuery(id: string, q: { q: string; pending: boolean; offset: number }) {
  return queryOptions({
    queryKey: assemblyKeys.roll(id, q),
    queryFn: ({ signal }): Promise<Page<RollEntry>> => unwrap(gz.GET('/api/v1/assemblies/{id}/roll', {
      params: { path: { id }, query: { q: q.q || undefined, pending: q.pending ? 'true' : undefined, limit: ROLL_PAGE, offset: q.offset } }, signal,
    })),
    placeholderData: (prev) => prev,
  });
}

/** The published results, for anyone. */
export function resultsQuery(id: string) {
  return queryOptions({
    queryKey: assemblyKeys.results(id),
    queryFn: ({ signal }): Promise<PublicResults> => unwrap(gz.GET('/api/v1/public/assemblies/{id}/results', { params: { path: { id } }, signal })),
  });
}
