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

/** Query keys of sign-up link requests and resident accounts: every link, unlink and decision marks `linkKeys.all` stale. */
export const linkKeys = {
  all: ['account-links'] as const,
  list: (q: { state: 'pending' | 'approved' | 'rejected'; limit: number; offset: number }) => ['account-links', 'list', q] as const,
  resident: (id: string) => ['account-links', 'resident', id] as const,
};

/** A page of link requests in the communities where the user keeps the register. */
export function linkRequestsQuery(q: { state: 'pending' | 'approved' | 'rejected'; limit: number; offset: number }) {
  return queryOptions({
    queryKey: linkKeys.list(q),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/account-links', { params: { query: q }, signal })),
  });
}

/** The account linked to a resident, if any. */
export function residentAccountQuery(residentId: string) {
  return queryOptions({
    queryKey: linkKeys.resident(residentId),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/residents/{id}/account', { params: { path: { id: residentId } }, signal })),
  });
}
