/**
 * The councils feature's queries: councils, meetings and the public notice board. Every council write
 * marks `councilKeys.all` stale: a vote changes the meeting, its council's agenda and the board.
 */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { CouncilDetail, CouncilSummary, MeetingDetail, NoticeDetail, NoticeSummary, Page } from './types.ts';

/** Query keys of the councils feature. */
export const councilKeys = {
  all: ['councils'] as const,
  list: (q: { kind?: string; limit: number; offset: number }) => ['councils', 'list', q] as const,
  council: (id: string) => ['councils', 'council', id] as const,
  meeting: (id: string) => ['councils', 'meeting', id] as const,
  board: (q: { state?: string; limit: number; offset: number }) => ['councils', 'board', q] as const,
  notice: (id: string) => ['councils', 'notice', id] as const,
  smallMatters: (id: string, q: string) => ['councils', 'smallMatters', id, q] as const,
};

type CouncilKind = 'building' | 'grid' | 'community' | 'matter';

/**
 * The small matters (小事) of the council's area on no agenda yet, newest first, searched on the server
 * by description or number: what the agenda dialog offers instead of a number typed by hand.
 */
export function smallMattersQuery(councilId: string, q: string) {
  return queryOptions({
    queryKey: councilKeys.smallMatters(councilId, q),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/councils/{id}/small-matters', { params: { path: { id: councilId }, query: q ? { q } : {} }, signal })),
  });
}

/** A page of the councils the user may see, optionally of one kind. */
export function councilsQuery(q: { kind?: CouncilKind; limit: number; offset: number }) {
  return queryOptions({
    queryKey: councilKeys.list(q),
    queryFn: ({ signal }): Promise<Page<CouncilSummary>> => unwrap(gz.GET('/api/v1/councils', { params: { query: q }, signal })),
  });
}

/** One council: rules, seats with history, agenda and meetings. */
export function councilQuery(id: string) {
  return queryOptions({
    queryKey: councilKeys.council(id),
    queryFn: ({ signal }): Promise<CouncilDetail> => unwrap(gz.GET('/api/v1/councils/{id}', { params: { path: { id } }, signal })),
  });
}

/** One meeting: agenda, attendance and quorum, motions, minutes. */
export function meetingQuery(id: string) {
  return queryOptions({
    queryKey: councilKeys.meeting(id),
    queryFn: ({ signal }): Promise<MeetingDetail> => unwrap(gz.GET('/api/v1/council-meetings/{id}', { params: { path: { id } }, signal })),
  });
}

/** A page of the public notice board, optionally in one state. */
export function boardQuery(q: { state?: 'adopted' | 'published' | 'effective' | 'returned'; limit: number; offset: number }) {
  return queryOptions({
    queryKey: councilKeys.board(q),
    queryFn: ({ signal }): Promise<Page<NoticeSummary>> => unwrap(gz.GET('/api/v1/notice-board', { params: { query: q }, signal })),
  });
}

/** One resolution on notice with its objections. */
export function noticeQuery(id: string) {
  return queryOptions({
    queryKey: councilKeys.notice(id),
    queryFn: ({ signal }): Promise<NoticeDetail> => unwrap(gz.GET('/api/v1/notice-board/{id}', { params: { path: { id } }, signal })),
  });
}

/** A council write given as one typed call; resolves when done, failed or not (the failure is shown). */
export type CouncilRun = (call: () => Promise<unknown>) => Promise<void>;

/**
 * Runs a council write (a vote, a sign-in, minutes): the failure is shown by `useNotifyError`, and
 * everything the councils feature shows is refetched. Resolves either way, as the buttons expect.
 */
export function useCouncilRun(done?: () => void): CouncilRun {
  const m = useApiMutation({ mutationFn: (call: () => Promise<unknown>) => call(), invalidates: [councilKeys.all], onSuccess: done });
  return (call) => m.mutateAsync(call).then(() => undefined, () => undefined);
}
