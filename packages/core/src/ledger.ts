/**
 * Pure rules of the funds ledger: the 3% levy, the shape of a valid double-entry transaction, and
 * exact parsing/formatting of fen. Amounts are bigint fen everywhere; no binary floats touch money.
 */
import { formatHundredths } from './decimal.ts';

/** Why a ledger rule refused its input. */
export type LedgerErrorCode =
  | 'LEDGER_TOO_FEW_POSTINGS'
  | 'LEDGER_AMOUNT_NOT_INTEGER'
  | 'LEDGER_AMOUNT_ZERO'
  | 'LEDGER_UNBALANCED'
  | 'LEDGER_NEGATIVE_TURNOVER'
  | 'LEDGER_BAD_RATE';

/** Thrown by the ledger rules; `code` is stable, `index` points at the offending posting. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly index?: number,
  ) {
    super(message);
  }
}

/** The levy on a service-complex operator's turnover, in basis points (3%). */
export const LEVY_RATE_BP = 300n;

/**
 * The levy on a month's turnover: `turnover × rate`, rounded half up to the fen, computed once in
 * integers ("half up": 0.5 fen and above rounds away from zero; turnover is never negative).
 * levyOnTurnover(1_000_050n) = 30_002n (30 001.5 fen → 30 002).
 * @throws LedgerError on a negative or non-bigint turnover, or a rate outside 0..10000 bp.
 */
export function levyOnTurnover(turnoverFen: bigint, rateBp: bigint = LEVY_RATE_BP): bigint {
  if (typeof turnoverFen !== 'bigint') throw new LedgerError('LEDGER_AMOUNT_NOT_INTEGER', 'turnover must be a bigint');
  if (turnoverFen < 0n) throw new LedgerError('LEDGER_NEGATIVE_TURNOVER', 'turnover must not be negative');
  if (typeof rateBp !== 'bigint' || rateBp < 0n || rateBp > 10_000n) {
    throw new LedgerError('LEDGER_BAD_RATE', 'rate must be 0..10000 basis points');
  }
  return (turnoverFen * rateBp + 5_000n) / 10_000n;
}

/** One line of a transaction: positive = debit (money into an asset / an expense), negative = credit. */
export interface PostingInput {
  amount: bigint;
}

/**
 * Checks that postings form a valid double-entry transaction: at least two, each amount a non-zero
 * bigint, summing to exactly zero. Returns the total debited (the transaction's size).
 * @throws LedgerError with the first problem found.
 */
export function validatePostings(postings: readonly PostingInput[]): bigint {
  if (!Array.isArray(postings) || postings.length < 2) {
    throw new LedgerError('LEDGER_TOO_FEW_POSTINGS', 'a transaction needs at least two postings');
  }
  let sum = 0n;
  let debits = 0n;
  postings.forEach((p, i) => {
    const a = p?.amount;
    if (typeof a !== 'bigint') throw new LedgerError('LEDGER_AMOUNT_NOT_INTEGER', `posting ${i}: amount must be whole fen`, i);
    if (a === 0n) throw new LedgerError('LEDGER_AMOUNT_ZERO', `posting ${i}: amount must not be zero`, i);
    sum += a;
    if (a > 0n) debits += a;
  });
  if (sum !== 0n) throw new LedgerError('LEDGER_UNBALANCED', `postings sum to ${sum} fen, not zero`);
  return debits;
}

/** The postings that undo a transaction: same accounts, opposite signs. */
export function reversePostings<P extends PostingInput>(postings: readonly P[]): P[] {
  return postings.map((p) => ({ ...p, amount: -p.amount }));
}

const FEN_TEXT = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses a positive yuan amount with at most two decimals into fen: "288" → 28800n, "0.05" → 5n.
 * Returns null for anything else (negative, zero, more places, exponents, floats that print with
 * more places). Integers of any size are exact because the digits go straight into a bigint.
 */
export function parseYuanToFen(input: string | number | bigint): bigint | null {
  let text: string;
  if (typeof input === 'bigint') text = input.toString();
  else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    text = String(input);
  } else if (typeof input === 'string') text = input.trim();
  else return null;
  const m = FEN_TEXT.exec(text);
  if (!m) return null;
  const fen = BigInt(m[1]! + (m[2] ?? '').padEnd(2, '0'));
  return fen > 0n ? fen : null;
}

