/**
 * The activities feature's queries. Every write marks `activityKeys.all` stale: a sign-up changes the
 * activity page, the lists and the organiser's counts.
 */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';

export const activityKeys = {
  all: ['activities'] as const,
  near: (category?: string) => ['activities', 'near', category ?? ''] as const,
  mine: ['activities', 'mine'] as const,
  organiser: (past: boolean) => ['activities', 'organiser', past] as const,
  one: (id: string) => ['activities', 'one', id] as const,
  attendance: (id: string) => ['activities', 'attendance', id] as const,
  categories: ['activities', 'categories'] as const,
  calendar: (regionId: string) => ['activities', 'calendar', regionId] as const,
  code: (id: string, kind: 'in' | 'out') => ['activities', 'code', id, kind] as const,
};

export const categoriesQuery = () => queryOptions({
  queryKey: activityKeys.categories, staleTime: 10 * 60_000,
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/activities/categories', { signal })),
});

export const nearQuery = (category?: string) => queryOptions({
  queryKey: activityKeys.near(category),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/activities/near', { params: { query: category ? { category } : {} }, signal })),
});

export const mineQuery = () => queryOptions({
  queryKey: activityKeys.mine,
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/activities/mine', { signal })),
});

export const organiserQuery = (past: boolean) => queryOptions({
  queryKey: activityKeys.organiser(past),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/activities', { params: { query: past ? { past: 'true' } : {} }, signal })),
});

export const activityQuery = (id: string) => queryOptions({
  queryKey: activityKeys.one(id),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/activities/{id}', { params: { path: { id } }, signal })),
});

export const attendanceQuery = (id: string) => queryOptions({
  queryKey: activityKeys.attendance(id),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/activities/{id}/attendance', { params: { path: { id } }, signal })),
});

/** A fresh code every 20 seconds while the organiser's screen shows it. */
export const codeQuery = (id: string, kind: 'in' | 'out') => queryOptions({
  queryKey: activityKeys.code(id, kind), refetchInterval: 20_000, refetchIntervalInBackground: true, gcTime: 0, staleTime: 0,
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/activities/{id}/code', { params: { path: { id }, query: { kind } }, signal })),
});

export const calendarQuery = (regionId: string) => queryOptions({
  queryKey: activityKeys.calendar(regionId),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/activities/calendar/community/{regionId}', { params: { path: { regionId } }, signal })),
});
