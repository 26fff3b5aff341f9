import type { z } from 'zod';
import { maskName } from '@gongzhi/core';
import type { MyBank, OfficeBooks, PriorityView, RankingView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { residentNameOf } from '../org/people.service.ts';
import { historyOf, itemsFor, itemsUnder, monthReport, officeBalances, ordersOf, ordersUnder, personAccount, priorityList, publishedRankings, rulesFor, transactionsUnder } from './bank.repository.ts';
import { presentItem, presentOrder, presentTx } from './bank.presenter.ts';
import { officeInScope } from './bank.order.service.ts';
import { residentOf } from './bank.service.ts';
import { residentRegionPath } from '../org/people.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { redemptionUnlocked } from './bank.policy.ts';

/** The resident's own account: balance, unlock progress, rules and history. */
export async function myBank(db: Db, actor: Actor): Promise<z.infer<typeof MyBank>> {
  const personId = residentOf(actor);
  const acc = await personAccount(db, personId);
  const path = acc?.regionPath ?? (await residentRegionPath(db, personId));
  if (!path) throw new AppError('BANK_NO_ACCOUNT');
  const rules = await rulesFor(db, path.slice(0, 6));
  const earned = acc?.earnedMinutes ?? 0n;
  return {
    balance: (acc?.balance ?? 0n).toString(), earnedMinutes: Number(earned), unlockMinutes: rules.unlockMinutes, unlocked: redemptionUnlocked(earned, rules),
    cap: rules.balanceCap.toString(), expiry: rules.expiry, history: acc ? (await historyOf(db, acc.id)).map(presentTx) : [],
  };
}

/** What the resident may order. */
export async function myCatalogue(db: Db, actor: Actor) {
  const path = await residentRegionPath(db, residentOf(actor));
  if (!path) throw new AppError('BANK_NO_ACCOUNT');
  return (await itemsFor(db, path)).map(presentItem);
}

/** The resident's orders. */
export async function myOrders(db: Db, actor: Actor) {
  return (await ordersOf(db, residentOf(actor))).map(presentOrder);
}

/** An office's catalogue (staff). */
export async function officeItems(db: Db, actor: Actor, regionId: string) {
  const office = await officeInScope(db, actor, regionId, 'bank.read');
  return (await itemsUnder(db, scopeFor(actor, 'bank.read'), office.regionPath)).map(presentItem);
}

/** Orders over an office's subtree (staff), open ones first. */
export async function officeOrders(db: Db, actor: Actor, regionId: string) {
  const office = await officeInScope(db, actor, regionId, 'bank.read');
  return (await ordersUnder(db, scopeFor(actor, 'bank.read'), office.regionPath, residentNameOf)).map(presentOrder);
}

/** An office's books: system balances and outstanding points, a report by month, the last transactions; a tier above sums its subtree. */
export async function officeBooks(db: Db, actor: Actor, regionId: string): Promise<z.infer<typeof OfficeBooks>> {
  const office = await officeInScope(db, actor, regionId, 'bank.read');
  const [balances, months, txs] = await Promise.all([officeBalances(db, office.regionPath), monthReport(db, office.regionPath), transactionsUnder(db, office.regionPath)]);
  return {
    office: { id: office.id, name: office.name, tier: office.tier },
    accounts: balances.filter((b) => b.kind !== 'person').map((b) => ({ kind: b.kind, balance: String(b.balance) })),
    outstanding: String(balances.find((b) => b.kind === 'person')?.balance ?? '0'),
    months: months.map((m) => ({ month: m.month, issued: String(m.issued), redeemed: String(m.redeemed), expired: String(m.expired) })),
    transactions: txs.map((t) => presentTx({ ...t, change: null })),
  };
}

/** An office's priority list (names of the community's own people, for its staff). */
export async function officePriority(db: Db, actor: Actor, regionId: string): Promise<z.infer<typeof PriorityView>[]> {
  const office = await officeInScope(db, actor, regionId, 'bank.read');
  return (await priorityList(db, office.id, residentNameOf)).map((r) => ({ id: r.row.id, personId: r.row.personId, name: r.name ?? '', reason: r.row.reason, position: r.row.position, received: String(r.received) }));
}

/** Every published honour roll, newest month first, names masked (public). */
export async function publicRankings(db: Db): Promise<z.infer<typeof RankingView>[]> {
  const rows = await publishedRankings(db);
  const lists = new Map<string, z.infer<typeof RankingView>>();
  for (const r of rows) {
    const key = `${r.month}|${r.regionPath}`;
    if (!lists.has(key)) lists.set(key, { region: r.regionName, month: r.month, publishedAt: r.publishedAt.toISOString(), rows: [] });
    lists.get(key)!.rows.push({ rank: r.rank, name: r.maskedName, points: r.points.toString() });
  }
  return [...lists.values()];
}

/** Masks a name for the public roll (张*明). */
export const publicName = (name: string | null): string => (name ? maskName(name) : '***');
