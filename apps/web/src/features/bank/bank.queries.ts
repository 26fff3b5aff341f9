/** The charity bank's queries and their keys. */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';

/** Query keys of the charity bank. */
export const bankKeys = {
  all: ['bank'] as const,
  me: ['bank', 'me'] as const,
  catalogue: ['bank', 'catalogue'] as const,
  myOrders: ['bank', 'my-orders'] as const,
  office: (regionId: string) => ['bank', 'office', regionId] as const,
  rankings: ['bank', 'rankings'] as const,
};

export const myBankQuery = () => queryOptions({ queryKey: bankKeys.me, queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/bank/me', { signal })) });
export const catalogueQuery = () => queryOptions({ queryKey: bankKeys.catalogue, queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/bank/catalogue', { signal })) });
export const myOrdersQuery = () => queryOptions({ queryKey: bankKeys.myOrders, queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/bank/me/orders', { signal })) });
export const officeItemsQuery = (regionId: string) => queryOptions({ queryKey: [...bankKeys.office(regionId), 'items'], queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/bank/items', { params: { query: { regionId } }, signal })) });
export const officeOrdersQuery = (regionId: string) => queryOptions({ queryKey: [...bankKeys.office(regionId), 'orders'], queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/bank/orders', { params: { query: { regionId } }, signal })) });
export const booksQuery = (regionId: string) => queryOptions({ queryKey: [...bankKeys.office(regionId), 'books'], queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/bank/books', { params: { query: { regionId } }, signal })) });
export const priorityQuery = (regionId: string) => queryOptions({ queryKey: [...bankKeys.office(regionId), 'priority'], queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/bank/priority', { params: { query: { regionId } }, signal })) });
export const draftQuery = (regionId: string, month: string) => queryOptions({ queryKey: [...bankKeys.office(regionId), 'draft', month], queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/bank/rankings/draft', { params: { query: { regionId, month } }, signal })) });
export const rankingsQuery = () => queryOptions({ queryKey: bankKeys.rankings, queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/public/bank/rankings', { signal })) });
