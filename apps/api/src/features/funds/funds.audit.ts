import type { LedgerKind } from '@gongzhi/contracts';

/** What funds write to the audit log; every ledger entry is `fund.<kind>`. */
export type FundsAuditAction =
  | 'fund.create'
  | 'fund.budget'
  | 'fund.question'
  | 'fund.answer'
  | 'fund.attachment'
  | 'fund.expense.submit'
  | 'fund.expense.approve'
  | 'fund.expense.reject'
  | 'fund.month.propose'
  | 'fund.month.close'
  | 'fund.month.withdraw'
  | `fund.${LedgerKind}`;

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<FundsAuditAction, true> {}
}
