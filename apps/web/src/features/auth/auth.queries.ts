/** The public account pages' queries. */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';

/** The communities one may sign up in (public). */
export function signUpCommunitiesQuery() {
  return queryOptions({
    queryKey: ['signup', 'communities'] as const,
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/signup/communities', { signal })),
    staleTime: 10 * 60_000,
  });
}
