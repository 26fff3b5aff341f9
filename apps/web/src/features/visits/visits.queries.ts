/**
 * The visits feature's queries. The worker's household list is offline-first: it is fetched when the
 * phone is online, kept on the phone (offline.ts) and shown from there when it is not.
 */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { cachedList, saveList } from './offline.ts';

/** Query keys of the visits feature. */
export const visitKeys = {
  all: ['visits'] as const,
  list: (userId: string) => ['visits', 'list', userId] as const,
  changes: (status: 'pending' | 'conflict') => ['visits', 'changes', status] as const,
  coverage: ['visits', 'coverage'] as const,
  rules: ['visits', 'rules'] as const,
};

/**
 * The worker's households, saved on the phone on every successful fetch; the answer is the phone's
 * copy (with when it was fetched). Network mode `online` (not the console's `always`): with no network
 * the fetch waits instead of failing, the page keeps showing the phone's copy, and the fetch runs as
 * soon as the browser is back online (and again on every reconnect).
 */
export function visitListQuery(userId: string) {
  return queryOptions({
    queryKey: visitKeys.list(userId),
    queryFn: async ({ signal }) => {
      const items = await unwrap(gz.GET('/api/v1/visits/list', { params: { query: { limit: 1000 } }, signal }));
      saveList(userId, items);
      return cachedList(userId);
    },
    networkMode: 'online',
    refetchOnReconnect: true,
  });
}

/** Proposed household changes waiting for review, or in conflict. */
export function changesQuery(status: 'pending' | 'conflict') {
  return queryOptions({
    queryKey: visitKeys.changes(status),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/visits/changes', { params: { query: { status } }, signal })),
  });
}

/** Overdue households by grid and by worker. */
export function coverageQuery() {
  return queryOptions({
    queryKey: visitKeys.coverage,
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/visits/coverage', { signal })),
  });
}

/** Each community's visit rule. */
export function rulesQuery() {
  return queryOptions({
    queryKey: visitKeys.rules,
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/visits/rules', { signal })),
  });
}
