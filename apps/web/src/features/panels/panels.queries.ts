/** The panels feature's queries. Every write marks `panelKeys.all` stale. */
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export type PanelDetail = z.infer<typeof C.PanelDetail>;
export type PanelSummary = z.infer<typeof C.PanelSummary>;

export const panelKeys = {
  all: ['panels'] as const,
  list: (q: object) => ['panels', 'list', q] as const,
  panel: (id: string) => ['panels', 'panel', id] as const,
};

export function panelsQuery(q: { limit: number; offset: number }) {
  return queryOptions({
    queryKey: panelKeys.list(q),
    queryFn: ({ signal }): Promise<Page<PanelSummary>> => unwrap(gz.GET('/api/v1/panels', { params: { query: q }, signal })),
  });
}

export function panelQuery(id: string) {
  return queryOptions({
    queryKey: panelKeys.panel(id),
    queryFn: ({ signal }): Promise<PanelDetail> => unwrap(gz.GET('/api/v1/panels/{id}', { params: { path: { id } }, signal })),
  });
}
