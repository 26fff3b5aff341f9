import { formatHundredths, parseYuanToFen } from '@gongzhi/core';

/** "¥1,234.50" from fen as the API sends them (a string of digits, bigint on the server). */
export function yuan(fen: string | bigint): string {
  return `¥${formatHundredths(BigInt(fen), { thousands: true })}`;
}

/** Fen as a string of digits from what a person typed in yuan ("12.3"), or null when it is not an amount. */
export function fenOf(input: string | number | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const fen = parseYuanToFen(String(input));
  return fen === null ? null : fen.toString();
}

/** An antd form rule: a positive amount in yuan with at most two decimals. */
export const amountRule = (message: string) => ({
  validator: async (_: unknown, v: unknown) => {
    if (fenOf(v as string) === null) throw new Error(message);
  },
});