/** Formats fen as yuan with exactly two places ("-12.30"); for journals and statements. */
export function fenToYuan(fen: bigint): string {
  const neg = fen < 0n;
  const digits = (neg ? -fen : fen).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A dividend's rate per m², as {@link dividendRate} gives it. */
export interface DividendRate {
  /** The rate in 0.0001 yuan (0.01 fen) per m², rounded half up. */
  tenThousandthsYuan: bigint;
  /** Whether the rate is a whole number of fen per m² (then `text` has two places, else four). */
  wholeFen: boolean;
  /** Yuan per m² as shown: "4.00" when whole fen, else four places ("0.3333"). */
  text: string;
}

/**
 * THE rate of a dividend per square metre: the dividend over the compound's total area (in 0.01 m²).
 * Every place that shows or stores a rate uses this one function, so the rate stored with a dividend,
 * the one its page shows and the one each owner's statement line reads can never disagree. When the
 * rate is a whole number of fen per m² it is exact to the fen; otherwise it is kept to 0.01 fen
 * (four places of yuan, rounded half up) so that a small dividend over a large compound does not
 * read "¥0.00/m²".
 */
export function dividendRate(totalFen: bigint, totalAreaCentiM2: bigint): DividendRate {
  if (totalAreaCentiM2 <= 0n) throw new LedgerError('LEDGER_BAD_RATE', 'area must be positive');
  const fenPerM2Times100 = totalFen * 100n; // fen per m² is this over the total area
  if (fenPerM2Times100 % totalAreaCentiM2 === 0n) {
    const fen = fenPerM2Times100 / totalAreaCentiM2;
    return { tenThousandthsYuan: fen * 100n, wholeFen: true, text: fenToYuan(fen) };
  }
  const t = (fenPerM2Times100 * 100n * 2n + totalAreaCentiM2) / (totalAreaCentiM2 * 2n);
  return { tenThousandthsYuan: t, wholeFen: false, text: `${t / 10000n}.${(t % 10000n).toString().padStart(4, '0')}` };
}

/** Hundredths of a m² as "72", "72.5" or "72.37" (trailing zeros dropped). */
function squareMetres(areaCentiM2: bigint): string {
  return formatHundredths(areaCentiM2).replace(/\.?0+$/, '');
}

/**
 * An owner's dividend statement line, "72 m² × ¥4.00/m² = ¥288.00", that a reader can check by hand.
 * The rate is {@link dividendRate}'s. The sign is "=" only when area × exact rate is exactly the
 * amount paid; a share rounded to the fen (largest remainder) reads "≈".
 */
export function dividendStatementLine(areaCentiM2: bigint, totalFen: bigint, totalAreaCentiM2: bigint, amountFen: bigint): string {
  const rate = dividendRate(totalFen, totalAreaCentiM2).text;
  const product = areaCentiM2 * totalFen; // exact share × total area
  const exact = product % totalAreaCentiM2 === 0n && product / totalAreaCentiM2 === amountFen;
  return `${squareMetres(areaCentiM2)} m² × ¥${rate}/m² ${exact ? '=' : '≈'} ¥${fenToYuan(amountFen)}`;
}

/** What a pending two-person operation does when approved (mirrors contracts' PENDING_KINDS). */
export type PendingOperationKind = 'expense' | 'dividend' | 'reversal';

/**
 * The fund's bank balance after a pending operation would be approved, in fen: an expense or a
 * dividend pays out its amount; a reversal undoes what its original did to the bank (a donation's
 * reversal takes the money out again, an expense's puts it back). `originalBankFen` is the sum of the
 * original's bank postings and is required for a reversal. The approver reads this before confirming.
 * balanceAfterApproval(10_000n, 'expense', 2_500n) = 7_500n; (10_000n, 'reversal', 0n, -2_500n) = 12_500n.
 */
export function balanceAfterApproval(balanceFen: bigint, kind: PendingOperationKind, amountFen: bigint, originalBankFen?: bigint): bigint {
  switch (kind) {
    case 'expense':
    case 'dividend':
      return balanceFen - amountFen;
    case 'reversal':
      if (originalBankFen === undefined) throw new LedgerError('LEDGER_AMOUNT_NOT_INTEGER', 'a reversal needs the bank postings of its original');
      return balanceFen - originalBankFen;
  }
}
