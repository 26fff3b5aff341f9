/**
 * The projects feature's queries. Every project write marks `projectKeys.all` stale: a co-signature
 * changes the project and its round, a ballot the round and the public page.
 */
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';
import { formatHundredths, parseYuanToFen } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';

export type ProjectSummary = z.infer<typeof C.ProjectSummary>;
export type ProjectDetail = z.infer<typeof C.ProjectDetail>;
export type RoundView = z.infer<typeof C.RoundView>;
export type RoundSummary = z.infer<typeof C.RoundSummary>;
export type PublicProject = z.infer<typeof C.PublicProject>;

/** Query keys of the projects feature. */
export const projectKeys = {
  all: ['projects'] as const,
  options: () => ['projects', 'options'] as const,
  list: (q: { communityId?: string; limit: number; offset: number }) => ['projects', 'list', q] as const,
  project: (id: string) => ['projects', 'project', id] as const,
  rounds: () => ['projects', 'rounds'] as const,
  round: (id: string) => ['projects', 'round', id] as const,
  forRequest: (id: string) => ['projects', 'forRequest', id] as const,
  public: (q: { communityId?: string }) => ['projects', 'public', q] as const,
  publicOne: (id: string) => ['projects', 'public', 'one', id] as const,
};

/** "¥1,234.50" from fen as the API sends them. */
export const yuan = (fen: string): string => `¥${formatHundredths(BigInt(fen), { thousands: true })}`;
/** Fen (a string of digits) from yuan typed by a person, or the text itself for the API to refuse. */
export const fenFromYuan = (input: string | number): string => parseYuanToFen(String(input))?.toString() ?? String(input);

export const optionsQuery = () => queryOptions({
  queryKey: projectKeys.options(),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/projects/options', { signal })),
});

export const projectsQuery = (q: { communityId?: string; limit: number; offset: number }) => queryOptions({
  queryKey: projectKeys.list(q),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/projects', { params: { query: q }, signal })),
});

export const projectQuery = (id: string) => queryOptions({
  queryKey: projectKeys.project(id),
  queryFn: ({ signal }): Promise<ProjectDetail> => unwrap(gz.GET('/api/v1/projects/{id}', { params: { path: { id } }, signal })),
});

export const roundsQuery = () => queryOptions({
  queryKey: projectKeys.rounds(),
  queryFn: ({ signal }): Promise<RoundSummary[]> => unwrap(gz.GET('/api/v1/project-rounds', { params: { query: {} }, signal })),
});

export const roundQuery = (id: string) => queryOptions({
  queryKey: projectKeys.round(id),
  queryFn: ({ signal }): Promise<RoundView> => unwrap(gz.GET('/api/v1/project-rounds/{id}', { params: { path: { id } }, signal })),
});

export const requestProjectsQuery = (id: string) => queryOptions({
  queryKey: projectKeys.forRequest(id),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/requests/{id}/projects', { params: { path: { id } }, signal })),
});

export const publicProjectQuery = (id: string) => queryOptions({
  queryKey: projectKeys.publicOne(id),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/public/projects/{id}', { params: { path: { id } }, signal })),
});
