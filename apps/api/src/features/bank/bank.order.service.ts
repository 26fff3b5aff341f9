import type { z } from 'zod';
import { chinaDay } from '@gongzhi/core';
import type { ItemBody, ItemPatch } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { regionInScope } from '../org/region.service.ts';
import { officeAccount, parsePoints, postPoints } from './bank.ledger.ts';
import {
  findItem, findOrder, insertItem, insertOrder, liveOrders, officeById, restock, rulesFor, setOrderState, takeStock, updateItem, type ItemRow, type OrderRow,
} from './bank.repository.ts';
import { ORDER_MOVES, redemptionUnlocked } from './bank.policy.ts';
import { officesAlong, openAccount, residentOf } from './bank.service.ts';

/** The office of a region the actor may act on with `action` (404 when out of scope). */
export async function officeInScope(db: Db, actor: Actor, regionId: string, action: 'bank.read' | 'bank.manage') {
  const region = await regionInScope(db, scopeFor(actor, action), regionId);
  if (!region || region.code.length > 12) throw new AppError('REGION_NOT_FOUND');
  return (await officesAlong(db, region.code)).at(-1)!;
}

/** Adds an item to an office's catalogue. */
export async function createItem(db: Db, actor: Actor, body: z.infer<typeof ItemBody>): Promise<ItemRow> {
  const price = parsePoints(body.price);
  const office = await officeInScope(db, actor, body.regionId, 'bank.manage');
  return db.transaction(async (tx) => {
    const item = await insertItem(tx, { officeId: office.id, regionPath: office.regionPath, districtCode: office.districtCode, provider: body.provider,
      title: body.title, description: body.description ?? null, price, stock: body.stock, perPersonLimit: body.perPersonLimit, active: body.active });
    await audit(tx, actor, { action: 'bank.item.create', subjectType: 'bank_item', subjectId: item.id, regionPath: item.regionPath, after: { title: item.title, price: price.toString(), stock: item.stock } });
    return item;
  });
}

/** Restocks (or takes out of stock, never below zero) and (de)activates an item. */
export async function changeItem(db: Db, actor: Actor, id: string, body: z.infer<typeof ItemPatch>): Promise<void> {
  await db.transaction(async (tx) => {
    const item = await findItem(tx, scopeFor(actor, 'bank.manage'), id, true);
    if (!item) throw new AppError('BANK_ITEM_NOT_FOUND');
    const stock = item.stock + (body.stockAdd ?? 0);
    if (stock < 0) throw new AppError('BANK_OUT_OF_STOCK');
    await updateItem(tx, id, { stock, active: body.active ?? item.active });
    await audit(tx, actor, { action: 'bank.item.update', subjectType: 'bank_item', subjectId: id, regionPath: item.regionPath, before: { stock: item.stock, active: item.active }, after: { stock, active: body.active ?? item.active } });
  });
}

/**
 * A resident orders an item: their points move to the office's escrow and one is taken from stock,
 * in one transaction. Refused before the unlock (BANK_REDEMPTION_LOCKED), past the per-person limit,
 * past their balance, or when none is left: the stock is taken by one conditional UPDATE, so of two
 * orders for the last one exactly one wins and the other gets BANK_OUT_OF_STOCK.
 */
