/** The volunteers feature's queries. */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';

/** Query keys of the volunteers feature. */
export const volunteerKeys = {
  all: ['volunteers'] as const,
  me: ['volunteers', 'me'] as const,
  skills: ['volunteers', 'skills'] as const,
  list: (status: string) => ['volunteers', 'list', status] as const,
  records: (status: string) => ['volunteers', 'records', status] as const,
  teams: ['volunteers', 'teams'] as const,
};

/** My registration, totals, records and the teams I may join. */
export const myVolunteerQuery = () => queryOptions({
  queryKey: volunteerKeys.me,
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/volunteers/me', { signal })),
});

/** The skills to choose from. */
export const skillsQuery = () => queryOptions({
  queryKey: volunteerKeys.skills,
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/volunteers/skills', { signal })),
  staleTime: 10 * 60_000,
});

/** Volunteers in my region, of one status or all. */
export const volunteerListQuery = (status: 'pending' | 'verified' | 'rejected' | 'all') => queryOptions({
  queryKey: volunteerKeys.list(status),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/volunteers', { params: { query: { limit: 200, ...(status === 'all' ? {} : { status }) } }, signal })),
});

/** Service records in my region, of one status. */
export const recordsQuery = (status: 'pending' | 'approved' | 'rejected') => queryOptions({
  queryKey: volunteerKeys.records(status),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/volunteers/service-records', { params: { query: { status, limit: 200 } }, signal })),
});

/** Teams in my region. */
export const teamsQuery = () => queryOptions({
  queryKey: volunteerKeys.teams,
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/volunteers/teams', { signal })),
});

/** Minutes as people read them: "2 小时 30 分", never a fraction of an hour. */
export function minutesText(t: (k: 'volunteers.minutes' | 'volunteers.hoursOnly', o: Record<string, number>) => string, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? t('volunteers.hoursOnly', { h }) : t('volunteers.minutes', { h, m });
}
