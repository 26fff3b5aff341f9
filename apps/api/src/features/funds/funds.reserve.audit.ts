/** What fund reservations write to the audit log. */
export type FundReserveAuditAction = 'fund.reserve' | 'fund.reserve.release';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<FundReserveAuditAction, true> {}
}
