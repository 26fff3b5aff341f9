/**
 * The inbox's queries: the bell's unread count (polled every 30 s and on focus, so a reply reaches a
 * resident who keeps the page open) and the message list, by keyset.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { InboxPage } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';

/** Query keys of the inbox. */
export const inboxKeys = {
  all: ['inbox'] as const,
  count: ['inbox', 'count'] as const,
  list: ['inbox', 'list'] as const,
};

/** How often the bell asks for the unread count while the page is open. */
export const INBOX_POLL_MS = 30_000;

/** The number on the bell. */
export function unreadCountQuery() {
  return queryOptions({
    queryKey: inboxKeys.count,
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/inbox/unread-count', { signal })),
    refetchInterval: INBOX_POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** My messages, newest first, 20 a page. */
export function inboxQuery() {
  return infiniteQueryOptions({
    queryKey: inboxKeys.list,
    queryFn: ({ signal, pageParam }): Promise<InboxPage> => unwrap(gz.GET('/api/v1/inbox', {
      params: { query: { cursor: pageParam ?? undefined, limit: 20 } }, signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
