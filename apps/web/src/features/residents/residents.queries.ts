/** The resident search's query; its key sits under the register's, so register writes refresh it. */
import { queryOptions } from '@tanstack/react-query';
import type { ResidentTag } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { orgKeys } from '../org/org.queries.ts';

/** What the resident search filters by, and which page. */
export interface ResidentSearch { regionId?: string; q: string; tag?: ResidentTag; limit: number; offset: number }

/** Query keys of the resident search. */
export const residentKeys = {
  search: (s: ResidentSearch) => [...orgKeys.all, 'residents', s] as const,
};

/** A page of residents across the user's area. */
export function residentsQuery(s: ResidentSearch) {
  return queryOptions({
    queryKey: residentKeys.search(s),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/residents', { params: { query: s }, signal })),
  });
}
