/** Steps 5–7 of a project: its delivery view; every delivery write marks the project's queries stale too (the trail changes). */
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { projectKeys } from './projects.queries.ts';

export type DeliveryView = z.infer<typeof C.DeliveryView>;
export const deliveryKey = (id: string) => [...projectKeys.all, 'delivery', id] as const;

export const deliveryQuery = (id: string) => queryOptions({
  queryKey: deliveryKey(id),
  queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/projects/{id}/delivery', { params: { path: { id } }, signal })),
});

/** Statuses from which a project has a delivery to show. */
export const DELIVERY_STATUSES: readonly string[] = ['in_progress', 'accepting', 'rectifying', 'accepted', 'closed'];