export async function placeOrder(db: Db, actor: Actor, itemId: string, now: Date): Promise<OrderRow> {
  const personId = residentOf(actor);
  return db.transaction(async (tx) => {
    const account = await openAccount(tx, personId);
    const rules = await rulesFor(tx, account.districtCode);
    if (!redemptionUnlocked(account.earnedMinutes, rules)) {
      throw new AppError('BANK_REDEMPTION_LOCKED', { hours: Math.floor(rules.unlockMinutes / 60), done: (account.earnedMinutes / 60n).toString() });
    }
    // The resident may order what their community's, street's or district's office offers.
    // The item row is locked first, so the per-person limit and the stock are checked one order at a time.
    const item = await findItemFor(tx, itemId, account.regionPath);
    if (!item || !item.active) throw new AppError('BANK_ITEM_NOT_FOUND');
    if ((await liveOrders(tx, item.id, personId)) >= item.perPersonLimit) throw new AppError('BANK_LIMIT_REACHED', { limit: item.perPersonLimit });
    if (!(await takeStock(tx, item.id))) throw new AppError('BANK_OUT_OF_STOCK');
    const office = (await officeById(tx, item.officeId))!;
    const escrow = await officeAccount(tx, office, 'escrow');
    await postPoints(tx, actor, {
      kind: 'order', office, memo: `兑换：${item.title}`, personId, occurredOn: chinaDay(now),
      lines: [{ account, amount: -item.price }, { account: escrow, amount: item.price }],
    });
    return insertOrder(tx, { itemId: item.id, officeId: office.id, personId, regionPath: office.regionPath, districtCode: office.districtCode, price: item.price, state: 'ordered' });
  });
}

/** An item offered to someone living at `path` (an office on their path), else undefined. */
async function findItemFor(tx: Parameters<typeof findItem>[0], itemId: string, path: string): Promise<ItemRow | undefined> {
  const item = await findItem(tx, EVERYWHERE, itemId, true);
  return item && path.startsWith(item.regionPath) ? item : undefined;
}

/** Staff of the office hand the item over. */
export async function fulfilOrder(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const order = await findOrder(tx, { scope: scopeFor(actor, 'bank.manage') }, id, true);
    if (!order) throw new AppError('BANK_ORDER_NOT_FOUND');
    if (order.state !== ORDER_MOVES.fulfil.from) throw new AppError('BANK_ORDER_STATE');
    await setOrderState(tx, id, ORDER_MOVES.fulfil.to);
    await audit(tx, actor, { action: 'bank.order.fulfil', subjectType: 'bank_order', subjectId: id, regionPath: order.regionPath });
  });
}

/** The resident confirms receipt: the points leave escrow for the office's redeemed account. */
export async function confirmOrder(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  const personId = residentOf(actor);
  await db.transaction(async (tx) => {
    const order = await findOrder(tx, { personId }, id, true);
    if (!order) throw new AppError('BANK_ORDER_NOT_FOUND');
    if (order.state !== ORDER_MOVES.confirm.from) throw new AppError('BANK_ORDER_STATE');
    const office = (await officeById(tx, order.officeId))!;
    const [escrow, redeemed] = [await officeAccount(tx, office, 'escrow'), await officeAccount(tx, office, 'redeemed')];
    await postPoints(tx, actor, { kind: 'redeem', office, memo: '确认收货，积分兑付', personId, occurredOn: chinaDay(now),
      lines: [{ account: escrow, amount: -order.price }, { account: redeemed, amount: order.price }] });
    await setOrderState(tx, id, ORDER_MOVES.confirm.to);
  });
}

/** Cancels an order before it is fulfilled (the resident, or staff of the office): refund and restock. */
export async function cancelOrder(db: Db, actor: Actor, id: string, now: Date, asStaff: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const order = await findOrder(tx, asStaff ? { scope: scopeFor(actor, 'bank.manage') } : { personId: residentOf(actor) }, id, true);
    if (!order) throw new AppError('BANK_ORDER_NOT_FOUND');
    if (order.state !== ORDER_MOVES.cancel.from) throw new AppError('BANK_ORDER_STATE');
    const office = (await officeById(tx, order.officeId))!;
    const account = await openAccount(tx, order.personId);
    const escrow = await officeAccount(tx, office, 'escrow');
    await postPoints(tx, actor, { kind: 'cancel', office, memo: '取消兑换，退回积分', personId: order.personId, occurredOn: chinaDay(now),
      lines: [{ account: escrow, amount: -order.price }, { account, amount: order.price }] });
    await restock(tx, order.itemId);
    await setOrderState(tx, id, ORDER_MOVES.cancel.to);
  });
}
