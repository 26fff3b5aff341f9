/** What the Open311 console writes to the audit log. */
export type Open311AuditAction =
  | 'open311_key.create'
  | 'open311_key.revoke';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<Open311AuditAction, true> {}
}
