import type { BankTxKind } from '@gongzhi/contracts';

/** What the charity bank writes to the audit log; every points transaction is `bank.<kind>`. */
export type BankAuditAction =
  | `bank.${BankTxKind}`
  | 'bank.earn_refused'
  | 'bank.item.create'
  | 'bank.item.update'
  | 'bank.order.fulfil'
  | 'bank.priority.add'
  | 'bank.priority.remove'
  | 'bank.rules.set'
  | 'bank.ranking.publish';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<BankAuditAction, true> {}
}
