/** The accounts page's queries: every write to an account marks `userKeys.all` stale. */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';

/** Query keys of the accounts. */
export const userKeys = {
  all: ['users'] as const,
  list: (q: { q: string; limit: number; offset: number }) => ['users', 'list', q] as const,
};

/** A page of the accounts in the user's area, optionally searched. */
export function usersQuery(q: { q: string; limit: number; offset: number }) {
  return queryOptions({
    queryKey: userKeys.list(q),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/users', { params: { query: q }, signal })),
  });
}
