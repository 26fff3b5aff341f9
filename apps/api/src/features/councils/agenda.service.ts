import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateAgendaItemBody } from '@gongzhi/contracts';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize, ensure } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { requestFor } from '../requests/requests.service.ts';
import { councilAgendaItems, councilCosigns } from './councils.table.ts';
import { findAgendaItem, findCouncil, findResolution, hasCosigned, type AgendaRow } from './councils.repository.ts';
import { livesIn, mayManage } from './councils.policy.ts';
import { scopeFor } from '../../platform/authz/scope.ts';

/**
 * Puts an item on a council's agenda. Staff bring small matters (a request sorted as 小事, read
 * through the requests feature with the actor's own rights) and the party organisation's items;
 * residents of the council's area propose, and their proposal waits for co-signatures.
 */
export async function addAgendaItem(db: Db, actor: Actor, councilId: string, body: z.infer<typeof CreateAgendaItemBody>): Promise<AgendaRow> {
  const request = body.source === 'small_matter' && body.requestId ? await requestFor(db, actor, body.requestId) : null;
  return db.transaction(async (tx) => {
    const council = found(await findCouncil(tx, scopeFor(actor, 'council.read'), councilId), 'COUNCIL_NOT_FOUND').c;
    let state: AgendaRow['state'] = 'open';
    let cosign = { cosignThreshold: 0, cosignCount: 0 };
    if (body.source === 'proposal') {
      authorize(actor, 'council.propose');
      if (!livesIn(actor, 'council.propose', council.regionPath)) throw new AppError('NOT_IN_COUNCIL_AREA');
      // The proposer's own signature is the first.
      cosign = { cosignThreshold: council.cosignThreshold, cosignCount: 1 };
      state = council.cosignThreshold <= 1 ? 'open' : 'collecting';
    } else {
      ensure(mayManage(actor, council.regionPath));
      if (body.source === 'small_matter') {
        if (!request) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/requestId', message: 'required for a small matter' }]);
        if (request.matter !== 'small') throw new AppError('REQUEST_NOT_SMALL');
      }
    }
    const [row] = await tx.insert(councilAgendaItems).values({
      councilId, regionPath: council.regionPath, districtCode: council.districtCode, source: body.source, title: body.title,
      description: body.description || request?.description || '', requestId: request?.id ?? null, requestNumber: request?.number ?? null,
      state, proposerUserId: actor.userId, ...cosign,
    }).returning();
    if (body.source === 'proposal') await tx.insert(councilCosigns).values({ agendaItemId: row!.id, userId: actor.userId });
    await audit(tx, actor, { action: 'council.agenda_add', subjectType: 'council_agenda_item', subjectId: row!.id, regionPath: council.regionPath, after: row });
    return row!;
  });
}

/**
 * A resident of the council's area co-signs a proposal (联署); reaching the council's threshold puts
 * it on the agenda. One signature per person.
 */
export async function cosign(db: Db, actor: Actor, itemId: string): Promise<AgendaRow> {
  return db.transaction(async (tx) => {
    const item = found(await findAgendaItem(tx, itemId, true), 'AGENDA_ITEM_NOT_FOUND');
    const council = found(await findCouncil(tx, scopeFor(actor, 'council.read'), item.councilId), 'AGENDA_ITEM_NOT_FOUND').c;
    authorize(actor, 'council.propose');
    if (!livesIn(actor, 'council.propose', council.regionPath)) throw new AppError('NOT_IN_COUNCIL_AREA');
    if (item.source !== 'proposal' || item.state !== 'collecting') throw new AppError('AGENDA_ITEM_STATE', { state: item.state });
    if (await hasCosigned(tx, itemId, actor.userId)) throw new AppError('ALREADY_COSIGNED');
    await tx.insert(councilCosigns).values({ agendaItemId: itemId, userId: actor.userId });
    const count = item.cosignCount + 1;
    const reached = count >= item.cosignThreshold;
    const [after] = await tx.update(councilAgendaItems).set({ cosignCount: sql`${councilAgendaItems.cosignCount} + 1`, ...(reached ? { state: 'open' as const } : {}) })
      .where(eq(councilAgendaItems.id, itemId)).returning();
    await audit(tx, actor, { action: 'council.cosign', subjectType: 'council_agenda_item', subjectId: itemId, regionPath: item.regionPath, details: { count, reached } });
    if (reached && item.proposerUserId) {
      await enqueue(tx, { channel: 'inbox', template: 'council.proposal_on_agenda', recipientUserId: item.proposerUserId, payload: { agendaItemId: itemId, title: item.title, councilId: council.id } });
    }
    return after!;
  });
}

/**
 * Puts the party organisation's item on a council's agenda inside the caller's transaction, for a
 * feature that brings its own record to the council (a round of community projects): the council must
 * be one the actor runs. Returns the item, whose id the caller keeps to find the resolution later.
 */
export async function addPartyItemIn(tx: Tx, actor: Actor, councilId: string, item: { title: string; description: string }): Promise<{ id: string; councilId: string; regionPath: string }> {
  const council = found(await findCouncil(tx, scopeFor(actor, 'council.read'), councilId), 'COUNCIL_NOT_FOUND').c;
  ensure(mayManage(actor, council.regionPath));
  const [row] = await tx.insert(councilAgendaItems).values({
    councilId, regionPath: council.regionPath, districtCode: council.districtCode, source: 'party', title: item.title,
    description: item.description, state: 'open', proposerUserId: actor.userId,
  }).returning();
  await audit(tx, actor, { action: 'council.agenda_add', subjectType: 'council_agenda_item', subjectId: row!.id, regionPath: council.regionPath, after: row });
  return { id: row!.id, councilId, regionPath: council.regionPath };
}

/** A council resolution's link to its agenda item and its state, for a feature that records the outcome. */
export async function resolutionOf(db: DbOrTx, id: string): Promise<{ id: string; agendaItemId: string | null; state: string; councilId: string } | undefined> {
  const row = await findResolution(db, id);
  return row && { id: row.r.id, agendaItemId: row.r.agendaItemId, state: row.r.state, councilId: row.r.councilId };
}
