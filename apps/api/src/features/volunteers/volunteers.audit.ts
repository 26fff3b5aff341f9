/** What the volunteers feature writes to the audit log. */
export type VolunteersAuditAction =
  | 'volunteer.register'
  | 'volunteer.verify'
  | 'volunteer.reject'
  | 'volunteer.team_create'
  | 'volunteer.team_join'
  | 'volunteer.record'
  | 'volunteer.record_approve'
  | 'volunteer.record_reject'
  | 'volunteer.configure'
  | 'volunteer.certificate';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<VolunteersAuditAction, true> {}
}
