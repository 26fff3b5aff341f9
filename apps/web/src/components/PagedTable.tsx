import type { ReactNode } from 'react';
import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import type { ApiError } from '../api/client.ts';
import type { Page as PageOf } from '../api/types.ts';
import { PageError } from './PageError.tsx';
import { ResponsiveTable, type ResponsiveTableProps } from './ResponsiveTable.tsx';
import { usePaging, type PageParams } from './usePaging.ts';


/** Props of {@link PagedTable}. */
export interface PagedTableProps<T, K extends QueryKey = QueryKey> extends Omit<ResponsiveTableProps<T>, 'rows' | 'loading' | 'paging'> {
  /** The query for one page (usually a feature's `…Query({ ...filters, ...page })`). */
  query: (page: PageParams) => UseQueryOptions<PageOf<T>, ApiError, PageOf<T>, K>;
  /** Rows per page at first (the user may change it). */
  pageSize?: number;
  /** Changes when the filters change, sending the pager back to page 1 (e.g. `useUrlFilters().key`). */
  resetKey?: string;
  /** Shown instead of the table when the list is empty (the table's own "no data" otherwise). */
  empty?: ReactNode;
}

/**
 * The one server-paged list: fetches a page through TanStack Query, keeps the page on screen while
 * the next loads, shows a failed load with a retry, and renders a table on desktops and cards on
 * phones ({@link ResponsiveTable}).
 */
export function PagedTable<T, K extends QueryKey = QueryKey>(props: PagedTableProps<T, K>) {
  const { query, pageSize = 20, resetKey, empty, ...table } = props;
  const paging = usePaging(pageSize, resetKey);
  const { data, error, isFetching, refetch } = useQuery(query({ limit: paging.limit, offset: paging.offset }));
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (empty && data?.total === 0) return <>{empty}</>;
  return <ResponsiveTable {...table} rows={data?.items} loading={isFetching} paging={{ ...paging, total: data?.total ?? 0 }} />;
}
