/** What a project's money writes to the audit log. */
export type MoneyAuditAction = 'project.money_reserve' | 'project.money_release' | 'project.instalment_request' | 'project.instalment_paid';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<MoneyAuditAction, true> {}
}
