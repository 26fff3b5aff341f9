/** The party members' service queries: the member's own page, and the community's lists. */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';

/** Query keys of the party feature; every write invalidates `all`. */
export const partyKeys = {
  all: ['party'] as const,
  me: ['party', 'me'] as const,
  needs: ['party', 'needs'] as const,
  reports: ['party', 'reports'] as const,
  progress: (year: number) => ['party', 'progress', year] as const,
  points: (year: number) => ['party', 'points', year] as const,
  rankings: ['party', 'rankings'] as const,
};

export const myPartyQuery = () => queryOptions({ queryKey: partyKeys.me, queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/party/me', { signal })) });
export const needsQuery = () => queryOptions({ queryKey: partyKeys.needs, queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/party/needs', { signal })) });
export const reportsQuery = () => queryOptions({ queryKey: partyKeys.reports, queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/party/reports', { signal })) });
export const progressQuery = (year: number) => queryOptions({
  queryKey: partyKeys.progress(year), queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/party/progress', { params: { query: { year } }, signal })),
});
export const pointsQuery = (year: number) => queryOptions({
  queryKey: partyKeys.points(year), queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/party/points', { params: { query: { year } }, signal })),
});
export const publicRankingsQuery = () => queryOptions({
  queryKey: partyKeys.rankings, queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/public/party/rankings', { signal })),
});
