/** The notices feature's queries: the public board and one notice. Every write marks `noticeKeys.all` stale. */
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export type PublicNotice = z.infer<typeof C.PublicNotice>;
export type PublicNoticeDetail = z.infer<typeof C.PublicNoticeDetail>;
export type NoticeState = PublicNotice['state'];

export const noticeKeys = {
  all: ['notices'] as const,
  board: (q: object) => ['notices', 'board', q] as const,
  notice: (id: string) => ['notices', 'notice', id] as const,
};

/** A page of the board, optionally of one community (by region code) and state. */
export function noticesQuery(q: { regionCode?: string; state?: NoticeState; limit: number; offset: number }) {
  return queryOptions({
    queryKey: noticeKeys.board(q),
    queryFn: ({ signal }): Promise<Page<PublicNotice>> => unwrap(gz.GET('/api/v1/notices', { params: { query: q }, signal })),
  });
}

export function publicNoticeQuery(id: string) {
  return queryOptions({
    queryKey: noticeKeys.notice(id),
    queryFn: ({ signal }): Promise<PublicNoticeDetail> => unwrap(gz.GET('/api/v1/notices/{id}', { params: { path: { id } }, signal })),
  });
}
