import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DistributeBody, DonateBody, GiftBody, ItemBody, ItemPatch, ItemView, MyBank, OfficeBooks, OrderBody, OrderView, PriorityBody, PriorityView, PublishBody, RankingView, RulesBody,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { addPriority, distributePool, donatePoints, givePoints, setRules } from './bank.service.ts';
import { cancelOrder, changeItem, confirmOrder, createItem, fulfilOrder, officeInScope, placeOrder } from './bank.order.service.ts';
import { myBank, myCatalogue, myOrders, officeBooks, officeItems, officeOrders, officePriority, publicRankings } from './bank.read.service.ts';
import { draftRanking, publishRanking } from './bank.ranking.service.ts';
import { presentItem } from './bank.presenter.ts';

const Moved = z.object({ id: z.uuid(), balance: z.string() });
const IdParams = z.object({ id: z.uuid() });
const RegionQuery = z.object({ regionId: z.uuid() });
const Done = z.object({ ok: z.literal(true) });

/** The charity bank (公益银行): the resident's account and orders, the office's staff pages, the public honour rolls. */
export async function bankRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['bank'];
  const use = { action: 'bank.use' } as const;
  const read = { action: 'bank.read', query: { regionId: 'regions' } } as const;
  const manage = { action: 'bank.manage' } as const;

  // The resident's side: their own account only (the actor's resident record), so no subject to scope.
  r.get('/api/v1/bank/me', { config: { access: use }, schema: { tags, summary: 'My points: balance, unlock progress, rules, history', response: { 200: MyBank } } },
    async (request) => myBank(db, requireActor(request)));
  r.post('/api/v1/bank/me/gifts', { config: { access: use }, schema: { tags, summary: 'Give points to a relative', body: GiftBody, response: { 201: Moved } } },
    async (request, reply) => {
      const m = await givePoints(db, requireActor(request), request.body, now());
      return reply.status(201).send({ id: m.id, balance: m.balance.toString() });
    });
  r.post('/api/v1/bank/me/donations', { config: { access: use }, schema: { tags, summary: "Donate points to the community's pool for the priority list", body: DonateBody, response: { 201: Moved } } },
    async (request, reply) => {
      const m = await donatePoints(db, requireActor(request), request.body, now());
      return reply.status(201).send({ id: m.id, balance: m.balance.toString() });
    });
  r.get('/api/v1/bank/catalogue', { config: { access: use }, schema: { tags, summary: 'What I may order: my community, street and district offices', response: { 200: z.array(ItemView) } } },
    async (request) => myCatalogue(db, requireActor(request)));
  r.get('/api/v1/bank/me/orders', { config: { access: use }, schema: { tags, summary: 'My orders', response: { 200: z.array(OrderView) } } },
    async (request) => myOrders(db, requireActor(request)));
  r.post('/api/v1/bank/orders', { config: { access: use }, schema: { tags, summary: 'Order an item (points held until I confirm receipt)', body: OrderBody, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send({ id: (await placeOrder(db, requireActor(request), request.body.itemId, now())).id }));
  r.post('/api/v1/bank/orders/:id/confirm', { config: { access: { ...use, subject: 'bank_orders' } }, schema: { tags, summary: 'Confirm I received the item', params: IdParams, response: { 200: Done } } },
    async (request) => { await confirmOrder(db, requireActor(request), request.params.id, now()); return { ok: true as const }; });
  r.post('/api/v1/bank/orders/:id/cancel', { config: { access: { ...use, subject: 'bank_orders' } }, schema: { tags, summary: 'Cancel my order before it is handed over (refund and restock)', params: IdParams, response: { 200: Done } } },
    async (request) => { await cancelOrder(db, requireActor(request), request.params.id, now(), false); return { ok: true as const }; });

  // The office's side.
  r.get('/api/v1/bank/items', { config: { access: read }, schema: { tags, summary: "An office's catalogue and its subtree's", querystring: RegionQuery, response: { 200: z.array(ItemView) } } },
    async (request) => officeItems(db, requireActor(request), request.query.regionId));
  r.post('/api/v1/bank/items', { config: { access: manage }, schema: { tags, summary: "Add an item to an office's catalogue", body: ItemBody, response: { 201: ItemView } } },
    async (request, reply) => {
      const item = await createItem(db, requireActor(request), request.body);
      return reply.status(201).send(presentItem({ item, office: '' }));
    });
  r.patch('/api/v1/bank/items/:id', { config: { access: { ...manage, subject: 'bank_items' } }, schema: { tags, summary: 'Restock or (de)activate an item', params: IdParams, body: ItemPatch, response: { 200: Done } } },
    async (request) => { await changeItem(db, requireActor(request), request.params.id, request.body); return { ok: true as const }; });
  r.get('/api/v1/bank/orders', { config: { access: read }, schema: { tags, summary: 'Orders to hand over, over an office and its subtree', querystring: RegionQuery, response: { 200: z.array(OrderView) } } },
    async (request) => officeOrders(db, requireActor(request), request.query.regionId));
  r.post('/api/v1/bank/orders/:id/fulfil', { config: { access: { ...manage, subject: 'bank_orders' } }, schema: { tags, summary: 'Hand an ordered item over', params: IdParams, response: { 200: Done } } },
    async (request) => { await fulfilOrder(db, requireActor(request), request.params.id); return { ok: true as const }; });
  r.post('/api/v1/bank/orders/:id/withdraw', { config: { access: { ...manage, subject: 'bank_orders' } }, schema: { tags, summary: 'Cancel an order for the resident (refund and restock)', params: IdParams, response: { 200: Done } } },
    async (request) => { await cancelOrder(db, requireActor(request), request.params.id, now(), true); return { ok: true as const }; });
  r.get('/api/v1/bank/books', { config: { access: read }, schema: { tags, summary: "An office's books: balances, outstanding, report by month (a tier above sums its subtree)", querystring: RegionQuery, response: { 200: OfficeBooks } } },
    async (request) => officeBooks(db, requireActor(request), request.query.regionId));
  r.get('/api/v1/bank/priority', { config: { access: read }, schema: { tags, summary: "A community's priority list for donated points", querystring: RegionQuery, response: { 200: z.array(PriorityView) } } },
    async (request) => officePriority(db, requireActor(request), request.query.regionId));
  r.post('/api/v1/bank/priority', { config: { access: manage }, schema: { tags, summary: 'Add a person to the priority list', body: PriorityBody.extend({ regionId: z.uuid() }), response: { 201: Done } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await addPriority(db, actor, await officeInScope(db, actor, request.body.regionId, 'bank.manage'), request.body);
      return reply.status(201).send({ ok: true as const });
    });
  r.post('/api/v1/bank/priority/distribute', { config: { access: manage }, schema: { tags, summary: 'Give points from the pool to the next person on the list', body: DistributeBody.extend({ regionId: z.uuid() }), response: { 201: z.object({ id: z.uuid(), personId: z.uuid() }) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await distributePool(db, actor, await officeInScope(db, actor, request.body.regionId, 'bank.manage'), request.body, now()));
    });
  r.put('/api/v1/bank/rules', { config: { access: manage }, schema: { tags, summary: "Set a district's rules (cap, unlock hours, year-end)", body: RulesBody, response: { 200: Done } } },
    async (request) => {
      const actor = requireActor(request);
      await setRules(db, actor, await officeInScope(db, actor, request.body.regionId, 'bank.manage'), request.body);
      return { ok: true as const };
    });
  r.get('/api/v1/bank/rankings/draft', { config: { access: read }, schema: { tags, summary: "A month's top earners before publishing", querystring: RegionQuery.extend({ month: PublishBody.shape.month }), response: { 200: RankingView } } },
    async (request) => draftRanking(db, requireActor(request), request.query.regionId, request.query.month));
  r.post('/api/v1/bank/rankings', { config: { access: manage }, schema: { tags, summary: "Publish a month's honour roll (frozen)", body: PublishBody, response: { 201: RankingView } } },
    async (request, reply) => reply.status(201).send(await publishRanking(db, requireActor(request), request.body, now())));

  r.get('/api/v1/public/bank/rankings', { config: { access: 'public' }, schema: { tags, summary: 'Published honour rolls (公益英雄榜), names masked', response: { 200: z.array(RankingView) } } },
    async () => publicRankings(db));
}
