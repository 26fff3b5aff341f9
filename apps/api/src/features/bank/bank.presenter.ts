import type { z } from 'zod';
import type { BankTxView, ItemView, OrderView } from '@gongzhi/contracts';
import type { ItemRow, OrderRow } from './bank.repository.ts';

/** A transaction as lists show it (points as strings of digits). */
export function presentTx(t: { id: string; kind: z.infer<typeof BankTxView>['kind']; memo: string; points: bigint; createdAt: Date; change?: string | null }): z.infer<typeof BankTxView> {
  return { id: t.id, kind: t.kind, memo: t.memo, points: t.points.toString(), createdAt: t.createdAt.toISOString(), change: t.change == null ? null : String(t.change) };
}

/** A catalogue item. */
export function presentItem(r: { item: ItemRow; office: string }): z.infer<typeof ItemView> {
  const i = r.item;
  return { id: i.id, office: r.office, provider: i.provider, title: i.title, description: i.description, price: i.price.toString(), stock: i.stock, perPersonLimit: i.perPersonLimit, active: i.active };
}

/** An order; `person` is the orderer's name for staff, "我" on the resident's own list. */
export function presentOrder(r: { order: OrderRow; title: string; provider: string; person?: string | null }): z.infer<typeof OrderView> {
  const o = r.order;
  return { id: o.id, itemId: o.itemId, title: r.title, provider: r.provider, person: r.person ?? '我', price: o.price.toString(), state: o.state, createdAt: o.createdAt.toISOString() };
}
