/** What visits write to the audit log. */
export type VisitsAuditAction =
  | 'visit.record'
  | 'visit.rule.set'
  | 'visit.change.approve'
  | 'visit.change.reject';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<VisitsAuditAction, true> {}
}
