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

/**
 * The fen of an amount the form's {@link amountRule} has already accepted. Should one slip through
 * unparsed, the text goes as it is and the API answers VALIDATION_FAILED under the field.
 */
export function checkedFen(input: string): string {
  return fenOf(input) ?? input;
}

/** An antd form rule: a positive amount in yuan with at most two decimals. */
export const amountRule = (message: string) => ({
  validator: async (_: unknown, v: unknown) => {
    if (fenOf(v as string) === null) throw new Error(message);
  },
});

/** The standard accounts' readable names, by the ledger name's first two segments; the rest as written. */
const KNOWN_ACCOUNTS: Record<string, string> = {
  'assets:bank': 'bank', 'income:donations': 'donations', 'income:allocations': 'allocations', 'income:levies': 'levies',
  'income:enterprise-profits': 'enterpriseProfits', 'income:property-fees': 'propertyFees', 'income:common-revenue': 'commonRevenue',
};

/**
 * A ledger account for people: "income:common-revenue:停车" → "公共收益 · 停车", "expenses:助老:社区项目" →
 * "支出 · 助老 · 社区项目". The hledger export keeps the names as they are.
 */
export function accountLabel(name: string, t: (key: string) => string): string {
  const parts = name.split(':');
  const head = parts.slice(0, 2).join(':');
  const key = KNOWN_ACCOUNTS[head];
  if (key) return [t(`funds.account.${key}`), ...parts.slice(2)].join(' · ');
  if (parts[0] === 'expenses') return [t('funds.account.expenses'), ...parts.slice(1)].join(' · ');
  return name;
}
