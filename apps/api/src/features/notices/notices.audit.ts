/** What notices write to the audit log. */
export type NoticesAuditAction =
  | 'notice.publish'
  | 'notice.object'
  | 'notice.objection_answer'
  | 'notice.close'
  | 'notice.withdraw';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<NoticesAuditAction, true> {}
}
