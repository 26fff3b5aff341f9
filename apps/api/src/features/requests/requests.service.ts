import type { z } from 'zod';
import type { RequestDetail, RequestListQuery, RequestSummary } from '@gongzhi/contracts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { found } from '../../platform/errors/app-error.ts';
import { findRegion } from '../org/region.repository.ts';
import { findRequest, listRequestRows, loadRequestDetail, type RequestRow } from './requests.repository.ts';
import { allowedFor, readerOf, seesInternals } from './requests.policy.ts';
import { presentDetail, presentSummary } from './requests.presenter.ts';

/** A page of the requests an actor may see, newest first, with filters for the work queues. */
export async function listRequests(db: DbOrTx, actor: Actor, q: z.infer<typeof RequestListQuery>): Promise<{ items: RequestSummary[]; total: number }> {
  const { regionId, ...filter } = q;
  const regionCode = regionId ? found(await findRegion(db, actor, regionId, 'request.read'), 'REGION_NOT_FOUND').code : undefined;
  const { rows, total } = await listRequestRows(db, readerOf(actor), { ...filter, regionCode });
  return { items: rows.map(presentSummary), total };
}

/**
 * A request with its timeline, handlers and what the actor may do next (as of `now`, the
 * deadlines' clock): loaded in scope, judged by the policy, shaped by the presenter.
 */
export async function requestDetail(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<RequestDetail> {
  const base = found(await findRequest(db, readerOf(actor), id), 'REQUEST_NOT_FOUND');
  const d = await loadRequestDetail(db, base, actor.userId);
  const coDepts = d.handlers.flatMap((h) => (h.h.organisationId ? [h.h.organisationId] : []));
  return presentDetail(actor, d, { staff: seesInternals(actor, base, coDepts), allowed: allowedFor(actor, base, coDepts, now) });
}

/** One request the actor may see, or REQUEST_NOT_FOUND: for other features that refer to a request. */
export async function requestFor(db: DbOrTx, actor: Actor, id: string): Promise<RequestRow> {
  return found(await findRequest(db, readerOf(actor), id), 'REQUEST_NOT_FOUND');
}
