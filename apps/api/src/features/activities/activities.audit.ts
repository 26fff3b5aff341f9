/** What activities write to the audit log. */
export type ActivitiesAuditAction =
  | 'activity.create'
  | 'activity.cancel'
  | 'activity.signup'
  | 'activity.signup_cancel'
  | 'activity.check_in'
  | 'activity.check_out'
  | 'activity.attendance_mark';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<ActivitiesAuditAction, true> {}
}
