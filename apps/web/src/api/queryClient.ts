import { keepPreviousData, QueryClient } from '@tanstack/react-query';
import type { ApiError } from './client.ts';

/**
 * The console's one query cache. The defaults keep what the pages did before TanStack Query:
 * - no retries: an error (404, 403, a validation failure) is shown at once, as the pages expect;
 * - no refetch on window focus or reconnect: a page reloads when it is opened or after a change,
 *   so a form being filled in is never redrawn under the user (the visit list opts back in);
 * - `networkMode: 'always'`: a call made offline fails with the NETWORK error the pages show instead
 *   of waiting silently (the offline-first visit pages keep their own copy on the phone);
 * - the previous answer stays on screen while a new filter or page loads, so tables do not flash empty;
 * - nothing is cached once a page is closed: opening a page always shows fresh data, never a stale
 *   copy first (the browser tests and the users rely on that).
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        networkMode: 'always',
        placeholderData: keepPreviousData,
        gcTime: 0,
      },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    // Every query and mutation goes through `unwrap`, which throws ApiError (NETWORK when offline).
    defaultError: ApiError;
  }
}
