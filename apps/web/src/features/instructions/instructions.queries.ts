/**
 * The instructions feature's queries (live progress comes by Server-Sent Events, useProgressStream).
 * Every write marks `instructionKeys.all` stale: the worker's inbox, their households and the
 * instruction itself refetch together.
 */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import type { AssignedHousehold, InboxItem, InstructionSummary, LinkView, Page, UncoveredPart, UnreachedHousehold } from './types.ts';

/** Query keys of the instructions feature. */
export const instructionKeys = {
  all: ['instructions'] as const,
  list: (q: { limit: number; offset: number }) => ['instructions', 'list', q] as const,
  detail: (id: string) => ['instructions', 'detail', id] as const,
  inbox: ['instructions', 'inbox'] as const,
  mine: (id: string) => ['instructions', 'mine', id] as const,
  households: (id: string) => ['instructions', 'households', id] as const,
  unreached: (id: string, q: { path: string; limit: number; offset: number }) => ['instructions', 'unreached', id, q] as const,
  link: (token: string) => ['instructions', 'link', token] as const,
  uncovered: (id: string, path: string) => ['instructions', 'uncovered', id, path] as const,
};

/** The parts under a node the instruction could not reach, and why. */
export function uncoveredQuery(id: string, path: string) {
  return queryOptions({
    queryKey: instructionKeys.uncovered(id, path),
    queryFn: ({ signal }): Promise<UncoveredPart[]> => unwrap(gz.GET('/api/v1/instructions/{id}/uncovered', { params: { path: { id }, query: { path } }, signal })),
  });
}

/** A page of the instructions issued in or above the user's regions. */
export function instructionsQuery(q: { limit: number; offset: number }) {
  return queryOptions({
    queryKey: instructionKeys.list(q),
    queryFn: ({ signal }): Promise<Page<InstructionSummary>> => unwrap(gz.GET('/api/v1/instructions', { params: { query: q }, signal })),
  });
}

/** One instruction. */
export function instructionQuery(id: string) {
  return queryOptions({
    queryKey: instructionKeys.detail(id),
    queryFn: ({ signal }): Promise<InstructionSummary> => unwrap(gz.GET('/api/v1/instructions/{id}', { params: { path: { id } }, signal })),
  });
}

/** A grid worker's instructions, newest first. */
export function inboxQuery() {
  return queryOptions({
    queryKey: instructionKeys.inbox,
    queryFn: ({ signal }): Promise<Page<InboxItem>> => unwrap(gz.GET('/api/v1/instructions/inbox', { params: { query: { limit: 50 } }, signal })),
  });
}

/** One instruction as the worker sees it, with their own counts. */
export function mineQuery(id: string) {
  return queryOptions({
    queryKey: instructionKeys.mine(id),
    queryFn: ({ signal }): Promise<InboxItem> => unwrap(gz.GET('/api/v1/instructions/{id}/mine', { params: { path: { id } }, signal })),
  });
}

/** The worker's households for one instruction. */
export function householdsQuery(id: string) {
  return queryOptions({
    queryKey: instructionKeys.households(id),
    queryFn: ({ signal }): Promise<AssignedHousehold[]> => unwrap(gz.GET('/api/v1/instructions/{id}/households', { params: { path: { id } }, signal })),
  });
}

/** A page of the households under a node never reached. */
export function unreachedQuery(id: string, q: { path: string; limit: number; offset: number }) {
  return queryOptions({
    queryKey: instructionKeys.unreached(id, q),
    queryFn: ({ signal }): Promise<Page<UnreachedHousehold>> => unwrap(gz.GET('/api/v1/instructions/{id}/unreached', { params: { path: { id }, query: q }, signal })),
  });
}

/** A household's personal link (no sign-in). */
export function linkQuery(token: string) {
  return queryOptions({
    queryKey: instructionKeys.link(token),
    queryFn: ({ signal }): Promise<LinkView> => unwrap(gz.GET('/api/v1/instruction-links/{token}', { params: { path: { token } }, signal })),
  });
}
