/** What the privacy feature writes to the audit log. */
export type PrivacyAuditAction =
  | 'privacy.export'
  | 'privacy.erase';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<PrivacyAuditAction, true> {}
}
