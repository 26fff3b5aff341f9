/** What the party members' service writes to the audit log. */
export type PartyAuditAction =
  | 'party.report'
  | 'party.report_confirm'
  | 'party.report_return'
  | 'party.need_publish'
  | 'party.need_claim'
  | 'party.service_done'
  | 'party.points_record'
  | 'party.points_reverse'
  | 'party.settings'
  | 'party.rankings_publish'
  | 'party.flag_unreported';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<PartyAuditAction, true> {}
}
