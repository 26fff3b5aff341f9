import { and, sql } from 'drizzle-orm';
import { chinaDay, placeEntry, postingWindow, type Action } from '@gongzhi/core';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { postEntry, type NewEntry } from './funds.ledger.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { inScope, scopeFor } from '../../platform/authz/scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { mayOnFund } from './funds.policy.ts';

/** What the services need of a fund. */
export interface FundAccess { id: string; code: string; name: string; kind: string; regionPath: string; districtCode: string; bankBalance: bigint;
  /** The last closed month ("YYYY-MM"), or null. */
  closedThrough: string | null }

/**
 * Loads a fund the actor may act on: out of their regions it is missing (404), in their regions
 * without the right role it is forbidden (403).
 */
export async function fundFor(db: DbOrTx, actor: Actor, fundId: string, action: Action): Promise<FundAccess> {
  const [f] = (await db.execute<{ id: string; code: string; name: string; kind: string; region_path: string; district_code: string; bank_balance: string; closed: string | null }>(sql`
    SELECT id, code, name, kind, region_path, district_code, bank_balance, to_char(closed_through, 'YYYY-MM') AS closed FROM funds
    WHERE ${and(sql`id = ${fundId}`, inScope(scopeFor(actor, 'fund.read'), { region: sql`region_path` }))}`)).rows;
  if (!f) throw new AppError('FUND_NOT_FOUND');
  if (!mayOnFund(actor, action, { regionPath: f.region_path })) throw new AppError('FORBIDDEN');
  return { id: f.id, code: f.code, name: f.name, kind: f.kind, regionPath: f.region_path, districtCode: f.district_code, bankBalance: BigInt(f.bank_balance), closedThrough: f.closed };
}

/**
 * The largest single entry: ¥10 billion, far above any community fund's movement, so that balances
 * and monthly totals stay far inside PostgreSQL's bigint (an 18-digit amount overflowed them).
 */
export const MAX_ENTRY_FEN = 1_000_000_000_000n;

/** Parses an amount in fen from JSON: a positive integer or a string of digits up to MAX_ENTRY_FEN; anything else is refused. */

export function fenFrom(input: string | number): bigint {
  let fen: bigint;
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input <= 0) throw new AppError('FUND_AMOUNT_INVALID');
    fen = BigInt(input);
  } else {
    if (typeof input !== 'string' || !/^\d{1,18}$/.test(input.trim())) throw new AppError('FUND_AMOUNT_INVALID');
    fen = BigInt(input.trim());
  }
  if (fen <= 0n || fen > MAX_ENTRY_FEN) throw new AppError('FUND_AMOUNT_INVALID');
  return fen;
}

/** Throws unless the fund is of one of the kinds. */
export function requireKind(fund: { kind: string }, kinds: readonly string[]): void {
  const names: Record<string, string> = { charity: '慈善基金', development: '发展基金', protection: '保障资金', common: '共有资金' };
  if (!kinds.includes(fund.kind)) throw new AppError('FUND_KIND_MISMATCH', { kinds: kinds.map((k) => names[k] ?? k).join('、') });
}

/**
 * Posts into a fund in one statement, with the checks of {@link fundFor} and {@link requireKind}
 * folded into it (the fund must be of `kinds` and inside the actor's scope for `action`), so an
 * ordinary income costs one round trip. When the statement writes nothing, the fund is loaded the
 * slow way to say exactly why: missing or out of scope (404), not allowed (403), wrong kind (422).
 */
export async function postGuarded(db: Db, actor: Actor, fundId: string, action: Action, kinds: readonly string[], entry: NewEntry) {
  const guard = and(sql`kind = ANY(${sql`ARRAY[${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}]::text[]`})`, inScope(scopeFor(actor, action), { region: sql`region_path` }));
  try {
    return await postEntry(db, actor, { id: fundId }, entry, { guard });
  } catch (e) {
    if (e instanceof AppError && e.code === 'FUND_NOT_FOUND') requireKind(await fundFor(db, actor, fundId, action), kinds);
    throw e;
  }
}

/**
 * Where an entry of the fund dated `occurredOn` (its own date; today when not given) is posted, by the
 * pure calendar rules: refused after today (China time) or before the configured window; inside a
 * closed month it is posted today with its own date kept beside.
 */
export function placeOnFund(fund: { closedThrough: string | null }, occurredOn: string | undefined, now: Date, backdateDays: number): { postedOn: string; originalOn: string | null } {
  const cal = { today: chinaDay(now), closedThrough: fund.closedThrough, maxBackdateDays: backdateDays };
  const p = placeEntry(occurredOn, cal);
  if (!p.ok) throw new AppError(p.refusal, { today: cal.today, earliest: postingWindow({ ...cal, closedThrough: null }).earliest });
  return { postedOn: p.postedOn, originalOn: p.originalOn };
}
