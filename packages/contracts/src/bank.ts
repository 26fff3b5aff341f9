import { z } from 'zod';

/**
 * The charity bank (公益银行, 时间银行): a points ledger with the funds' discipline, an exchange
 * catalogue with orders, a priority list for donated points and monthly honour rolls. Points are
 * whole numbers, carried as strings of digits in JSON (bigint on the server).
 */

/** The three tiers of offices: district head office, street branch, community savings office. */
export const BANK_TIERS = ['head', 'branch', 'savings'] as const;
export type BankTier = (typeof BANK_TIERS)[number];
/** Kinds of points transaction. */
export const BANK_TX_KINDS = ['earn', 'gift', 'donate', 'distribute', 'order', 'cancel', 'redeem', 'expire'] as const;
export type BankTxKind = (typeof BANK_TX_KINDS)[number];
/** What happens to unspent points at the end of a year. */
export const BANK_EXPIRY = ['rollover', 'expire_end_of_year'] as const;
export type BankExpiry = (typeof BANK_EXPIRY)[number];
export const BANK_ORDER_STATES = ['ordered', 'fulfilled', 'received', 'cancelled'] as const;
export type BankOrderState = (typeof BANK_ORDER_STATES)[number];

/** Whole points: a JSON integer or a string of digits; the service refuses zero, negatives and fractions. */
export const Points = z.union([z.string().max(20), z.number()]);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const GiftBody = z.object({ toPersonId: z.uuid(), points: Points, note: z.string().trim().max(200).optional() });
export const DonateBody = z.object({ points: Points });
export const DistributeBody = z.object({ points: Points });
export const OrderBody = z.object({ itemId: z.uuid() });
export const ItemBody = z.object({
  regionId: z.uuid(), provider: Text(80), title: Text(80), description: z.string().trim().max(500).optional(),
  price: Points, stock: z.number().int().min(0).max(100_000), perPersonLimit: z.number().int().min(1).max(100).default(1),
  active: z.boolean().default(true),
});
export const ItemPatch = z.object({ stockAdd: z.number().int().min(-100_000).max(100_000).optional(), active: z.boolean().optional() });
export const PriorityBody = z.object({ personId: z.uuid(), reason: Text(100) });
export const PublishBody = z.object({ regionId: z.uuid(), month: Month });
export const RulesBody = z.object({
  regionId: z.uuid(), balanceCap: Points, unlockMinutes: z.number().int().min(0).max(1_000_000),
  expiry: z.enum(BANK_EXPIRY),
});

export const BankTxView = z.object({
  id: z.uuid(), kind: z.enum(BANK_TX_KINDS), memo: z.string(), points: z.string(), createdAt: z.string(),
  /** The account's own change (signed), in "my history" and an office's books. */
  change: z.string().nullable(),
});
export const MyBank = z.object({
  balance: z.string(), earnedMinutes: z.number().int(), unlockMinutes: z.number().int(), unlocked: z.boolean(),
  cap: z.string(), expiry: z.enum(BANK_EXPIRY), history: z.array(BankTxView),
});
export const ItemView = z.object({
  id: z.uuid(), office: z.string(), provider: z.string(), title: z.string(), description: z.string().nullable(),
  price: z.string(), stock: z.number().int(), perPersonLimit: z.number().int(), active: z.boolean(),
});
export const OrderView = z.object({
  id: z.uuid(), itemId: z.uuid(), title: z.string(), provider: z.string(), person: z.string(), price: z.string(),
  state: z.enum(BANK_ORDER_STATES), createdAt: z.string(),
});
export const PriorityView = z.object({ id: z.uuid(), personId: z.uuid(), name: z.string(), reason: z.string(), position: z.number().int(), received: z.string() });
export const OfficeBooks = z.object({
  office: z.object({ id: z.uuid(), name: z.string(), tier: z.enum(BANK_TIERS) }),
  accounts: z.array(z.object({ kind: z.string(), balance: z.string() })),
  outstanding: z.string(),
  months: z.array(z.object({ month: z.string(), issued: z.string(), redeemed: z.string(), expired: z.string() })),
  transactions: z.array(BankTxView),
});
export const RankingView = z.object({
  region: z.string(), month: z.string(), publishedAt: z.string(),
  rows: z.array(z.object({ rank: z.number().int(), name: z.string(), points: z.string() })),
});
